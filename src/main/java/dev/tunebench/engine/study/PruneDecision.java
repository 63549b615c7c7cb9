package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import java.util.Map;

/**
 * What the pruner says after an epoch's report.
 *
 * @param prune       whether the trial should stop now (through the same cooperative stop as early stopping)
 * @param epoch       the epoch the decision is about
 * @param reason      why it is pruned, for people ("pruned at epoch 3: val_loss 0.41 is worse than ..."), or null
 * @param trialAttrs  pruner bookkeeping to record on the trial (ASHA's completed rungs), possibly empty
 * @param studyAttrs  pruner bookkeeping to record on the study (ASHA's estimated min resource), possibly empty
 */
public record PruneDecision(boolean prune, int epoch, String reason, Map<String, Double> trialAttrs,
                            Map<String, JsonElement> studyAttrs) {

    public PruneDecision {
        trialAttrs = Map.copyOf(trialAttrs);
        studyAttrs = Map.copyOf(studyAttrs);
    }

    /** Returns a decision to go on. */
    public static PruneDecision keep(int epoch) {
        return new PruneDecision(false, epoch, null, Map.of(), Map.of());
    }

    /** Returns a decision to stop, with its reason. */
    public static PruneDecision prune(int epoch, String reason) {
        return new PruneDecision(true, epoch, reason, Map.of(), Map.of());
    }

    /** Returns a copy that also records bookkeeping. */
    public PruneDecision withAttrs(Map<String, Double> trial, Map<String, JsonElement> study) {
        return new PruneDecision(prune, epoch, reason, trial, study);
    }
}
