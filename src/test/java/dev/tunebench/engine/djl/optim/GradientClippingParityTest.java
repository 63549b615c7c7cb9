package dev.tunebench.engine.djl.optim;

import dev.tunebench.engine.djl.Fixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link GradientClipping} against {@code torch.nn.utils.clip_grad_norm_} (fixtures/clipping.json). */
@Tag("djl")
class GradientClippingParityTest {

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonElement e : Fixtures.load("clipping.json").getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            out.add(Arguments.of(c.get("name").getAsString(), c));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTorch(String name, JsonObject c) {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray> grads = new ArrayList<>();
            for (JsonElement g : c.getAsJsonArray("gradients")) {
                JsonObject o = g.getAsJsonObject();
                grads.add(manager.create(Fixtures.floats(o.getAsJsonArray("data")),
                        new Shape(Fixtures.longs(o.getAsJsonArray("shape")))));
            }
            GradientClipping.ClipResult result =
                    GradientClipping.clipByGlobalNorm(grads, c.get("maxNorm").getAsDouble());
            double normBefore = c.get("normBefore").getAsDouble();
            double normAfter = c.get("normAfter").getAsDouble();
            assertTrue(Fixtures.within(result.normBefore(), normBefore), name + " norm before " + result);
            assertTrue(Fixtures.within(result.normAfter(), normAfter), name + " norm after " + result);
            assertEquals(c.get("clipped").getAsBoolean(), result.clipped(), name);
            for (int i = 0; i < grads.size(); i++) {
                float[] java = grads.get(i).toFloatArray();
                float[] torch = Fixtures.floats(c.getAsJsonArray("clippedGradients").get(i).getAsJsonArray());
                for (int k = 0; k < java.length; k++) {
                    assertTrue(Fixtures.within(java[k], torch[k]),
                            name + " gradient " + i + "[" + k + "]: java " + java[k] + " torch " + torch[k]);
                }
            }
        }
    }

    @Test
    void zeroMaxNormReportsTheNormWithoutClipping() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray g = manager.create(new float[] {3f, 4f});
            GradientClipping.ClipResult result = GradientClipping.clipByGlobalNorm(List.of(g), 0);
            assertEquals(5.0, result.normBefore(), 1e-6);
            assertEquals(5.0, result.normAfter(), 1e-6);
            assertFalse(result.clipped());
            assertEquals(3f, g.toFloatArray()[0]);
        }
    }

    @Test
    void nonFiniteNormLeavesGradientsUntouched() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray g = manager.create(new float[] {Float.NaN, 4f});
            GradientClipping.ClipResult result = GradientClipping.clipByGlobalNorm(List.of(g), 1.0);
            assertTrue(Double.isNaN(result.normBefore()));
            assertFalse(result.clipped());
            assertEquals(4f, g.toFloatArray()[1]);
        }
    }
}
