package dev.tunebench.engine.study;

/** Where a trial stands (Optuna's TrialState, without WAITING: queued trials have no number yet). */
public enum TrialState {
    /** Asked and not finished. */
    RUNNING,
    /** Finished with an objective value. */
    COMPLETE,
    /** Stopped early by the pruner; keeps its intermediate values and checkpoints. */
    PRUNED,
    /** Crashed, killed, or its worker disappeared. */
    FAILED;

    /** Returns whether the trial has ended. */
    public boolean finished() {
        return this != RUNNING;
    }

    /** Returns Optuna's name of the state ({@code FAIL} for FAILED), as trials_dataframe writes it. */
    public String optunaName() {
        return this == FAILED ? "FAIL" : name();
    }
}
