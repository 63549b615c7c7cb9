package dev.tunebench.engine.config;

/**
 * Every hyperparameter of a run: what a preset holds besides its metadata and default data. {@link ConfigPaths}
 * names every field by its path ({@code optimizer.learningRate}); {@link ConfigJson} reads and writes it as JSON.
 */
public record RunConfig(
        ModelSpec model,
        TrainingSpec training,
        OptimizerSpec optimizer,
        ScheduleSpec schedule,
        MonitorSpec monitor,
        EarlyStoppingSpec earlyStopping,
        CheckpointSpec checkpoints) {

    /**
     * Returns the config a preset starts from before its own values apply: the template's model defaults, AdamW 1e-3
     * with weight decay 1e-4 (tips 7, 18; decoupled, so no L2-with-Adam warning), cosine T_max 32 (tip 8), val_loss
     * early stopping (tip 3), 10 epochs of batch 32, seed 42, clipping at 1.0 for recurrent templates (tip 9), and
     * the task's default loss.
     *
     * @param template {@code lstm}, {@code gru} or {@code resnet}
     * @param task     the data's task; null takes classification's loss
     * @throws IllegalArgumentException for an unknown template, naming the ids allowed
     */
    public static RunConfig defaults(String template, Task task) {
        ModelSpec model = ModelSpec.defaults(template);
        double clip = model.isRecurrent() ? 1.0 : 0.0;
        LossKind loss = LossKind.defaultFor(task == null ? Task.CLASSIFICATION : task);
        return new RunConfig(model, new TrainingSpec(10, 32, 42, clip, loss, 1.0),
                OptimizerSpec.adamDefaults().withKind(OptimizerSpec.Kind.ADAMW), ScheduleSpec.cosineDefaults(),
                MonitorSpec.valLoss(), EarlyStoppingSpec.defaults(), CheckpointSpec.defaults());
    }

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
