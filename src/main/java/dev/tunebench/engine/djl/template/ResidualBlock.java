package dev.tunebench.engine.djl.template;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.tunebench.engine.config.ResNetModelSpec;

/**
 * A basic residual block (two 3x3 convolutions): {@code act(main(x) + shortcut(x))}. The shortcut is the identity
 * when the shape is unchanged and a strided 1x1 convolution (with BatchNorm when on) where it changes. With
 * shortcuts off (tip 19, for comparison) the block is just {@code act(main(x))}.
 */
public final class ResidualBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final NamedStack main;
    private final NamedStack projection;
    private final boolean shortcut;
    private final ActivationLayer activation;

    /**
     * Creates a block.
     *
     * @param inChannels  channels of the input
     * @param outChannels channels of the output
     * @param stride      stride of the first convolution (2 at the start of a new stage)
     * @param shortcut    whether to add the shortcut
     * @param batchNorm   whether BatchNorm follows each convolution
     * @param kind        activation
     * @param slope       LeakyReLU slope
     */
    public ResidualBlock(int inChannels, int outChannels, int stride, boolean shortcut, boolean batchNorm,
            ResNetModelSpec.Activation kind, double slope) {
        super(VERSION);
        this.shortcut = shortcut;
        this.activation = new ActivationLayer(kind, slope);
        NamedStack m = new NamedStack();
        m.add("conv1", conv(outChannels, 3, stride, batchNorm));
        if (batchNorm) {
            m.add("bn1", BatchNorm.builder().build());
        }
        m.add("act1", new ActivationLayer(kind, slope));
        m.add("conv2", conv(outChannels, 3, 1, batchNorm));
        if (batchNorm) {
            m.add("bn2", BatchNorm.builder().build());
        }
        main = addChildBlock("main", m);
        if (shortcut && (inChannels != outChannels || stride != 1)) {
            NamedStack p = new NamedStack();
            p.add("conv1x1", conv(outChannels, 1, stride, batchNorm));
            if (batchNorm) {
                p.add("bn", BatchNorm.builder().build());
            }
            projection = addChildBlock("projection", p);
        } else {
            projection = null;
        }
    }

    /** Returns a square convolution with "same" padding; no bias when BatchNorm follows (it would cancel). */
    static Conv2d conv(int filters, int kernel, int stride, boolean batchNorm) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(filters)
                .optBias(!batchNorm)
                .build();
    }

    /** Returns whether the shortcut is on. */
    public boolean hasShortcut() {
        return shortcut;
    }

    /** Returns the main path. */
    public Block mainPath() {
        return main;
    }

    /** Returns the 1x1 projection shortcut, or null for an identity shortcut or none. */
    public Block projectionPath() {
        return projection;
    }

    /** Returns a display name of the shortcut: identity, projection or none. */
    public String shortcutLabel() {
        return !shortcut ? "none" : projection == null ? "identity" : "projection";
    }

    /** Returns the activation after the sum. */
    public ActivationLayer activation() {
        return activation;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray y = main.forward(store, inputs, training, params).head();
        if (shortcut) {
            NDArray s = projection == null ? x : projection.forward(store, inputs, training, params).head();
            y = y.add(s);
        }
        return new NDList(activation.apply(y));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        main.initialize(manager, dataType, inputShapes);
        if (projection != null) {
            projection.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return main.getOutputShapes(inputShapes);
    }
}
