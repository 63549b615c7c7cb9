package dev.tunebench.engine.study;

import java.util.Map;

/**
 * What a sweep file holds: the base preset, the data, the objective, the budget, how to sample and prune, and the
 * search space over preset field paths. See {@link SweepCodec} for the file format.
 *
 * @param preset      the base preset: an id ({@code cnn-digits}) or a preset file, as {@code train --preset} takes it
 * @param data        a data spec ({@code builtin:digits}), or null for the preset's own data
 * @param objective   the metric to optimise, or null for the preset's monitor
 * @param budget      when to stop asking for trials
 * @param sampler     how to choose parameters
 * @param pruner      how to stop hopeless trials
 * @param parallelism trials run at once (local children or cluster workers), at least 1
 * @param retries     how many times a FAILED trial is run again with the same parameters, at least 0
 * @param space       the fields to vary
 */
public record SweepSpec(String preset, String data, Objective objective, Budget budget, SamplerSpec sampler,
                        PrunerSpec pruner, int parallelism, int retries, SearchSpace space) {

    /**
     * The metric a study optimises.
     *
     * @param metric    a metric of the run's epochs ({@code val_loss}, {@code val_accuracy}, ...)
     * @param direction MIN or MAX; null means the preset monitor's mode (only when the metric is the monitor's)
     */
    public record Objective(String metric, Direction direction) {
    }

    /**
     * When a study stops asking for trials; at least one limit, except that a grid stops by itself.
     *
     * @param trials         the number of trials to finish (COMPLETE, PRUNED or FAILED without retry), or null
     * @param timeoutSeconds study time after which no new trial starts (time with at least one trial running),
     *                       or null
     */
    public record Budget(Integer trials, Long timeoutSeconds) {
    }

    /**
     * Which sampler and its settings.
     *
     * @param type    {@code grid}, {@code random} or {@code tpe}
     * @param seed    the seed, or null to draw one when the study is created (it is recorded in the journal)
     * @param options the sampler's settings by name (tpe: startupTrials, eiCandidates, ...), possibly empty
     */
    public record SamplerSpec(String type, Long seed, Map<String, Object> options) {
        public SamplerSpec {
            options = Map.copyOf(options);
        }
    }

    /**
     * Which pruner and its settings.
     *
     * @param type    {@code none}, {@code median} or {@code asha}
     * @param options the pruner's settings by name (median: startupTrials, warmupEpochs, ...), possibly empty
     */
    public record PrunerSpec(String type, Map<String, Object> options) {
        public PrunerSpec {
            options = Map.copyOf(options);
        }
    }

    /** Returns a copy with another sampler. */
    public SweepSpec withSampler(SamplerSpec s) {
        return new SweepSpec(preset, data, objective, budget, s, pruner, parallelism, retries, space);
    }

    /** Returns a copy with another objective. */
    public SweepSpec withObjective(Objective o) {
        return new SweepSpec(preset, data, o, budget, sampler, pruner, parallelism, retries, space);
    }

    /** Returns a copy with another budget. */
    public SweepSpec withBudget(Budget b) {
        return new SweepSpec(preset, data, objective, b, sampler, pruner, parallelism, retries, space);
    }

    /** Returns a copy with another pruner. */
    public SweepSpec withPruner(PrunerSpec p) {
        return new SweepSpec(preset, data, objective, budget, sampler, p, parallelism, retries, space);
    }

    /** Returns a copy with another parallelism. */
    public SweepSpec withParallelism(int k) {
        return new SweepSpec(preset, data, objective, budget, sampler, pruner, k, retries, space);
    }

    /**
     * Returns the objective made complete from the preset's monitor: the monitor itself when the sweep names none,
     * the monitor's mode when the sweep names the monitor's metric without a direction.
     *
     * @throws IllegalArgumentException when the sweep names another metric without a direction
     */
    public Objective resolveObjective(String monitorMetric, Direction monitorDirection) {
        if (objective == null) {
            return new Objective(monitorMetric, monitorDirection);
        }
        if (objective.direction() != null) {
            return objective;
        }
        if (objective.metric().equals(monitorMetric)) {
            return new Objective(monitorMetric, monitorDirection);
        }
        throw new IllegalArgumentException("objective.direction: give MIN or MAX for " + objective.metric()
                + " (the preset monitors " + monitorMetric + ")");
    }
}
