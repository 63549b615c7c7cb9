package dev.tunebench.engine.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Optuna 3.1's PercentilePruner, and with percentile 50 its MedianPruner: prune a trial whose best value so far is
 * worse than the given percentile of the COMPLETE trials' values at the same epoch.
 *
 * <p>Epochs count from 1; Optuna's steps are the epoch minus one, so {@code warmupEpochs} w means the first w
 * epochs are never pruned (Optuna's n_warmup_steps), and with {@code intervalEpochs} k the checks fall on epochs
 * w+1, w+1+k, ... (interval_steps).
 */
public final class PercentilePruner implements Pruner {
    private final double percentile;
    private final int startupTrials;
    private final int warmupEpochs;
    private final int intervalEpochs;
    private final int minTrials;

    /**
     * Creates one.
     *
     * @param percentile     0..100: trials below this percentile of the others (in the objective's sense) go on
     * @param startupTrials  no pruning until this many trials are COMPLETE (Optuna: n_startup_trials 5)
     * @param warmupEpochs   epochs at the start of each trial that are never pruned (n_warmup_steps 0)
     * @param intervalEpochs epochs between checks (interval_steps 1)
     * @param minTrials      no pruning at an epoch that fewer COMPLETE trials reached (n_min_trials 1)
     */
    public PercentilePruner(double percentile, int startupTrials, int warmupEpochs, int intervalEpochs,
                            int minTrials) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in 0..100, got " + percentile);
        }
        if (startupTrials < 0) {
            throw new IllegalArgumentException("startupTrials must be at least 0, got " + startupTrials);
        }
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("warmupEpochs must be at least 0, got " + warmupEpochs);
        }
        if (intervalEpochs < 1) {
            throw new IllegalArgumentException("intervalEpochs must be at least 1, got " + intervalEpochs);
        }
        if (minTrials < 1) {
            throw new IllegalArgumentException("minTrials must be at least 1, got " + minTrials);
        }
        this.percentile = percentile;
        this.startupTrials = startupTrials;
        this.warmupEpochs = warmupEpochs;
        this.intervalEpochs = intervalEpochs;
        this.minTrials = minTrials;
    }

    /** Returns Optuna's MedianPruner with its defaults: 5 startup trials, no warm-up, every epoch, 1 trial. */
    public static PercentilePruner median() {
        return new PercentilePruner(50, 5, 0, 1, 1);
    }

    @Override
    public String name() {
        return percentile == 50 ? "median" : "percentile";
    }

    @Override
    public PruneDecision decide(Context context, TrialSnapshot trial) {
        Integer lastEpoch = trial.lastEpoch();
        if (lastEpoch == null) {
            return PruneDecision.keep(0);
        }
        int epoch = lastEpoch;
        List<TrialSnapshot> completed = context.trials().stream().filter(t -> t.state() == TrialState.COMPLETE)
                .toList();
        if (completed.isEmpty() || completed.size() < startupTrials) {
            return PruneDecision.keep(epoch);
        }
        int step = epoch - 1;
        if (step < warmupEpochs) {
            return PruneDecision.keep(epoch);
        }
        if (!firstInInterval(step, trial)) {
            return PruneDecision.keep(epoch);
        }
        Direction dir = context.direction();
        double best = Double.NaN;
        for (double v : trial.intermediate().values()) {
            if (!Double.isNaN(v) && (Double.isNaN(best) || dir.better(v, best))) {
                best = v;
            }
        }
        if (Double.isNaN(best)) {
            return PruneDecision.prune(epoch, "pruned at epoch " + epoch + ": " + context.metric()
                    + " has been NaN at every epoch");
        }
        List<Double> atEpoch = new ArrayList<>();
        for (TrialSnapshot t : completed) {
            Double v = t.intermediate().get(epoch);
            if (v != null) {
                atEpoch.add(v);
            }
        }
        if (atEpoch.size() < minTrials) {
            return PruneDecision.keep(epoch);
        }
        double q = dir == Direction.MAX ? 100 - percentile : percentile;
        double p = nanPercentile(atEpoch, q);
        if (Double.isNaN(p)) {
            return PruneDecision.keep(epoch);
        }
        boolean prune = dir == Direction.MAX ? best < p : best > p;
        if (!prune) {
            return PruneDecision.keep(epoch);
        }
        String of = percentile == 50 ? "the median" : "the " + Pruner.format(percentile) + "th percentile";
        String bestWord = trial.intermediate().size() > 1 ? "best " + context.metric() + " so far" : context.metric();
        return PruneDecision.prune(epoch, "pruned at epoch " + epoch + ": " + bestWord + " " + Pruner.format(best)
                + " is worse than " + of + " " + Pruner.format(p) + " of " + atEpoch.size() + " completed trial"
                + (atEpoch.size() == 1 ? "" : "s") + " at epoch " + epoch);
    }

    /** Returns whether this report is the first in its checking interval (Optuna's _is_first_in_interval_step). */
    private boolean firstInInterval(int step, TrialSnapshot trial) {
        int nearestLower = Math.floorDiv(step - warmupEpochs, intervalEpochs) * intervalEpochs + warmupEpochs;
        int secondLast = -1;
        for (int e : trial.intermediate().keySet()) {
            int s = e - 1;
            if (s > secondLast && s != step) {
                secondLast = s;
            }
        }
        return secondLast < nearestLower;
    }

    /** Returns numpy's nanpercentile(values, q) with linear interpolation; NaN when every value is NaN. */
    static double nanPercentile(List<Double> values, double q) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted()
                .toArray();
        if (a.length == 0) {
            return Double.NaN;
        }
        double virtual = (q / 100.0) * (a.length - 1);
        int prev = (int) Math.floor(virtual);
        int next = Math.min(prev + 1, a.length - 1);
        double t = virtual - prev;
        double lo = a[prev];
        double hi = a[next];
        double diff = hi - lo;
        // numpy's _lerp: from below for t < 0.5, from above otherwise (exact at both ends).
        return t >= 0.5 ? hi - diff * (1 - t) : lo + diff * t;
    }

    /** Returns the options as the sweep file names them. */
    public Map<String, Object> options() {
        return Map.of("startupTrials", startupTrials, "warmupEpochs", warmupEpochs, "intervalEpochs", intervalEpochs,
                "minTrials", minTrials);
    }
}
