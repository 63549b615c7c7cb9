package dev.tunebench.app.training;

/** Where the window's run is. */
public enum RunState {
    /** No run yet, or the last one ended. */
    IDLE,
    /** Start pressed; the training thread is building the model. */
    STARTING,
    /** Training. */
    RUNNING,
    /** Paused between batches. */
    PAUSED,
    /** Stop pressed; the current batch and checkpoint write finish first. */
    STOPPING;

    /** Returns whether a training thread is alive in this state. */
    public boolean isActive() {
        return this != IDLE;
    }
}
