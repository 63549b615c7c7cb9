package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A study as its journal stood at one instant: what every view (the window's Sweeps tab, {@code study --show})
 * reads. Immutable.
 *
 * @param spec          the sweep, with the seed and objective the study resolved
 * @param createdMillis when the study was created
 * @param trials        every trial asked, by number
 * @param queued        trials waiting to be asked (retries, user requests)
 * @param retried       FAILED trials that were queued again
 * @param studyAttrs    pruner bookkeeping on the study
 * @param warnings      journal lines or records that replay skipped, one line each
 */
public record StudySnapshot(SweepSpec spec, long createdMillis, List<TrialSnapshot> trials, int queued, int retried,
                            Map<String, JsonElement> studyAttrs, List<String> warnings) {

    public StudySnapshot {
        trials = List.copyOf(trials);
        studyAttrs = Map.copyOf(studyAttrs);
        warnings = List.copyOf(warnings);
    }

    /** Returns the objective's direction. */
    public Direction direction() {
        return spec.objective().direction();
    }

    /** Returns the best COMPLETE trial (the earliest among equals), or empty when none is complete. */
    public Optional<TrialSnapshot> best() {
        TrialSnapshot best = null;
        for (TrialSnapshot t : trials) {
            if (t.state() == TrialState.COMPLETE && t.value() != null && !Double.isNaN(t.value())
                    && (best == null || direction().better(t.value(), best.value()))) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Returns the trials in a state. */
    public List<TrialSnapshot> trials(TrialState state) {
        return trials.stream().filter(t -> t.state() == state).toList();
    }

    /**
     * Returns the study time in seconds: the wall time during which at least one trial was running, running trials
     * counted up to {@code nowMillis}.
     */
    public double studySeconds(long nowMillis) {
        List<long[]> spans = new ArrayList<>();
        for (TrialSnapshot t : trials) {
            long end = t.state() == TrialState.RUNNING ? Math.max(nowMillis, t.lastActiveMillis())
                    : t.finishedMillis();
            spans.add(new long[] {t.startedMillis(), Math.max(end, t.startedMillis())});
        }
        spans.sort(Comparator.comparingLong(s -> s[0]));
        long total = 0;
        long curStart = Long.MIN_VALUE;
        long curEnd = Long.MIN_VALUE;
        for (long[] s : spans) {
            if (s[0] > curEnd) {
                total += curEnd - curStart;
                curStart = s[0];
                curEnd = s[1];
            } else {
                curEnd = Math.max(curEnd, s[1]);
            }
        }
        total += curEnd - curStart;
        return total / 1000.0;
    }

    /** Returns how much of the budget is used at an instant. */
    public BudgetStatus budget(long nowMillis) {
        SweepSpec.Budget b = spec.budget();
        int counted = trials.size() - retried;
        double seconds = studySeconds(nowMillis);
        Long grid = spec.sampler().type().equals("grid") ? GridSampler.size(spec.space()) : null;
        String reason = null;
        if (b.timeoutSeconds() != null && seconds >= b.timeoutSeconds()) {
            reason = "the timeout of " + b.timeoutSeconds() + " s is reached (" + Math.round(seconds)
                    + " s of study time)";
        } else if (b.trials() != null && counted >= b.trials()) {
            reason = counted + " of " + b.trials() + " trials";
        } else if (grid != null && queued == 0 && countGridPoints() >= grid) {
            reason = "every one of the grid's " + grid + " points has been tried";
        }
        return new BudgetStatus(counted, b.trials(), seconds, b.timeoutSeconds(), grid, reason != null, reason);
    }

    private long countGridPoints() {
        return trials.stream().mapToLong(t -> GridSampler.indexOf(spec.space(), t.params())).filter(k -> k >= 0)
                .distinct().count();
    }

    /** Returns whether the study has nothing left to do: budget spent and no trial running. */
    public boolean done(long nowMillis) {
        return budget(nowMillis).spent() && trials(TrialState.RUNNING).isEmpty();
    }
}
