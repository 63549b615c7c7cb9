package dev.tunebench.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.MonitorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: checkpoints written into a 640 KiB tmpfs. A checkpoint too big for the space left fails with the
 * operating system's "No space left on device", is recorded beside the others, replaces nothing, and frees what it
 * took, so the next epoch's smaller checkpoint commits; with the disk completely full even the record waits, and
 * is written once there is room. Skipped, with the reason, where a tmpfs cannot be mounted.
 */
class CheckpointDiskFullTest {
    private static final int KIB = 640;

    @TempDir
    Path tmp;

    private static byte[] weights(int bytes, int epoch) {
        byte[] b = new byte[bytes];
        new SplittableRandom(epoch).nextBytes(b); // random: nothing compresses or dedupes it
        return b;
    }

    private static CheckpointWriter payload(int bytes, int epoch) {
        return folder -> {
            Files.write(folder.resolve("model-0000.params"), weights(bytes, epoch));
            Files.writeString(folder.resolve(Checkpoints.SIDECAR), "{\"templateId\": \"gru\", \"epoch\": " + epoch
                    + "}");
        };
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCheckpointTooBigForTheDiskFailsAloneAndTheRunsNextOneCommits() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(tmp.resolve("small"), KIB)) {
            Path dir = fs.dir().resolve("checkpoints");
            CheckpointManager m = new CheckpointManager(dir, new CheckpointSpec(1, true), MonitorSpec.valLoss());
            m.onEpochEnd(1, 0.9, payload(150_000, 1));
            long freeBefore = fs.free();
            byte[] indexBefore = Files.readAllBytes(dir.resolve(CheckpointIndex.FILE_NAME));

            CheckpointWriteException e = assertThrows(CheckpointWriteException.class,
                    () -> m.onEpochEnd(2, 0.5, payload(1_000_000, 2)));
            System.out.println("disk full: " + e.getMessage());
            assertEquals(CheckpointFailure.Stage.WRITE, e.failure().stage());
            assertTrue(e.failure().reason().contains("No space left on device"), e.failure().reason());
            assertFalse(e.permanent(), "space can be freed: the run goes on");
            assertArrayEquals(indexBefore, Files.readAllBytes(dir.resolve(CheckpointIndex.FILE_NAME)));
            assertEquals("epoch-0001", m.lastGood().orElseThrow().id());
            Checkpoints.verify(dir.resolve("epoch-0001"));
            assertEquals(List.of("epoch-0001", FailedWrites.FILE_NAME, CheckpointIndex.FILE_NAME), names(dir));
            assertTrue(fs.free() >= freeBefore - 8192, "the failed write gave its space back: " + fs.free() + " of "
                    + freeBefore);
            CheckpointReport report = Checkpoints.report(dir);
            assertEquals("epoch-0002", report.failures().get(0).id());
            assertTrue(report.failures().get(0).reason().contains("No space left on device"));

            // The next epoch's checkpoint fits again: it commits, is verified, and becomes the last good one.
            m.onEpochEnd(3, 0.4, payload(150_000, 3));
            assertEquals("epoch-0003", m.lastGood().orElseThrow().id());
            assertArrayEquals(weights(150_000, 3), Files.readAllBytes(dir.resolve("epoch-0003/model-0000.params")));
            assertEquals(List.of("epoch-0003", FailedWrites.FILE_NAME, CheckpointIndex.FILE_NAME), names(dir));
        }
    }

    @Test
    void onACompletelyFullDiskTheRecordWaitsUntilThereIsRoom() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(tmp.resolve("full"), KIB)) {
            Path dir = fs.dir().resolve("checkpoints");
            CheckpointManager m = new CheckpointManager(dir, new CheckpointSpec(1, true), MonitorSpec.valLoss());
            m.onEpochEnd(1, 0.9, payload(100_000, 1));
            Path filler = fs.dir().resolve("someone-elses-file");
            fs.fill(filler);

            CheckpointWriteException e = assertThrows(CheckpointWriteException.class,
                    () -> m.onEpochEnd(2, 0.5, payload(20_000, 2)));
            assertTrue(e.failure().reason().contains("No space left on device"), e.failure().reason());
            assertTrue(e.getMessage().contains("could not be recorded"), e.getMessage());
            assertEquals(List.of("epoch-0002"), m.failures().stream().map(CheckpointFailure::id).toList());
            assertEquals("epoch-0001", m.lastGood().orElseThrow().id());
            Checkpoints.verify(dir.resolve("epoch-0001"));

            Files.delete(filler);
            m.onEpochEnd(3, 0.4, payload(20_000, 3));
            assertEquals("epoch-0003", m.lastGood().orElseThrow().id());
            assertEquals(List.of("epoch-0002"), Checkpoints.report(dir).failures().stream()
                    .map(CheckpointFailure::id).toList(), "recorded once there was room");
        }
    }
}
