package dev.tunebench.engine.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.EarlyStoppingSpec;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.RecurrentModelSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.ScheduleSpec;
import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.config.TrainingSpec;
import dev.tunebench.engine.config.LossKind;
import dev.tunebench.engine.data.ArraySplit;
import dev.tunebench.engine.data.InputSpec;
import dev.tunebench.engine.data.LoadedData;
import dev.tunebench.engine.event.AsyncListener;
import dev.tunebench.engine.event.BatchMetrics;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.RunFinished;
import dev.tunebench.engine.event.RunStarted;
import dev.tunebench.engine.event.RunStatus;
import dev.tunebench.engine.event.StopReason;
import dev.tunebench.engine.event.TrainingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The epoch loop on a scripted backend: stopping, restore-best, pause/stop, non-finite loss, errors. */
class TrainingRunTest {

    static LoadedData data(int n) {
        float[] f = new float[n * 2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            f[2 * i] = i;
            labels[i] = i % 2;
        }
        ArraySplit split = ArraySplit.classification(f, 2, labels);
        InputSpec in = new InputSpec(InputSpec.Kind.SERIES, new int[] {1, 2}, 0, Task.CLASSIFICATION, 2);
        return new LoadedData("synthetic", in, split, split.head(4), null, List.of("a", "b"), null, null);
    }

    static RunConfig config(int epochs, int batch, int patience) {
        return new RunConfig(RecurrentModelSpec.gruDefaults(),
                new TrainingSpec(epochs, batch, 7, 1.0, LossKind.CROSS_ENTROPY, 1.0),
                OptimizerSpec.adamDefaults(), ScheduleSpec.constant(), MonitorSpec.valLoss(),
                new EarlyStoppingSpec(true, patience, null, null, true, 0, 0, true), CheckpointSpec.defaults());
    }

    static final class Recorder implements TrainingListener {
        final List<Object> events = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();

        @Override
        public void onRunStart(RunStarted e) {
            record(e);
        }

        @Override
        public void onBatchEnd(BatchMetrics m) {
            record(m);
        }

        @Override
        public void onEpochEnd(EpochMetrics m) {
            record(m);
        }

        @Override
        public void onRunEnd(RunFinished e) {
            record(e);
        }

        synchronized void record(Object o) {
            events.add(o);
            threads.add(Thread.currentThread());
        }

        synchronized long count(Class<?> c) {
            return events.stream().filter(c::isInstance).count();
        }
    }

    @Test
    void completesAllEpochsAndEmitsEveryEventOnTheTrainingThread() throws Exception {
        FakeBackend backend = new FakeBackend(e -> 1.0 / (1 + e), s -> 1.0 / s);
        TrainingRun run = new TrainingRun(new RunRequest(config(3, 4, 5), data(10), null, "t", null, 0), backend);
        Recorder rec = new Recorder();
        run.addListener(rec);
        Thread t = run.start();
        t.join(10_000);
        assertFalse(t.isAlive());
        assertEquals(1, rec.count(RunStarted.class));
        assertEquals(9, rec.count(BatchMetrics.class), "3 epochs of ceil(10/4) batches");
        assertEquals(3, rec.count(EpochMetrics.class));
        RunFinished fin = (RunFinished) rec.events.get(rec.events.size() - 1);
        assertEquals(RunStatus.FINISHED, fin.status());
        assertEquals(StopReason.COMPLETED, fin.reason());
        assertEquals(3, fin.bestEpoch());
        assertTrue(rec.threads.stream().allMatch(th -> th == t), "listeners run on the training thread");
        assertSame(t, backend.owner, "the training thread opened the session");
        assertTrue(backend.last.closed);
        EpochMetrics e1 = (EpochMetrics) rec.events.stream().filter(EpochMetrics.class::isInstance).findFirst()
                .orElseThrow();
        assertEquals((1.0 + 0.5 + 1.0 / 3) / 3, e1.trainLoss(), 1e-12, "train loss is the mean over the batches");
        assertEquals(0.5, e1.valLoss(), 1e-12);
        assertEquals(List.of("train_loss", "val_loss", "val_accuracy", "lr"), List.copyOf(e1.metrics().keySet()));
    }

    @Test
    void earlyStoppingRestoresTheBestWeights() {
        // val loss falls to its minimum after 3 epochs, then rises.
        double[] val = {9, 0.8, 0.6, 0.4, 0.5, 0.7, 0.9, 1.0, 1.1};
        FakeBackend backend = new FakeBackend(e -> val[e], s -> 1.0);
        RunFinished fin = new TrainingRun(new RunRequest(config(8, 5, 2), data(10), null, "t", null, 0), backend)
                .run();
        assertEquals(StopReason.PATIENCE_EXHAUSTED, fin.reason());
        assertEquals(5, fin.epochs());
        assertEquals(3, fin.bestEpoch());
        assertEquals(0.4, fin.bestValue());
        assertEquals(3, backend.last.trainedEpochs, "weights of epoch 3 restored");
        assertEquals("val_loss did not improve by 0 for 2 epochs; best 0.4 at epoch 3", fin.message());
    }

