package scratch;

import dev.tunebench.engine.backend.*;
import dev.tunebench.engine.djl.*;
import dev.tunebench.engine.djl.bench.*;
import org.junit.jupiter.api.Test;

class TraceScratchTest {
    @Test
    void trace() {
        for (String t : new String[] {"lstm", "resnet"}) {
            var s = EngineBenchmark.standard(t);
            try (var sess = new DjlBackend().open(s.config(), s.data().input())) {
                System.out.println("TRACE template " + t + ", input " + s.data().input());
                for (LayerShape l : sess.shapeTrace(s.config().training().batchSize())) {
                    System.out.printf("TRACE %-48s %-20s %,12d%n", "  ".repeat(l.depth()) + l.name(), l.outputShape(), l.parameters());
                }
                System.out.printf("TRACE %-48s %-20s %,12d%n", "total", "", sess.parameterCount());
            }
        }
    }
}
