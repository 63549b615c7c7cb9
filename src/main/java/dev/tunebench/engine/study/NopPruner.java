package dev.tunebench.engine.study;

/** Never prunes (Optuna's NopPruner): every trial runs to its end or its own early stopping. */
public final class NopPruner implements Pruner {

    @Override
    public PruneDecision decide(Context context, TrialSnapshot trial) {
        Integer epoch = trial.lastEpoch();
        return PruneDecision.keep(epoch == null ? 0 : epoch);
    }

    @Override
    public String name() {
        return "none";
    }
}