    @Test
    void bestWeightsAreRestoredWhenTheRunCompletesToo() {
        double[] val = {9, 0.3, 0.6, 0.7};
        FakeBackend backend = new FakeBackend(e -> val[e], s -> 1.0);
        RunFinished fin = new TrainingRun(new RunRequest(config(3, 5, 10), data(10), null, "t", null, 0), backend)
                .run();
        assertEquals(StopReason.COMPLETED, fin.reason());
        assertEquals(1, backend.last.trainedEpochs);
    }

    @Test
    void stopFromAnotherThreadEndsCleanly() throws Exception {
        FakeBackend backend = new FakeBackend(e -> 1.0, s -> 1.0);
        backend.stepDelayMillis = 5;
        TrainingRun run = new TrainingRun(new RunRequest(config(1000, 1, 1000), data(10), null, "t", null, 0),
                backend);
        CountDownLatch started = new CountDownLatch(3);
        run.addListener(new TrainingListener() {
            @Override
            public void onBatchEnd(BatchMetrics m) {
                started.countDown();
            }
        });
        Thread t = run.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        run.control().stop();
        t.join(10_000);
        assertFalse(t.isAlive());
        assertTrue(backend.last.closed);
        assertTrue(backend.batches.size() < 10_000);
    }

    @Test
    void stopReportsStoppedStatus() {
        FakeBackend backend = new FakeBackend(e -> 1.0, s -> 1.0);
        TrainingRun run = new TrainingRun(new RunRequest(config(5, 2, 10), data(10), null, "t", null, 0), backend);
        run.addListener(new TrainingListener() {
            @Override
            public void onBatchEnd(BatchMetrics m) {
                if (m.step() == 7) {
                    run.control().stop();
                }
            }
        });
        RunFinished fin = run.run();
        assertEquals(RunStatus.STOPPED, fin.status());
        assertEquals(StopReason.USER_REQUESTED, fin.reason());
        assertEquals(7, backend.batches.size(), "no batch after the stop request");
        assertEquals(1, fin.epochs());
    }

    @Test
    void pauseHoldsTheLoopUntilResume() throws Exception {
        FakeBackend backend = new FakeBackend(e -> 1.0, s -> 1.0);
        TrainingRun run = new TrainingRun(new RunRequest(config(2, 2, 10), data(10), null, "t", null, 0), backend);
        CountDownLatch paused = new CountDownLatch(1);
        run.addListener(new TrainingListener() {
            @Override
            public void onBatchEnd(BatchMetrics m) {
                if (m.step() == 3) {
                    run.control().pause();
                    paused.countDown();
                }
            }
        });
        Thread t = run.start();
        assertTrue(paused.await(10, TimeUnit.SECONDS));
        t.join(300);
        assertTrue(t.isAlive(), "still paused");
        assertEquals(3, backend.batches.size());
        assertTrue(run.control().isPaused());
        run.control().resume();
        t.join(10_000);
        assertFalse(t.isAlive());
        assertEquals(10, backend.batches.size());
    }

    @Test
    void nonFiniteTrainingLossEndsTheRunWithAdvice() {
        FakeBackend backend = new FakeBackend(e -> 1.0, s -> s == 4 ? Double.NaN : 1.0);
        RunFinished fin = new TrainingRun(new RunRequest(config(5, 2, 10), data(10), null, "t", null, 0), backend)
                .run();
        assertEquals(StopReason.NON_FINITE_METRIC, fin.reason());
        assertEquals(RunStatus.FINISHED, fin.status());
        assertTrue(fin.message().startsWith("training loss became NaN at epoch 1, step 4"), fin.message());
        assertTrue(fin.message().contains("Lower the learning rate"), fin.message());
        assertEquals(4, backend.batches.size());
    }

    @Test
    void backendErrorsBecomeAFailedRunNotAnException() {
        FakeBackend backend = new FakeBackend(e -> 1.0, s -> {
            throw new IllegalStateException("shape mismatch: (32, 10) vs (32, 12)");
        });
        RunFinished fin = new TrainingRun(new RunRequest(config(5, 2, 10), data(10), null, "t", null, 0), backend)
                .run();
        assertEquals(RunStatus.FAILED, fin.status());
        assertEquals(StopReason.ERROR, fin.reason());
        assertEquals("shape mismatch: (32, 10) vs (32, 12)", fin.error());
        assertTrue(backend.last.closed, "the session is closed after a failure");
    }

    @Test
    void unknownMonitorMetricIsRejectedWithTheAllowedNames() {
        FakeBackend backend = new FakeBackend(e -> 1.0, s -> 1.0);
        RunConfig c = config(2, 2, 2).withMonitor(new MonitorSpec("val_mae", MonitorSpec.Mode.MIN, 0));
        RunFinished fin = new TrainingRun(new RunRequest(c, data(10), null, "t", null, 0), backend).run();
        assertEquals(RunStatus.FAILED, fin.status());
        assertEquals("monitor.metric: 'val_mae' is not reported for classification; allowed: train_loss, val_loss, "
                + "val_accuracy", fin.error());
    }

