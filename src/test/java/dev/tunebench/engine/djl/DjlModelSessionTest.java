package dev.tunebench.engine.djl;

import static dev.tunebench.engine.djl.DjlSessionTestSupport.batch;
import static dev.tunebench.engine.djl.DjlSessionTestSupport.config;
import static dev.tunebench.engine.djl.DjlSessionTestSupport.tinyResNet;
import static dev.tunebench.engine.djl.DjlSessionTestSupport.tinyRecurrent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.backend.EvalResult;
import dev.tunebench.engine.backend.LayerShape;
import dev.tunebench.engine.backend.ModelSession;
import dev.tunebench.engine.backend.StepResult;
import dev.tunebench.engine.config.LossKind;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.RecurrentModelSpec.SequenceOutput;
import dev.tunebench.engine.config.ResNetModelSpec;
import dev.tunebench.engine.config.ResNetModelSpec.Activation;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.djl.bench.SyntheticData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("djl")
class DjlModelSessionTest {

    private final DjlBackend backend = new DjlBackend();

    /** Trains {@code steps} steps and returns eval loss before and after. */
    private double[] trainAndCompare(RunConfig cfg, SyntheticData d, int steps, int batchSize, double lr) {
        try (ModelSession s = backend.open(cfg, d.input())) {
            double before = s.evaluate(d.split(), 64).loss();
            for (int i = 0; i < steps; i++) {
                s.seedEpoch(i);
                StepResult r = s.trainStep(d.split(), batch(i, batchSize, d.split().size()), lr);
                assertTrue(Double.isFinite(r.loss()) && r.gradNormBefore() > 0, "step " + i + ": " + r);
            }
            double after = s.evaluate(d.split(), 64).loss();
            return new double[] {before, after};
        }
    }

    @Test
    void lstmOnTokensLearnsTheLastTokenClass() {
        SyntheticData d = SyntheticData.learnableTokens(48, 5, 12, 3, 1);
        RunConfig cfg = config(tinyRecurrent("lstm", 2, false, SequenceOutput.LAST, true, 0.1),
                LossKind.CROSS_ENTROPY, 2e-2, 7, 1.0);
        double[] loss = trainAndCompare(cfg, d, 40, 16, 2e-2);
        assertTrue(loss[1] < 0.5 * loss[0], "eval loss " + loss[0] + " -> " + loss[1]);
    }

    @Test
    void bidirectionalGruOnSeriesLearnsTheMean() {
        SyntheticData d = SyntheticData.learnableSeries(48, 6, 2, 2);
        RunConfig cfg = config(tinyRecurrent("gru", 1, true, SequenceOutput.MEAN, false, 0.0),
                LossKind.MSE, 2e-2, 3, 0.0);
        double[] loss = trainAndCompare(cfg, d, 40, 16, 2e-2);
        assertTrue(loss[1] < 0.5 * loss[0], "eval loss " + loss[0] + " -> " + loss[1]);
    }

    @Test
    void resnetOnGreyAndColourImagesLearnsStripes() {
        for (int channels : new int[] {1, 3}) {
            SyntheticData d = SyntheticData.learnableStripes(32, channels, 8, 5);
            RunConfig cfg = config(tinyResNet(true, true), LossKind.CROSS_ENTROPY, 1e-2, 11, 0.0);
            double[] loss = trainAndCompare(cfg, d, 20, 16, 1e-2);
            assertTrue(loss[1] < 0.5 * loss[0], channels + " channels: eval loss " + loss[0] + " -> " + loss[1]);
        }
    }

