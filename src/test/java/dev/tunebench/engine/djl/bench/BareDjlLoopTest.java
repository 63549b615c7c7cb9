package dev.tunebench.engine.djl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.backend.ModelSession;
import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.EarlyStoppingSpec;
import dev.tunebench.engine.config.LossKind;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.RecurrentModelSpec;
import dev.tunebench.engine.config.RecurrentModelSpec.RecurrentInit;
import dev.tunebench.engine.config.RecurrentModelSpec.SequenceOutput;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.ScheduleSpec;
import dev.tunebench.engine.config.TrainingSpec;
import dev.tunebench.engine.djl.DjlBackend;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("djl")
class BareDjlLoopTest {

    @Test
    void bareLoopTrainsTheSameModelAsTheEngine() {
        SyntheticData d = SyntheticData.learnableTokens(16, 4, 10, 2, 3);
        ModelSpec m = new RecurrentModelSpec(RecurrentModelSpec.Cell.GRU, 1, 8, 8, false, SequenceOutput.LAST, false,
                0, 0, ModelSpec.InitScheme.HE_UNIFORM, RecurrentInit.ORTHOGONAL, 1.0, false);
        RunConfig cfg = new RunConfig(m, new TrainingSpec(1, 8, 5, 0, LossKind.CROSS_ENTROPY, 1),
                OptimizerSpec.adamDefaults().withLearningRate(1e-2), ScheduleSpec.constant(), MonitorSpec.valLoss(),
                EarlyStoppingSpec.defaults(), CheckpointSpec.defaults());
        float[] bareLosses = new float[4];
        try (BareDjlLoop bare = new BareDjlLoop(cfg, d.input(), d.split())) {
            for (int i = 0; i < 4; i++) {
                bareLosses[i] = bare.step(8);
            }
        }
        try (ModelSession s = new DjlBackend().open(cfg, d.input())) {
            for (int i = 0; i < 4; i++) {
                int[] idx = new int[8];
                for (int k = 0; k < 8; k++) {
                    idx[k] = (i * 8 + k) % 16;
                }
                assertEquals(bareLosses[i], s.trainStep(d.split(), idx, 1e-2).loss(), 1e-5, "step " + i);
            }
        }
        assertTrue(bareLosses[3] != bareLosses[0]);
    }
}
