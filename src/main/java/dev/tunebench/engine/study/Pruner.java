package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import java.util.List;
import java.util.Map;

/**
 * Decides after each epoch's report whether a trial is hopeless. A pruner holds no state: what it must remember
 * goes into the decision's attrs, which the journal records, so that every worker process decides alike.
 */
public interface Pruner {

    /**
     * Returns the decision about a trial's latest report.
     *
     * @param context the study as it stands (every trial, the direction, the objective's name, study attrs)
     * @param trial   the trial, its latest report included as its last intermediate value
     */
    PruneDecision decide(Context context, TrialSnapshot trial);

    /** Returns the pruner's name as the sweep file writes it: {@code none}, {@code median} or {@code asha}. */
    String name();

    /**
     * What a pruner sees of the study.
     *
     * @param trials     every trial asked so far, by number (the one being decided among them, as before the report)
     * @param direction  whether the objective is minimised or maximised
     * @param metric     the objective's name, for reasons ({@code val_loss})
     * @param studyAttrs pruner bookkeeping recorded on the study
     */
    record Context(List<TrialSnapshot> trials, Direction direction, String metric,
                   Map<String, JsonElement> studyAttrs) {
    }

    /** Returns a value as reasons print it: 4 significant digits. */
    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