    @Test
    void evaluateReportsTheTaskMetrics() {
        SyntheticData cls = SyntheticData.learnableStripes(8, 1, 8, 5);
        try (ModelSession s = backend.open(config(tinyResNet(false, false), LossKind.CROSS_ENTROPY, 1e-2, 1, 0),
                cls.input())) {
            EvalResult r = s.evaluate(cls.split(), 3);
            assertEquals(List.of("accuracy"), List.copyOf(r.metrics().keySet()));
            double acc = r.metrics().get("accuracy");
            assertTrue(acc >= 0 && acc <= 1);
            float[][] p = s.predict(cls.split(), 5);
            assertEquals(5, p.length);
            assertTrue(p[0][0] == 0f || p[0][0] == 1f);
        }
        SyntheticData reg = SyntheticData.learnableSeries(10, 4, 2, 3);
        try (ModelSession s = backend.open(config(tinyRecurrent("gru", 1, false, SequenceOutput.LAST,
                false, 0), LossKind.HUBER, 1e-2, 1, 0), reg.input())) {
            EvalResult r = s.evaluate(reg.split(), 4);
            assertEquals(List.of("mae", "rmse"), List.copyOf(r.metrics().keySet()));
            assertTrue(r.metrics().get("rmse") >= r.metrics().get("mae"));
            // Huber with delta 1 on errors below 1 is half the squared error.
            float[][] p = s.predict(reg.split(), 10);
            double half = 0;
            for (int i = 0; i < 10; i++) {
                double e = p[i][0] - reg.split().targets()[i];
                half += 0.5 * e * e;
            }
            assertEquals(half / 10, r.loss(), 1e-5);
        }
    }

    @Test
    void sameSeedGivesIdenticalLosses() {
        SyntheticData d = SyntheticData.learnableTokens(32, 5, 12, 3, 4);
        RunConfig cfg = config(tinyRecurrent("lstm", 2, true, SequenceOutput.LAST, true, 0.3),
                LossKind.CROSS_ENTROPY, 1e-2, 42, 0.5);
        double[][] runs = new double[2][6];
        for (int run = 0; run < 2; run++) {
            try (ModelSession s = backend.open(cfg, d.input())) {
                for (int i = 0; i < 6; i++) {
                    s.seedEpoch(100 + i);
                    runs[run][i] = s.trainStep(d.split(), batch(i, 8, 32), 1e-2).loss();
                }
            }
        }
        assertArrayEquals(runs[0], runs[1], 0.0);
        try (ModelSession other = backend.open(config(cfg.model(), LossKind.CROSS_ENTROPY, 1e-2, 43, 0.5),
                d.input())) {
            other.seedEpoch(100);
            assertTrue(other.trainStep(d.split(), batch(0, 8, 32), 1e-2).loss() != runs[0][0]);
        }
    }

    @Test
    void saveAndLoadRestoresWeightsAndOptimiserState(@TempDir Path dir) throws Exception {
        SyntheticData d = SyntheticData.learnableStripes(16, 1, 8, 9);
        RunConfig cfg = config(tinyResNet(true, true), LossKind.CROSS_ENTROPY, 1e-2, 5, 0.0);
        double evalA;
        double[] nextA = new double[3];
        try (ModelSession a = backend.open(cfg, d.input())) {
            for (int i = 0; i < 3; i++) {
                a.trainStep(d.split(), batch(i, 8, 16), 1e-2);
            }
            a.save(dir);
            assertEquals(a.savedFileNames().stream().sorted().toList(),
                    Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList());
            evalA = a.evaluate(d.split(), 16).loss();
            for (int i = 0; i < 3; i++) {
                a.seedEpoch(i);
                nextA[i] = a.trainStep(d.split(), batch(3 + i, 8, 16), 1e-2).loss();
            }
        }
        try (ModelSession b = backend.open(config(cfg.model(), LossKind.CROSS_ENTROPY, 1e-2, 99, 0.0), d.input())) {
            assertTrue(b.evaluate(d.split(), 16).loss() != evalA);
            b.load(dir, true);
            assertEquals(evalA, b.evaluate(d.split(), 16).loss(), 0.0);
            for (int i = 0; i < 3; i++) {
                b.seedEpoch(i);
                assertEquals(nextA[i], b.trainStep(d.split(), batch(3 + i, 8, 16), 1e-2).loss(), 0.0, "step " + i);
            }
        }
        try (ModelSession c = backend.open(cfg, d.input())) {
            c.load(dir, false);
            c.seedEpoch(0);
            // Fresh Adam moments take a different first step than the restored ones.
            assertTrue(c.trainStep(d.split(), batch(3, 8, 16), 1e-2).loss() == nextA[0]);
            c.seedEpoch(1);
            assertTrue(c.trainStep(d.split(), batch(4, 8, 16), 1e-2).loss() != nextA[1]);
        }
    }

