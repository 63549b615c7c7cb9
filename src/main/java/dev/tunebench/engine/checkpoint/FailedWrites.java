package dev.tunebench.engine.checkpoint;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The checkpoints folder's record of writes that did not commit, {@value #FILE_NAME}: one JSON object per line,
 * appended and forced to disk, oldest first. It exists only once a write has failed.
 *
 * <p>It must outlive the failure it records, a full disk included: the manager removes the failed write's temporary
 * files first, which frees what they took, and only then appends (a line is about 300 bytes). When even that fails
 * the manager keeps the record and appends it with the next one. A kill mid-append leaves at most a torn last line;
 * readers skip a line that does not parse, and the next append starts on a fresh line. The file is compacted to
 * its newest {@value #KEEP} records when it passes {@value #COMPACT_BYTES} bytes.
 */
final class FailedWrites {
    /** The file name inside a checkpoints folder. */
    static final String FILE_NAME = "failed-writes.jsonl";
    static final int KEEP = 200;
    static final long COMPACT_BYTES = 256 * 1024;

    /** One line per record: compact, NaN allowed. */
    private static final Gson LINE = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping()
            .create();

    private FailedWrites() {
    }

    /** Returns the records of {@code checkpointsDir}, oldest first; empty when none failed. Skips torn lines. */
    static List<CheckpointFailure> read(Path checkpointsDir) throws CheckpointException {
        Path file = checkpointsDir.resolve(FILE_NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new CheckpointException("Cannot read " + file + ": " + AtomicFiles.describe(e), e);
        }
        List<CheckpointFailure> out = new ArrayList<>();
        for (String line : lines) {
            CheckpointFailure f = parse(line);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    /** Returns the record of one line, or null for a torn or foreign line. */
    private static CheckpointFailure parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonObject o = LINE.fromJson(line, JsonObject.class);
            return new CheckpointFailure(o.get("id").getAsString(), o.get("epoch").getAsInt(),
                    o.get("value").getAsDouble(), CheckpointFailure.Stage.valueOf(o.get("stage").getAsString()),
                    o.get("reason").getAsString(), Instant.parse(o.get("at").getAsString()));
        } catch (RuntimeException torn) {
            return null;
        }
    }

    /** Returns the line of one record, newline included. */
    static byte[] line(CheckpointFailure f) {
        JsonObject o = new JsonObject();
        o.addProperty("id", f.id());
        o.addProperty("epoch", f.epoch());
        o.addProperty("value", f.value());
        o.addProperty("stage", f.stage().name());
        o.addProperty("reason", f.reason());
        o.addProperty("at", f.at().toString());
        return (LINE.toJson(o) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Appends records in one write. Starts on a fresh line when a kill left the last one torn.
     *
     * @throws IOException naming the file when it cannot be written (disk full, no permission)
     */
    static void append(FileOps ops, Path checkpointsDir, List<CheckpointFailure> records) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        Path file = checkpointsDir.resolve(FILE_NAME);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        if (endsTorn(file)) {
            bytes.write('\n');
        }
        for (CheckpointFailure f : records) {
            bytes.writeBytes(line(f));
        }
        try {
            ops.append(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new IOException("Could not record the failed checkpoint write in " + file + ": "
                    + AtomicFiles.describe(e), e);
        }
    }

    /** Rewrites the file with its newest {@value #KEEP} records once it passed {@value #COMPACT_BYTES} bytes. */
    static void compactIfLarge(FileOps ops, Path checkpointsDir) {
        Path file = checkpointsDir.resolve(FILE_NAME);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) <= COMPACT_BYTES) {
                return;
            }
            List<CheckpointFailure> all = read(checkpointsDir);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            for (CheckpointFailure f : all.subList(Math.max(0, all.size() - KEEP), all.size())) {
                bytes.writeBytes(line(f));
            }
            ops.writeAtomically(file, bytes.toByteArray());
        } catch (IOException e) {
            // Too large is no failure: the next start tries again.
        }
    }

    private static boolean endsTorn(Path file) {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                return false;
            }
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            ch.read(last, size - 1);
            return last.get(0) != '\n';
        } catch (IOException e) {
            return false; // no file yet
        }
    }
}
