package scratch;

import dev.tunebench.engine.config.*;
import dev.tunebench.engine.djl.*;
import dev.tunebench.engine.djl.bench.SyntheticData;
import org.junit.jupiter.api.Test;
import java.lang.management.*;
import java.util.List;

class ProfileScratchTest {
    @Test
    void profile() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        SyntheticData d = SyntheticData.learnableTokens(32, 4, 10, 2, 2);
        ModelSpec m = new ModelSpec("lstm", 2, 8, 16, false, ModelSpec.SequenceOutput.MEAN, true, 0.1, 0.1,
                List.of(), 0, true, true, ModelSpec.Activation.RELU, 0.01, ModelSpec.InitScheme.XAVIER_UNIFORM,
                ModelSpec.RecurrentInit.ORTHOGONAL, 1.0, true);
        for (var kind : OptimizerSpec.Kind.values()) {
        RunConfig cfg = new RunConfig(m, new TrainingSpec(10, 16, 1, 0.5, LossKind.CROSS_ENTROPY, 1.0),
                OptimizerSpec.adamDefaults().withKind(kind), ScheduleSpec.constant(), MonitorSpec.valLoss(),
                EarlyStoppingSpec.defaults(), CheckpointSpec.defaults());
        try (var s = new DjlModelSession(cfg, d.input())) {
            for (int i = 0; i < 10; i++) s.trainStep(d.split(), new int[]{0,1,2,3,4,5,6,7}, 1e-3);
            long c = mx.getCurrentThreadCpuTime(); long t = System.nanoTime();
            for (int i = 0; i < 30; i++) s.trainStep(d.split(), new int[]{0,1,2,3,4,5,6,7}, 1e-3);
            System.out.printf("PROF %s wall %.1f ms/step, thread cpu %.1f ms/step%n", kind, (System.nanoTime() - t) / 30e6, (mx.getCurrentThreadCpuTime() - c) / 30e6);
        }
        }
    }
}
