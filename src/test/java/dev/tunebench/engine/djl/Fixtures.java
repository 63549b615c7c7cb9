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
}
