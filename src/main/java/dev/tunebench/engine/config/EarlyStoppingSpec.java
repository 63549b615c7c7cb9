package dev.tunebench.engine.config;

/**
 * Early stopping on the run's monitor (tip 3), with Lightning's order of checks and Keras' start_from_epoch.
 *
 * @param enabled              whether early stopping may end the run (the best weights are restored either way)
 * @param patience             epochs without improvement before stopping
 * @param stoppingThreshold    stop once the monitor reaches this value; null = none
 * @param divergenceThreshold  stop once the monitor is worse than this value; null = none
 * @param checkFinite          stop when the monitor is NaN or infinite
 * @param startFromEpoch       epochs (1-based count) before patience starts counting
 * @param timeLimitSeconds     stop after this much wall time; 0 = none
 * @param restoreBest          restore the best weights at the end of the run, whatever ended it
 */
public record EarlyStoppingSpec(
        boolean enabled,
        int patience,
        Double stoppingThreshold,
        Double divergenceThreshold,
        boolean checkFinite,
        int startFromEpoch,
        long timeLimitSeconds,
        boolean restoreBest) {

    /** Returns patience 5, finite check on, best weights restored. */
    public static EarlyStoppingSpec defaults() {
        return new EarlyStoppingSpec(true, 5, null, null, true, 0, 0, true);
    }
}
