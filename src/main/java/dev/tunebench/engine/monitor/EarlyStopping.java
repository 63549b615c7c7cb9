package dev.tunebench.engine.monitor;

import dev.tunebench.engine.config.EarlyStoppingSpec;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.StopReason;
import java.util.Locale;

/**
 * Early stopping with PyTorch Lightning's order of checks: check_finite, then stopping_threshold, then
 * divergence_threshold, then improvement ({@code current - min_delta} beats the best), then patience; plus Keras'
 * start_from_epoch and a wall-time budget. A pure object: feed it epoch metrics, read its decision. When the spec
 * is disabled it still tracks the best value but never asks to stop.
 *
 * <p>Not thread-safe except {@link #snapshot()}, which other threads may call at any time.
 */
public final class EarlyStopping {
    private final EarlyStoppingSpec spec;
    private final Monitor monitor;
    private int wait;
    private volatile Snapshot snapshot;

    /** Creates early stopping on the given monitor. */
    public EarlyStopping(EarlyStoppingSpec spec, MonitorSpec monitorSpec) {
        this.spec = spec;
        this.monitor = new Monitor(monitorSpec);
        publish();
    }

    /** Returns the monitor tracking the best value. */
    public Monitor monitor() {
        return monitor;
    }

    /** Returns the settings. */
    public EarlyStoppingSpec spec() {
        return spec;
    }

    /** Evaluates the criteria on one epoch's metrics and returns whether to stop, with the reason. */
    public StopDecision update(EpochMetrics metrics) {
        MonitorSpec ms = monitor.spec();
        String name = ms.metric();
        double current = metrics.metric(name);
        int epoch = metrics.epoch();
        StopDecision d = evaluate(epoch, current, name, ms);
        publish();
        return spec.enabled() || !d.stop() ? d : StopDecision.proceed(d.message());
    }

    private StopDecision evaluate(int epoch, double current, String name, MonitorSpec ms) {
        if (epoch <= spec.startFromEpoch()) {
            return StopDecision.proceed(String.format(Locale.ROOT,
                    "%s = %s at epoch %d; monitoring starts after epoch %d", name, fmt(current), epoch,
                    spec.startFromEpoch()));
        }
        boolean min = ms.mode() == MonitorSpec.Mode.MIN;
        if (spec.checkFinite() && !Double.isFinite(current)) {
            return StopDecision.stop(StopReason.NON_FINITE_METRIC, String.format(Locale.ROOT,
                    "%s = %s is not finite at epoch %d%s. Lower the learning rate and check the data "
                            + "(playbook tips 2 and 4).", name, fmt(current), epoch, bestClause()));
        }
        Double stopAt = spec.stoppingThreshold();
        if (stopAt != null && (min ? current < stopAt : current > stopAt)) {
            monitor.update(epoch, current);
            return StopDecision.stop(StopReason.STOPPING_THRESHOLD, String.format(Locale.ROOT,
                    "%s = %s reached the stopping threshold %s at epoch %d", name, fmt(current), fmt(stopAt),
                    epoch));
        }
        Double divergeAt = spec.divergenceThreshold();
        if (divergeAt != null && (min ? current > divergeAt : current < divergeAt)) {
            return StopDecision.stop(StopReason.DIVERGENCE_THRESHOLD, String.format(Locale.ROOT,
                    "%s = %s is %s than the divergence threshold %s at epoch %d%s", name, fmt(current),
                    min ? "higher" : "lower", fmt(divergeAt), epoch, bestClause()));
        }
        if (monitor.update(epoch, current)) {
            wait = 0;
            return StopDecision.proceed(String.format(Locale.ROOT, "%s improved to %s at epoch %d", name,
                    fmt(current), epoch));
        }
        wait++;
        if (wait >= spec.patience()) {
            return StopDecision.stop(StopReason.PATIENCE_EXHAUSTED, String.format(Locale.ROOT,
                    "%s did not improve by %s for %d epoch%s%s", name, fmt(ms.minDelta()), wait,
                    wait == 1 ? "" : "s", bestClause()));
        }
        return StopDecision.proceed(String.format(Locale.ROOT, "%s did not improve for %d of %d epochs%s", name,
                wait, spec.patience(), bestClause()));
    }

    /**
     * Returns a TIME_LIMIT decision when the wall-time budget is spent, else a decision to go on. Called between
     * batches as well as after epochs.
     */
    public StopDecision checkTime(double elapsedSeconds) {
        if (spec.timeLimitSeconds() > 0 && elapsedSeconds >= spec.timeLimitSeconds()) {
            return StopDecision.stop(StopReason.TIME_LIMIT, String.format(Locale.ROOT,
                    "time budget of %s spent after %.1f s%s", duration(spec.timeLimitSeconds()), elapsedSeconds,
                    bestClause()));
        }
        return StopDecision.proceed("");
    }

    private String bestClause() {
        return monitor.hasBest()
                ? String.format(Locale.ROOT, "; best %s at epoch %d", fmt(monitor.best()), monitor.bestEpoch())
                : "; no finite value yet";
    }

    private static String duration(long seconds) {
        return seconds % 60 == 0 ? (seconds / 60) + " min" : seconds + " s";
    }

    /** Formats a metric value compactly (4 significant digits). */
    public static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
                .replaceAll("\\.$", "");
    }

    private void publish() {
        MonitorSpec ms = monitor.spec();
        snapshot = new Snapshot(ms.metric(), ms.mode(), ms.minDelta(), monitor.best(), monitor.bestEpoch(), wait,
                spec.patience(), spec.stoppingThreshold(), spec.divergenceThreshold(), spec.enabled());
    }

    /** Returns the live state; safe from any thread. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** Returns the state to store in a checkpoint. */
    public State state() {
        return new State(monitor.state(), wait);
    }

    /** Restores a state taken by {@link #state()} (resume). */
    public void restore(State state) {
        monitor.restore(state.monitor());
        wait = state.waited();
        publish();
    }

    /**
     * Saved early-stopping state.
     *
     * @param monitor best value and epoch
     * @param waited  epochs waited without improvement
     */
    public record State(Monitor.State monitor, int waited) {
    }

    /**
     * Live state for the GUI.
     *
     * @param metric              monitored metric
     * @param mode                min or max
     * @param minDelta            min_delta
     * @param best                best value, NaN when none
     * @param bestEpoch           its epoch, 0 when none
     * @param waited              epochs waited without improvement
     * @param patience            patience
     * @param stoppingThreshold   stopping threshold or null
     * @param divergenceThreshold divergence threshold or null
     * @param enabled             whether early stopping may end the run
     */
    public record Snapshot(String metric, MonitorSpec.Mode mode, double minDelta, double best, int bestEpoch,
                           int waited, int patience, Double stoppingThreshold, Double divergenceThreshold,
                           boolean enabled) {

        /** Returns the epochs of patience left before a stop. */
        public int epochsLeft() {
            return Math.max(0, patience - waited);
        }

        /** Returns the value a new epoch must beat to count as an improvement (best -/+ min_delta). */
        public double threshold() {
            return mode == MonitorSpec.Mode.MIN ? best - minDelta : best + minDelta;
        }
    }
}
