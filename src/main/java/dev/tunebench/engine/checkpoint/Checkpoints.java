package dev.tunebench.engine.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.tunebench.engine.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Static helpers to find and verify checkpoint folders. Loading is always by an explicit id or folder, never "the
 * highest epoch" (DJL's {@code Model.load} default), so a half-written or stale folder is never picked by
 * accident.
 */
public final class Checkpoints {
    /** The sidecar file name written by the training loop into every checkpoint. */
    public static final String SIDECAR = "checkpoint.json";
    /** The model templates this version can rebuild. */
    public static final Set<String> KNOWN_TEMPLATES = Set.of("lstm", "gru", "resnet");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private Checkpoints() {
    }

    /** Returns the id of the checkpoint saved at the end of {@code epoch}, e.g. {@code epoch-0007}. */
    public static String idFor(int epoch) {
        return String.format("epoch-%04d", epoch);
    }

    /** Throws when {@code id} could escape the checkpoints folder or is otherwise not a plain folder name. */
    static void requireValidId(String id, Path where) throws CheckpointException {
        if (id == null || !ID.matcher(id).matches() || id.contains("..")) {
            throw new CheckpointException(where + ": checkpoint id '" + id + "' is not a plain folder name");
        }
    }

    /**
     * Verifies a checkpoint folder: its manifest exists, every listed file is present with the recorded size and
     * SHA-256, the sidecar is readable and names a known template.
     *
     * @return the manifest
     * @throws CheckpointException naming the folder or file and what does not match
     */
    public static Manifest verify(Path checkpoint) throws CheckpointException {
        Manifest m = verifyChecksums(checkpoint);
        if (!m.files().containsKey(SIDECAR)) {
            throw new CheckpointException("Not a model checkpoint: " + checkpoint + " has no " + SIDECAR);
        }
        JsonObject sidecar = readSidecarJson(checkpoint);
        JsonElement t = sidecar.get("templateId");
        String template = t == null || t.isJsonNull() ? null : t.getAsString();
        if (template == null || !KNOWN_TEMPLATES.contains(template)) {
            throw new CheckpointException(checkpoint.resolve(SIDECAR) + ": templateId '" + template
                    + "' is not a template this TuneBench can rebuild (known: " + String.join(", ",
                    KNOWN_TEMPLATES.stream().sorted().toList()) + ")");
        }
        return m;
    }

    /**
     * Verifies only the manifest checksums of a checkpoint folder (any payload).
     *
     * @return the manifest
     * @throws CheckpointException naming the file that is missing or whose size or SHA-256 does not match
     */
    public static Manifest verifyChecksums(Path checkpoint) throws CheckpointException {
        return verifyChecksums(checkpoint, FileOps.REAL);
    }

    /** Verifies the manifest checksums reading every file through {@code ops} (the manager's read-back). */
    static Manifest verifyChecksums(Path checkpoint, FileOps ops) throws CheckpointException {
        if (!Files.isDirectory(checkpoint)) {
            throw new CheckpointException("No checkpoint folder at " + checkpoint);
        }
        Manifest m = Manifest.read(checkpoint);
        Path root = checkpoint.toAbsolutePath().normalize();
        for (var e : m.files().entrySet()) {
            Path f = root.resolve(e.getKey()).normalize();
            if (!f.startsWith(root) || e.getKey().equals(Manifest.FILE_NAME)) {
                throw new CheckpointException(root.resolve(Manifest.FILE_NAME) + ": file entry '" + e.getKey()
                        + "' points outside the checkpoint folder");
            }
            if (!Files.isRegularFile(f)) {
                throw new CheckpointException("Damaged checkpoint " + checkpoint + ": " + e.getKey()
                        + " is listed in the manifest but missing");
            }
            try {
                long size = Files.size(f);
                if (size != e.getValue().bytes()) {
                    throw new CheckpointException("Damaged checkpoint " + checkpoint + ": " + e.getKey() + " has "
                            + size + " bytes, the manifest says " + e.getValue().bytes());
                }
                String sha = ops.sha256(f);
                if (!sha.equals(e.getValue().sha256())) {
                    throw new CheckpointException("Damaged checkpoint " + checkpoint + ": checksum mismatch in "
                            + e.getKey() + " (SHA-256 " + sha + ", the manifest says " + e.getValue().sha256()
                            + ")");
                }
            } catch (CheckpointException ce) {
                throw ce;
            } catch (IOException io) {
                throw new CheckpointException("Cannot read " + f + ": " + io.getMessage(), io);
            }
        }
        return m;
    }

