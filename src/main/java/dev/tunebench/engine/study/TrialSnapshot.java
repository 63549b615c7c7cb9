package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One trial as the journal records it (Optuna's FrozenTrial): immutable.
 *
 * @param number         0-based trial number, in the order trials were asked
 * @param state          where it stands
 * @param params         one value per field of the space, in the space's order
 * @param value          the objective value of a COMPLETE trial, else null
 * @param intermediate   the objective per epoch (1-based) as reported, NaN allowed
 * @param attrs          pruner bookkeeping, e.g. {@code completed_rung_0} (Optuna's system attrs)
 * @param worker         who asked for it: a worker id such as {@code local-2} or {@code 4711_3}
 * @param runFolder      its run folder relative to the study folder, e.g. {@code trials/0007}
 * @param startedMillis  when it was asked (epoch milliseconds)
 * @param finishedMillis when it finished, or null while RUNNING
 * @param lastActiveMillis when it last reported or started: how long it really ran when its worker vanished
 * @param error          why it FAILED, else null
 * @param prunedEpoch    the epoch at which the pruner stopped it, else null
 * @param pruneReason    the pruner's reason, e.g. "pruned at epoch 3: ...", else null
 * @param retryOf        the number of the FAILED trial this one re-runs, else null
 */
public record TrialSnapshot(
        int number,
        TrialState state,
        Map<String, JsonElement> params,
        Double value,
        NavigableMap<Integer, Double> intermediate,
        Map<String, Double> attrs,
        String worker,
        String runFolder,
        long startedMillis,
        Long finishedMillis,
        long lastActiveMillis,
        String error,
        Integer prunedEpoch,
        String pruneReason,
        Integer retryOf) {

    public TrialSnapshot {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        intermediate = Collections.unmodifiableNavigableMap(new TreeMap<>(intermediate));
        attrs = Collections.unmodifiableMap(new LinkedHashMap<>(attrs));
    }

    /** Returns the last epoch reported, or null when none was. */
    public Integer lastEpoch() {
        return intermediate.isEmpty() ? null : intermediate.lastKey();
    }

    /** Returns the run time in milliseconds: to the finish, or to the last activity while running. */
    public long durationMillis() {
        return (finishedMillis != null ? finishedMillis : lastActiveMillis) - startedMillis;
    }
}
