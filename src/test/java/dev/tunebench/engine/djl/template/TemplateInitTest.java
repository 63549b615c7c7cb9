package dev.tunebench.engine.djl.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.RecurrentModelSpec;
import dev.tunebench.engine.config.RecurrentModelSpec.RecurrentInit;
import dev.tunebench.engine.config.RecurrentModelSpec.SequenceOutput;
import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.data.InputSpec;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Checks that the templates apply the ModelSpec's initialisation to the right parameters. */
@Tag("djl")
class TemplateInitTest {

    private static final InputSpec TOKENS = new InputSpec(InputSpec.Kind.TOKENS, new int[] {5}, 30,
            Task.CLASSIFICATION, 3);

    private static ModelSpec spec(String template, boolean forget, RecurrentInit init, double gain) {
        return new RecurrentModelSpec(RecurrentModelSpec.Cell.ofId(template), 2, 4, 3, true, SequenceOutput.LAST,
                false, 0, 0, ModelSpec.InitScheme.HE_NORMAL, init, gain, forget);
    }

    private static List<Parameter> params(Block b, String prefix) {
        return b.getParameters().values().stream()
                .filter(p -> p.getName().startsWith(prefix)).toList();
    }

    @Test
    void lstmForgetGateBiasAndOrthogonalGateBlocks() {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelTemplate t = Templates.byId("lstm");
            Block b = t.build(spec("lstm", true, RecurrentInit.ORTHOGONAL, 2.0), TOKENS);
            b.initialize(m, DataType.FLOAT32, t.inputShapes(TOKENS, 1));
            // 2 layers x 2 directions.
            assertEquals(4, params(b, "bias_ih").size());
            for (Parameter p : params(b, "bias_ih")) {
                float[] v = p.getArray().toFloatArray();
                for (int i = 0; i < 12; i++) {
                    assertEquals(i >= 3 && i < 6 ? 1f : 0f, v[i], p.getName() + "[" + i + "]");
                }
            }
            for (Parameter p : params(b, "bias_hh")) {
                for (float f : p.getArray().toFloatArray()) {
                    assertEquals(0f, f, p.getName());
                }
            }
            for (Parameter p : params(b, "weight_hh")) {
                float[] w = p.getArray().toFloatArray();
                for (int g = 0; g < 4; g++) {
                    // W_g^T W_g = gain^2 I for each 3x3 gate block.
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 3; j++) {
                            double dot = 0;
                            for (int r = 0; r < 3; r++) {
                                dot += w[(g * 3 + r) * 3 + i] * w[(g * 3 + r) * 3 + j];
                            }
                            assertEquals(i == j ? 4.0 : 0.0, dot, 1e-4, p.getName() + " gate " + g);
                        }
                    }
                }
            }
        }
    }

    @Test
    void gruHasNoForgetGateAndSameAsInitIsNotOrthogonal() {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelTemplate t = Templates.byId("gru");
            Block b = t.build(spec("gru", true, RecurrentInit.SAME_AS_INIT, 1.0), TOKENS);
            ai.djl.engine.Engine.getInstance().setRandomSeed(3);
            b.initialize(m, DataType.FLOAT32, t.inputShapes(TOKENS, 1));
            for (Parameter p : params(b, "bias_")) {
                for (float f : p.getArray().toFloatArray()) {
                    assertEquals(0f, f, p.getName());
                }
            }
            Parameter hh = params(b, "weight_hh").get(0);
            float[] w = hh.getArray().toFloatArray();
            double norm = 0;
            for (int r = 0; r < 3; r++) {
                norm += w[r * 3] * w[r * 3];
            }
            assertTrue(Math.abs(norm - 1.0) > 1e-3, "He-initialised columns are not unit vectors: " + norm);
        }
    }
}
