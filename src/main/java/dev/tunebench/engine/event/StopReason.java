package dev.tunebench.engine.event;

/** Why a run ended (after Lightning's EarlyStoppingReason, plus the engine's own). */
public enum StopReason {
    /** All epochs ran. */
    COMPLETED,
    /** The monitor did not improve for {@code patience} epochs. */
    PATIENCE_EXHAUSTED,
    /** The monitor reached the stopping threshold. */
    STOPPING_THRESHOLD,
    /** The monitor passed the divergence threshold. */
    DIVERGENCE_THRESHOLD,
    /** The monitored metric or the training loss became NaN or infinite. */
    NON_FINITE_METRIC,
    /** The time budget ran out. */
    TIME_LIMIT,
    /** The user pressed Stop. */
    USER_REQUESTED,
    /** An error ended the run. */
    ERROR
}
