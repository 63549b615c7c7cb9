package dev.tunebench.engine.djl.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.ResNetModelSpec;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Weight initialisers with {@code torch.nn.init} semantics (tip 10). Random numbers come from the manager's
 * generator, so {@code Engine.getInstance().setRandomSeed(seed)} makes them reproducible.
 */
public final class Initializers {
    private Initializers() {
    }

    /**
     * Returns the initialiser of conv / linear / input-to-hidden weights. Fans follow torch's
     * {@code _calculate_fan_in_and_fan_out}: for a shape {@code (out, in, k...)}, {@code fan_in = in * prod(k)} and
     * {@code fan_out = out * prod(k)} (a 1-D shape uses its length for both).
     * <ul>
     *   <li>He/Kaiming normal: {@code N(0, gain/sqrt(fan_in))}; uniform: {@code U(-b, b)},
     *       {@code b = gain*sqrt(3/fan_in)}; gain {@code sqrt(2)} for ReLU, {@code sqrt(2/(1+slope^2))} for
     *       LeakyReLU ({@code kaiming_normal_(mode='fan_in')}).</li>
     *   <li>Xavier/Glorot normal: {@code N(0, sqrt(2/(fan_in+fan_out)))}; uniform: {@code b = sqrt(6/(fan_in+fan_out))}
     *       (gain 1, Glorot's scale; DJL's no-argument {@code XavierInitializer} is sqrt(2) wider).</li>
     * </ul>
     *
     * @param scheme     the initialisation scheme
     * @param activation the activation following the layer (used by He)
     * @param leakySlope the LeakyReLU negative slope (used with {@code LEAKY_RELU})
     */
    public static Initializer weights(ModelSpec.InitScheme scheme, ResNetModelSpec.Activation activation,
                                      double leakySlope) {
        double heGain = activation == ResNetModelSpec.Activation.LEAKY_RELU
                ? Math.sqrt(2.0 / (1 + leakySlope * leakySlope))
                : Math.sqrt(2.0);
        return (manager, shape, dataType) -> {
            long[] fans = fans(shape);
            double fanIn = fans[0];
            double fanOut = fans[1];
            return switch (scheme) {
                case HE_NORMAL -> normal(manager, heGain / Math.sqrt(fanIn), shape, dataType);
                case HE_UNIFORM -> uniform(manager, heGain * Math.sqrt(3.0 / fanIn), shape, dataType);
                case XAVIER_NORMAL -> normal(manager, Math.sqrt(2.0 / (fanIn + fanOut)), shape, dataType);
                case XAVIER_UNIFORM -> uniform(manager, Math.sqrt(6.0 / (fanIn + fanOut)), shape, dataType);
            };
        };
    }

