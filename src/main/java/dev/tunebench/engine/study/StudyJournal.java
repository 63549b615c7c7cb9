package dev.tunebench.engine.study;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;

/**
 * The study's append-only record: one compact JSON object per line, each ending in its own CRC-32
 * ({@code {"type":"ask",...,"crc32":"1a2b3c4d"}}, the checksum taken over the line with that field left out).
 *
 * <p>Writers append under an exclusive lock (a {@link FileLock} on {@code journal.lock}, which works across
 * processes and, through fcntl locks, across machines on a shared file system, plus an in-JVM lock since a JVM
 * cannot hold two FileLocks on one file) and force every line to disk before the call returns. A process killed
 * while writing leaves at most one torn line without its newline at the end: readers stop before it, and the next
 * writer, holding the lock, cuts it off before appending. A complete line whose checksum fails (a damaged disk, a
 * hand edit) is skipped and reported in {@link #warnings()}.
 */
final class StudyJournal implements AutoCloseable {
    /** The journal's file name in the study folder. */
    static final String FILE = "journal.jsonl";
    /** The lock file's name in the study folder. */
    static final String LOCK = "journal.lock";

    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final Gson COMPACT = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping()
            .serializeNulls().create();
    private static final int CRC_SUFFIX = ",\"crc32\":\"00000000\"}".length();

    private final Path file;
    private final FileChannel channel;
    private final FileChannel lockChannel;
    private final ReentrantLock jvmLock;
    private final boolean readOnly;
    private long committed;
    private int lineNumber;
    private final List<String> warnings = new ArrayList<>();

    private StudyJournal(Path folder, boolean create, boolean readOnly) throws IOException {
        this.file = folder.resolve(FILE);
        this.readOnly = readOnly;
        if (readOnly) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            lockChannel = null;
            jvmLock = null;
        } else {
            channel = create
                    ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE)
                    : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Path lock = folder.resolve(LOCK);
            lockChannel = FileChannel.open(lock, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
            jvmLock = JVM_LOCKS.computeIfAbsent(lock.toRealPath(), p -> new ReentrantLock());
        }
    }

    /** Opens the journal of a study folder for reading and appending; creates it when asked to. */
    static StudyJournal open(Path folder, boolean create) throws IOException {
        return new StudyJournal(folder, create, false);
    }

    /** Opens the journal of a study folder for reading only (a viewer; takes no lock). */
    static StudyJournal openReadOnly(Path folder) throws IOException {
        return new StudyJournal(folder, false, true);
    }

    /** Returns the journal file. */
    Path file() {
        return file;
    }

    /** Returns the problems met while reading (skipped lines), one line each. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Returns the records appended since the last call (all of them on the first), complete lines only: a line
     * still being written, or torn by a killed writer, is left for later.
     */
    List<JsonObject> readNew() throws IOException {
        long size = channel.size();
        List<JsonObject> out = new ArrayList<>();
        if (size <= committed) {
            return out;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size - committed, Integer.MAX_VALUE - 8));
        long pos = committed;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
        byte[] bytes = buf.array();
        int len = buf.position();
        int start = 0;
        for (int i = 0; i < len; i++) {
            if (bytes[i] == '\n') {
                lineNumber++;
                String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                JsonObject record = decode(line);
                if (record != null) {
                    out.add(record);
                }
                start = i + 1;
            }
        }
        committed += start;
        return out;
    }

    private JsonObject decode(String line) {
        if (line.isEmpty()) {
            return null;
        }
        if (line.length() < CRC_SUFFIX + 2 || !line.startsWith("{") || !line.endsWith("\"}")
                || !line.startsWith(",\"crc32\":\"", line.length() - CRC_SUFFIX)) {
            warnings.add(file + ": line " + lineNumber + ": no checksum; the line is ignored");
            return null;
        }
        String body = line.substring(0, line.length() - CRC_SUFFIX) + "}";
        String crc = line.substring(line.length() - 10, line.length() - 2);
        if (!crc.equals(crc32(body))) {
            warnings.add(file + ": line " + lineNumber + ": checksum mismatch; the line is ignored");
            return null;
        }
        try {
            JsonElement e = JsonParser.parseString(body);
            if (e.isJsonObject() && e.getAsJsonObject().has("type")) {
                return e.getAsJsonObject();
            }
        } catch (JsonParseException e) {
            // falls through to the warning
        }
        warnings.add(file + ": line " + lineNumber + ": not a journal record; the line is ignored");
        return null;
    }

    /** Returns the line a record is written as, checksum included, without the newline. */
    static String encode(JsonObject record) {
        String body = COMPACT.toJson(record);
        return body.substring(0, body.length() - 1) + ",\"crc32\":\"" + crc32(body) + "\"}";
    }

    private static String crc32(String body) {
        CRC32 c = new CRC32();
        c.update(body.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", c.getValue());
    }

    /**
     * Runs an action holding the journal's exclusive lock (re-entrant within a thread). Every append happens inside;
     * the action should first read what others appended.
     */
    <T> T locked(Action<T> action) throws IOException {
        if (readOnly) {
            throw new IllegalStateException("the journal is open for reading only");
        }
        if (jvmLock.isHeldByCurrentThread()) {
            return action.run();
        }
        jvmLock.lock();
        try (FileLock ignored = lockChannel.lock()) {
            return action.run();
        } finally {
            jvmLock.unlock();
        }
    }

    /**
     * Appends records as lines and forces them to disk; only while holding the lock and after {@link #readNew} has
     * consumed every complete line (so that anything after them is a torn line, which is cut off first).
     */
    void append(List<JsonObject> records) throws IOException {
        if (!jvmLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("append outside the journal lock");
        }
        long size = channel.size();
        if (size > committed) {
            warnings.add(file + ": cut off a torn last line of " + (size - committed) + " bytes (a writer was killed "
                    + "while appending)");
            channel.truncate(committed);
        }
        StringBuilder b = new StringBuilder();
        for (JsonObject r : records) {
            b.append(encode(r)).append('\n');
        }
        ByteBuffer buf = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8));
        long pos = committed;
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
        channel.force(false);
        // The lines are ours and complete: the next readNew would read them back; the caller applies them itself.
        committed = pos;
        lineNumber += records.size();
    }

    /** Work done under the lock. */
    @FunctionalInterface
    interface Action<T> {
        /** Runs it. */
        T run() throws IOException;
    }

    /** Returns whether a folder holds a study journal. */
    static boolean exists(Path folder) {
        return Files.isRegularFile(folder.resolve(FILE));
    }

    @Override
    public void close() throws IOException {
        channel.close();
        if (lockChannel != null) {
            lockChannel.close();
        }
    }
}
