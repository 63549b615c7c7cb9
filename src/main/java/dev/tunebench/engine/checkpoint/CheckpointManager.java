package dev.tunebench.engine.checkpoint;

import com.google.gson.JsonObject;
import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.monitor.Monitor;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps the best k checkpoints by the run's monitor and, optionally, the last one, in a run's
 * {@code checkpoints/} folder (tip 3: keep the model with the best eval loss).
 *
 * <p>Every save is crash-safe and checked: the payload goes into a temporary folder in the same place, every file is
 * checksummed into {@code manifest.json} and forced to disk, the folder is renamed into place with ATOMIC_MOVE,
 * every file is read back and compared with the manifest's SHA-256, then {@code index.json} is replaced atomically
 * with the checkpoint marked verified, and only then are pruned folders deleted. The newest verified checkpoint is
 * the last good one. Killed at any instant, the index still names complete checkpoints, the previous best and last
 * good among them; the next manager removes the orphaned temporary folders and records the interrupted write.
 *
 * <p>A failed save (disk full, no permission, a read-back mismatch, a writer that throws) removes what it wrote,
 * records the failure with its stage and reason in {@value FailedWrites#FILE_NAME} (after the clean-up, so a full
 * disk has room for the line; when even that fails the record is kept and written with the next one), and throws a
 * {@link CheckpointWriteException}; the index, the previous best and the last good one are untouched, and the
 * manager stays usable for the next epoch.
 *
 * <p>Ranking: the best checkpoint is the one early stopping holds as best, so restore-best, the best checkpoint and
 * the run summary always name the same epoch: a value becomes the best only when it beats the best by more than
 * the monitor's min_delta (after a failed save of a new best, the best on disk is the best that could be saved).
 * The other best-k slots go to the next best values (strictly better than the worst kept one enters; ties keep the
 * older checkpoint). NaN and infinite values rank worst: they enter only while fewer than k checkpoints are kept.
 * Not thread-safe for saving (one training thread); {@link #list()}, {@link #best()}, {@link #last()},
 * {@link #lastGood()} and {@link #failures()} may be called from any thread.
 */
public final class CheckpointManager {
    private static final java.util.regex.Pattern CHECKPOINT_NAME = java.util.regex.Pattern.compile("epoch-\\d+");

    private final Path dir;
    private final CheckpointSpec spec;
    private final MonitorSpec monitorSpec;
    private final Monitor ranker;
    private final FileOps ops;
    private volatile List<CheckpointInfo> entries;
    private volatile List<CheckpointFailure> failures = List.of();
    /** Failures the journal could not take yet (the disk was full even after clean-up); written with the next. */
    private final List<CheckpointFailure> unrecorded = new ArrayList<>();

    /**
     * Opens (creating if needed) a checkpoints folder: records writes a crash left unfinished as interrupted, removes
     * orphaned temporary and half-deleted folders and files, reads an existing {@code index.json} (a resumed run
     * keeps its best checkpoints), drops index entries whose folder is gone, and removes complete checkpoint folders
     * the index does not list (saved but never committed, or pruned but not yet deleted). Without an index,
     * committed folders are adopted from their manifests.
     *
     * @throws IOException naming the folder when it cannot be created or cleaned
     */
    public CheckpointManager(Path checkpointsDir, CheckpointSpec spec, MonitorSpec monitor) throws IOException {
        this(checkpointsDir, spec, monitor, FileOps.REAL);
    }

    /** Opens a checkpoints folder doing its file operations through {@code ops} (fault tests). */
    CheckpointManager(Path checkpointsDir, CheckpointSpec spec, MonitorSpec monitor, FileOps ops) throws IOException {
        if (spec.keepBest() < 1) {
            throw new IllegalArgumentException("checkpoints.keepBest must be at least 1, was " + spec.keepBest());
        }
        this.dir = checkpointsDir.toAbsolutePath().normalize();
        this.spec = spec;
        this.monitorSpec = monitor;
        this.ranker = new Monitor(monitor);
        this.ops = ops;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("Cannot create the checkpoints folder " + dir + ": " + AtomicFiles.describe(e), e);
        }
        List<CheckpointFailure> interrupted = findInterrupted();
        removeOrphans();
        this.entries = recover();
        FailedWrites.compactIfLarge(ops, dir);
        List<CheckpointFailure> known = new ArrayList<>();
        try {
            known.addAll(FailedWrites.read(dir));
        } catch (CheckpointException unreadable) {
            // An unreadable journal loses only the history of failures; the checkpoints are unaffected.
        }
        this.failures = List.copyOf(known);
        for (CheckpointFailure f : interrupted) {
            record(f);
        }
    }

    /** Returns the checkpoints folder. */
    public Path dir() {
        return dir;
    }

    /**
     * Offers the end state of an epoch. Saves a checkpoint when the value enters the best k or when the last
     * checkpoint is kept, prunes checkpoints that fell out of both, and rewrites {@code index.json}.
     *
     * @param epoch          1-based epoch
     * @param monitoredValue monitored value of the epoch (NaN when missing or non-finite)
     * @param writer         writes the payload into a fresh folder; called only when a save is due
     * @return the kept checkpoints after this epoch, best first
     * @throws IOException naming the path when the save failed; nothing was committed and the previous
     *                     checkpoints are intact
     */
    public List<CheckpointInfo> onEpochEnd(int epoch, double monitoredValue, CheckpointWriter writer)
            throws IOException {
        List<CheckpointInfo> current = entries;
        String id = Checkpoints.idFor(epoch);
        // A resumed run may reach an epoch whose id an older attempt already used: that entry is replaced.
        List<CheckpointInfo> others = current.stream().filter(c -> !c.id().equals(id)).toList();
        List<CheckpointInfo> bestOthers = others.stream().filter(CheckpointInfo::best).toList();
        Optional<CheckpointInfo> top = topOf(bestOthers);
        boolean improves = improves(monitoredValue, top);
        List<CheckpointInfo> rest = bestOthers.stream().filter(c -> top.isEmpty() || c != top.get())
                .sorted(rankOrder()).toList();
        boolean entersBest = improves || bestOthers.size() < spec.keepBest()
                || (!rest.isEmpty() && ranker.better(monitoredValue, rest.get(rest.size() - 1).value()));
        if (!entersBest && !spec.keepLast()) {
            return current;
        }
        Path target = dir.resolve(id);
        Instant savedAt = Instant.now();
        CheckpointFailure.Stage[] stage = {CheckpointFailure.Stage.PREPARE};
        Path tmp = null;
        Path displaced = null;
        boolean moved = false;
        List<CheckpointInfo> next;
        try {
            ops.createDirectories(dir); // a folder deleted under a running run is made again
            tmp = AtomicFiles.tempSibling(target);
            ops.createDirectory(tmp);
            Manifest manifest = writeTemp(tmp, id, epoch, monitoredValue, savedAt, writer, stage);
            stage[0] = CheckpointFailure.Stage.MOVE;
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                displaced = dir.resolve(AtomicFiles.TRASH_PREFIX + id + "-" + System.nanoTime());
                ops.move(target, displaced);
            }
            ops.move(tmp, target);
            moved = true;
            ops.forceDirectory(dir);
            stage[0] = CheckpointFailure.Stage.VERIFY;
            readBack(target, manifest);
            Instant verifiedAt = Instant.now();
            stage[0] = CheckpointFailure.Stage.INDEX;
            CheckpointInfo saved = new CheckpointInfo(id, epoch, monitoredValue, target, entersBest, spec.keepLast(),
                    savedAt, verifiedAt);
            next = policy(others, saved);
            writeIndex(next);
        } catch (IOException | RuntimeException e) {
            // Remove what this save wrote first: on a full disk that frees the room the failure record needs.
            if (moved) {
                ops.deleteTreeQuietly(target);
            } else if (tmp != null) {
                AtomicFiles.deleteQuietly(tmp);
            }
            restore(displaced, target);
            throw failed(id, epoch, monitoredValue, stage[0], target, e);
        }
        entries = next;
        Set<String> kept = new HashSet<>();
        next.forEach(c -> kept.add(c.id()));
        for (CheckpointInfo c : current) {
            if (!kept.contains(c.id())) {
                // Renamed away first: a kill mid-delete must not leave a half folder under a checkpoint name.
                ops.deleteTreeQuietly(c.path());
            }
        }
        if (displaced != null) {
            AtomicFiles.deleteQuietly(displaced);
        }
        flushUnrecorded();
        return next;
    }

    /** Records a failed save and returns the exception that reports it. */
    private CheckpointWriteException failed(String id, int epoch, double value, CheckpointFailure.Stage stage,
                                            Path target, Throwable e) {
        String why = e instanceof IOException io ? AtomicFiles.describe(io) : e.toString();
        if (why == null || why.isBlank()) {
            why = e.getClass().getSimpleName();
        }
        CheckpointFailure f = new CheckpointFailure(id, epoch, value, stage, why, Instant.now());
        String recorded = record(f) ? "" : " (the failure could not be recorded in " + FailedWrites.FILE_NAME
                + " yet either; it will be with the next record)";
        String good = lastGood().map(c -> "; the last good checkpoint is " + c.id()).orElse("");
        return new CheckpointWriteException("Could not save checkpoint " + target + " (" + stage.text() + "): " + why
                + "; the previous checkpoints are intact" + good + recorded, f, CheckpointWriteException.isPermanent(e),
                e);
    }

    /** Appends a failure (and any that could not be written before) to the journal; returns whether it got there. */
    private boolean record(CheckpointFailure f) {
        List<CheckpointFailure> all = new ArrayList<>(failures);
        all.add(f);
        failures = List.copyOf(all);
        unrecorded.add(f);
        return flushUnrecorded();
    }

    private boolean flushUnrecorded() {
        if (unrecorded.isEmpty()) {
            return true;
        }
        try {
            FailedWrites.append(ops, dir, unrecorded);
            unrecorded.clear();
            return true;
        } catch (IOException stillFull) {
            return false;
        }
    }

    /**
     * Forgets the checkpoints of epochs after {@code epoch}: a run resumed from that epoch's checkpoint abandons
     * what an earlier attempt trained later (Lightning likewise restores its best-k from the resumed checkpoint).
     * Rewrites the index, then deletes their folders.
     *
     * @return the kept checkpoints
     * @throws IOException naming the index when it cannot be rewritten; nothing is deleted then
     */
    public List<CheckpointInfo> discardAfter(int epoch) throws IOException {
        List<CheckpointInfo> current = entries;
        List<CheckpointInfo> next = current.stream().filter(c -> c.epoch() <= epoch).toList();
        if (next.size() == current.size()) {
            return current;
        }
        writeIndex(next);
        entries = next;
        for (CheckpointInfo c : current) {
            if (c.epoch() > epoch) {
                AtomicFiles.deleteTreeQuietly(c.path());
            }
        }
        return next;
    }

    /** Returns the best checkpoint by the monitor, if any was kept. */
    public Optional<CheckpointInfo> best() {
        return entries.stream().filter(CheckpointInfo::best).findFirst();
    }

    /** Returns the most recent epoch's checkpoint when keep-last is on (or it survives from a resumed run). */
    public Optional<CheckpointInfo> last() {
        return entries.stream().filter(CheckpointInfo::last).findFirst();
    }

    /** Returns the kept checkpoints, best first, then the last one if it is not among the best. */
    public List<CheckpointInfo> list() {
        return entries;
    }

    /**
     * Returns the last good checkpoint: the newest kept one whose files were read back after writing and matched
     * their manifest. A failed or interrupted write never becomes it.
     */
    public Optional<CheckpointInfo> lastGood() {
        return CheckpointIndex.lastGood(entries);
    }

    /** Returns the failed and interrupted writes recorded in this folder, oldest first. */
    public List<CheckpointFailure> failures() {
        return failures;
    }

    /** Orders best first; ties (and two NaNs) keep the older epoch ahead, as Lightning keeps the earlier save. */
    private Comparator<CheckpointInfo> rankOrder() {
        return (a, b) -> {
            if (ranker.better(a.value(), b.value())) {
                return -1;
            }
            if (ranker.better(b.value(), a.value())) {
                return 1;
            }
            return Integer.compare(a.epoch(), b.epoch());
        };
    }

    /**
     * Returns the entries to keep after {@code saved} joined {@code others}: the monitor's best first, the other
     * best-k by value, then the last.
     */
    private List<CheckpointInfo> policy(List<CheckpointInfo> others, CheckpointInfo saved) {
        List<CheckpointInfo> bestOthers = others.stream().filter(CheckpointInfo::best).toList();
        Optional<CheckpointInfo> top = topOf(bestOthers);
        List<CheckpointInfo> ordered = new ArrayList<>();
        List<CheckpointInfo> rest = new ArrayList<>(bestOthers);
        if (saved.best() && improves(saved.value(), top)) {
            ordered.add(saved);
        } else {
            top.ifPresent(t -> {
                ordered.add(t);
                rest.remove(t);
            });
            if (saved.best()) {
                rest.add(saved);
            }
        }
        rest.sort(rankOrder());
        ordered.addAll(rest);
        List<CheckpointInfo> bestK = ordered.subList(0, Math.min(spec.keepBest(), ordered.size()));
        Map<String, CheckpointInfo> out = new LinkedHashMap<>();
        for (CheckpointInfo c : bestK) {
            boolean isLast = c.id().equals(saved.id()) && saved.last();
            out.put(c.id(), withFlags(c, true, isLast));
        }
        if (saved.last() && !out.containsKey(saved.id())) {
            out.put(saved.id(), withFlags(saved, false, true));
        }
        return List.copyOf(out.values());
    }

    /** Returns the kept checkpoint the monitor holds as its best: the first best entry, when its value is finite. */
    private static Optional<CheckpointInfo> topOf(List<CheckpointInfo> bestInOrder) {
        return bestInOrder.stream().findFirst().filter(c -> Double.isFinite(c.value()));
    }

    /** Returns whether {@code value} improves on {@code top} by more than min_delta, as early stopping judges it. */
    private boolean improves(double value, Optional<CheckpointInfo> top) {
        Monitor m = new Monitor(monitorSpec);
        top.ifPresent(t -> m.restore(new Monitor.State(t.value(), t.epoch())));
        return m.isImprovement(value);
    }

    private static CheckpointInfo withFlags(CheckpointInfo c, boolean best, boolean last) {
        return new CheckpointInfo(c.id(), c.epoch(), c.value(), c.path(), best, last, c.savedAt(), c.verifiedAt());
    }

    /** Writes the payload and its manifest into {@code tmp} and forces them to disk; returns the manifest. */
    private Manifest writeTemp(Path tmp, String id, int epoch, double value, Instant savedAt, CheckpointWriter writer,
                               CheckpointFailure.Stage[] stage) throws IOException {
        stage[0] = CheckpointFailure.Stage.WRITE;
        writer.write(tmp);
        if (Files.exists(tmp.resolve(Manifest.FILE_NAME))) {
            throw new IOException("the checkpoint writer must not write " + Manifest.FILE_NAME);
        }
        stage[0] = CheckpointFailure.Stage.MANIFEST;
        Map<String, Manifest.FileEntry> files = new LinkedHashMap<>();
        List<Path> payload;
        try (Stream<Path> s = Files.walk(tmp)) {
            payload = s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        for (Path p : payload) {
            String rel = tmp.relativize(p).toString().replace('\\', '/');
            files.put(rel, new Manifest.FileEntry(ops.sha256(p), Files.size(p)));
        }
        Manifest m = new Manifest(Manifest.FORMAT_VERSION, id, epoch, monitorSpec.metric(), value, savedAt, files);
        // Plain write is enough inside the temporary folder: the folder rename is the commit point.
        ops.writeFile(tmp.resolve(Manifest.FILE_NAME), (dev.tunebench.engine.Json.gson().toJson(m.toJson()) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        stage[0] = CheckpointFailure.Stage.FSYNC;
        ops.forceTree(tmp);
        return m;
    }

    /**
     * Reads every file of the committed folder back and compares it with the manifest written for it (the manifest
     * on disk included), so a checkpoint is listed only once what is on disk is what was saved. The read goes
     * through the operating system's cache: it catches a short or lost write, a full disk the write calls did not
     * report, a rename or copy that went wrong, but not a fault of the disk under that cache.
     */
    private void readBack(Path target, Manifest written) throws IOException {
        Manifest onDisk = Checkpoints.verifyChecksums(target, ops);
        if (!onDisk.files().equals(written.files()) || onDisk.epoch() != written.epoch()) {
            throw new CheckpointException("Read-back mismatch in " + target + ": its manifest on disk does not list "
                    + "the files that were written");
        }
    }

    private static void restore(Path displaced, Path target) {
        if (displaced != null && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            try {
                AtomicFiles.moveAtomically(displaced, target);
            } catch (IOException ignored) {
                // The old folder stays under its trash name; recover() drops the index entry if it is missing.
            }
        }
    }

    private void writeIndex(List<CheckpointInfo> list) throws IOException {
        JsonObject json = CheckpointIndex.toJson(list, monitorSpec.metric(), monitorSpec.mode().name(),
                spec.keepBest(), spec.keepLast());
        ops.writeAtomically(dir.resolve(CheckpointIndex.FILE_NAME),
                (dev.tunebench.engine.Json.gson().toJson(json) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Returns the writes the last crash left unfinished, before the clean-up removes their traces. */
    private List<CheckpointFailure> findInterrupted() {
        try {
            List<CheckpointInfo> indexed = CheckpointIndex.read(dir).orElse(null);
            return Unfinished.asInterrupted(Unfinished.find(dir, indexed));
        } catch (IOException damagedIndex) {
            return List.of(); // recover() deals with the index; only the record of the interruption is lost
        }
    }

    private void removeOrphans() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.startsWith(AtomicFiles.TEMP_PREFIX) || name.startsWith(AtomicFiles.TRASH_PREFIX)) {
                    AtomicFiles.deleteQuietly(p);
                }
            }
        }
    }

    /** Reads the index (or adopts committed folders without one), drops missing entries, removes unlisted ones. */
    private List<CheckpointInfo> recover() throws IOException {
        Optional<List<CheckpointInfo>> indexed;
        try {
            indexed = CheckpointIndex.read(dir);
        } catch (CheckpointException damaged) {
            // Atomic writes make this unlikely (a user edit); the manifests still describe every folder.
            indexed = Optional.empty();
        }
        Map<String, Manifest> onDisk = new LinkedHashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path p : ds) {
                try {
                    Manifest m = Manifest.read(p);
                    if (m.id().equals(p.getFileName().toString())) {
                        onDisk.put(m.id(), m);
                    }
                } catch (CheckpointException notOurs) {
                    // Not a committed checkpoint folder: leave it alone.
                }
            }
        }
        List<CheckpointInfo> list = new ArrayList<>();
        if (indexed.isPresent()) {
            for (CheckpointInfo c : indexed.get()) {
                Manifest m = onDisk.get(c.id());
                if (m != null) {
                    list.add(new CheckpointInfo(c.id(), m.epoch(), m.value(), dir.resolve(c.id()), c.best(),
                            c.last(), m.savedAt(), c.verifiedAt()));
                }
            }
        } else {
            List<Manifest> found = new ArrayList<>(onDisk.values());
            int lastEpoch = found.stream().mapToInt(Manifest::epoch).max().orElse(0);
            List<CheckpointInfo> all = new ArrayList<>();
            for (Manifest m : found) {
                // Adopted without an index: nothing says it was read back after writing.
                all.add(new CheckpointInfo(m.id(), m.epoch(), m.value(), dir.resolve(m.id()), true,
                        spec.keepLast() && m.epoch() == lastEpoch, m.savedAt(), null));
            }
            all.sort(rankOrder());
            for (int i = 0; i < all.size(); i++) {
                CheckpointInfo c = all.get(i);
                boolean best = i < spec.keepBest();
                if (best || c.last()) {
                    list.add(withFlags(c, best, c.last()));
                }
            }
        }
        if (indexed.isEmpty()) {
            list.sort(Comparator.comparing((CheckpointInfo c) -> !c.best()).thenComparing(
                    (a, b) -> a.best() ? rankOrder().compare(a, b) : Integer.compare(a.epoch(), b.epoch())));
        }
        Set<String> kept = new HashSet<>();
        list.forEach(c -> kept.add(c.id()));
        for (String id : onDisk.keySet()) {
            if (!kept.contains(id)) {
                AtomicFiles.deleteTreeQuietly(dir.resolve(id));
            }
        }
        // A folder under a checkpoint name without a manifest was never committed by this class (older versions
        // or a hand copy cut short); when the index does not list it, it cannot be loaded anyway.
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (CHECKPOINT_NAME.matcher(name).matches() && !kept.contains(name) && !onDisk.containsKey(name)) {
                    AtomicFiles.deleteTreeQuietly(p);
                }
            }
        }
        boolean changed = indexed.isEmpty() ? !list.isEmpty() : !sameIds(indexed.get(), list);
        if (changed) {
            writeIndex(list);
        }
        return List.copyOf(list);
    }

    private static boolean sameIds(List<CheckpointInfo> a, List<CheckpointInfo> b) {
        return a.stream().map(CheckpointInfo::id).toList().equals(b.stream().map(CheckpointInfo::id).toList());
    }
}
