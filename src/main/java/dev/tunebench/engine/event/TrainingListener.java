package dev.tunebench.engine.event;

/**
 * Receives a run's events on the training thread. Implementations must return quickly: hand the record to
 * another thread (the GUI does so through a coalescing queue) rather than doing slow work here.
 */
public interface TrainingListener {
    /** Called once before the first batch. */
    default void onRunStart(RunStarted event) {
    }

    /** Called after every optimiser step. */
    default void onBatchEnd(BatchMetrics metrics) {
    }

    /** Called after every epoch's validation. */
    default void onEpochEnd(EpochMetrics metrics) {
    }

    /** Called when something failed that the run survives, e.g. a checkpoint that could not be written. */
    default void onWarning(RunWarning warning) {
    }

    /** Called once when the run ends, however it ends. */
    default void onRunEnd(RunFinished event) {
    }
}
