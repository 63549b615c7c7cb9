package dev.tunebench.engine.djl.template;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.tunebench.engine.config.ResNetModelSpec;

/**
 * ReLU or LeakyReLU (tip 11) as a block with a known output shape (DJL's lambda blocks find their shape by running
 * on zeros).
 */
public final class ActivationLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final ResNetModelSpec.Activation kind;
    private final float slope;

    /** Creates the activation; {@code slope} is LeakyReLU's negative slope. */
    public ActivationLayer(ResNetModelSpec.Activation kind, double slope) {
        super(VERSION);
        this.kind = kind;
        this.slope = (float) slope;
    }

    /** Applies the activation to an array. */
    public NDArray apply(NDArray x) {
        return kind == ResNetModelSpec.Activation.LEAKY_RELU ? Activation.leakyRelu(x, slope) : Activation.relu(x);
    }

    /** Returns a display name such as {@code relu} or {@code leaky_relu(0.01)}. */
    public String label() {
        return kind == ResNetModelSpec.Activation.LEAKY_RELU ? "leaky_relu(" + slope + ")" : "relu";
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(inputs.head()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
