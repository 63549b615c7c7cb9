package dev.tunebench.app.model;

/** Cooperative control of a started run: every call only sets a flag the training thread reads between batches. */
public interface RunHandle {
    /** Asks the run to pause after the current batch. */
    void pause();

    /** Lets a paused run continue. */
    void resume();

    /** Asks the run to stop after the current batch; checkpoints already written are kept. */
    void stop();

    /** Returns whether the run is paused. */
    boolean isPaused();

    /** Returns whether the training thread is still running. */
    boolean isAlive();
}
