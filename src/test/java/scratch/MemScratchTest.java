package scratch;

import dev.tunebench.engine.config.*;
import dev.tunebench.engine.djl.*;
import dev.tunebench.engine.djl.bench.SyntheticData;
import org.junit.jupiter.api.Test;
import java.nio.file.*;
import java.util.List;

class MemScratchTest {
    static long rssKb() throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) if (l.startsWith("VmRSS")) return Long.parseLong(l.replaceAll("\\D", ""));
        return -1;
    }
    @Test
    void mem() throws Exception {
        SyntheticData d = SyntheticData.learnableTokens(64, 6, 50, 2, 2);
        ModelSpec m = new ModelSpec("lstm", 2, 16, 32, true, ModelSpec.SequenceOutput.LAST, true, 0.1, 0.1,
                List.of(), 0, true, true, ModelSpec.Activation.RELU, 0.01, ModelSpec.InitScheme.XAVIER_UNIFORM,
                ModelSpec.RecurrentInit.ORTHOGONAL, 1.0, true);
        RunConfig cfg = new RunConfig(m, new TrainingSpec(10, 16, 1, 0.5, LossKind.CROSS_ENTROPY, 1.0),
                OptimizerSpec.adamDefaults(), ScheduleSpec.constant(), MonitorSpec.valLoss(),
                EarlyStoppingSpec.defaults(), CheckpointSpec.defaults());
        try (var s = new DjlModelSession(cfg, d.input())) {
            for (int i = 0; i <= 1000; i++) {
                int[] idx = new int[16];
                for (int k = 0; k < 16; k++) idx[k] = (i * 16 + k) % 64;
                s.trainStep(d.split(), idx, 1e-3);
                if (i % 100 == 0) { s.evaluate(d.split(), 16); System.gc(); System.out.println("MEM step " + i + " attached " + s.attachedArrayCount() + " rss " + rssKb() + " kB"); }
            }
        }
    }
}
