package dev.tunebench.engine.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The file operations a checkpoint save goes through, one method per step that can fail on its own (each file
 * write, each fsync, each rename, each checksum read, the index replace, the journal append). The manager uses
 * {@link #REAL}; fault tests wrap it to make one chosen step fail and check that every such failure leaves the
 * last good checkpoint in place.
 */
interface FileOps {
    /** The operations on the real file system. */
    FileOps REAL = new FileOps() {
    };

    /** Creates a folder and its parents. */
    default void createDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    /** Creates one new folder; fails when it exists. */
    default void createDirectory(Path dir) throws IOException {
        Files.createDirectory(dir);
    }

    /** Writes a new file in a temporary folder (the folder's rename is the commit point, so no atomic write). */
    default void writeFile(Path file, byte[] content) throws IOException {
        Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /** Forces a file's content and metadata to disk. */
    default void force(Path file) throws IOException {
        AtomicFiles.force(file);
    }

    /** Forces a folder's entries to disk where the platform allows it. */
    default void forceDirectory(Path dir) throws IOException {
        AtomicFiles.forceDirectory(dir);
    }

    /** Renames with ATOMIC_MOVE. */
    default void move(Path from, Path to) throws IOException {
        AtomicFiles.moveAtomically(from, to);
    }

    /** Reads a file and returns its lower-case hex SHA-256. */
    default String sha256(Path file) throws IOException {
        return AtomicFiles.sha256(file);
    }

    /** Replaces a file atomically (temporary sibling, fsync, rename, fsync of the folder). */
    default void writeAtomically(Path file, byte[] content) throws IOException {
        AtomicFiles.write(file, content);
    }

    /** Appends to a file, creating it, and forces it to disk. */
    default void append(Path file, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    /** Deletes a folder tree through a {@code .trash-} rename, ignoring failures (the next start cleans up). */
    default void deleteTreeQuietly(Path dir) {
        AtomicFiles.deleteTreeQuietly(dir);
    }

    /** Forces every file and folder under {@code root} to disk, one {@link #force} per file. */
    default void forceTree(Path root) throws IOException {
        List<Path> dirs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    dirs.add(p);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(p);
                }
            }
        }
        files.sort(null); // the same order every time: a fault test counts the calls
        for (Path f : files) {
            force(f);
        }
        for (int i = dirs.size() - 1; i >= 0; i--) {
            forceDirectory(dirs.get(i));
        }
    }
}