    /**
     * Returns the sidecar {@code checkpoint.json} of a checkpoint folder as JSON (not verified; call
     * {@link #verify} first).
     *
     * @throws CheckpointException naming the file when it is missing or not JSON
     */
    public static JsonObject readSidecarJson(Path checkpoint) throws CheckpointException {
        Path f = checkpoint.resolve(SIDECAR);
        try {
            JsonObject o = Json.gson().fromJson(Files.readString(f, StandardCharsets.UTF_8), JsonObject.class);
            if (o == null) {
                throw new CheckpointException(f + " is empty");
            }
            return o;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CheckpointException("Not a model checkpoint: " + checkpoint + " has no " + SIDECAR);
        } catch (IOException e) {
            throw new CheckpointException("Cannot read " + f + ": " + e.getMessage(), e);
        } catch (JsonParseException | IllegalStateException e) {
            throw new CheckpointException(f + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the checkpoints of a run, best first: {@code dir} may be a run folder (with {@code checkpoints/}) or
     * a checkpoints folder. Empty when no checkpoint was committed yet.
     *
     * @throws CheckpointException naming the folder when it is neither, or its index is damaged
     */
    public static List<CheckpointInfo> list(Path dir) throws CheckpointException {
        Path cdir = checkpointsDirOf(dir);
        Optional<List<CheckpointInfo>> idx = CheckpointIndex.read(cdir);
        return idx.orElse(List.of());
    }

    /**
     * Returns what a run's checkpoints folder holds: the kept checkpoints, the last good one, the recorded failed
     * and interrupted writes (newest first) and the writes unfinished right now. Reads only; an empty report when
     * {@code dir} is a run folder without checkpoints yet.
     *
     * @throws CheckpointException naming the folder when it is neither a run nor a checkpoints folder, or its index
     *                             is damaged
     */
    public static CheckpointReport report(Path dir) throws CheckpointException {
        Path cdir = checkpointsDirOf(dir);
        if (!Files.isDirectory(cdir)) {
            return CheckpointReport.empty();
        }
        Optional<List<CheckpointInfo>> idx = CheckpointIndex.read(cdir);
        List<CheckpointInfo> list = idx.orElse(List.of());
        List<CheckpointFailure> failures = new java.util.ArrayList<>(FailedWrites.read(cdir));
        java.util.Collections.reverse(failures);
        List<CheckpointFailure> unfinished;
        try {
            unfinished = Unfinished.find(cdir, idx.isPresent() ? list : null);
        } catch (java.io.IOException e) {
            throw new CheckpointException("Cannot list " + cdir + ": " + AtomicFiles.describe(e), e);
        }
        return new CheckpointReport(list, CheckpointIndex.lastGood(list), failures, unfinished);
    }

    /**
     * Returns the last good checkpoint of a run (a run folder or a checkpoints folder) as it is now: the newest one
     * whose files were verified after writing and still match their manifest; when a newer one has been damaged
     * since, the next older verified one. Empty when there is none.
     *
     * @throws CheckpointException naming the folder when it is not a run or checkpoints folder
     */
    public static Optional<CheckpointInfo> lastGood(Path dir) throws CheckpointException {
        List<CheckpointInfo> verified = new java.util.ArrayList<>(list(dir).stream()
                .filter(CheckpointInfo::verified).toList());
        verified.sort(java.util.Comparator.comparingInt(CheckpointInfo::epoch)
                .thenComparing(CheckpointInfo::savedAt).reversed());
        for (CheckpointInfo c : verified) {
            try {
                verifyChecksums(c.path());
                return Optional.of(c);
            } catch (CheckpointException damagedSince) {
                // Fall back to the next older one.
            }
        }
        return Optional.empty();
    }

    /**
     * Resolves a checkpoint by explicit id within a run folder or checkpoints folder.
     *
     * @throws CheckpointException when the id is not listed in the index
     */
    public static CheckpointInfo byId(Path dir, String id) throws CheckpointException {
        Path cdir = checkpointsDirOf(dir);
        requireValidId(id, cdir);
        return list(cdir).stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new CheckpointException("No checkpoint '" + id + "' in " + cdir.resolve(
                        CheckpointIndex.FILE_NAME)));
    }

    /**
     * Returns the checkpoints folder of a run folder, or {@code dir} itself when it holds an index or a record of
     * failed writes.
     *
     * @throws CheckpointException naming {@code dir} when it is neither
     */
    public static Path checkpointsDirOf(Path dir) throws CheckpointException {
        if (Files.isRegularFile(dir.resolve(CheckpointIndex.FILE_NAME))
                || Files.isRegularFile(dir.resolve(FailedWrites.FILE_NAME))) {
            return dir; // a checkpoints folder (one whose first write failed has only its journal)
        }
        Path c = dir.resolve(RunFolder.CHECKPOINTS);
        if (Files.isDirectory(c)) {
            return c;
        }
        if (Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(RunFolder.RUN_JSON))) {
            return c;
        }
        throw new CheckpointException(dir + " is not a run folder (no " + RunFolder.CHECKPOINTS + "/ and no "
                + RunFolder.RUN_JSON + ")");
    }
}
