package dev.tunebench.engine.djl.template;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A sequence of blocks, each under a readable name ({@code embedding}, {@code lstm1}, ...). DJL's SequentialBlock
 * names children after their class, which makes a shape trace (tip 2) hard to read.
 */
public final class NamedStack extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Creates an empty stack. */
    public NamedStack() {
        super(VERSION);
    }

    /** Appends a block under a name and returns this stack. */
    public NamedStack add(String name, Block block) {
        addChildBlock(name, block);
        return this;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList current = inputs;
        for (Block child : children.values()) {
            current = child.forward(store, current, training, params);
        }
        return current;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : children.values()) {
            child.initialize(manager, dataType, shapes);
            shapes = child.getOutputShapes(shapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : children.values()) {
            shapes = child.getOutputShapes(shapes);
        }
        return shapes;
    }

    /** Returns the name a child was added under, without DJL's two-digit position prefix. */
    public static String displayName(String childKey) {
        return childKey.length() > 2 && Character.isDigit(childKey.charAt(0)) && Character.isDigit(childKey.charAt(1))
                ? childKey.substring(2) : childKey;
    }
}
