package dev.tunebench.engine.overfit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.config.LossKind;
import dev.tunebench.engine.config.RecurrentModelSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.data.ArraySplit;
import dev.tunebench.engine.data.InputSpec;
import dev.tunebench.engine.fake.Configs;
import dev.tunebench.engine.fake.LinearBackend;
import org.junit.jupiter.api.Test;

class OverfitCheckTest {
    private static final InputSpec IN = new InputSpec(InputSpec.Kind.SERIES, new int[] {2, 1}, 0,
            Task.CLASSIFICATION, 4);
    private static final ArraySplit DATA = LinearBackend.clusters(400, 2, 4, 0.1, 3);

    @Test
    void learnableSubsetPasses() {
        LinearBackend backend = new LinearBackend();
        RunConfig c = Configs.config(RecurrentModelSpec.lstmDefaults(), 0.5, 16, LossKind.CROSS_ENTROPY);
        OverfitResult r = OverfitCheck.run(backend, c, IN, DATA, OverfitOptions.defaults());
        assertTrue(r.passed(), r.message());
        assertEquals(32, r.samples(), "2 batches of 16");
        assertTrue(r.finalAccuracy() >= 0.99);
        assertTrue(r.finalLoss() <= OverfitCheck.PASS_LOSS);
        assertTrue(r.steps() < 100 && r.steps() % 10 == 0, "stops at the first passing evaluation: " + r.steps());
        assertEquals(r.steps(), r.stepLosses().size());
        assertTrue(r.message().startsWith("PASS"), r.message());
        assertEquals(1, backend.opened);
    }

    @Test
    void hugeLearningRateFails() {
        // A linear classifier on separable data cannot diverge (larger weights only sharpen it), so this uses
        // regression, where lr 10 with momentum blows up as it would in any real model.
        InputSpec in = new InputSpec(InputSpec.Kind.SERIES, new int[] {3, 1}, 0, Task.REGRESSION, 1);
        RunConfig c = Configs.config(RecurrentModelSpec.lstmDefaults(), 10, 16, LossKind.MSE);
        OverfitResult r = OverfitCheck.run(new LinearBackend(), c, in, LinearBackend.linear(64, 3, 0.0, 1),
                OverfitOptions.defaults());
        assertFalse(r.passed(), r.message());
        assertTrue(r.message().startsWith("FAIL"), r.message());
        assertTrue(r.message().contains("tip 2"), r.message());
    }

    @Test
    void shuffledLabelsFail() {
        RunConfig c = Configs.config(RecurrentModelSpec.lstmDefaults(), 0.5, 16, LossKind.CROSS_ENTROPY);
        OverfitResult r = OverfitCheck.run(new LinearBackend(), c, IN, LinearBackend.shuffledLabels(DATA, 9),
                OverfitOptions.defaults().withMaxSteps(100));
        assertFalse(r.passed(), r.message());
        assertEquals(100, r.steps(), "a failing check uses its whole budget");
        assertTrue(r.message().contains("shapes"), r.message());
    }

    @Test
    void regressionPassesWhenTheLossFallsNinetyPercent() {
        InputSpec in = new InputSpec(InputSpec.Kind.SERIES, new int[] {3, 1}, 0, Task.REGRESSION, 1);
        RunConfig c = Configs.config(RecurrentModelSpec.lstmDefaults(), 0.05, 16, LossKind.MSE);
        OverfitResult r = OverfitCheck.run(new LinearBackend(), c, in, LinearBackend.linear(64, 3, 0.0, 1),
                OverfitOptions.defaults());
        assertTrue(r.passed(), r.message());
        assertTrue(r.lossDrop() >= 0.9);
        assertTrue(Double.isNaN(r.finalAccuracy()));
    }

    @Test
    void listenerCanStopTheCheck() {
        RunConfig c = Configs.config(RecurrentModelSpec.lstmDefaults(), 0.5, 16, LossKind.CROSS_ENTROPY);
        int[] calls = {0};
        OverfitResult r = OverfitCheck.run(new LinearBackend(), c, IN, DATA, OverfitOptions.defaults(), (s, l) -> {
            calls[0]++;
            return s < 5;
        });
        assertEquals(5, calls[0]);
        assertEquals(5, r.steps());
        assertFalse(r.passed());
        assertTrue(r.message().startsWith("Stopped by the user after 5 steps"), r.message());
    }

    @Test
    void regularisationIsTurnedOff() {
        RunConfig c = Configs.config(RecurrentModelSpec.lstmDefaults(), 1e-3, 16, LossKind.CROSS_ENTROPY);
        RunConfig off = OverfitCheck.withoutRegularisation(c);
        assertEquals(0.0, ((RecurrentModelSpec) off.model()).dropoutAfterEmbedding());
        assertEquals(0.0, off.model().dropoutBeforeOutput());
        assertEquals(0.0, off.optimizer().weightDecay());
        assertEquals(c.optimizer().learningRate(), off.optimizer().learningRate());
        assertEquals(((RecurrentModelSpec) c.model()).hiddenSize(), ((RecurrentModelSpec) off.model()).hiddenSize());
        assertTrue(c.optimizer().weightDecay() > 0 && c.model().dropoutBeforeOutput() > 0, "test premise");
    }
}