    @Test
    void loadRejectsWeightsOfAnotherModel(@TempDir Path dir) throws Exception {
        SyntheticData d = SyntheticData.learnableStripes(8, 1, 8, 9);
        try (ModelSession a = backend.open(config(tinyResNet(true, true), LossKind.CROSS_ENTROPY, 1e-2, 5, 0),
                d.input())) {
            a.save(dir);
        }
        ModelSpec wider = new ResNetModelSpec(List.of(4, 16), 1, true, true, Activation.RELU, 0.01, 0.1,
                ModelSpec.InitScheme.HE_NORMAL);
        try (ModelSession b = backend.open(config(wider, LossKind.CROSS_ENTROPY, 1e-2, 5, 0), d.input())) {
            java.io.IOException e = assertThrows(java.io.IOException.class, () -> b.load(dir, true));
            assertTrue(e.getMessage().contains("model.params"), e.getMessage());
        }
    }

    @Test
    void snapshotAndRestoreBringBackTheWeights() {
        SyntheticData d = SyntheticData.learnableTokens(16, 4, 10, 2, 2);
        try (ModelSession s = backend.open(config(tinyRecurrent("lstm", 1, false, SequenceOutput.LAST,
                false, 0), LossKind.CROSS_ENTROPY, 5e-2, 1, 0), d.input())) {
            Object snap = s.snapshotWeights();
            double before = s.evaluate(d.split(), 16).loss();
            for (int i = 0; i < 5; i++) {
                s.trainStep(d.split(), batch(i, 8, 16), 5e-2);
            }
            assertTrue(s.evaluate(d.split(), 16).loss() != before);
            s.restoreWeights(snap);
            assertEquals(before, s.evaluate(d.split(), 16).loss(), 0.0);
        }
    }

    @Test
    void shapeTraceListsEveryLayer() {
        SyntheticData d = SyntheticData.learnableTokens(4, 7, 20, 3, 1);
        try (ModelSession s = backend.open(config(tinyRecurrent("lstm", 2, true, SequenceOutput.LAST,
                true, 0.1), LossKind.CROSS_ENTROPY, 1e-3, 1, 0), d.input())) {
            List<LayerShape> rows = s.shapeTrace(32);
            List<String> names = rows.stream().map(r -> r.name().split(" ")[0]).toList();
            assertEquals(List.of("embedding", "dropout_embedding", "lstm1", "layernorm1", "lstm2", "last_step",
                    "dropout_output", "dense"), names);
            assertEquals("(32, 7, 8)", rows.get(0).outputShape());
            assertEquals(20 * 8, rows.get(0).parameters());
            assertEquals("(32, 7, 32)", rows.get(2).outputShape());
            // Two directions of 4 gates: W_ih (64 x 8), W_hh (64 x 16), two biases of 64.
            assertEquals(2 * (64 * 8 + 64 * 16 + 2 * 64), rows.get(2).parameters());
            assertEquals("(32, 32)", rows.get(5).outputShape());
            assertEquals("(32, 3)", rows.get(rows.size() - 1).outputShape());
            assertEquals(s.parameterCount(), rows.stream().mapToLong(LayerShape::parameters).sum());
        }
        SyntheticData img = SyntheticData.learnableStripes(4, 3, 12, 1);
        try (ModelSession s = backend.open(config(tinyResNet(true, true), LossKind.CROSS_ENTROPY, 1e-3, 1, 0),
                img.input())) {
            List<LayerShape> rows = s.shapeTrace(5);
            LayerShape stage2 = rows.stream().filter(r -> r.name().startsWith("stage2.block1")).findFirst()
                    .orElseThrow();
            assertEquals(0, stage2.depth());
            assertEquals("(5, 8, 6, 6)", stage2.outputShape());
            assertTrue(stage2.name().contains("projection"), stage2.name());
            assertTrue(rows.stream().anyMatch(r -> r.depth() == 1 && r.name().startsWith("shortcut.conv1x1")));
            assertEquals("(5, 8)", rows.get(rows.size() - 3).outputShape());
            assertEquals("(5, 2)", rows.get(rows.size() - 1).outputShape());
            assertEquals(s.parameterCount(), rows.stream().mapToLong(LayerShape::parameters).sum());
        }
        try (ModelSession s = backend.open(config(tinyResNet(false, false), LossKind.CROSS_ENTROPY, 1e-3, 1, 0),
                img.input())) {
            List<LayerShape> rows = s.shapeTrace(5);
            assertTrue(rows.stream().anyMatch(r -> r.name().equals("stage2.block1 (no shortcut)")), rows.toString());
            assertTrue(rows.stream().noneMatch(r -> r.name().startsWith("shortcut") || r.name().startsWith("bn")));
            // Without BatchNorm the convolutions keep their bias: 3x3x3x4 weights + 4 biases in the stem.
            assertEquals(3 * 3 * 3 * 4 + 4, rows.get(1).parameters());
        }
    }

