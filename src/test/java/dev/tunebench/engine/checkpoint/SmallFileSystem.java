package dev.tunebench.engine.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, small file system for disk-full tests: a tmpfs of a few hundred KB mounted on a folder (Linux, as root,
 * with mount permission, as in this project's CI container). Where it cannot be mounted, {@link #mount} skips the
 * test with the reason; the fault-injection tests (CheckpointTrustTest) then still cover every failure point.
 */
public final class SmallFileSystem implements AutoCloseable {
    private final Path dir;

    private SmallFileSystem(Path dir) {
        this.dir = dir;
    }

    /**
     * Mounts a tmpfs of {@code kib} KiB on {@code dir} (created), or skips the calling test with the reason.
     */
    public static SmallFileSystem mount(Path dir, int kib) throws IOException, InterruptedException {
        Assumptions.assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"),
                "disk-full test skipped: a small tmpfs needs Linux");
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + kib + "k,mode=0755", "tmpfs",
                dir.toString()).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } finally {
            p.waitFor(20, TimeUnit.SECONDS);
        }
        Assumptions.assumeTrue(p.exitValue() == 0, "disk-full test skipped: cannot mount a " + kib + " KiB tmpfs on "
                + dir + " (needs root and mount permission): " + output);
        return new SmallFileSystem(dir);
    }

    /** Returns the mounted folder. */
    public Path dir() {
        return dir;
    }

    /** Returns the free bytes. */
    public long free() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    /** Fills the file system with {@code file} until a write fails with "no space"; returns the bytes written. */
    public long fill(Path file) throws IOException {
        byte[] block = new byte[4096];
        long written = 0;
        try (var out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
                out.flush();
                written += block.length;
            }
        } catch (IOException full) {
            if (full.getMessage() == null || !full.getMessage().contains("No space left on device")) {
                throw full;
            }
        }
        return written;
    }

    /** Unmounts (lazily, so an open file cannot keep it). */
    @Override
    public void close() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("umount", "-l", dir.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(20, TimeUnit.SECONDS);
    }
}
