package dev.tunebench.engine.smoothing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parity with TensorBoard's smoothing, from fixtures made by generate_smoothing_fixtures.py. */
class DebiasedEmaTest {

    private static JsonObject fixture() throws IOException {
        String name = "/fixtures/smoothing/tensorboard_ema.json";
        try (InputStream in = DebiasedEmaTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }

    private static double decode(JsonElement e) {
        if (e.getAsJsonPrimitive().isString()) {
            return Double.parseDouble(e.getAsString()); // "NaN", "Infinity", "-Infinity"
        }
        return e.getAsDouble();
    }

    private static double[] decode(JsonArray a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = decode(a.get(i));
        }
        return out;
    }

    private static void assertClose(double expected, double actual, String where) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), where + ": expected NaN, got " + actual);
        } else if (Double.isInfinite(expected)) {
            assertEquals(expected, actual, where);
        } else {
            assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), where);
        }
    }

    @Test
    void batchSmoothingMatchesTensorBoardFixtures() throws IOException {
        JsonArray cases = fixture().getAsJsonArray("cases");
        assertTrue(cases.size() >= 40, "fixture has too few cases: " + cases.size());
        for (JsonElement c : cases) {
            JsonObject o = c.getAsJsonObject();
            double w = o.get("weight").getAsDouble();
            double[] values = decode(o.getAsJsonArray("values"));
            double[] expected = decode(o.getAsJsonArray("expected"));
            double[] actual = DebiasedEma.smooth(values, w);
            assertEquals(expected.length, actual.length);
            for (int i = 0; i < expected.length; i++) {
                assertClose(expected[i], actual[i], o.get("name").getAsString() + " w=" + w + " [" + i + "]");
            }
        }
    }

    @Test
    void incrementalSmoothingAndReweightingMatchBatchSmoothing() throws IOException {
        for (JsonElement c : fixture().getAsJsonArray("cases")) {
            JsonObject o = c.getAsJsonObject();
            double w = o.get("weight").getAsDouble();
            double[] values = decode(o.getAsJsonArray("values"));
            double[] expected = decode(o.getAsJsonArray("expected"));
            // Built at another weight, then switched (the slider), while points keep arriving.
            DebiasedEma ema = new DebiasedEma(0.5);
            int half = values.length / 2;
            for (int i = 0; i < half; i++) {
                ema.add(values[i]);
            }
            ema.setWeight(w);
            for (int i = half; i < values.length; i++) {
                ema.add(values[i]);
            }
            for (int i = 0; i < expected.length; i++) {
                String where = o.get("name").getAsString() + " w=" + w + " [" + i + "]";
                assertClose(expected[i], ema.smoothedAt(i), where);
                assertClose(expected[i], ema.smoothedBackingArray()[i], where);
            }
        }
    }

    @Test
    void constantSeriesStaysExactlyConstantUntilItChanges() {
        DebiasedEma ema = new DebiasedEma(0.999);
        for (int i = 0; i < 1000; i++) {
            ema.add(0.1);
        }
        for (int i = 0; i < 1000; i++) {
            assertEquals(0.1, ema.smoothedAt(i));
        }
        ema.add(0.2);
        // Once the series is not constant every value is the smoothed one, as TensorBoard recomputes it.
        double[] all = new double[1001];
        for (int i = 0; i < 1001; i++) {
            all[i] = ema.rawAt(i);
        }
        double[] expected = DebiasedEma.smooth(all, 0.999);
        for (int i = 0; i < 1001; i++) {
            assertEquals(expected[i], ema.smoothedAt(i));
        }
        assertTrue(ema.smoothedAt(1000) > 0.1 && ema.smoothedAt(1000) < 0.2);
    }

    @Test
    void weightZeroIsIdentityAndNonFiniteWeightCountsAsZero() {
        double[] v = {3, 1, 4, 1, 5, 9, 2, 6};
        List<double[]> outs = new ArrayList<>();
        outs.add(DebiasedEma.smooth(v, 0));
        outs.add(DebiasedEma.smooth(v, Double.NaN));
        outs.add(DebiasedEma.smooth(v, -3));
        for (double[] out : outs) {
            for (int i = 0; i < v.length; i++) {
                assertEquals(v[i], out[i], 1e-15);
            }
        }
        assertEquals(1.0, DebiasedEma.clampWeight(7));
        double[] heavy = DebiasedEma.smooth(v, 0.9);
        assertEquals(3.0, heavy[0], 1e-12, "debiasing makes the first smoothed value equal the first value");
        assertFalse(heavy[5] == v[5]);
    }
}
