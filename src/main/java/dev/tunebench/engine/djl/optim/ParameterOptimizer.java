package dev.tunebench.engine.djl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * An optimiser with PyTorch semantics that updates DJL parameter arrays in place. State (moments, step counts) is
 * kept per parameter position in the list, which must be the same list, in the same order, at every step.
 */
public interface ParameterOptimizer {

    /** Updates every parameter in place from its gradient at the given learning rate. */
    void step(List<NDArray> parameters, List<NDArray> gradients, double learningRate);

    /** Returns the number of steps taken. */
    long stepCount();

    /** Writes the optimiser state. */
    void save(DataOutputStream out) throws IOException;

    /** Reads state written by {@link #save}; arrays are created on the given manager. */
    void load(DataInputStream in, NDManager manager) throws IOException;
}
