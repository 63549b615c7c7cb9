package dev.tunebench.engine.djl.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.ResNetModelSpec.Activation;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("djl")
class InitializersTest {

    @Test
    void orthogonalGateBlocksSatisfyQTransposeQEqualsGainSquaredIdentity() {
        int hidden = 24;
        double gain = 1.5;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = Initializers.orthogonal(4, gain).initialize(manager, new Shape(4L * hidden, hidden),
                    DataType.FLOAT32);
            float[] data = w.toFloatArray();
            for (int g = 0; g < 4; g++) {
                double[][] block = block(data, g * hidden, hidden, hidden);
                assertGram(block, hidden, hidden, gain * gain, "gate " + g);
            }
            // The four gates are different draws, not one block repeated.
            assertFalse(data[0] == data[hidden * hidden] && data[1] == data[hidden * hidden + 1]);
        }
    }

    @Test
    void orthogonalWideBlocksHaveOrthonormalRows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = Initializers.orthogonal(3, 1.0).initialize(manager, new Shape(3 * 8, 12), DataType.FLOAT32);
            float[] data = w.toFloatArray();
            for (int g = 0; g < 3; g++) {
                double[][] block = block(data, g * 8, 8, 12);
                for (int i = 0; i < 8; i++) {
                    for (int j = 0; j < 8; j++) {
                        double dot = 0;
                        for (int k = 0; k < 12; k++) {
                            dot += block[i][k] * block[j][k];
                        }
                        assertEquals(i == j ? 1.0 : 0.0, dot, 1e-4, "row " + i + "." + j);
                    }
                }
            }
        }
    }

    @Test
    void householderQrMatchesTorchOrthogonalOnFixedMatrices() throws IOException {
        JsonObject root;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/orthogonal.json")) {
            assertTrue(in != null, "missing /fixtures/orthogonal.json; run generate_fixtures.py");
            root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
        for (JsonElement e : root.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            int rows = c.get("rows").getAsInt();
            int cols = c.get("cols").getAsInt();
            double[][] a = matrix(c.getAsJsonArray("normal"), rows, cols);
            double[][] torch = matrix(c.getAsJsonArray("q"), rows, cols);
            double[][] java = Orthogonal.draw(a, rows, cols);
            for (int r = 0; r < rows; r++) {
                assertArrayEquals(torch[r], java[r], 1e-10, rows + "x" + cols + " row " + r);
            }
        }
    }

    @Test
    void heAndGlorotHaveTheirTheoreticalStandardDeviations() {
        Shape conv = new Shape(128, 64, 3, 3); // fan_in 576, fan_out 1152
        double fanIn = 576;
        double fanOut = 1152;
        double leaky = 0.2;
        try (NDManager manager = NDManager.newBaseManager()) {
            assertStd(manager, Initializers.weights(ModelSpec.InitScheme.HE_NORMAL, Activation.RELU, 0),
                    conv, Math.sqrt(2 / fanIn));
            assertStd(manager, Initializers.weights(ModelSpec.InitScheme.HE_UNIFORM,
                    Activation.LEAKY_RELU, leaky), conv, Math.sqrt(2 / (1 + leaky * leaky)) / Math.sqrt(fanIn));
            assertStd(manager, Initializers.weights(ModelSpec.InitScheme.XAVIER_NORMAL, Activation.RELU, 0),
                    conv, Math.sqrt(2 / (fanIn + fanOut)));
            assertStd(manager, Initializers.weights(ModelSpec.InitScheme.XAVIER_UNIFORM, Activation.RELU,
                    0), conv, Math.sqrt(2 / (fanIn + fanOut)));
            // Linear (out, in): fan_in is the second dimension.
            assertStd(manager, Initializers.weights(ModelSpec.InitScheme.HE_NORMAL, Activation.RELU, 0),
                    new Shape(300, 1000), Math.sqrt(2 / 1000.0));
        }
    }

    @Test
    void uniformStaysWithinItsBound() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = Initializers.weights(ModelSpec.InitScheme.XAVIER_UNIFORM, Activation.RELU, 0)
                    .initialize(manager, new Shape(200, 100), DataType.FLOAT32);
            double bound = Math.sqrt(6.0 / 300);
            assertTrue(w.abs().max().getFloat() <= bound + 1e-7);
            assertTrue(w.abs().max().getFloat() > 0.95 * bound);
        }
    }

    @Test
    void sameEngineSeedGivesTheSameWeights() {
        Initializer he = Initializers.weights(ModelSpec.InitScheme.HE_NORMAL, Activation.RELU, 0);
        Initializer ortho = Initializers.orthogonal(4, 1.0);
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1234);
            float[] he1 = he.initialize(manager, new Shape(16, 8), DataType.FLOAT32).toFloatArray();
            float[] or1 = ortho.initialize(manager, new Shape(32, 8), DataType.FLOAT32).toFloatArray();
            Engine.getInstance().setRandomSeed(1234);
            float[] he2 = he.initialize(manager, new Shape(16, 8), DataType.FLOAT32).toFloatArray();
            float[] or2 = ortho.initialize(manager, new Shape(32, 8), DataType.FLOAT32).toFloatArray();
            Engine.getInstance().setRandomSeed(99);
            float[] or3 = ortho.initialize(manager, new Shape(32, 8), DataType.FLOAT32).toFloatArray();
            assertArrayEquals(he1, he2);
            assertArrayEquals(or1, or2);
            assertFalse(java.util.Arrays.equals(or1, or3), "another seed gives other weights");
        }
    }

    @Test
    void appliesToADjlLstmByParameterName() {
        int hidden = 16;
        try (NDManager manager = NDManager.newBaseManager()) {
            LSTM lstm = LSTM.builder().setStateSize(hidden).setNumLayers(2).optBatchFirst(true).build();
            lstm.setInitializer(Initializers.weights(ModelSpec.InitScheme.HE_NORMAL, Activation.RELU, 0),
                    Parameter.Type.WEIGHT);
            lstm.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
            lstm.setInitializer(Initializers.orthogonal(4, 1.0), Initializers.recurrentHiddenWeights());
            lstm.setInitializer(Initializers.lstmInputBias(true), Initializers.recurrentInputBiases());
            lstm.initialize(manager, DataType.FLOAT32, new Shape(2, 5, 8));
            int hiddenWeights = 0;
            int inputBiases = 0;
            for (Pair<String, Parameter> p : lstm.getParameters()) {
                NDArray a = p.getValue().getArray();
                if (p.getKey().contains("h2h") && p.getValue().getType() == Parameter.Type.WEIGHT) {
                    hiddenWeights++;
                    assertEquals(new Shape(4L * hidden, hidden), a.getShape());
                    float[] data = a.toFloatArray();
                    for (int g = 0; g < 4; g++) {
                        assertGram(block(data, g * hidden, hidden, hidden), hidden, hidden, 1.0, p.getKey());
                    }
                } else if (p.getKey().contains("i2h") && p.getValue().getType() == Parameter.Type.BIAS) {
                    inputBiases++;
                    float[] bias = a.toFloatArray();
                    assertEquals(0f, bias[0]);
                    assertEquals(1f, bias[hidden]);
                    assertEquals(1f, bias[2 * hidden - 1]);
                    assertEquals(0f, bias[2 * hidden]);
                }
            }
            assertEquals(2, hiddenWeights, "one hidden-to-hidden weight per layer");
            assertEquals(2, inputBiases, "one input-to-hidden bias per layer");
        }
    }

    @Test
    void orthogonalRejectsRowsThatAreNotAMultipleOfTheGates() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Initializers.orthogonal(4, 1.0).initialize(manager, new Shape(10, 5), DataType.FLOAT32));
            assertTrue(e.getMessage().contains("4 gates"), e.getMessage());
        }
    }

    private static void assertStd(NDManager manager, Initializer init, Shape shape, double expected) {
        Engine.getInstance().setRandomSeed(7);
        NDArray w = init.initialize(manager, shape, DataType.FLOAT32);
        float[] data = w.toFloatArray();
        double sum = 0;
        double sq = 0;
        for (float f : data) {
            sum += f;
            sq += (double) f * f;
        }
        double mean = sum / data.length;
        double std = Math.sqrt(sq / data.length - mean * mean);
        assertEquals(expected, std, 0.02 * expected, "std of " + shape);
        assertEquals(0, mean, 0.02 * expected);
    }

    private static void assertGram(double[][] block, int rows, int cols, double expected, String what) {
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < cols; j++) {
                double dot = 0;
                for (int k = 0; k < rows; k++) {
                    dot += block[k][i] * block[k][j];
                }
                assertEquals(i == j ? expected : 0.0, dot, 1e-4, what + " (Q^T Q)[" + i + "][" + j + "]");
            }
        }
    }

    private static double[][] block(float[] data, int firstRow, int rows, int cols) {
        double[][] b = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                b[r][c] = data[(firstRow + r) * cols + c];
            }
        }
        return b;
    }

    private static double[][] matrix(JsonArray flat, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = flat.get(r * cols + c).getAsDouble();
            }
        }
        return m;
    }
}
