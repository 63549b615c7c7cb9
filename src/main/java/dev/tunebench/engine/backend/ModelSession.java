package dev.tunebench.engine.backend;

import dev.tunebench.engine.data.ArraySplit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A built, initialised model with its optimiser. Owned by one thread: every method must be called from the thread
 * that opened it (DJL objects and PyTorch's grad mode are per thread).
 */
public interface ModelSession extends AutoCloseable {

    /** Returns the number of trainable parameters. */
    long parameterCount();

    /** Returns every layer with its output shape, for a batch of the given size. */
    List<LayerShape> shapeTrace(int batchSize);

    /**
     * Reseeds every random source the model uses (dropout) at the start of an epoch, so that an epoch's randomness
     * depends only on the run seed and the epoch: a resumed run then repeats the uninterrupted one.
     */
    void seedEpoch(long seed);

    /**
     * Runs one optimiser step on the given samples: forward, loss, backward, global-norm clipping when the run's
     * config asks for it, then the optimiser update at {@code learningRate}.
     */
    StepResult trainStep(ArraySplit data, int[] indices, double learningRate);

    /** Returns loss and metrics over the whole split, in evaluation mode (no dropout, BatchNorm running stats). */
    EvalResult evaluate(ArraySplit data, int batchSize);

    /** Returns predictions for the first {@code n} samples: class index or target values, row by row. */
    float[][] predict(ArraySplit data, int n);

    /** Returns an in-memory copy of the weights (for restore-best). */
    Object snapshotWeights();

    /** Puts back weights taken by {@link #snapshotWeights()}. */
    void restoreWeights(Object snapshot);

    /** Writes weights and optimiser state (moments, step counts) as files into an existing, empty folder. */
    void save(Path folder) throws IOException;

    /** Reads weights, and the optimiser state when {@code withOptimizer}, from a folder written by save. */
    void load(Path folder, boolean withOptimizer) throws IOException;

    /** Returns the names of the files {@link #save} writes. */
    List<String> savedFileNames();

    @Override
    void close();
}
