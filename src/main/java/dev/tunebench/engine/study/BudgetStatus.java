package dev.tunebench.engine.study;

/**
 * How much of a study's budget is used.
 *
 * @param trialsCounted   trials that use the budget: every asked trial except FAILED ones queued again
 * @param trialsLimit     the trial budget, or null for none
 * @param studySeconds    study time so far: wall time during which at least one trial was running
 * @param timeoutSeconds  the time budget, or null for none
 * @param gridSize        the number of grid points for a grid sampler, else null
 * @param spent           whether no new trial may start
 * @param reason          why no new trial may start ("30 of 30 trials", "timeout of 600 s reached", ...), or null
 */
public record BudgetStatus(int trialsCounted, Integer trialsLimit, double studySeconds, Long timeoutSeconds,
                           Long gridSize, boolean spent, String reason) {
}
