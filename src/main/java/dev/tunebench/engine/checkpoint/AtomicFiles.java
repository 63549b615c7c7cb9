package dev.tunebench.engine.checkpoint;

import com.google.gson.JsonElement;
import dev.tunebench.engine.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Crash-safe file operations: write to a temporary name in the same folder, force to disk, then rename with
 * {@code ATOMIC_MOVE} and force the parent folder. A reader therefore sees the old file or the new one, never a
 * half-written one, whatever instant the process dies at.
 */
public final class AtomicFiles {
    /** Prefix of every temporary file or folder; anything carrying it is an orphan after a crash. */
    public static final String TEMP_PREFIX = ".tmp-";
    /** Prefix of folders being deleted; anything carrying it is an orphan after a crash. */
    public static final String TRASH_PREFIX = ".trash-";

    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFiles() {
    }

    /** Returns a fresh temporary sibling name for {@code target} (same folder, so a rename stays atomic). */
    public static Path tempSibling(Path target) {
        String unique = ProcessHandle.current().pid() + "-" + System.nanoTime() + "-" + COUNTER.incrementAndGet();
        return target.resolveSibling(TEMP_PREFIX + target.getFileName() + "-" + unique);
    }

    /**
     * Writes {@code content} to {@code target} atomically.
     *
     * @throws IOException naming the target when the folder is not writable or the disk is full; the previous
     *                     content of {@code target} is then untouched
     */
    public static void write(Path target, byte[] content) throws IOException {
        Path tmp = tempSibling(target);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            moveAtomically(tmp, target);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new IOException("Could not write " + target + ": " + describe(e), e);
        }
        forceDirectory(target.toAbsolutePath().getParent());
    }

    /** Writes {@code json} (pretty, via the engine's Gson) to {@code target} atomically, in UTF-8. */
    public static void writeJson(Path target, JsonElement json) throws IOException {
        write(target, (Json.gson().toJson(json) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Renames {@code source} to {@code target} with ATOMIC_MOVE, replacing a file target. Folders cannot replace
     * a non-empty folder; callers move the old one away first.
     */
    public static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The file system of " + target + " cannot rename atomically; checkpoints need it",
                    e);
        }
    }

    /** Forces a regular file's content and metadata to disk. */
    public static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /**
     * Forces a folder's entries (creations, renames) to disk where the platform allows it. Linux does; Windows
     * cannot open a folder as a channel, and its renames are journalled anyway, so a failure is ignored.
     */
    public static void forceDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Not supported here; see the javadoc.
        }
    }

    /** Forces every file and folder under {@code root} (itself included) to disk. */
    public static void forceTree(Path root) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    dirs.add(p);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    force(p);
                }
            }
        }
        for (int i = dirs.size() - 1; i >= 0; i--) {
            forceDirectory(dirs.get(i));
        }
    }

    /** Returns the lower-case hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Deletes a folder tree. The folder is first renamed to a {@code .trash-} name so that a crash midway leaves
     * an obvious orphan rather than a half-deleted folder under its real name.
     */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path target = root;
        String name = root.getFileName().toString();
        if (!name.startsWith(TRASH_PREFIX) && !name.startsWith(TEMP_PREFIX)) {
            target = root.resolveSibling(TRASH_PREFIX + name + "-" + System.nanoTime() + "-"
                    + COUNTER.incrementAndGet());
            moveAtomically(root, target);
        }
        deleteRecursively(target);
    }

    /** Deletes a folder tree via a {@code .trash-} rename (see {@link #deleteTree}), ignoring failures. */
    public static void deleteTreeQuietly(Path root) {
        try {
            deleteTree(root);
        } catch (IOException ignored) {
            // Left behind as an orphan; the next CheckpointManager removes it.
        }
    }

    /** Deletes a file or folder tree, ignoring failures (it is then an orphan cleaned at the next start). */
    public static void deleteQuietly(Path p) {
        try {
            deleteRecursively(p);
        } catch (IOException ignored) {
            // Left behind as an orphan; the next CheckpointManager removes it.
        }
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                for (Path c : ds) {
                    deleteRecursively(c);
                }
            }
        }
        try {
            Files.deleteIfExists(p);
        } catch (NoSuchFileException ignored) {
            // Raced with another cleaner: fine.
        }
    }

    /** Returns a short reason for an I/O failure: the exception type and message, e.g. "no space left". */
    static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        String msg = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied (" + msg + ")";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason() + " (" + fse.getFile() + ")";
        }
        return msg == null ? type : msg;
    }
}
