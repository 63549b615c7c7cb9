package dev.tunebench.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.config.TrainingSpec;
import dev.tunebench.engine.data.ArraySplit;
import dev.tunebench.engine.data.InputSpec;
import dev.tunebench.engine.data.LoadedData;
import dev.tunebench.engine.djl.DjlBackend;
import dev.tunebench.engine.event.BatchMetrics;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.RunFinished;
import dev.tunebench.engine.event.RunStatus;
import dev.tunebench.engine.event.StopReason;
import dev.tunebench.engine.event.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The loop on the real DJL PyTorch engine: determinism, stop and pause from another thread, non-finite loss. */
@Tag("djl")
class DjlTrainingRunTest {

    /** A learnable sequence task: is the sum of the first feature over time positive? */
    static LoadedData sequences(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int len = 6;
        int feat = 2;
        float[] x = new float[n * len * feat];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int t = 0; t < len; t++) {
                float v = (float) r.nextGaussian();
                x[(i * len + t) * feat] = v;
                x[(i * len + t) * feat + 1] = (float) r.nextGaussian();
                sum += v;
            }
            y[i] = sum > 0 ? 1 : 0;
        }
        ArraySplit all = ArraySplit.classification(x, len * feat, y);
        int[] trainIdx = new int[n * 3 / 4];
        int[] valIdx = new int[n - trainIdx.length];
        for (int i = 0; i < n; i++) {
            if (i < trainIdx.length) {
                trainIdx[i] = i;
            } else {
                valIdx[i - trainIdx.length] = i;
            }
        }
        InputSpec in = new InputSpec(InputSpec.Kind.SERIES, new int[] {len, feat}, 0, Task.CLASSIFICATION, 2);
        return new LoadedData("synthetic:sum-sign", in, all.select(trainIdx), all.select(valIdx), null,
                List.of("neg", "pos"), null, null);
    }

    static RunConfig gru(int epochs, double lr) {
        ModelSpec m = RecurrentModelSpec.gruDefaults();
        m = new RecurrentModelSpec(RecurrentModelSpec.Cell.GRU, 2, 0, 16, false, SequenceOutput.LAST, false, 0.1, 0.1,
                ModelSpec.InitScheme.HE_NORMAL, RecurrentInit.ORTHOGONAL, 1.0, true);
        return new RunConfig(m, new TrainingSpec(epochs, 16, 11, 1.0, LossKind.CROSS_ENTROPY, 1.0),
                OptimizerSpec.adamDefaults().withLearningRate(lr), ScheduleSpec.cosineDefaults(),
                MonitorSpec.valLoss(), new EarlyStoppingSpec(true, 10, null, null, true, 0, 0, true),
                CheckpointSpec.defaults());
    }

    static List<Double> epochLosses(RunConfig c, LoadedData d) {
        List<Double> losses = new ArrayList<>();
        TrainingRun run = new TrainingRun(new RunRequest(c, d, null, "det", null, 0), new DjlBackend());
        run.addListener(new TrainingListener() {
            @Override
            public void onEpochEnd(EpochMetrics m) {
                losses.add(m.trainLoss());
                losses.add(m.valLoss());
            }
        });
        RunFinished fin = run.run();
        assertEquals(RunStatus.FINISHED, fin.status(), fin.message());
        return losses;
    }

    @Test
    void sameSeedGivesTheSameEpochLossesAndTheLossFalls() {
        LoadedData d = sequences(160, 3);
        List<Double> a = epochLosses(gru(4, 1e-2), d);
        List<Double> b = epochLosses(gru(4, 1e-2), d);
        assertEquals(8, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), 1e-6 * Math.abs(a.get(i)), "loss " + i);
        }
        assertTrue(a.get(6) < a.get(0) * 0.8, "train loss falls: " + a);
        List<Double> other = epochLosses(gru(1, 1e-2).withTraining(gru(1, 1e-2).training().withSeed(12)), d);
        assertFalse(other.get(0).equals(a.get(0)), "another seed gives another run");
    }

    @Test
    void stopAndPauseFromAnotherThread() throws Exception {
        TrainingRun run = new TrainingRun(new RunRequest(gru(500, 1e-3), sequences(128, 4), null, "stop", null, 0),
                new DjlBackend());
        CountDownLatch batches = new CountDownLatch(5);
        List<Long> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
        run.addListener(new TrainingListener() {
            @Override
            public void onBatchEnd(BatchMetrics m) {
                steps.add(m.step());
                batches.countDown();
            }
        });
        Thread t = run.start();
        assertTrue(batches.await(60, TimeUnit.SECONDS));
        run.control().pause();
        Thread.sleep(300);
        int atPause = steps.size();
        Thread.sleep(500);
        assertEquals(atPause, steps.size(), "no step while paused");
        assertTrue(t.isAlive());
        run.control().resume();
        long deadline = System.currentTimeMillis() + 60_000;
        while (steps.size() < atPause + 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(steps.size() >= atPause + 3, "steps go on after resume");
        run.control().stop();
        t.join(60_000);
        assertFalse(t.isAlive(), "the run ends cleanly after stop");
    }

    @Test
    void aNonFiniteLossEndsTheRunWithAdviceNotAHang() {
        LoadedData d = sequences(256, 5);
        float[] x = d.train().features();
        for (int i = 0; i < x.length; i += 4 * d.train().rowSize()) {
            x[i] = Float.NaN; // a broken data pipeline: every 4th training sample has a NaN
        }
        RunFinished fin = new TrainingRun(new RunRequest(gru(3, 1e-3), d, null, "nan", null, 8),
                new DjlBackend()).run();
        assertEquals(RunStatus.FINISHED, fin.status(), fin.message());
        assertEquals(StopReason.NON_FINITE_METRIC, fin.reason(), fin.message());
        assertTrue(fin.message().contains("Lower the learning rate"), fin.message());
    }
}
