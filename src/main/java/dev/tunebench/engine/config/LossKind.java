package dev.tunebench.engine.config;

/** Training loss. Classification uses {@link #CROSS_ENTROPY}; regression one of the others. */
public enum LossKind {
    CROSS_ENTROPY, MSE, L1, HUBER;

    /** Returns the default loss of a task. */
    public static LossKind defaultFor(Task task) {
        return task == Task.CLASSIFICATION ? CROSS_ENTROPY : MSE;
    }

    /** Returns whether this loss can train the given task. */
    public boolean fits(Task task) {
        return (this == CROSS_ENTROPY) == (task == Task.CLASSIFICATION);
    }
}
