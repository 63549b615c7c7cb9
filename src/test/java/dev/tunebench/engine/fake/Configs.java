package dev.tunebench.engine.fake;

import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.EarlyStoppingSpec;
import dev.tunebench.engine.config.LossKind;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.ScheduleSpec;
import dev.tunebench.engine.config.TrainingSpec;

/** Configs for engine-logic tests. */
public final class Configs {
    private Configs() {
    }

    /** Returns a config with the given template, learning rate, batch size and loss; Adam otherwise. */
    public static RunConfig config(ModelSpec model, double lr, int batch, LossKind loss) {
        return new RunConfig(model, new TrainingSpec(5, batch, 7, 0, loss, 1.0),
                OptimizerSpec.adamDefaults().withLearningRate(lr), ScheduleSpec.cosineDefaults(), MonitorSpec.valLoss(),
                EarlyStoppingSpec.defaults(), CheckpointSpec.defaults());
    }
}