    @Test
    void dataOrderFollowsSeedAndEpochOnly() {
        int[] a = TrainingRun.permutation(100, 7, 3);
        assertArrayEquals(a, TrainingRun.permutation(100, 7, 3));
        assertFalse(Arrays.equals(a, TrainingRun.permutation(100, 7, 4)));
        assertFalse(Arrays.equals(a, TrainingRun.permutation(100, 8, 3)));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, sorted[i]);
        }
        FakeBackend b1 = new FakeBackend(e -> 1.0, s -> 1.0);
        FakeBackend b2 = new FakeBackend(e -> 1.0, s -> 1.0);
        new TrainingRun(new RunRequest(config(3, 3, 10), data(10), null, "x", null, 0), b1).run();
        new TrainingRun(new RunRequest(config(3, 3, 10), data(10), null, "y", null, 0), b2).run();
        assertEquals(b1.epochSeeds, b2.epochSeeds);
        assertNotEquals(b1.epochSeeds.get(0), b1.epochSeeds.get(1));
        for (int i = 0; i < b1.batches.size(); i++) {
            assertArrayEquals(b1.batches.get(i), b2.batches.get(i));
        }
    }

    @Test
    void maxBatchesPerEpochCapsTheEpoch() {
        FakeBackend backend = new FakeBackend(e -> 1.0, s -> 1.0);
        new TrainingRun(new RunRequest(config(2, 1, 10), data(10), null, "t", null, 3), backend).run();
        assertEquals(6, backend.batches.size());
    }

    @Test
    void aBlockedAsyncListenerDoesNotHoldTheTrainerAndGetsEveryEventInOrder() throws Exception {
        FakeBackend backend = new FakeBackend(e -> 1.0, s -> 1.0);
        CountDownLatch release = new CountDownLatch(1);
        Recorder rec = new Recorder();
        AsyncListener slow = new AsyncListener(new TrainingListener() {
            @Override
            public void onRunStart(RunStarted e) {
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    throw new IllegalStateException(ex);
                }
                rec.onRunStart(e);
            }

            @Override
            public void onBatchEnd(BatchMetrics m) {
                rec.onBatchEnd(m);
            }

            @Override
            public void onRunEnd(RunFinished e) {
                rec.onRunEnd(e);
            }
        }, "slow", null);
        TrainingRun run = new TrainingRun(new RunRequest(config(3, 2, 10), data(10), null, "t", null, 0), backend);
        run.addListener(slow);
        RunFinished fin = run.run();
        assertEquals(StopReason.COMPLETED, fin.reason(), "the run finished while the listener was blocked");
        assertEquals(0, rec.events.size());
        assertTrue(slow.pending() > 15);
        release.countDown();
        assertTrue(slow.awaitDelivered(10_000));
        assertEquals(17, rec.events.size(), "start + 15 batches + end");
        assertTrue(rec.events.get(0) instanceof RunStarted);
        assertSame(fin, rec.events.get(16));
        for (int i = 1; i <= 15; i++) {
            assertEquals(i, ((BatchMetrics) rec.events.get(i)).step());
        }
    }

    @Test
    void theRunFolderHoldsRunJsonMetricsSummaryWithDiagnosisAndCheckpoints(@org.junit.jupiter.api.io.TempDir
                                                                             java.nio.file.Path tmp) throws Exception {
        double[] val = {9, 0.8, 0.6, 0.4, 0.5, 0.7};
        FakeBackend backend = new FakeBackend(e -> val[e], s -> 1.0 / s);
        RunFinished fin = new TrainingRun(new RunRequest(config(5, 5, 10), data(10), tmp, "r1", null, 0), backend)
                .run();
        java.nio.file.Path dir = tmp.resolve("r1");
        com.google.gson.JsonObject summary = dev.tunebench.engine.Json.gson().fromJson(
                java.nio.file.Files.readString(dir.resolve("summary.json")), com.google.gson.JsonObject.class);
        assertEquals("COMPLETED", summary.get("stopReason").getAsString());
        assertEquals(3, summary.get("bestEpoch").getAsInt());
        assertEquals(fin.bestCheckpoint().toString(), summary.get("bestCheckpoint").getAsString());
        com.google.gson.JsonObject diag = summary.getAsJsonObject("diagnosis");
        assertTrue(List.of("OVERFITTING", "HEALTHY", "UNDERFITTING", "NOT_LEARNING", "OSCILLATING", "SUSPICIOUS")
                .contains(diag.get("kind").getAsString()), diag.toString());
        assertFalse(diag.get("advice").getAsString().isBlank());
        List<String> csv = java.nio.file.Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(6, csv.size(), "a header and a row per epoch");
        assertTrue(csv.get(0).startsWith("epoch,"), csv.get(0));
        com.google.gson.JsonObject runJson = dev.tunebench.engine.Json.gson().fromJson(
                java.nio.file.Files.readString(dir.resolve("run.json")), com.google.gson.JsonObject.class);
        assertEquals("synthetic", runJson.get("data").getAsString());
        assertEquals(7, runJson.get("seed").getAsLong());
        assertTrue(java.nio.file.Files.isDirectory(fin.bestCheckpoint()));
    }
}
