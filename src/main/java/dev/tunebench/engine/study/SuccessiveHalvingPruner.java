package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asynchronous successive halving (ASHA), as Optuna 3.1's SuccessiveHalvingPruner: rung r sits at epoch
 * minResource * reductionFactor^(minEarlyStoppingRate + r); a trial reaching a rung records its value there and goes
 * on only if it is in the best 1/reductionFactor of the values recorded at that rung so far (the best one while
 * fewer than reductionFactor trials reached it). Promotion is asynchronous: no trial waits for others.
 *
 * <p>Resource is epochs trained: Optuna's step is the epoch. With {@code minResource} "auto" (null here) it is
 * estimated once as Optuna does, max(last epoch of the COMPLETE trials / 100, 1), when the first trial completes,
 * and recorded on the study so that every worker uses the same value.
 */
public final class SuccessiveHalvingPruner implements Pruner {
    /** The study attr that records the estimated min resource. */
    public static final String MIN_RESOURCE_ATTR = "asha.min_resource";

    private final Integer minResource;
    private final int reductionFactor;
    private final int minEarlyStoppingRate;
    private final int bootstrapCount;

    /**
     * Creates one.
     *
     * @param minResource          epochs before the first rung, at least 1; null for "auto"
     * @param reductionFactor      keep the best 1/reductionFactor at each rung, at least 2 (TuneBench default 3)
     * @param minEarlyStoppingRate rungs to skip at the start, at least 0 (Optuna: min_early_stopping_rate 0)
     * @param bootstrapCount       trials that must reach a rung before it promotes any, at least 0 (0)
     */
    public SuccessiveHalvingPruner(Integer minResource, int reductionFactor, int minEarlyStoppingRate,
                                   int bootstrapCount) {
        if (minResource != null && minResource < 1) {
            throw new IllegalArgumentException("minResource must be at least 1 or \"auto\", got " + minResource);
        }
        if (reductionFactor < 2) {
            throw new IllegalArgumentException("reductionFactor must be at least 2, got " + reductionFactor);
        }
        if (minEarlyStoppingRate < 0) {
            throw new IllegalArgumentException("minEarlyStoppingRate must be at least 0, got "
                    + minEarlyStoppingRate);
        }
        if (bootstrapCount < 0) {
            throw new IllegalArgumentException("bootstrapCount must be at least 0, got " + bootstrapCount);
        }
        if (bootstrapCount > 0 && minResource == null) {
            throw new IllegalArgumentException("bootstrapCount > 0 needs a minResource; \"auto\" cannot be used");
        }
        this.minResource = minResource;
        this.reductionFactor = reductionFactor;
        this.minEarlyStoppingRate = minEarlyStoppingRate;
        this.bootstrapCount = bootstrapCount;
    }

    /** Returns the TuneBench defaults: min resource "auto", reduction factor 3, rate 0, no bootstrap. */
    public static SuccessiveHalvingPruner defaults() {
        return new SuccessiveHalvingPruner(null, 3, 0, 0);
    }

    @Override
    public String name() {
        return "asha";
    }

    /** Returns the name of the trial attr that holds the value recorded at a rung. */
    public static String rungKey(int rung) {
        return "completed_rung_" + rung;
    }

    @Override
    public PruneDecision decide(Context context, TrialSnapshot trial) {
        Integer lastEpoch = trial.lastEpoch();
        if (lastEpoch == null) {
            return PruneDecision.keep(0);
        }
        int epoch = lastEpoch;
        int rung = 0;
        while (trial.attrs().containsKey(rungKey(rung))) {
            rung++;
        }
        double value = trial.intermediate().get(epoch);
        Map<String, Double> recorded = new HashMap<>();
        Map<String, JsonElement> studyAttrs = new HashMap<>();
        Integer resource = minResource;
        if (resource == null) {
            JsonElement known = context.studyAttrs().get(MIN_RESOURCE_ATTR);
            if (known != null) {
                resource = known.getAsInt();
            } else {
                resource = estimateMinResource(context.trials());
                if (resource == null) {
                    return PruneDecision.keep(epoch);
                }
                studyAttrs.put(MIN_RESOURCE_ATTR, new JsonPrimitive(resource));
            }
        }
        while (true) {
            long promotionEpoch = resource * pow(reductionFactor, minEarlyStoppingRate + rung);
            if (epoch < promotionEpoch) {
                return PruneDecision.keep(epoch).withAttrs(recorded, studyAttrs);
            }
            if (Double.isNaN(value)) {
                return PruneDecision.prune(epoch, "pruned at epoch " + epoch + ": " + context.metric() + " is NaN")
                        .withAttrs(recorded, studyAttrs);
            }
            String key = rungKey(rung);
            recorded.put(key, value);
            List<Double> competing = new ArrayList<>();
            for (TrialSnapshot t : context.trials()) {
                Double v = t.number() == trial.number() ? null : t.attrs().get(key);
                if (v != null) {
                    competing.add(v);
                }
            }
            competing.add(value);
            String where = "rung " + rung + " (epoch " + promotionEpoch + ")";
            if (competing.size() <= bootstrapCount) {
                return PruneDecision.prune(epoch, "pruned at epoch " + epoch + ": only " + competing.size()
                        + " trial(s) reached " + where + ", fewer than bootstrapCount " + bootstrapCount + " + 1")
                        .withAttrs(recorded, studyAttrs);
            }
            int idx = competing.size() / reductionFactor - 1;
            boolean first = idx == -1;
            if (first) {
                idx = 0;
            }
            Collections.sort(competing);
            Direction dir = context.direction();
            double cut = dir == Direction.MAX ? competing.get(competing.size() - 1 - idx) : competing.get(idx);
            boolean promotable = dir == Direction.MAX ? value >= cut : value <= cut;
            if (!promotable) {
                String rule = first ? "is not the best of the " + competing.size() + " trials at " + where
                        : "is not in the best 1/" + reductionFactor + " of the " + competing.size() + " trials at "
                        + where;
                return PruneDecision.prune(epoch, "pruned at epoch " + epoch + ": " + context.metric() + " "
                        + Pruner.format(value) + " " + rule + "; the cut-off is " + Pruner.format(cut))
                        .withAttrs(recorded, studyAttrs);
            }
            rung++;
        }
    }

    /** Returns Optuna's estimate: the largest last epoch of the COMPLETE trials / 100, at least 1; null if none. */
    static Integer estimateMinResource(List<TrialSnapshot> trials) {
        Integer max = null;
        for (TrialSnapshot t : trials) {
            if (t.state() == TrialState.COMPLETE && t.lastEpoch() != null) {
                max = max == null ? t.lastEpoch() : Math.max(max, t.lastEpoch());
            }
        }
        return max == null ? null : Math.max(max / 100, 1);
    }

    private static long pow(long base, int exp) {
        long r = 1;
        for (int i = 0; i < exp; i++) {
            r *= base;
            if (r > Integer.MAX_VALUE) {
                return Long.MAX_VALUE / 4;
            }
        }
        return r;
    }

    /** Returns the options as the sweep file names them ("auto" as null min resource). */
    public Map<String, Object> options() {
        Map<String, Object> m = new HashMap<>();
        m.put("minResource", minResource == null ? "auto" : minResource);
        m.put("reductionFactor", reductionFactor);
        m.put("minEarlyStoppingRate", minEarlyStoppingRate);
        m.put("bootstrapCount", bootstrapCount);
        return m;
    }
}
