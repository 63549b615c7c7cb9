package dev.tunebench.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.MonitorSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL at random instants while it writes checkpoints of a few MB, and checks after every
 * kill that the index and every checkpoint it lists (the best among them) load and verify, that the best value
 * never gets worse (the previous best is never lost), that the next start removes the orphans, and that it records
 * every write a kill left half done as interrupted, beside the checkpoints.
 */
class CheckpointFaultTest {
    private static final int KILLS = 24;
    private static final long SEED = 20260101L;

    @TempDir
    Path tmp;

    @Test
    void sigkillAtRandomInstantsNeverCostsTheBestCheckpoint() throws Exception {
        Path dir = tmp.resolve("checkpoints");
        Random random = new Random(SEED);
        double bestSoFar = Double.NaN;
        int killsWithOrphans = 0;
        int lastCommitted = 0;
        List<String> halfDone = new java.util.ArrayList<>();
        int interruptedRecorded = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            boolean hadIndex = Files.exists(dir.resolve(CheckpointIndex.FILE_NAME));
            Process child = startChild(dir);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String ready = out.readLine();
                assertTrue(ready != null && ready.startsWith("ready "), () -> "child did not start: " + ready
                        + stderrOf(child));
                String[] parts = ready.split(" ");
                int resumedAfter = Integer.parseInt(parts[1]);
                if (hadIndex) {
                    assertEquals(lastCommitted, resumedAfter, "the restarted child resumes after the last indexed "
                            + "epoch");
                } else {
                    // Killed between the first folder rename and the first index write: the folder is adopted.
                    assertTrue(resumedAfter <= 1, "resumed after " + resumedAfter + " without an index");
                }
                assertEquals(0, Integer.parseInt(parts[2]), "the start removed every orphan of the last kill");
                // Every write the last kill cut short is now recorded as interrupted, with its reason.
                List<CheckpointFailure> recorded = FailedWrites.read(dir);
                for (String id : halfDone) {
                    assertTrue(recorded.stream().anyMatch(f -> f.id().equals(id)
                            && f.stage() == CheckpointFailure.Stage.INTERRUPTED
                            && f.reason().contains("the process ended")), "kill " + kill + ": " + id
                            + " not recorded as interrupted: " + recorded);
                }
                interruptedRecorded += halfDone.size();
                halfDone.clear();
                if (kill % 4 == 0) {
                    // Every 4th life waits for a committed epoch first, so that a slow (loaded) machine still
                    // makes progress; the kill instant after it stays random.
                    String saved = out.readLine();
                    assertTrue(saved != null && saved.startsWith("saved "), () -> "child wrote no checkpoint: "
                            + saved + stderrOf(child));
                }
                // Kill anywhere in the write cycle: inside a file write, the fsync, a rename, the index replace.
                Thread.sleep(30 + random.nextInt(650));
                child.destroyForcibly();
                assertTrue(child.waitFor(20, TimeUnit.SECONDS), "child did not die");
                assertEquals(137, child.exitValue(), "killed by SIGKILL");
            }
            if (hasOrphans(dir)) {
                killsWithOrphans++;
            }
            if (Files.isDirectory(dir)) {
                halfDone.addAll(Unfinished.find(dir, CheckpointIndex.read(dir).orElse(null)).stream()
                        .map(CheckpointFailure::id).toList());
            }
            Optional<List<CheckpointInfo>> index = CheckpointIndex.read(dir);
            if (index.isEmpty()) {
                assertTrue(Double.isNaN(bestSoFar), "an index once written never disappears");
                continue;
            }
            List<CheckpointInfo> list = index.get();
            assertFalse(list.isEmpty());
            for (CheckpointInfo c : list) {
                Manifest m = Checkpoints.verify(c.path());
                assertEquals(c.epoch(), m.epoch());
                JsonObject sidecar = Checkpoints.readSidecarJson(c.path());
                assertEquals(c.epoch(), sidecar.get("epoch").getAsInt());
                assertArrayEquals(CheckpointWriterChild.weightsOf(SEED, c.epoch()),
                        Files.readAllBytes(c.path().resolve("model-0000.params")));
            }
            CheckpointInfo best = list.stream().filter(CheckpointInfo::best).findFirst().orElseThrow();
            assertEquals(CheckpointWriterChild.valueOf(SEED, best.epoch()), best.value(), 0.0);
            if (!Double.isNaN(bestSoFar)) {
                assertTrue(best.value() <= bestSoFar, "kill " + kill + ": best " + best.value()
                        + " is worse than the earlier best " + bestSoFar + ": the previous best was lost");
            }
            bestSoFar = Double.isNaN(best.value()) ? bestSoFar : best.value();
            lastCommitted = list.stream().mapToInt(CheckpointInfo::epoch).max().orElse(0);
        }
        // The next start removes what the last kill left behind.
        CheckpointManager m = new CheckpointManager(dir, new CheckpointSpec(2, true), MonitorSpec.valLoss());
        assertFalse(hasOrphans(dir), "orphans survived a restart: " + names(dir));
        List<String> expected = new java.util.ArrayList<>(m.list().stream().map(CheckpointInfo::id).sorted()
                .toList());
        if (Files.exists(dir.resolve(FailedWrites.FILE_NAME))) {
            expected.add(FailedWrites.FILE_NAME);
        }
        expected.add(CheckpointIndex.FILE_NAME);
        expected.sort(null);
        assertEquals(expected, names(dir), "only listed checkpoints, the index and the record of failures remain");
        for (String id : halfDone) {
            assertTrue(m.failures().stream().anyMatch(f -> f.id().equals(id)), id + " not recorded");
        }
        interruptedRecorded += halfDone.size();
        assertTrue(lastCommitted >= 3, "the children committed only " + lastCommitted + " epochs");
        System.out.printf("fault test: %d kills, %d left orphans, %d half-done writes recorded as interrupted, %d "
                + "epochs committed%n", KILLS, killsWithOrphans, interruptedRecorded, lastCommitted);
    }

    private static Process startChild(Path dir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), CheckpointWriterChild.class.getName(),
                dir.toString(), Long.toString(SEED));
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
        return pb.start();
    }

    private static String stderrOf(Process p) {
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            return "\n" + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    private static boolean hasOrphans(Path dir) throws IOException {
        return names(dir).stream().anyMatch(n -> n.startsWith(AtomicFiles.TEMP_PREFIX)
                || n.startsWith(AtomicFiles.TRASH_PREFIX));
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
