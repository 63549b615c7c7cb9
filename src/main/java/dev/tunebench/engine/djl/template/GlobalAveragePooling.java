package dev.tunebench.engine.djl.template;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Averages each channel of (B, C, H, W) over its positions, giving (B, C). */
public final class GlobalAveragePooling extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Creates the pooling. */
    public GlobalAveragePooling() {
        super(VERSION);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        Shape s = x.getShape();
        // PyTorch's engine does not take a mean over several axes at once: flatten the positions first.
        return new NDList(x.reshape(s.get(0), s.get(1), -1).mean(new int[] {2}));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1))};
    }
}
