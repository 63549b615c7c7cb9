package dev.tunebench.engine.checkpoint;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The real file operations, with one chosen call made to fail: it throws (a full disk by default, or any exception
 * a test makes), or, for a checksum read, returns a wrong digest as a corrupted read-back would. Every call is
 * logged, so a clean save tells a test how many points a save has and which is which.
 */
final class FaultyFileOps implements FileOps {
    /** One logged call: the operation and the file's name. */
    record Call(String op, String file) {
        @Override
        public String toString() {
            return op + "(" + file + ")";
        }
    }

    /** How the chosen call fails. */
    enum Mode { THROW, WRONG_DIGEST }

    final List<Call> calls = new ArrayList<>();
    private int failAt = -1;
    private Mode mode = Mode.THROW;
    private boolean failAppends;
    private BiFunction<String, Path, IOException> fault = (op, file) -> new FileSystemException(file.toString(),
            null, "No space left on device (injected into " + op + ")");

    /** Makes call number {@code index} (0-based over all calls logged so far and later) fail; -1 for none. */
    void failAt(int index, Mode how) {
        failAt = index;
        mode = how;
    }

    /** Sets the exception a failing call throws. */
    void fault(BiFunction<String, Path, IOException> f) {
        fault = f;
    }

    /** Makes every journal append fail (the disk stays full after the clean-up). */
    void failAppends(boolean fail) {
        failAppends = fail;
    }

    private void step(String op, Path file) throws IOException {
        int index = calls.size();
        calls.add(new Call(op, file.getFileName().toString()));
        if (index == failAt && mode == Mode.THROW) {
            throw fault.apply(op, file);
        }
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        step("createDirectories", dir);
        FileOps.super.createDirectories(dir);
    }

    @Override
    public void createDirectory(Path dir) throws IOException {
        step("createDirectory", dir);
        FileOps.super.createDirectory(dir);
    }

    @Override
    public void writeFile(Path file, byte[] content) throws IOException {
        step("writeFile", file);
        FileOps.super.writeFile(file, content);
    }

    @Override
    public void force(Path file) throws IOException {
        step("force", file);
        FileOps.super.force(file);
    }

    @Override
    public void forceDirectory(Path dir) throws IOException {
        step("forceDirectory", dir);
        FileOps.super.forceDirectory(dir);
    }

    @Override
    public void move(Path from, Path to) throws IOException {
        step("move", to);
        FileOps.super.move(from, to);
    }

    @Override
    public String sha256(Path file) throws IOException {
        int index = calls.size();
        step("sha256", file);
        String real = FileOps.super.sha256(file);
        return index == failAt && mode == Mode.WRONG_DIGEST ? "0".repeat(64) : real;
    }

    @Override
    public void writeAtomically(Path file, byte[] content) throws IOException {
        step("writeAtomically", file);
        FileOps.super.writeAtomically(file, content);
    }

    @Override
    public void append(Path file, byte[] content) throws IOException {
        if (failAppends) {
            throw new FileSystemException(file.toString(), null, "No space left on device");
        }
        FileOps.super.append(file, content);
    }
}
