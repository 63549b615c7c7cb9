package dev.tunebench.engine.djl.template;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.tunebench.engine.config.RecurrentModelSpec.SequenceOutput;

/**
 * Turns a recurrent output (B, T, D) into one vector per sample (B, D): the last step, or the mean over time. For a
 * bidirectional output, "last" takes the forward half at the last step and the backward half at the first step
 * (where the backward direction has read the whole sequence), as the final hidden states of PyTorch's LSTM are.
 */
public final class SequencePooling extends AbstractBlock {

    private static final byte VERSION = 1;

    private final SequenceOutput mode;
    private final boolean bidirectional;

    /** Creates a pooling of the given kind; {@code bidirectional} says the last axis holds two directions. */
    public SequencePooling(SequenceOutput mode, boolean bidirectional) {
        super(VERSION);
        this.mode = mode;
        this.bidirectional = bidirectional;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        if (mode == SequenceOutput.MEAN) {
            return new NDList(x.mean(new int[] {1}));
        }
        if (!bidirectional) {
            return new NDList(x.get(new NDIndex(":, -1, :")));
        }
        long half = x.getShape().get(2) / 2;
        NDArray forward = x.get(new NDIndex(":, -1, :{}", half));
        NDArray backward = x.get(new NDIndex(":, 0, {}:", half));
        return new NDList(NDArrays.concat(new NDList(forward, backward), 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(2))};
    }
}