    @Test
    void invalidConfigsGetClearMessages() {
        SyntheticData tokens = SyntheticData.learnableTokens(4, 5, 12, 3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> backend.open(
                config(tinyRecurrent("lstm", 7, false, SequenceOutput.LAST, false, 0),
                        LossKind.CROSS_ENTROPY, 1e-3, 1, 0), tokens.input()));
        assertEquals("model.layers: 7 is outside 1-4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> backend.open(
                config(tinyResNet(true, true), LossKind.CROSS_ENTROPY, 1e-3, 1, 0), tokens.input()));
        assertEquals("resnet needs IMAGE input, data gives TOKENS", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> backend.open(
                config(tinyRecurrent("lstm", 2, false, SequenceOutput.LAST, false, 0), LossKind.MSE,
                        1e-3, 1, 0), tokens.input()));
        assertTrue(e.getMessage().startsWith("training.loss: MSE does not fit CLASSIFICATION"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> backend.open(
                config(tinyRecurrent("transformer", 2, false, SequenceOutput.LAST, false, 0),
                        LossKind.CROSS_ENTROPY, 1e-3, 1, 0), tokens.input()));
        assertEquals("model.template: 'transformer' is not one of lstm, gru, resnet", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> backend.open(
                config(tinyRecurrent("gru", 2, false, SequenceOutput.LAST, false, 1.5),
                        LossKind.CROSS_ENTROPY, 1e-3, 1, 0), tokens.input()));
        assertTrue(e.getMessage().startsWith("model.dropoutAfterEmbedding: 1.5 is outside [0, 1)"), e.getMessage());
        SyntheticData small = SyntheticData.learnableStripes(4, 1, 8, 1);
        var tooSmall = new dev.tunebench.engine.data.InputSpec(small.input().kind(), new int[] {1, 6, 6}, 0,
                small.input().task(), 2);
        e = assertThrows(IllegalArgumentException.class, () -> backend.open(
                config(tinyResNet(true, true), LossKind.CROSS_ENTROPY, 1e-3, 1, 0), tooSmall));
        assertEquals("data.shape: resnet needs images of at least 8x8, data gives 6x6", e.getMessage());
    }

    @Test
    void aNonFiniteStepLeavesTheWeightsAlone() {
        SyntheticData d = SyntheticData.learnableSeries(8, 4, 2, 3);
        try (ModelSession s = backend.open(config(tinyRecurrent("gru", 1, false, SequenceOutput.LAST,
                false, 0), LossKind.MSE, 1e-2, 1, 1.0), d.input())) {
            double before = s.evaluate(d.split(), 8).loss();
            float[] bad = d.split().targets().clone();
            bad[0] = Float.NaN;
            var poisoned = dev.tunebench.engine.data.ArraySplit.regression(d.split().features(),
                    d.split().rowSize(), bad, 1);
            StepResult r = s.trainStep(poisoned, new int[] {0, 1, 2}, 1e-2);
            assertTrue(Double.isNaN(r.loss()) && !r.clipped(), r.toString());
            assertEquals(before, s.evaluate(d.split(), 8).loss(), 0.0);
            assertTrue(Double.isFinite(s.trainStep(d.split(), new int[] {0, 1, 2}, 1e-2).loss()));
            assertTrue(s.evaluate(d.split(), 8).loss() != before);
        }
    }

