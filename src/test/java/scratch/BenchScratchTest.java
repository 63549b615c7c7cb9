package scratch;

import dev.tunebench.cli.*;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.Set;

class BenchScratchTest {
    @Test
    void bench() throws Exception {
        for (String t : List.of("lstm", "resnet")) {
            new BenchCommand().run(Args.parse(List.of("--template", t, "--seconds", "60", "--rounds", "5"), Set.of()),
                    System.out, System.err);
        }
    }
}
