package dev.tunebench.engine.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.config.TrainingSpec;
import dev.tunebench.engine.data.ArraySplit;
import dev.tunebench.engine.data.DataLoader;
import dev.tunebench.engine.data.DataSpec;
import dev.tunebench.engine.data.LoadedData;
import dev.tunebench.engine.djl.DjlBackend;
import dev.tunebench.engine.event.BatchMetrics;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.TrainingListener;
import dev.tunebench.engine.run.RunRequest;
import dev.tunebench.engine.run.TrainingRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The diagnosis on real runs of the engine, broken on purpose (tip 4), on the built-in 8x8 digits. */
@Tag("djl")
class CurveDiagnosisDjlTest {
    private static LoadedData digits;

    @BeforeAll
    static void load() {
        digits = DataLoader.load(DataSpec.parse("builtin:digits"));
    }

    private static RunConfig smallCnn(double lr, int epochs) {
        ModelSpec m = new ResNetModelSpec(List.of(8, 16), 1, true, true, Activation.RELU, 0.01, 0.0,
                ModelSpec.InitScheme.HE_NORMAL);
        EarlyStoppingSpec noStop = new EarlyStoppingSpec(false, 100, null, null, false, 0, 0, false);
        return new RunConfig(m, new TrainingSpec(epochs, 32, 42, 0, LossKind.CROSS_ENTROPY, 1.0),
                OptimizerSpec.adamDefaults().withKind(OptimizerSpec.Kind.ADAMW).withLearningRate(lr),
                ScheduleSpec.constant(), MonitorSpec.valLoss(), noStop, CheckpointSpec.defaults());
    }

    /** Runs the engine (20 batches of 32 per epoch, to keep it short); returns the diagnosis after the last epoch. */
    private static Diagnosis train(RunConfig c, LoadedData data) {
        TrainingRun run = new TrainingRun(new RunRequest(c, data, null, null, null, 20), new DjlBackend());
        List<EpochMetrics> epochs = new ArrayList<>();
        List<Double> batches = new ArrayList<>();
        run.addListener(new TrainingListener() {
            @Override
            public void onBatchEnd(BatchMetrics m) {
                batches.add(m.loss());
            }

            @Override
            public void onEpochEnd(EpochMetrics m) {
                epochs.add(m);
            }
        });
        run.run();
        double[] recent = batches.subList(Math.max(0, batches.size() - 20), batches.size()).stream()
                .mapToDouble(Double::doubleValue).toArray();
        Diagnosis d = CurveDiagnosis.diagnose(epochs, recent, Task.CLASSIFICATION, data.input().outputSize());
        StringBuilder curve = new StringBuilder();
        epochs.forEach(e -> curve.append(String.format(" %d: %.4f/%.4f", e.epoch(), e.trainLoss(), e.valLoss())));
        System.out.println(d + " |" + curve);
        return d;
    }

    @Test
    void healthyRunIsHealthy() {
        Diagnosis d = train(smallCnn(3e-3, 4), digits);
        assertEquals(Diagnosis.Kind.HEALTHY, d.kind(), d.toString());
    }

    @Test
    void shuffledTrainingLabelsAreSuspicious() {
        ArraySplit t = digits.train();
        int[] y = t.labels().clone();
        Random r = new Random(3);
        for (int i = y.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int s = y[i];
            y[i] = y[j];
            y[j] = s;
        }
        LoadedData broken = new LoadedData(digits.source(), digits.input(),
                ArraySplit.classification(t.features(), t.rowSize(), y), digits.validation(), null,
                digits.classNames(), digits.preprocessing(), digits.notes());
        Diagnosis d = train(smallCnn(3e-3, 4), broken);
        assertEquals(Diagnosis.Kind.SUSPICIOUS, d.kind(), d.toString());
        assertTrue(d.advice().contains("tip 4"), d.advice());
    }

    @Test
    void learningRateOneIsDivergingOrOscillating() {
        Diagnosis d = train(smallCnn(1.0, 4), digits);
        assertTrue(d.kind() == Diagnosis.Kind.DIVERGING || d.kind() == Diagnosis.Kind.OSCILLATING, d.toString());
        assertTrue(d.advice().contains("tip 2"), d.advice());
    }
}
