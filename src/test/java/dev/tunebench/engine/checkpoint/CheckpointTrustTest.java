package dev.tunebench.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.MonitorSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint trust: every save is read back and marked verified; the newest verified one is the last good one; a
 * save that fails at any single point of its way to disk (each file write, each checksum, each fsync, each rename,
 * the read-back, the index) is recorded with its stage and reason, removes what it wrote, and never replaces the
 * last good checkpoint.
 */
class CheckpointTrustTest {
    private static final CheckpointSpec KEEP_ONE_AND_LAST = new CheckpointSpec(1, true);
    private static final MonitorSpec MIN = MonitorSpec.valLoss();
    private static final List<String> PAYLOAD = List.of("model-0000.params", "optimizer.bin", Checkpoints.SIDECAR);

    @TempDir
    Path tmp;

    /** A writer whose every file write goes through {@code ops}, so each is a point the fault tests can hit. */
    private static CheckpointWriter writer(FileOps ops, int epoch) {
        return folder -> {
            for (String name : PAYLOAD) {
                byte[] content = name.equals(Checkpoints.SIDECAR)
                        ? ("{\"templateId\": \"lstm\", \"epoch\": " + epoch + "}").getBytes(StandardCharsets.UTF_8)
                        : (name + " of epoch " + epoch).repeat(50).getBytes(StandardCharsets.UTF_8);
                ops.writeFile(folder.resolve(name), content);
            }
        };
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSaveIsReadBackAndTheNewestVerifiedIsTheLastGood() throws IOException {
        CheckpointManager m = new CheckpointManager(tmp.resolve("c"), KEEP_ONE_AND_LAST, MIN);
        m.onEpochEnd(1, 0.5, writer(FileOps.REAL, 1));
        m.onEpochEnd(2, 0.7, writer(FileOps.REAL, 2));
        assertTrue(m.list().stream().allMatch(CheckpointInfo::verified), m.list().toString());
        assertEquals(2, m.lastGood().orElseThrow().epoch(), "the newest verified, not the best");
        assertEquals(1, m.best().orElseThrow().epoch());
        JsonObject index = Json.gson().fromJson(Files.readString(m.dir().resolve(CheckpointIndex.FILE_NAME)),
                JsonObject.class);
        assertEquals("epoch-0002", index.get("lastGood").getAsString());
        for (var e : index.getAsJsonArray("checkpoints")) {
            assertFalse(e.getAsJsonObject().get("verifiedAt").isJsonNull(), e.toString());
        }
        CheckpointReport report = Checkpoints.report(m.dir().getParent().resolve("c"));
        assertEquals("epoch-0002", report.lastGood().orElseThrow().id());
        assertTrue(report.failures().isEmpty() && report.unfinished().isEmpty());
        assertFalse(Files.exists(m.dir().resolve(FailedWrites.FILE_NAME)), "no journal until a write fails");
    }

    @Test
    void anOlderIndexWithoutVerificationReadsAsNotVerifiedAndHasNoLastGood() throws IOException {
        CheckpointManager m = new CheckpointManager(tmp.resolve("c"), KEEP_ONE_AND_LAST, MIN);
        m.onEpochEnd(1, 0.5, writer(FileOps.REAL, 1));
        Path index = m.dir().resolve(CheckpointIndex.FILE_NAME);
        JsonObject o = Json.gson().fromJson(Files.readString(index), JsonObject.class);
        o.remove("lastGood");
        o.getAsJsonArray("checkpoints").forEach(e -> e.getAsJsonObject().remove("verifiedAt"));
        Files.writeString(index, Json.gson().toJson(o));
        CheckpointInfo c = Checkpoints.list(m.dir()).get(0);
        assertFalse(c.verified());
        assertNull(c.verifiedAt());
        assertTrue(Checkpoints.report(m.dir()).lastGood().isEmpty());
        CheckpointManager again = new CheckpointManager(m.dir(), KEEP_ONE_AND_LAST, MIN);
        assertFalse(again.list().get(0).verified(), "reopening does not claim a verification that never ran");
        again.onEpochEnd(2, 0.4, writer(FileOps.REAL, 2));
        assertEquals(2, again.lastGood().orElseThrow().epoch());
    }

    @Test
    void lastGoodOfARunFallsBackWhenTheNewestWasDamagedSince() throws IOException {
        CheckpointManager m = new CheckpointManager(tmp.resolve("c"), new CheckpointSpec(3, true), MIN);
        for (int e = 1; e <= 3; e++) {
            m.onEpochEnd(e, 1.0 / e, writer(FileOps.REAL, e));
        }
        assertEquals(3, Checkpoints.lastGood(m.dir()).orElseThrow().epoch());
        Files.writeString(m.dir().resolve("epoch-0003").resolve("optimizer.bin"), "bit rot");
        assertEquals(2, Checkpoints.lastGood(m.dir()).orElseThrow().epoch());
    }

    /** The calls of one clean second save, after a first one, in a fresh folder. */
    private List<FaultyFileOps.Call> callsOfASecondSave() throws IOException {
        FaultyFileOps ops = new FaultyFileOps();
        CheckpointManager m = new CheckpointManager(tmp.resolve("dry"), KEEP_ONE_AND_LAST, MIN, ops);
        m.onEpochEnd(1, 0.5, writer(ops, 1));
        int before = ops.calls.size();
        m.onEpochEnd(2, 0.4, writer(ops, 2));
        return List.copyOf(ops.calls.subList(before, ops.calls.size()));
    }

    /** Returns the stage a failure of call {@code i} of a save belongs to. */
    private static CheckpointFailure.Stage stageOf(List<FaultyFileOps.Call> calls, int i) {
        FaultyFileOps.Call c = calls.get(i);
        boolean afterMove = false;
        for (int k = 0; k < i; k++) {
            afterMove |= calls.get(k).op().equals("move");
        }
        return switch (c.op()) {
            case "createDirectories", "createDirectory" -> CheckpointFailure.Stage.PREPARE;
            case "writeFile" -> c.file().equals(Manifest.FILE_NAME) ? CheckpointFailure.Stage.MANIFEST
                    : CheckpointFailure.Stage.WRITE;
            case "sha256" -> afterMove ? CheckpointFailure.Stage.VERIFY : CheckpointFailure.Stage.MANIFEST;
            case "force" -> CheckpointFailure.Stage.FSYNC;
            case "forceDirectory" -> afterMove ? CheckpointFailure.Stage.MOVE : CheckpointFailure.Stage.FSYNC;
            case "move" -> CheckpointFailure.Stage.MOVE;
            case "writeAtomically" -> CheckpointFailure.Stage.INDEX;
            default -> throw new IllegalStateException("unknown call " + c);
        };
    }

    @Test
    void aFailureAtEveryPointOfASaveKeepsTheLastGoodAndIsRecordedWithItsStage() throws IOException {
        List<FaultyFileOps.Call> calls = callsOfASecondSave();
        // Every kind of point is there: 3 payload writes, 3 checksums, the manifest, 4 fsyncs, the rename, 4 read-back
        // checksums, the index.
        for (String op : List.of("createDirectory", "writeFile", "sha256", "force", "forceDirectory", "move",
                "writeAtomically")) {
            assertTrue(calls.stream().anyMatch(c -> c.op().equals(op)), op + " missing from " + calls);
        }
        assertTrue(calls.size() >= 18, "points in a save: " + calls);
        List<String> seenStages = new ArrayList<>();
        int cases = 0;
        for (int i = 0; i < calls.size(); i++) {
            for (FaultyFileOps.Mode mode : FaultyFileOps.Mode.values()) {
                if (mode == FaultyFileOps.Mode.WRONG_DIGEST && !calls.get(i).op().equals("sha256")) {
                    continue;
                }
                // A wrong digest is no error where it is read: the read-back after the rename catches it, whether it
                // went into the manifest or came from the read-back itself.
                CheckpointFailure.Stage expected = mode == FaultyFileOps.Mode.WRONG_DIGEST
                        ? CheckpointFailure.Stage.VERIFY : stageOf(calls, i);
                failOnePoint(i, mode, expected, calls.get(i) + " " + mode);
                seenStages.add(expected.name());
                cases++;
            }
        }
        for (CheckpointFailure.Stage s : List.of(CheckpointFailure.Stage.PREPARE, CheckpointFailure.Stage.WRITE,
                CheckpointFailure.Stage.MANIFEST, CheckpointFailure.Stage.FSYNC, CheckpointFailure.Stage.MOVE,
                CheckpointFailure.Stage.VERIFY, CheckpointFailure.Stage.INDEX)) {
            assertTrue(seenStages.contains(s.name()), s + " never failed");
        }
        System.out.printf("checkpoint fault points: %d calls per save, %d failures injected%n", calls.size(), cases);
    }

    private void failOnePoint(int point, FaultyFileOps.Mode mode, CheckpointFailure.Stage expected, String what)
            throws IOException {
        Path dir = tmp.resolve("case-" + point + "-" + mode);
        FaultyFileOps ops = new FaultyFileOps();
        CheckpointManager m = new CheckpointManager(dir, KEEP_ONE_AND_LAST, MIN, ops);
        m.onEpochEnd(1, 0.5, writer(ops, 1));
        byte[] indexBefore = Files.readAllBytes(dir.resolve(CheckpointIndex.FILE_NAME));
        ops.failAt(ops.calls.size() + point, mode);

        CheckpointWriteException e = assertThrows(CheckpointWriteException.class,
                () -> m.onEpochEnd(2, 0.4, writer(ops, 2)), what);
        ops.failAt(-1, FaultyFileOps.Mode.THROW);
        assertEquals(expected, e.failure().stage(), what + ": " + e.getMessage());
        assertFalse(e.permanent(), what + ": a full disk or a bad read may clear");
        assertTrue(e.getMessage().contains(dir.resolve("epoch-0002").toString())
                && e.getMessage().contains("the last good checkpoint is epoch-0001"), what + ": " + e.getMessage());
        String reason = e.failure().reason();
        assertTrue(mode == FaultyFileOps.Mode.THROW ? reason.contains("No space left on device")
                : reason.contains("checksum mismatch"), what + ": " + reason);
        // Nothing replaced: the same index, the same last good checkpoint, intact; nothing half-written left.
        assertArrayEquals(indexBefore, Files.readAllBytes(dir.resolve(CheckpointIndex.FILE_NAME)), what);
        assertEquals(List.of("epoch-0001"), m.list().stream().map(CheckpointInfo::id).toList(), what);
        assertEquals("epoch-0001", m.lastGood().orElseThrow().id(), what);
        Checkpoints.verify(dir.resolve("epoch-0001"));
        assertEquals(List.of("epoch-0001", FailedWrites.FILE_NAME, CheckpointIndex.FILE_NAME), names(dir), what);
        // Recorded where a reader finds it, beside the checkpoints.
        CheckpointReport report = Checkpoints.report(dir);
        assertEquals(1, report.failures().size(), what);
        CheckpointFailure recorded = report.failures().get(0);
        assertEquals(new CheckpointFailure("epoch-0002", 2, 0.4, expected, reason, recorded.at()), recorded, what);
        assertTrue(report.unfinished().isEmpty(), what);
        assertEquals("epoch-0001", report.lastGood().orElseThrow().id(), what);
        // A restart finds nothing interrupted; the run goes on and the next save becomes the last good.
        CheckpointManager again = new CheckpointManager(dir, KEEP_ONE_AND_LAST, MIN);
        assertEquals(1, again.failures().size(), what);
        m.onEpochEnd(3, 0.3, writer(ops, 3));
        assertEquals("epoch-0003", m.lastGood().orElseThrow().id(), what);
        assertTrue(m.list().stream().allMatch(CheckpointInfo::verified), what);
    }

    @Test
    void aFailureTheJournalCannotTakeIsKeptAndWrittenWithTheNextRecord() throws IOException {
        FaultyFileOps ops = new FaultyFileOps();
        Path dir = tmp.resolve("full");
        CheckpointManager m = new CheckpointManager(dir, KEEP_ONE_AND_LAST, MIN, ops);
        m.onEpochEnd(1, 0.5, writer(ops, 1));
        ops.failAppends(true);
        ops.failAt(ops.calls.size() + 2, FaultyFileOps.Mode.THROW); // the first payload write
        CheckpointWriteException e = assertThrows(CheckpointWriteException.class,
                () -> m.onEpochEnd(2, 0.4, writer(ops, 2)));
        assertTrue(e.getMessage().contains("could not be recorded in " + FailedWrites.FILE_NAME), e.getMessage());
        assertEquals(List.of("epoch-0002"), m.failures().stream().map(CheckpointFailure::id).toList(),
                "the manager still knows");
        assertFalse(Files.exists(dir.resolve(FailedWrites.FILE_NAME)));
        ops.failAt(-1, FaultyFileOps.Mode.THROW);
        ops.failAppends(false);
        m.onEpochEnd(3, 0.3, writer(ops, 3));
        assertEquals(List.of("epoch-0002"), Checkpoints.report(dir).failures().stream().map(CheckpointFailure::id)
                .toList(), "written once there was room");
    }

    @Test
    void noPermissionReadOnlyAndNoAtomicRenameArePermanentADiskFullIsNot() throws IOException {
        record Case(IOException fault, boolean permanent) {
        }
        List<Case> cases = List.of(
                new Case(new AccessDeniedException("/x/.tmp-epoch-0002"), true),
                new Case(new FileSystemException("/x/.tmp-epoch-0002", null, "Read-only file system"), true),
                new Case(new IOException("The file system of /x cannot rename atomically; checkpoints need it",
                        new java.nio.file.AtomicMoveNotSupportedException("a", "b", "no")), true),
                new Case(new FileSystemException("/x/model.params", null, "No space left on device"), false),
                new Case(new FileSystemException("/x/model.params", null, "Disk quota exceeded"), false),
                new Case(new IOException("Input/output error"), false));
        int i = 0;
        for (Case c : cases) {
            FaultyFileOps ops = new FaultyFileOps();
            CheckpointManager m = new CheckpointManager(tmp.resolve("p" + i++), KEEP_ONE_AND_LAST, MIN, ops);
            ops.fault((op, file) -> c.fault());
            ops.failAt(1, FaultyFileOps.Mode.THROW); // createDirectory of the temporary folder
            CheckpointWriteException e = assertThrows(CheckpointWriteException.class,
                    () -> m.onEpochEnd(1, 0.5, writer(ops, 1)));
            assertEquals(c.permanent(), e.permanent(), c.fault() + ": " + e.getMessage());
            assertEquals(CheckpointFailure.Stage.PREPARE, e.failure().stage());
            assertTrue(m.lastGood().isEmpty());
        }
    }

    @Test
    void theFolderIsMadeAgainWhenDeletedUnderARun() throws IOException {
        CheckpointManager m = new CheckpointManager(tmp.resolve("gone"), KEEP_ONE_AND_LAST, MIN);
        AtomicFiles.deleteTree(m.dir());
        m.onEpochEnd(1, 0.5, writer(FileOps.REAL, 1));
        assertNotNull(Checkpoints.verify(m.dir().resolve("epoch-0001")));
    }

    @Test
    void theJournalSkipsATornLastLineAndStartsTheNextOnAFreshLine() throws IOException {
        FaultyFileOps ops = new FaultyFileOps();
        Path dir = tmp.resolve("torn");
        CheckpointManager m = new CheckpointManager(dir, KEEP_ONE_AND_LAST, MIN, ops);
        ops.failAt(1, FaultyFileOps.Mode.THROW);
        assertThrows(CheckpointWriteException.class, () -> m.onEpochEnd(1, 0.5, writer(ops, 1)));
        Files.writeString(dir.resolve(FailedWrites.FILE_NAME), "{\"id\": \"epoch-0009\", \"epo",
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(1, Checkpoints.report(dir).failures().size(), "a torn line is skipped");
        ops.failAt(ops.calls.size() + 1, FaultyFileOps.Mode.THROW);
        assertThrows(CheckpointWriteException.class, () -> m.onEpochEnd(2, 0.5, writer(ops, 2)));
        assertEquals(List.of("epoch-0002", "epoch-0001"), Checkpoints.report(dir).failures().stream()
                .map(CheckpointFailure::id).toList(), "newest first, the torn line did not swallow the new one");
    }

    @Test
    void theJournalIsCompactedToItsNewestRecordsOnceLarge() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("big"));
        StringBuilder sb = new StringBuilder();
        int n = 0;
        while (sb.length() <= FailedWrites.COMPACT_BYTES) {
            n++;
            sb.append(new String(FailedWrites.line(new CheckpointFailure(Checkpoints.idFor(n), n, 0.1,
                    CheckpointFailure.Stage.WRITE, "No space left on device", java.time.Instant.now())),
                    StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve(FailedWrites.FILE_NAME), sb);
        CheckpointManager m = new CheckpointManager(dir, KEEP_ONE_AND_LAST, MIN);
        assertEquals(FailedWrites.KEEP, m.failures().size());
        assertEquals(Checkpoints.idFor(n), m.failures().get(m.failures().size() - 1).id(), "the newest are kept");
        assertTrue(Files.size(dir.resolve(FailedWrites.FILE_NAME)) < FailedWrites.COMPACT_BYTES);
    }
}
