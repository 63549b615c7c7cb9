package dev.tunebench.engine.overfit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.EarlyStoppingSpec;
import dev.tunebench.engine.config.LossKind;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.ResNetModelSpec;
import dev.tunebench.engine.config.ResNetModelSpec.Activation;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.ScheduleSpec;
import dev.tunebench.engine.config.TrainingSpec;
import dev.tunebench.engine.data.DataLoader;
import dev.tunebench.engine.data.DataSpec;
import dev.tunebench.engine.data.LoadedData;
import dev.tunebench.engine.djl.DjlBackend;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The overfit check on the real DJL engine with the built-in 8x8 digits. */
@Tag("djl")
class OverfitCheckDjlTest {
    private static LoadedData digits;

    @BeforeAll
    static void load() {
        digits = DataLoader.load(DataSpec.parse("builtin:digits"));
    }

    /** Returns a small ResNet-style CNN (shortcuts, BatchNorm, dropout that the check turns off). */
    static RunConfig smallCnn(double lr) {
        ModelSpec m = new ResNetModelSpec(List.of(8, 16), 1, true, true, Activation.RELU, 0.01, 0.3,
                ModelSpec.InitScheme.HE_NORMAL);
        return new RunConfig(m, new TrainingSpec(5, 16, 42, 0, LossKind.CROSS_ENTROPY, 1.0),
                OptimizerSpec.adamDefaults().withKind(OptimizerSpec.Kind.ADAMW).withLearningRate(lr),
                ScheduleSpec.cosineDefaults(), MonitorSpec.valLoss(), EarlyStoppingSpec.defaults(),
                CheckpointSpec.defaults());
    }

    @Test
    void realDigitsSubsetOverfitsAtAdam1eMinus2() {
        OverfitResult r = OverfitCheck.run(new DjlBackend(), smallCnn(1e-2), digits, OverfitOptions.defaults());
        assertTrue(r.passed(), r.message());
        assertEquals(32, r.samples());
        assertTrue(r.finalAccuracy() >= 0.99, r.message());
    }

    @Test
    void learningRateTenFails() {
        OverfitResult r = OverfitCheck.run(new DjlBackend(), smallCnn(10), digits,
                OverfitOptions.defaults().withMaxSteps(40));
        assertFalse(r.passed(), r.message());
        assertTrue(r.message().startsWith("FAIL"), r.message());
        assertTrue(r.message().contains("tip 2"), r.message());
    }
}
