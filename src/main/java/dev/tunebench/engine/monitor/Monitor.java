package dev.tunebench.engine.monitor;

import dev.tunebench.engine.config.MonitorSpec;

/**
 * Tracks the best value of one metric (Keras' MonitorCallback). Comparisons are against the best value so far,
 * never the previous epoch, and a NaN or infinite value is never an improvement.
 */
public final class Monitor {
    private final MonitorSpec spec;
    private double best = Double.NaN;
    private int bestEpoch;

    /** Creates a monitor with no best value yet. */
    public Monitor(MonitorSpec spec) {
        this.spec = spec;
    }

    /** Returns the monitored metric, mode and min_delta. */
    public MonitorSpec spec() {
        return spec;
    }

    /**
     * Returns whether {@code value} would be an improvement: finite, and better than the best by more than
     * min_delta (Lightning: {@code monitor_op(current - min_delta, best)} with min_delta signed by the mode) (the first finite value always is).
     */
    public boolean isImprovement(double value) {
        if (!Double.isFinite(value)) {
            return false;
        }
        if (!hasBest()) {
            return true;
        }
        return spec.mode() == MonitorSpec.Mode.MIN
                ? value + spec.minDelta() < best
                : value - spec.minDelta() > best;
    }

    /** Records the value of an epoch and returns whether it improved on the best. */
    public boolean update(int epoch, double value) {
        boolean improved = isImprovement(value);
        if (improved) {
            best = value;
            bestEpoch = epoch;
        }
        return improved;
    }

    /** Returns whether a finite value has been seen. */
    public boolean hasBest() {
        return bestEpoch > 0;
    }

    /** Returns the best value, or NaN when none. */
    public double best() {
        return best;
    }

    /** Returns the epoch of the best value, or 0 when none. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** Returns whether {@code a} is better than {@code b} in this monitor's mode, ignoring min_delta; NaN ranks worst. */
    public boolean better(double a, double b) {
        if (!Double.isFinite(a)) {
            return false;
        }
        if (!Double.isFinite(b)) {
            return true;
        }
        return spec.mode() == MonitorSpec.Mode.MIN ? a < b : a > b;
    }

    /** Returns the state for a checkpoint. */
    public State state() {
        return new State(best, bestEpoch);
    }

    /** Restores a state taken by {@link #state()}. */
    public void restore(State state) {
        best = state.best();
        bestEpoch = state.bestEpoch();
    }

    /**
     * Saved monitor state.
     *
     * @param best      best value or NaN
     * @param bestEpoch its epoch or 0
     */
    public record State(double best, int bestEpoch) {
    }
}
