package dev.tunebench.engine.study;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Runs trials of a study in this process: the loop of {@code sweep --worker} (pull) and of one pushed trial. The
 * training itself is the caller's {@link TrialRunner}; this class only asks, reports and tells.
 */
public final class StudyWorker {
    private StudyWorker() {
    }

    /** Trains one trial. */
    @FunctionalInterface
    public interface TrialRunner {
        /**
         * Trains a trial in its run folder, reporting each epoch's objective, and returns how it ended. When a
         * report's decision says prune, the runner stops as early stopping does and returns PRUNED.
         *
         * @throws Exception when training fails: the trial is FAILED with the exception's message
         */
        Outcome run(Trial trial, Reporter reporter) throws Exception;
    }

    /** Reports one epoch's objective and returns the pruner's decision. */
    @FunctionalInterface
    public interface Reporter {
        /** Records the objective after an epoch (1-based). */
        PruneDecision report(int epoch, double value);
    }

    /**
     * How a trial ended.
     *
     * @param state COMPLETE, PRUNED or FAILED
     * @param value the objective of a COMPLETE trial (the monitor's best epoch), else null
     * @param error why a FAILED trial failed, else null
     */
    public record Outcome(TrialState state, Double value, String error) {
        /** Returns a COMPLETE outcome. */
        public static Outcome complete(double value) {
            return new Outcome(TrialState.COMPLETE, value, null);
        }

        /** Returns a PRUNED outcome. */
        public static Outcome pruned() {
            return new Outcome(TrialState.PRUNED, null, null);
        }

        /** Returns a FAILED outcome. */
        public static Outcome failed(String error) {
            return new Outcome(TrialState.FAILED, null, error);
        }
    }

    /**
     * Asks for trials and runs them until the budget is spent or {@code stop} says so (checked between trials).
     *
     * @return how many trials this worker ran
     */
    public static int run(Study study, String workerId, TrialRunner runner, BooleanSupplier stop) {
        int n = 0;
        while (!stop.getAsBoolean()) {
            Optional<Trial> next = study.ask(workerId);
            if (next.isEmpty()) {
                break;
            }
            runOne(study, next.get(), runner);
            n++;
        }
        return n;
    }

    /** Runs one trial that was already asked (a pushed trial) and tells how it ended. */
    public static TrialSnapshot runOne(Study study, Trial trial, TrialRunner runner) {
        Outcome outcome;
        try {
            outcome = runner.run(trial, (epoch, value) -> study.report(trial.number(), epoch, value));
        } catch (StudyException e) {
            // The study no longer expects this trial (marked FAILED meanwhile): nothing to tell.
            throw e;
        } catch (Exception e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            outcome = Outcome.failed(msg);
        }
        return study.tell(trial.number(), outcome.state(), outcome.value(), outcome.error());
    }
}
