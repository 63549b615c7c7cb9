package dev.tunebench.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.MonitorSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointManagerTest {
    @TempDir
    Path tmp;

    private static final MonitorSpec MIN = MonitorSpec.valLoss();
    private static final MonitorSpec MAX = new MonitorSpec("val_accuracy", MonitorSpec.Mode.MAX, 0.0);

    /** A writer that stores the epoch and value in the payload so a test can tell which save a folder holds. */
    private static CheckpointWriter payload(int epoch, double value) {
        return folder -> {
            Files.writeString(folder.resolve("weights.bin"), "weights of epoch " + epoch + " value " + value);
            Files.writeString(folder.resolve(Checkpoints.SIDECAR), "{\"templateId\": \"lstm\", \"epoch\": " + epoch
                    + "}");
        };
    }

    private static List<Integer> epochs(List<CheckpointInfo> list) {
        return list.stream().map(CheckpointInfo::epoch).toList();
    }

    private static List<String> folders(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private CheckpointManager feed(MonitorSpec monitor, CheckpointSpec spec, double... values) throws IOException {
        CheckpointManager m = new CheckpointManager(tmp.resolve("checkpoints"), spec, monitor);
        for (int i = 0; i < values.length; i++) {
            m.onEpochEnd(i + 1, values[i], payload(i + 1, values[i]));
        }
        return m;
    }

    @Test
    void keepsBestKByMinAndTheLast() throws IOException {
        CheckpointManager m = feed(MIN, new CheckpointSpec(2, true), 1.0, 0.5, 0.8, 0.4, 0.9, 0.45);
        assertEquals(List.of(4, 6), epochs(m.list().stream().filter(CheckpointInfo::best).toList()));
        assertEquals(4, m.best().orElseThrow().epoch());
        assertEquals(6, m.last().orElseThrow().epoch());
        assertTrue(m.last().orElseThrow().best(), "epoch 6 is both second best and last");
        assertEquals(List.of("epoch-0004", "epoch-0006", "index.json"), folders(m.dir()));
    }

    @Test
    void keepsTheLastSeparatelyWhenItIsNotBest() throws IOException {
        CheckpointManager m = feed(MIN, new CheckpointSpec(1, true), 0.5, 0.3, 0.7, 0.9);
        assertEquals(List.of(2, 4), epochs(m.list()));
        assertTrue(m.list().get(0).best());
        assertFalse(m.list().get(0).last());
        assertTrue(m.list().get(1).last());
        assertFalse(m.list().get(1).best());
        assertEquals(List.of("epoch-0002", "epoch-0004", "index.json"), folders(m.dir()));
    }

    @Test
    void modeMaxRanksHigherFirst() throws IOException {
        CheckpointManager m = feed(MAX, new CheckpointSpec(2, false), 0.6, 0.9, 0.7, 0.8, 0.5);
        assertEquals(List.of(2, 4), epochs(m.list()));
        assertEquals(0.9, m.best().orElseThrow().value());
        assertTrue(m.last().isEmpty(), "keepLast off");
        assertEquals(List.of("epoch-0002", "epoch-0004", "index.json"), folders(m.dir()));
    }

    @Test
    void nanRanksWorstAndNeverDisplacesAFiniteValue() throws IOException {
        CheckpointManager m = feed(MIN, new CheckpointSpec(2, false), Double.NaN, 0.5, Double.NaN, 0.6,
                Double.NaN, Double.POSITIVE_INFINITY);
        assertEquals(List.of(2, 4), epochs(m.list()));
        assertEquals(0.5, m.best().orElseThrow().value());
    }

    @Test
    void nanEntersOnlyWhileSlotsAreFreeAndIsReplacedByTheFirstFiniteValue() throws IOException {
        CheckpointManager m = feed(MIN, new CheckpointSpec(1, false), Double.NaN);
        assertTrue(Double.isNaN(m.best().orElseThrow().value()));
        m.onEpochEnd(2, Double.NaN, payload(2, Double.NaN));
        assertEquals(1, m.best().orElseThrow().epoch(), "a NaN does not beat a NaN");
        m.onEpochEnd(3, 3.0, payload(3, 3.0));
        assertEquals(List.of(3), epochs(m.list()));
        assertEquals(List.of("epoch-0003", "index.json"), folders(m.dir()));
    }

    @Test
    void tiesKeepTheOlderCheckpoint() throws IOException {
        CheckpointManager m = feed(MIN, new CheckpointSpec(1, false), 0.5, 0.5);
        assertEquals(List.of(1), epochs(m.list()));
    }

    @Test
    void theBestNeedsMinDeltaAsEarlyStoppingDoesAndTheOtherSlotsGoByValue() throws IOException {
        MonitorSpec delta = new MonitorSpec("val_loss", MonitorSpec.Mode.MIN, 0.1);
        CheckpointManager one = feed(delta, new CheckpointSpec(1, false), 0.5, 0.49);
        assertEquals(1, one.best().orElseThrow().epoch(), "0.49 is no improvement by 0.1 over 0.5");

        CheckpointManager two = new CheckpointManager(tmp.resolve("two"), new CheckpointSpec(2, false), delta);
        two.onEpochEnd(1, 0.5, payload(1, 0.5));
        two.onEpochEnd(2, 0.45, payload(2, 0.45));
        assertEquals(List.of(1, 2), epochs(two.list()), "epoch 1 stays the best; 0.45 takes the second slot");
        two.onEpochEnd(3, 0.47, payload(3, 0.47));
        assertEquals(List.of(1, 2), epochs(two.list()), "0.47 does not beat the second slot's 0.45");
        two.onEpochEnd(4, 0.35, payload(4, 0.35));
        assertEquals(List.of(4, 2), epochs(two.list()), "0.35 improves by more than 0.1: the new best");
        // The order survives a restart (the index is authoritative, not a re-sort by raw value).
        two.onEpochEnd(5, 0.3, payload(5, 0.3));
        assertEquals(List.of(4, 5), epochs(two.list()));
        CheckpointManager again = new CheckpointManager(two.dir(), new CheckpointSpec(2, false), delta);
        assertEquals(List.of(4, 5), epochs(again.list()));
        assertEquals(4, again.best().orElseThrow().epoch());
    }

    @Test
    void indexListsBestAndLastWithEpochValuePathAndTime() throws IOException {
        CheckpointManager m = feed(MIN, new CheckpointSpec(2, true), 0.5, Double.NaN, 0.3, 0.7);
        JsonObject idx = Json.gson().fromJson(Files.readString(m.dir().resolve("index.json")), JsonObject.class);
        assertEquals("epoch-0003", idx.get("best").getAsString());
        assertEquals("epoch-0004", idx.get("last").getAsString());
        assertEquals("val_loss", idx.get("monitor").getAsString());
        assertEquals("MIN", idx.get("mode").getAsString());
        JsonArray arr = idx.getAsJsonArray("checkpoints");
        assertEquals(3, arr.size());
        JsonObject first = arr.get(0).getAsJsonObject();
        assertEquals(3, first.get("epoch").getAsInt());
        assertEquals(0.3, first.get("value").getAsDouble());
        assertEquals("epoch-0003", first.get("path").getAsString());
        assertEquals(1, first.get("rank").getAsInt());
        assertTrue(first.has("savedAt"));
        assertEquals(List.of(3, 1, 4), epochs(CheckpointIndex.read(m.dir()).orElseThrow()));
        assertEquals(m.list(), CheckpointIndex.read(m.dir()).orElseThrow());
    }

    @Test
    void manifestChecksumsEveryFileAndVerifyRefusesAMismatch() throws IOException {
        CheckpointManager m = feed(MIN, new CheckpointSpec(1, false), 0.5);
        Path ck = m.best().orElseThrow().path();
        Manifest man = Checkpoints.verify(ck);
        assertEquals(List.of("checkpoint.json", "weights.bin"), List.copyOf(man.files().keySet()));
        assertEquals(AtomicFiles.sha256(ck.resolve("weights.bin")), man.files().get("weights.bin").sha256());

        Files.writeString(ck.resolve("weights.bin"), "weights of epoch 1 value 0.6"); // same size, other bytes
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.verify(ck));
        assertTrue(e.getMessage().contains("checksum mismatch in weights.bin"), e.getMessage());
        assertTrue(e.getMessage().contains(ck.toString()), e.getMessage());

        Files.delete(ck.resolve("weights.bin"));
        e = assertThrows(CheckpointException.class, () -> Checkpoints.verify(ck));
        assertTrue(e.getMessage().contains("weights.bin is listed in the manifest but missing"), e.getMessage());
    }

    @Test
    void verifyRefusesAnUnknownTemplate() throws IOException {
        CheckpointManager m = new CheckpointManager(tmp.resolve("c"), new CheckpointSpec(1, false), MIN);
        m.onEpochEnd(1, 0.5, f -> Files.writeString(f.resolve(Checkpoints.SIDECAR), "{\"templateId\":\"mlp\"}"));
        Path ck = m.best().orElseThrow().path();
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.verify(ck));
        assertTrue(e.getMessage().contains("templateId 'mlp'"), e.getMessage());
        assertEquals(1, Checkpoints.verifyChecksums(ck).epoch(), "the files themselves are intact");
    }

    @Test
    void verifyRefusesAFolderWithoutManifest() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("notackpt"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoints.verify(d));
        assertTrue(e.getMessage().contains("has no manifest.json"), e.getMessage());
        e = assertThrows(CheckpointException.class, () -> Checkpoints.verify(tmp.resolve("missing")));
        assertTrue(e.getMessage().startsWith("No checkpoint folder at"), e.getMessage());
    }

    @Test
    void aWriterThatThrowsMidwayKeepsThePreviousBest() throws IOException {
        CheckpointManager m = feed(MIN, new CheckpointSpec(1, true), 0.5, 0.7);
        String indexBefore = Files.readString(m.dir().resolve("index.json"));
        IOException e = assertThrows(IOException.class, () -> m.onEpochEnd(3, 0.1, folder -> {
            Files.write(folder.resolve("weights.bin"), new byte[1000]);
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().contains(m.dir().resolve("epoch-0003").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals(indexBefore, Files.readString(m.dir().resolve("index.json")));
        assertEquals(1, m.best().orElseThrow().epoch());
        assertEquals(2, m.last().orElseThrow().epoch());
        assertEquals(List.of("epoch-0001", "epoch-0002", FailedWrites.FILE_NAME, "index.json"), folders(m.dir()),
                "no temp folder left; the failure is recorded");
        CheckpointFailure f = Checkpoints.report(m.dir()).failures().get(0);
        assertEquals("epoch-0003", f.id());
        assertEquals(CheckpointFailure.Stage.WRITE, f.stage());
        assertTrue(f.reason().contains("No space left on device"), f.reason());
        assertEquals(2, m.lastGood().orElseThrow().epoch(), "the last good checkpoint stays");
        Checkpoints.verify(m.best().orElseThrow().path());
        // The manager stays usable.
        m.onEpochEnd(3, 0.1, payload(3, 0.1));
        assertEquals(3, m.best().orElseThrow().epoch());
    }

    @Test
    void aRuntimeFailureInTheWriterIsReportedAsIOException() throws IOException {
        CheckpointManager m = feed(MIN, new CheckpointSpec(1, false), 0.5);
        IOException e = assertThrows(IOException.class, () -> m.onEpochEnd(2, 0.1, folder -> {
            throw new IllegalStateException("engine closed");
        }));
        assertTrue(e.getMessage().contains("engine closed"), e.getMessage());
        assertEquals(1, m.best().orElseThrow().epoch());
    }

    @Test
    void aReadOnlyFolderIsReportedClearlyAndKeepsThePreviousBest() throws IOException {
        CheckpointManager m = feed(MIN, new CheckpointSpec(1, true), 0.5);
        Path dir = m.dir();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(dir), "running as root");
            IOException e = assertThrows(IOException.class, () -> m.onEpochEnd(2, 0.1, payload(2, 0.1)));
            assertTrue(e.getMessage().contains("Could not save checkpoint " + dir.resolve("epoch-0002")),
                    e.getMessage());
            assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertEquals(1, m.best().orElseThrow().epoch());
        Checkpoints.verify(m.best().orElseThrow().path());
        assertEquals(List.of(1), epochs(CheckpointIndex.read(dir).orElseThrow()));
    }

    @Test
    void aFailedIndexWriteRollsBackTheNewFolder() throws IOException {
        CheckpointManager m = feed(MIN, new CheckpointSpec(1, true), 0.5, 0.7);
        String indexBefore = Files.readString(m.dir().resolve("index.json"));
        // Works as root too: a non-empty folder where the index goes makes its atomic replace fail.
        Path index = m.dir().resolve("index.json");
        Path saved = tmp.resolve("index.saved");
        Files.move(index, saved);
        Files.createDirectories(index.resolve("blocker"));
        IOException e = assertThrows(IOException.class, () -> m.onEpochEnd(3, 0.1, payload(3, 0.1)));
        assertTrue(e.getMessage().contains("Could not write " + index), e.getMessage());
        assertEquals(1, m.best().orElseThrow().epoch());
        assertEquals(2, m.last().orElseThrow().epoch());
        assertFalse(Files.exists(m.dir().resolve("epoch-0003")), "the uncommitted folder is removed");
        Checkpoints.verify(m.dir().resolve("epoch-0001"));
        Checkpoints.verify(m.dir().resolve("epoch-0002"));
        Files.delete(index.resolve("blocker"));
        Files.delete(index);
        Files.move(saved, index);
        assertEquals(indexBefore, Files.readString(index));
    }

    @Test
    void orphansAreCleanedAtStartAndTheIndexIsKept() throws IOException {
        CheckpointManager m = feed(MIN, new CheckpointSpec(1, true), 0.5, 0.7);
        Path dir = m.dir();
        Files.createDirectories(dir.resolve(".tmp-epoch-0003-123-1")).resolve("x");
        Files.writeString(dir.resolve(".tmp-epoch-0003-123-1").resolve("weights.bin"), "half");
        Files.writeString(dir.resolve(".tmp-index.json-99-1"), "{\"half");
        Files.createDirectories(dir.resolve(".trash-epoch-0001-77"));
        // A committed folder the index never listed (killed between the rename and the index write).
        Files.createDirectories(dir.resolve("epoch-0003"));
        Files.writeString(dir.resolve("epoch-0003/weights.bin"), "x");
        Files.writeString(dir.resolve("epoch-0003/manifest.json"), Json.gson().toJson(
                new Manifest(1, "epoch-0003", 3, "val_loss", 0.1, java.time.Instant.now(), java.util.Map.of())
                        .toJson()));
        Files.createDirectories(dir.resolve("user-notes"));

        CheckpointManager again = new CheckpointManager(dir, new CheckpointSpec(1, true), MIN);
        assertEquals(List.of("epoch-0001", "epoch-0002", FailedWrites.FILE_NAME, "index.json", "user-notes"),
                folders(dir));
        // The half-written epoch 3 is recorded once as interrupted (its temporary folder and its unlisted folder).
        assertEquals(List.of("epoch-0003"), again.failures().stream().map(CheckpointFailure::id).toList());
        assertEquals(CheckpointFailure.Stage.INTERRUPTED, again.failures().get(0).stage());
        assertEquals(1, again.best().orElseThrow().epoch());
        assertEquals(2, again.last().orElseThrow().epoch());
        // Resumed: the next epoch competes with the kept best.
        again.onEpochEnd(3, 0.6, payload(3, 0.6));
        assertEquals(List.of(1, 3), epochs(again.list()));
    }

    @Test
    void withoutAnIndexCommittedFoldersAreAdoptedFromTheirManifests() throws IOException {
        CheckpointManager m = feed(MIN, new CheckpointSpec(2, true), 0.5, 0.4, 0.9);
        Files.delete(m.dir().resolve("index.json"));
        CheckpointManager again = new CheckpointManager(m.dir(), new CheckpointSpec(1, true), MIN);
        assertEquals(List.of(2, 3), epochs(again.list()));
        assertEquals(2, again.best().orElseThrow().epoch());
        assertEquals(3, again.last().orElseThrow().epoch());
        assertEquals(List.of("epoch-0002", "epoch-0003", "index.json"), folders(m.dir()));
    }

    @Test
    void anEpochSavedAgainAfterResumeReplacesTheOlderFolder() throws IOException {
        CheckpointManager m = feed(MIN, new CheckpointSpec(1, true), 0.5, 0.7, 0.6);
        CheckpointManager resumed = new CheckpointManager(m.dir(), new CheckpointSpec(1, true), MIN);
        resumed.onEpochEnd(3, 0.2, payload(3, 0.2));
        assertEquals(List.of(3), epochs(resumed.list()));
        assertEquals(0.2, Checkpoints.verify(resumed.best().orElseThrow().path()).value());
        assertTrue(Files.readString(resumed.best().orElseThrow().path().resolve("weights.bin"),
                StandardCharsets.UTF_8).contains("value 0.2"));
        assertEquals(List.of("epoch-0003", "index.json"), folders(m.dir()));
    }

    @Test
    void discardAfterForgetsAnAbandonedFuture() throws IOException {
        CheckpointManager m = feed(MIN, new CheckpointSpec(2, true), 0.9, 0.5, 0.7, 0.3, 0.8);
        assertEquals(List.of(4, 2, 5), epochs(m.list()));
        CheckpointManager resumed = new CheckpointManager(m.dir(), new CheckpointSpec(2, true), MIN);
        assertEquals(List.of(2), epochs(resumed.discardAfter(3)));
        assertEquals(List.of("epoch-0002", "index.json"), folders(m.dir()));
        resumed.onEpochEnd(4, 0.6, payload(4, 0.6));
        assertEquals(List.of(2, 4), epochs(resumed.list()));
        assertEquals(0.6, Checkpoints.verify(m.dir().resolve("epoch-0004")).value());
    }

    @Test
    void nothingIsSavedWhenTheValueDoesNotEnterAndLastIsOff() throws IOException {
        CheckpointManager m = feed(MIN, new CheckpointSpec(1, false), 0.5);
        int[] calls = {0};
        m.onEpochEnd(2, 0.9, f -> calls[0]++);
        assertEquals(0, calls[0]);
        assertEquals(List.of(1), epochs(m.list()));
    }

    @Test
    void rejectsKeepBestBelowOne() {
        assertThrows(IllegalArgumentException.class,
                () -> new CheckpointManager(tmp.resolve("c"), new CheckpointSpec(0, true), MIN));
    }

    @Test
    void listAndByIdReadARunFolder() throws IOException {
        RunFolder run = RunFolder.create(tmp.resolve("runs"), "r1");
        CheckpointManager m = new CheckpointManager(run.checkpointsDir(), new CheckpointSpec(1, true), MIN);
        m.onEpochEnd(1, 0.5, payload(1, 0.5));
        m.onEpochEnd(2, 0.8, payload(2, 0.8));
        assertEquals(m.list(), Checkpoints.list(run.dir()));
        assertEquals(2, Checkpoints.byId(run.dir(), "epoch-0002").epoch());
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Checkpoints.byId(run.dir(), "epoch-0009"));
        assertTrue(e.getMessage().contains("No checkpoint 'epoch-0009'"), e.getMessage());
        assertThrows(CheckpointException.class, () -> Checkpoints.byId(run.dir(), "../etc"));
    }

    @Test
    void knownTemplatesAreTheRegisteredOnes() {
        assertEquals(java.util.Set.copyOf(dev.tunebench.engine.djl.template.Templates.ids()),
                Checkpoints.KNOWN_TEMPLATES);
    }
}
