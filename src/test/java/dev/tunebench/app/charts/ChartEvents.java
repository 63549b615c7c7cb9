package dev.tunebench.app.charts;

import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.EarlyStoppingSpec;
import dev.tunebench.engine.config.LossKind;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.RecurrentModelSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.ScheduleSpec;
import dev.tunebench.engine.config.TrainingSpec;
import dev.tunebench.engine.event.BatchMetrics;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.RunStarted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Scripted engine events for chart tests: what a real run would send, with known numbers. */
final class ChartEvents {
    private ChartEvents() {
    }

    static RunStarted started(MonitorSpec monitor, int patience, int batchesPerEpoch) {
        EarlyStoppingSpec es = new EarlyStoppingSpec(true, patience, null, null, true, 0, 0, true);
        RunConfig config = new RunConfig(RecurrentModelSpec.lstmDefaults(), null, OptimizerSpec.adamDefaults(),
                ScheduleSpec.constant(), monitor, es, CheckpointSpec.defaults());
        return new RunStarted("test-run", null, config, null, 1000, 200, batchesPerEpoch, 1234, 1);
    }

    /** Returns the start of a run with a full config: {@code schedule}, base rate {@code lr}, {@code epochs}. */
    static RunStarted started(ScheduleSpec schedule, double lr, int epochs, int batchesPerEpoch) {
        EarlyStoppingSpec es = new EarlyStoppingSpec(true, 5, null, null, true, 0, 0, true);
        RunConfig config = new RunConfig(RecurrentModelSpec.lstmDefaults(),
                new TrainingSpec(epochs, 32, 7, 1.0, LossKind.CROSS_ENTROPY, 1.0),
                OptimizerSpec.adamDefaults().withLearningRate(lr), schedule, MonitorSpec.valLoss(), es,
                CheckpointSpec.defaults());
        return new RunStarted("plan-run", null, config, null, 1000, 200, batchesPerEpoch, 1234, 1);
    }

    /** Returns the batches of {@code epochs} epochs: a noisy decaying loss, a cosine-like lr, clipped norms. */
    static List<BatchMetrics> batches(int firstEpoch, int epochs, int batchesPerEpoch, long seed) {
        Random r = new Random(seed);
        List<BatchMetrics> out = new ArrayList<>();
        for (int e = firstEpoch; e < firstEpoch + epochs; e++) {
            for (int b = 1; b <= batchesPerEpoch; b++) {
                long step = (long) (e - 1) * batchesPerEpoch + b;
                double loss = 2.0 * Math.exp(-step / 600.0) + 0.15 * r.nextDouble();
                double lr = 1e-3 * (0.5 + 0.5 * Math.cos(Math.PI * step / 5000.0)) + 1e-6;
                double before = 0.5 + 3 * r.nextDouble();
                double after = Math.min(before, 1.0);
                out.add(new BatchMetrics(e, step, b, batchesPerEpoch, loss, lr, before, after, after < before, 900));
            }
        }
        return out;
    }

    static EpochMetrics epoch(int epoch, double trainLoss, double valLoss, double valAccuracy) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train_loss", trainLoss);
        m.put("val_loss", valLoss);
        m.put("val_accuracy", valAccuracy);
        m.put("lr", 1e-3); // as TrainingRun reports it: the epoch's learning rate is among the metrics too
        return new EpochMetrics(epoch, trainLoss, valLoss, m, 1e-3, 1.0, epoch);
    }
}