    /**
     * Returns {@code torch.nn.init.orthogonal_} applied to each gate's block of a recurrent hidden-to-hidden weight
     * of shape {@code (gates*H, H)} (DJL stacks the gates along the first axis), times {@code gain}: every block
     * {@code W_g} satisfies {@code W_g^T W_g = gain^2 I}. Each block is a normal matrix's QR factor {@code Q} with the
     * signs of {@code R}'s diagonal folded in, as torch does.
     *
     * @param gates number of gate blocks (LSTM 4, GRU 3, plain RNN 1)
     * @param gain  scale of the orthogonal blocks
     */
    public static Initializer orthogonal(int gates, double gain) {
        if (gates < 1) {
            throw new IllegalArgumentException("orthogonal: gates must be >= 1, got " + gates);
        }
        return (manager, shape, dataType) -> {
            if (shape.dimension() < 2) {
                throw new IllegalArgumentException("orthogonal initialisation needs a matrix, got shape " + shape);
            }
            long rowsTotal = shape.get(0);
            if (rowsTotal % gates != 0) {
                throw new IllegalArgumentException("orthogonal: first dimension " + rowsTotal + " of shape " + shape
                        + " is not a multiple of " + gates + " gates");
            }
            int rows = Math.toIntExact(rowsTotal / gates);
            int cols = Math.toIntExact(shape.size() / rowsTotal);
            float[] out = new float[Math.toIntExact(shape.size())];
            for (int g = 0; g < gates; g++) {
                double[][] block = Orthogonal.draw(normalMatrix(manager, rows, cols), rows, cols);
                int offset = g * rows * cols;
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        out[offset + r * cols + c] = (float) (gain * block[r][c]);
                    }
                }
            }
            return asType(manager.create(out, shape), dataType);
        };
    }

    /**
     * Returns the bias initialiser of an LSTM's input-to-hidden biases: zeros, with the forget-gate block set to 1
     * when {@code forgetGateOne} (Jozefowicz et al. 2015; tip 10). DJL's PyTorch LSTM stacks the gates in torch's
     * order (input, forget, cell, output), so the forget gate is the second quarter. Only the input-to-hidden bias
     * gets the 1; the hidden-to-hidden bias stays 0, so the effective forget bias is 1, as in Keras.
     */
    public static Initializer lstmInputBias(boolean forgetGateOne) {
        return (manager, shape, dataType) -> {
            if (shape.dimension() != 1 || shape.get(0) % 4 != 0) {
                throw new IllegalArgumentException("LSTM bias must have shape (4*H), got " + shape);
            }
            int hidden = Math.toIntExact(shape.get(0) / 4);
            float[] values = new float[4 * hidden];
            if (forgetGateOne) {
                Arrays.fill(values, hidden, 2 * hidden, 1f);
            }
            return asType(manager.create(values, shape), dataType);
        };
    }

    /** Returns whether a parameter is a recurrent hidden-to-hidden weight (DJL names them {@code l<k>_h2h_WEIGHT}). */
    public static Predicate<Parameter> recurrentHiddenWeights() {
        return p -> p.getType() == Parameter.Type.WEIGHT && p.getName().contains("h2h");
    }

    /** Returns whether a parameter is a recurrent input-to-hidden weight ({@code l<k>_i2h_WEIGHT}). */
    public static Predicate<Parameter> recurrentInputWeights() {
        return p -> p.getType() == Parameter.Type.WEIGHT && p.getName().contains("i2h");
    }

    /** Returns whether a parameter is a recurrent input-to-hidden bias ({@code l<k>_i2h_BIAS}). */
    public static Predicate<Parameter> recurrentInputBiases() {
        return p -> p.getType() == Parameter.Type.BIAS && p.getName().contains("i2h");
    }

    /** Returns {fan_in, fan_out} as torch computes them. */
    static long[] fans(Shape shape) {
        if (shape.dimension() < 2) {
            long n = shape.dimension() == 0 ? 1 : shape.get(0);
            return new long[] {n, n};
        }
        long receptive = 1;
        for (int d = 2; d < shape.dimension(); d++) {
            receptive *= shape.get(d);
        }
        return new long[] {shape.get(1) * receptive, shape.get(0) * receptive};
    }

    private static NDArray asType(NDArray floats, DataType dataType) {
        if (dataType == DataType.FLOAT32) {
            return floats;
        }
        try (floats) {
            return floats.toType(dataType, false);
        }
    }

    private static double[][] normalMatrix(NDManager manager, int rows, int cols) {
        float[] flat;
        try (NDArray draw = manager.randomNormal(0f, 1f, new Shape(rows, cols), DataType.FLOAT32)) {
            flat = draw.toFloatArray();
        }
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = flat[r * cols + c];
            }
        }
        return m;
    }

    private static NDArray normal(NDManager manager, double std, Shape shape, DataType dataType) {
        return manager.randomNormal(0f, (float) std, shape, dataType);
    }

    private static NDArray uniform(NDManager manager, double bound, Shape shape, DataType dataType) {
        return manager.randomUniform((float) -bound, (float) bound, shape, dataType);
    }
}