    @Test
    void badSamplesAreNamed() {
        SyntheticData d = SyntheticData.learnableTokens(4, 5, 12, 3, 1);
        d.split().features()[7] = 40;
        try (ModelSession s = backend.open(config(tinyRecurrent("lstm", 1, false, SequenceOutput.LAST,
                false, 0), LossKind.CROSS_ENTROPY, 1e-3, 1, 0), d.input())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.trainStep(d.split(), new int[] {0, 1}, 1e-3));
            assertEquals("data: token id 40.0 of sample 1 is outside 0-11 (vocabulary size 12)", e.getMessage());
        }
    }

    @Test
    void anotherThreadIsRefused() throws Exception {
        SyntheticData d = SyntheticData.learnableTokens(4, 5, 12, 3, 1);
        try (ModelSession s = backend.open(config(tinyRecurrent("gru", 1, false, SequenceOutput.LAST,
                false, 0), LossKind.CROSS_ENTROPY, 1e-3, 1, 0), d.input())) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> CompletableFuture.runAsync(
                    () -> s.trainStep(d.split(), new int[] {0}, 1e-3)).get());
            assertTrue(e.getCause() instanceof IllegalStateException);
        }
    }

    @Test
    void twoSessionsTrainAtOnceOnTwoThreads() throws Exception {
        SyntheticData d = SyntheticData.learnableTokens(32, 5, 12, 3, 4);
        RunConfig cfg = config(tinyRecurrent("gru", 2, false, SequenceOutput.LAST, false, 0),
                LossKind.CROSS_ENTROPY, 1e-2, 8, 1.0);
        double[] alone = new double[15];
        try (ModelSession s = backend.open(cfg, d.input())) {
            for (int i = 0; i < alone.length; i++) {
                alone[i] = s.trainStep(d.split(), batch(i, 8, 32), 1e-2).loss();
            }
        }
        // Open one after the other (initialisation draws from PyTorch's one global generator), then train together.
        java.util.concurrent.CountDownLatch firstOpen = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch bothOpen = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<double[]>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int index = t;
                results.add(pool.submit(() -> {
                    if (index == 1) {
                        firstOpen.await();
                    }
                    try (ModelSession s = backend.open(cfg, d.input())) {
                        firstOpen.countDown();
                        bothOpen.countDown();
                        bothOpen.await();
                        double[] losses = new double[alone.length];
                        for (int i = 0; i < losses.length; i++) {
                            losses[i] = s.trainStep(d.split(), batch(i, 8, 32), 1e-2).loss();
                        }
                        return losses;
                    }
                }));
            }
            for (java.util.concurrent.Future<double[]> f : results) {
                assertArrayEquals(alone, f.get(), 1e-6);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nativeMemoryStaysFlatOverManySteps() {
        SyntheticData d = SyntheticData.learnableTokens(32, 4, 10, 2, 2);
        try (DjlModelSession s = (DjlModelSession) backend.open(config(tinyRecurrent("lstm", 2, false,
                SequenceOutput.MEAN, true, 0.1), LossKind.CROSS_ENTROPY, 1e-3, 1, 0.5), d.input())) {
            s.trainStep(d.split(), batch(0, 8, 32), 1e-3);
            s.evaluate(d.split(), 8);
            int attached = s.attachedArrayCount();
            int engineWide = engineWideArrays();
            for (int i = 1; i <= 100; i++) {
                s.trainStep(d.split(), batch(i, 8, 32), 1e-3);
                if (i % 50 == 0) {
                    s.evaluate(d.split(), 8);
                    s.predict(d.split(), 8);
                    s.shapeTrace(4);
                    s.restoreWeights(s.snapshotWeights());
                    assertEquals(attached, s.attachedArrayCount(), "after " + i + " steps");
                    assertEquals(engineWide, engineWideArrays(), "engine-wide, after " + i + " steps");
                }
            }
        }
    }

    /** Returns the number of arrays alive under PyTorch's system manager, i.e. in the whole process. */
    private static int engineWideArrays() {
        try (ai.djl.ndarray.NDManager probe = ai.djl.ndarray.NDManager.newBaseManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }
}
