package dev.tunebench.engine.config;

/**
 * Every hyperparameter of a run: what a preset holds besides its metadata and default data.
 */
public record RunConfig(
        ModelSpec model,
        TrainingSpec training,
        OptimizerSpec optimizer,
        ScheduleSpec schedule,
        MonitorSpec monitor,
        EarlyStoppingSpec earlyStopping,
        CheckpointSpec checkpoints) {

    /** Returns a copy with another model. */
    public RunConfig withModel(ModelSpec m) {
        return new RunConfig(m, training, optimizer, schedule, monitor, earlyStopping, checkpoints);
    }

    /** Returns a copy with other loop settings. */
    public RunConfig withTraining(TrainingSpec t) {
        return new RunConfig(model, t, optimizer, schedule, monitor, earlyStopping, checkpoints);
    }

    /** Returns a copy with another optimiser. */
    public RunConfig withOptimizer(OptimizerSpec o) {
        return new RunConfig(model, training, o, schedule, monitor, earlyStopping, checkpoints);
    }

    /** Returns a copy with another schedule. */
    public RunConfig withSchedule(ScheduleSpec s) {
        return new RunConfig(model, training, optimizer, s, monitor, earlyStopping, checkpoints);
    }

    /** Returns a copy with another monitor. */
    public RunConfig withMonitor(MonitorSpec m) {
        return new RunConfig(model, training, optimizer, schedule, m, earlyStopping, checkpoints);
    }

    /** Returns a copy with other early-stopping settings. */
    public RunConfig withEarlyStopping(EarlyStoppingSpec e) {
        return new RunConfig(model, training, optimizer, schedule, monitor, e, checkpoints);
    }

    /** Returns a copy with another checkpoint policy. */
    public RunConfig withCheckpoints(CheckpointSpec c) {
        return new RunConfig(model, training, optimizer, schedule, monitor, earlyStopping, c);
    }
}
