package dev.tunebench.engine.checkpoint;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds checkpoint writes that are half done in a checkpoints folder: a temporary {@code .tmp-epoch-NNNN-...}
 * folder, or a complete folder that index.json does not list although it was saved after the index was last
 * written (a write that got as far as its rename). Either is a write in progress, or the trace of a process that
 * ended mid-write.
 */
final class Unfinished {
    private static final Pattern TEMP_CHECKPOINT = Pattern.compile(Pattern.quote(AtomicFiles.TEMP_PREFIX)
            + "(epoch-\\d+)(?:-\\d+)+");
    private static final Pattern EPOCH = Pattern.compile("epoch-(\\d+)");

    private Unfinished() {
    }

    /**
     * Returns the unfinished writes found now, by checkpoint id, with stage {@code UNFINISHED}.
     *
     * @param indexed the index's entries, or null when there is no index (then complete folders are not counted:
     *                the manager adopts them)
     */
    static List<CheckpointFailure> find(Path dir, List<CheckpointInfo> indexed) throws IOException {
        Map<String, CheckpointFailure> out = new LinkedHashMap<>();
        Instant now = Instant.now();
        Set<String> listed = new HashSet<>();
        if (indexed != null) {
            indexed.forEach(c -> listed.add(c.id()));
        }
        Instant indexWritten = indexed == null ? null
                : Files.getLastModifiedTime(dir.resolve(CheckpointIndex.FILE_NAME)).toInstant();
        // A folder pruned (or discarded on resume) but not yet deleted is older than the index that dropped it; a
        // write that never reached the index is newer than the index and than every checkpoint it lists.
        Instant newestListed = indexed == null ? null : indexed.stream().map(CheckpointInfo::savedAt)
                .max(Instant::compareTo).orElse(Instant.MIN);
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            ds.forEach(folders::add);
        }
        folders.sort(null);
        for (Path p : folders) {
            String name = p.getFileName().toString();
            Matcher temp = TEMP_CHECKPOINT.matcher(name);
            if (temp.matches()) {
                String id = temp.group(1);
                out.putIfAbsent(id, new CheckpointFailure(id, epochOf(id), valueIn(p),
                        CheckpointFailure.Stage.UNFINISHED, "its temporary folder " + name
                        + " is being written now, or the process writing it ended", now));
            } else if (indexWritten != null && EPOCH.matcher(name).matches() && !listed.contains(name)) {
                try {
                    Manifest m = Manifest.read(p);
                    if (m.id().equals(name) && m.savedAt().isAfter(indexWritten)
                            && m.savedAt().isAfter(newestListed)) {
                        out.put(name, new CheckpointFailure(name, m.epoch(), m.value(),
                                CheckpointFailure.Stage.UNFINISHED, "written, but index.json does not list it yet: "
                                + "it is being committed now, or the process ended before that", now));
                    }
                } catch (CheckpointException notACommittedCheckpoint) {
                    // A folder without a manifest is no checkpoint write of ours.
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Returns the same writes as the next start records them: interrupted, with what was removed. */
    static List<CheckpointFailure> asInterrupted(List<CheckpointFailure> unfinished) {
        List<CheckpointFailure> out = new ArrayList<>();
        Instant now = Instant.now();
        for (CheckpointFailure f : unfinished) {
            String reason = f.reason().startsWith("written")
                    ? "the process ended after writing it but before index.json listed it (killed, crashed or lost "
                    + "power); the folder was removed"
                    : "the process ended while writing it (killed, crashed or lost power); its temporary folder was "
                    + "removed";
            out.add(new CheckpointFailure(f.id(), f.epoch(), f.value(), CheckpointFailure.Stage.INTERRUPTED, reason,
                    now));
        }
        return out;
    }

    private static int epochOf(String id) {
        Matcher m = EPOCH.matcher(id);
        try {
            return m.matches() ? Integer.parseInt(m.group(1)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double valueIn(Path tempFolder) {
        try {
            return Manifest.read(tempFolder).value();
        } catch (CheckpointException noManifestYet) {
            return Double.NaN;
        }
    }
}
