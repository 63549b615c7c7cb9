package scratch;

import dev.tunebench.engine.djl.*;
import dev.tunebench.engine.djl.bench.*;
import org.junit.jupiter.api.Test;
import java.lang.management.*;

class Profile3ScratchTest {
    @Test
    void profile() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        var setup = EngineBenchmark.standard("lstm");
        var d = setup.data();
        try (var s = new DjlModelSession(setup.config(), d.input()); var bare = new BareDjlLoop(setup.config(), d.input(), d.split())) {
            long ce = 0, cb = 0, we = 0, wb = 0;
            for (int i = 0; i < 24; i++) {
                int[] idx = new int[32];
                for (int k = 0; k < 32; k++) idx[k] = (i * 32 + k) % 1024;
                long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime();
                s.trainStep(d.split(), idx, 1e-3);
                long c1 = mx.getCurrentThreadCpuTime(), w1 = System.nanoTime();
                bare.step(32);
                long c2 = mx.getCurrentThreadCpuTime(), w2 = System.nanoTime();
                if (i >= 4) { ce += c1 - c0; cb += c2 - c1; we += w1 - w0; wb += w2 - w1; }
            }
            System.out.printf("PROF engine cpu %.1f ms wall %.1f ms | bare cpu %.1f ms wall %.1f ms%n", ce / 20e6, we / 20e6, cb / 20e6, wb / 20e6);
        }
    }
}
