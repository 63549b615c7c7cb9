package dev.tunebench.engine.checkpoint;

import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.MonitorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Child process of {@link CheckpointFaultTest}: saves checkpoints of a few MB in a loop, forever, until the parent
 * kills it. Each start resumes after the last committed epoch, as a resumed run does.
 *
 * <p>Arguments: checkpoints folder, seed.
 */
public final class CheckpointWriterChild {
    private CheckpointWriterChild() {
    }

    /** Returns the monitored value of an epoch: a noisy decreasing curve with some NaN, reproducible by epoch. */
    static double valueOf(long seed, int epoch) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + epoch);
        return r.nextInt(7) == 0 ? Double.NaN : 10.0 / epoch + r.nextDouble();
    }

    /** Returns the weights payload of an epoch: 1-3 MB of reproducible bytes. */
    static byte[] weightsOf(long seed, int epoch) {
        SplittableRandom r = new SplittableRandom(seed * 7_919L + epoch);
        byte[] b = new byte[(1 << 20) + r.nextInt(2 << 20)];
        r.nextBytes(b);
        return b;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        CheckpointManager m = new CheckpointManager(dir, new CheckpointSpec(2, true), MonitorSpec.valLoss());
        int epoch = m.list().stream().mapToInt(CheckpointInfo::epoch).max().orElse(0);
        long orphans;
        try (var s = Files.list(dir)) {
            orphans = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(AtomicFiles.TEMP_PREFIX) || n.startsWith(AtomicFiles.TRASH_PREFIX))
                    .count();
        }
        // The parent checks that a start leaves no orphan behind and resumes after the last committed epoch.
        System.out.println("ready " + epoch + " " + orphans);
        System.out.flush();
        while (true) {
            int e = ++epoch;
            double v = valueOf(seed, e);
            m.onEpochEnd(e, v, folder -> {
                Files.write(folder.resolve("model-0000.params"), weightsOf(seed, e));
                Files.write(folder.resolve("optimizer.bin"), weightsOf(seed + 1, e));
                Files.writeString(folder.resolve(Checkpoints.SIDECAR),
                        "{\"formatVersion\": 1, \"templateId\": \"lstm\", \"epoch\": " + e + ", \"monitorValue\": "
                                + v + "}");
            });
            System.out.println("saved " + e);
            System.out.flush();
        }
    }
}
