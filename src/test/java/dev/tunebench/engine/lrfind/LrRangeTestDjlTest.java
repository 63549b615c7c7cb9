package dev.tunebench.engine.lrfind;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.backend.ModelSession;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The LR range test on the real DJL engine with the built-in 8x8 digits. */
@Tag("djl")
class LrRangeTestDjlTest {

    private static RunConfig smallCnn() {
        ModelSpec m = new ResNetModelSpec(List.of(8, 16), 1, true, true, Activation.RELU, 0.01, 0.0,
                ModelSpec.InitScheme.HE_NORMAL);
        return new RunConfig(m, new TrainingSpec(5, 32, 42, 0, LossKind.CROSS_ENTROPY, 1.0),
                OptimizerSpec.adamDefaults().withKind(OptimizerSpec.Kind.ADAMW), ScheduleSpec.cosineDefaults(),
                MonitorSpec.valLoss(), EarlyStoppingSpec.defaults(), CheckpointSpec.defaults());
    }

    @Test
    void sweepSuggestsASaneRateAndLeavesWeightsAndOptimiserAsTheyWere() {
        LoadedData digits = DataLoader.load(DataSpec.parse("builtin:digits"));
        RunConfig c = smallCnn();
        DjlBackend backend = new DjlBackend();
        int[] first = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        int[] next = {16, 17, 18, 19, 20, 21, 22, 23};
        try (ModelSession s = backend.open(c, digits.input()); ModelSession twin = backend.open(c, digits.input())) {
            s.trainStep(digits.train(), first, 1e-3);
            twin.trainStep(digits.train(), first, 1e-3);
            float[][] before = s.predict(digits.validation(), 8);
            LrFindResult r = LrRangeTest.sweepAndRestore(s, digits.train(), 32, 1,
                    LrFindOptions.defaults().withRange(1e-6, 1).withSteps(40));
            float[][] after = s.predict(digits.validation(), 8);
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], after[i], "weights restored, sample " + i);
            }
            assertTrue(r.suggestedLr() >= 1e-5 && r.suggestedLr() <= 0.3, r.message());
            assertTrue(Double.isFinite(r.steepestLr()), r.message());
            // Restored optimiser moments: the next step matches a twin that never swept.
            s.seedEpoch(5);
            twin.seedEpoch(5);
            double a = s.trainStep(digits.train(), next, 1e-3).loss();
            double b = twin.trainStep(digits.train(), next, 1e-3).loss();
            assertEquals(b, a, 1e-6 * Math.abs(b));
            float[][] sa = s.predict(digits.validation(), 8);
            float[][] tb = twin.predict(digits.validation(), 8);
            for (int i = 0; i < sa.length; i++) {
                assertArrayEquals(tb[i], sa[i], 1e-5f, "same weights after the same step, sample " + i);
            }
        }
    }
}
