package dev.tunebench.engine.djl;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/** Loads the PyTorch fixtures written by {@code src/test/resources/fixtures/generate_fixtures.py}. */
public final class Fixtures {
    /** The parity bound: |java - torch| <= 1e-5*|torch| + 1e-6. */
    public static final double RELATIVE = 1e-5;
    public static final double ABSOLUTE = 1e-6;

    private Fixtures() {
    }

    public static JsonObject load(String name) throws IOException {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            assertNotNull(in, "missing fixture /fixtures/" + name + "; run generate_fixtures.py");
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return JsonParser.parseReader(reader).getAsJsonObject();
            }
        }
    }

    public static float[] floats(JsonArray array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsFloat();
        }
        return out;
    }

    /** Returns a fixture's shape array as a DJL shape. */
    public static Shape shape(JsonArray array) {
        return new Shape(longs(array));
    }

    public static long[] longs(JsonArray array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsLong();
        }
        return out;
    }

    public static double[] doubles(JsonArray array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement e = array.get(i);
            out[i] = e.isJsonNull() ? Double.NaN : e.getAsDouble();
        }
        return out;
    }

    public static boolean within(double java, double torch) {
        return Math.abs(java - torch) <= RELATIVE * Math.abs(torch) + ABSOLUTE;
    }

    /**
     * Returns the gradient of element {@code index} (flat over all parameters) at {@code step} (1-based) of the
     * stream that {@code generate_fixtures.py}'s {@code stream_gradient} draws: SplitMix64 over (seed, step, index)
     * gives {@code (noise + bias) * 2^-k}, exact in float32, so long fixtures need not store their gradients.
     */
    public static float streamGradient(long seed, long step, long index, int exponentLow, int exponentHigh) {
        long z = mix64((seed << 48) ^ (step << 24) ^ index);
        double noise = ((z >>> 40) - (1L << 23)) / (double) (1L << 23);
        int k = exponentLow + (int) (((z >>> 8) & 0xFFFF) % (exponentHigh - exponentLow + 1));
        double bias = index % 3 == 0 ? -0.25 : 0.25;
        return (float) Math.scalb(noise + bias, -k);
    }

    private static long mix64(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
