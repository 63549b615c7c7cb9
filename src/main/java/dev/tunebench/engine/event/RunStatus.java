package dev.tunebench.engine.event;

/** Final state of a run. */
public enum RunStatus {
    /** Ended normally: all epochs, or an early-stopping rule. */
    FINISHED,
    /** Ended by the user. */
    STOPPED,
    /** Ended by an error (see the message). */
    FAILED
}
