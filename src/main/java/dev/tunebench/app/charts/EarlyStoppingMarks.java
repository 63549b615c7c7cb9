package dev.tunebench.app.charts;

import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.monitor.EarlyStopping;

/**
 * What the charts draw for early stopping: the best point, the value a new epoch must beat, and the patience
 * window. The model derives it from the run's monitor settings and epoch metrics; the GUI may also set it from
 * the engine's own {@code EarlyStopping.snapshot()} so that the chart shows exactly the engine's state.
 *
 * @param monitor   monitored metric, e.g. {@code val_loss}
 * @param mode      whether lower or higher is better
 * @param best      best value, NaN when none yet
 * @param bestEpoch epoch of the best value, 0 when none yet
 * @param waitCount epochs since the best without improvement
 * @param patience  epochs without improvement that stop the run, 0 when early stopping is off
 * @param minDelta  amount a value must beat the best by to count as an improvement
 * @param stoppingThreshold   value that stops the run once reached, or null
 * @param divergenceThreshold value that stops the run once passed the wrong way, or null
 */
public record EarlyStoppingMarks(String monitor, MonitorSpec.Mode mode, double best, int bestEpoch, int waitCount,
                                 int patience, double minDelta, Double stoppingThreshold,
                                 Double divergenceThreshold) {

    /** Returns marks without stopping or divergence thresholds. */
    public EarlyStoppingMarks(String monitor, MonitorSpec.Mode mode, double best, int bestEpoch, int waitCount,
                              int patience, double minDelta) {
        this(monitor, mode, best, bestEpoch, waitCount, patience, minDelta, null, null);
    }

    /** Returns the marks of the engine's live early-stopping state; patience 0 when early stopping is off. */
    public static EarlyStoppingMarks of(EarlyStopping.Snapshot s) {
        return new EarlyStoppingMarks(s.metric(), s.mode(), s.best(), s.bestEpoch(), s.waited(),
                s.enabled() ? s.patience() : 0, s.minDelta(), s.stoppingThreshold(), s.divergenceThreshold());
    }

    /** Returns whether a finite best value exists. */
    public boolean hasBest() {
        return bestEpoch > 0 && Double.isFinite(best);
    }

    /** Returns the value a new epoch must beat to count as an improvement: best - minDelta (MIN), best + minDelta (MAX). */
    public double threshold() {
        return mode == MonitorSpec.Mode.MIN ? best - minDelta : best + minDelta;
    }

    /** Returns the epochs left before patience runs out, never negative; 0 when early stopping is off. */
    public int epochsLeft() {
        return Math.max(0, patience - waitCount);
    }

    /** Returns the last epoch of the patience window: the run stops after it without an improvement. */
    public int patienceEndEpoch() {
        return bestEpoch + patience;
    }
}
