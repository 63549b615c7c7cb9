package dev.tunebench.engine.djl;

import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.EarlyStoppingSpec;
import dev.tunebench.engine.config.LossKind;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.RecurrentModelSpec;
import dev.tunebench.engine.config.RecurrentModelSpec.RecurrentInit;
import dev.tunebench.engine.config.RecurrentModelSpec.SequenceOutput;
import dev.tunebench.engine.config.ResNetModelSpec;
import dev.tunebench.engine.config.ResNetModelSpec.Activation;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.ScheduleSpec;
import dev.tunebench.engine.config.TrainingSpec;
import java.util.List;

/** Tiny configurations for the real-engine tests. */
final class DjlSessionTestSupport {

    private DjlSessionTestSupport() {
    }

    static ModelSpec tinyRecurrent(String template, int layers, boolean bidirectional, SequenceOutput out,
            boolean layerNorm, double dropout) {
        return new RecurrentModelSpec(RecurrentModelSpec.Cell.ofId(template), layers, 8, 16, bidirectional, out,
                layerNorm, dropout, dropout, ModelSpec.InitScheme.XAVIER_UNIFORM, RecurrentInit.ORTHOGONAL, 1.0, true);
    }

    static ModelSpec tinyResNet(boolean shortcuts, boolean batchNorm) {
        return new ResNetModelSpec(List.of(4, 8), 1, shortcuts, batchNorm, Activation.LEAKY_RELU, 0.01, 0.1,
                ModelSpec.InitScheme.HE_NORMAL);
    }

    static RunConfig config(ModelSpec model, LossKind loss, double lr, long seed, double clip) {
        return new RunConfig(model, new TrainingSpec(10, 16, seed, clip, loss, 1.0),
                OptimizerSpec.adamDefaults().withLearningRate(lr), ScheduleSpec.constant(), MonitorSpec.valLoss(),
                EarlyStoppingSpec.defaults(), CheckpointSpec.defaults());
    }

    static int[] batch(int step, int batchSize, int size) {
        int[] idx = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            idx[i] = (step * batchSize + i) % size;
        }
        return idx;
    }
}
