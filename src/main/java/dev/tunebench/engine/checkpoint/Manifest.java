package dev.tunebench.engine.checkpoint;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.tunebench.engine.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code manifest.json} of a checkpoint folder: what it holds and the SHA-256 of every payload file.
 *
 * @param formatVersion manifest format version ({@link #FORMAT_VERSION})
 * @param id            checkpoint id (its folder name)
 * @param epoch         1-based epoch
 * @param monitor       monitored metric name
 * @param value         monitored value at save time (NaN allowed)
 * @param savedAt       when it was written
 * @param files         payload files by path relative to the folder ('/'-separated)
 */
public record Manifest(int formatVersion, String id, int epoch, String monitor, double value, Instant savedAt,
                       Map<String, FileEntry> files) {

    /** The file name of the manifest inside a checkpoint folder. */
    public static final String FILE_NAME = "manifest.json";
    /** The current format version. */
    public static final int FORMAT_VERSION = 1;

    public Manifest {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /**
     * One payload file.
     *
     * @param sha256 lower-case hex SHA-256 of the content
     * @param bytes  size in bytes
     */
    public record FileEntry(String sha256, long bytes) {
    }

    /** Returns this manifest as JSON. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("formatVersion", formatVersion);
        o.addProperty("id", id);
        o.addProperty("epoch", epoch);
        o.addProperty("monitor", monitor);
        o.addProperty("value", value);
        o.addProperty("savedAt", savedAt.toString());
        JsonObject f = new JsonObject();
        files.forEach((name, e) -> {
            JsonObject fe = new JsonObject();
            fe.addProperty("sha256", e.sha256());
            fe.addProperty("bytes", e.bytes());
            f.add(name, fe);
        });
        o.add("files", f);
        return o;
    }

    /**
     * Reads the manifest of a checkpoint folder.
     *
     * @throws CheckpointException naming the folder when there is none or it cannot be parsed
     */
    public static Manifest read(Path folder) throws CheckpointException {
        Path file = folder.resolve(FILE_NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("Not a checkpoint: " + folder + " has no " + FILE_NAME);
        } catch (IOException e) {
            throw new CheckpointException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonObject o = Json.gson().fromJson(text, JsonObject.class);
            if (o == null) {
                throw new CheckpointException("Damaged checkpoint: " + file + " is empty");
            }
            int version = o.get("formatVersion").getAsInt();
            if (version != FORMAT_VERSION) {
                throw new CheckpointException(file + ": formatVersion " + version + " is not supported (this "
                        + "TuneBench reads " + FORMAT_VERSION + ")");
            }
            Map<String, FileEntry> files = new LinkedHashMap<>();
            for (var e : o.getAsJsonObject("files").entrySet()) {
                JsonObject fe = e.getValue().getAsJsonObject();
                files.put(e.getKey(), new FileEntry(fe.get("sha256").getAsString(), fe.get("bytes").getAsLong()));
            }
            return new Manifest(version, o.get("id").getAsString(), o.get("epoch").getAsInt(),
                    o.get("monitor").getAsString(), o.get("value").getAsDouble(),
                    Instant.parse(o.get("savedAt").getAsString()), files);
        } catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException
                 | UnsupportedOperationException | java.time.format.DateTimeParseException e) {
            throw new CheckpointException("Damaged checkpoint: " + file + " is not a valid manifest ("
                    + e.getMessage() + ")", e);
        }
    }
}
