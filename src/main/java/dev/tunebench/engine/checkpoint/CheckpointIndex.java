package dev.tunebench.engine.checkpoint;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import dev.tunebench.engine.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes {@code checkpoints/index.json}: the list of kept checkpoints (best k by the monitor and the
 * last one) with epoch, monitored value, relative path, save time and when its files were read back and matched
 * their manifest ({@code verifiedAt}), and the id of the last good one (the newest verified). Paths in the file are
 * relative to the checkpoints folder so that a run folder can be moved or copied. {@code verifiedAt} and
 * {@code lastGood} were added within format 1: an older index without them reads as "not verified".
 */
public final class CheckpointIndex {
    /** The index file name inside a checkpoints folder. */
    public static final String FILE_NAME = "index.json";
    /** The current format version. */
    public static final int FORMAT_VERSION = 1;

    private CheckpointIndex() {
    }

    /**
     * Returns the checkpoints listed in {@code checkpointsDir/index.json}, best first, or empty when there is no
     * index yet. Reads only; never cleans up.
     *
     * @throws CheckpointException naming the file when it cannot be read or parsed
     */
    public static Optional<List<CheckpointInfo>> read(Path checkpointsDir) throws CheckpointException {
        Path file = checkpointsDir.resolve(FILE_NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CheckpointException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonObject o = Json.gson().fromJson(text, JsonObject.class);
            if (o == null) {
                throw new CheckpointException("Damaged checkpoint index: " + file + " is empty");
            }
            int version = o.get("formatVersion").getAsInt();
            if (version != FORMAT_VERSION) {
                throw new CheckpointException(file + ": formatVersion " + version + " is not supported");
            }
            List<CheckpointInfo> list = new ArrayList<>();
            for (JsonElement el : o.getAsJsonArray("checkpoints")) {
                JsonObject c = el.getAsJsonObject();
                String id = c.get("id").getAsString();
                Checkpoints.requireValidId(id, file);
                list.add(new CheckpointInfo(id, c.get("epoch").getAsInt(), c.get("value").getAsDouble(),
                        checkpointsDir.resolve(c.get("path").getAsString()).toAbsolutePath().normalize(),
                        c.get("best").getAsBoolean(), c.get("last").getAsBoolean(),
                        Instant.parse(c.get("savedAt").getAsString()),
                        c.has("verifiedAt") && !c.get("verifiedAt").isJsonNull()
                                ? Instant.parse(c.get("verifiedAt").getAsString()) : null));
            }
            return Optional.of(List.copyOf(list));
        } catch (JsonParseException | IllegalStateException | NullPointerException | ClassCastException
                 | UnsupportedOperationException | java.time.format.DateTimeParseException e) {
            throw new CheckpointException("Damaged checkpoint index: " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /** Returns the monitored metric named in {@code checkpointsDir/index.json}, or empty without an index. */
    public static Optional<String> monitor(Path checkpointsDir) throws CheckpointException {
        Path file = checkpointsDir.resolve(FILE_NAME);
        try {
            JsonObject o = Json.gson().fromJson(Files.readString(file, StandardCharsets.UTF_8), JsonObject.class);
            return o == null || !o.has("monitor") ? Optional.empty() : Optional.of(o.get("monitor").getAsString());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException("Damaged checkpoint index: " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Returns the last good checkpoint of a list: the newest (highest epoch, then latest save) whose files were
     * read back after writing and matched their manifest.
     */
    public static Optional<CheckpointInfo> lastGood(List<CheckpointInfo> list) {
        return list.stream().filter(CheckpointInfo::verified).max(java.util.Comparator
                .comparingInt(CheckpointInfo::epoch).thenComparing(CheckpointInfo::savedAt));
    }

    /** Returns the index JSON for a list of checkpoints (best first). */
    static JsonObject toJson(List<CheckpointInfo> list, String monitor, String mode, int keepBest,
                             boolean keepLast) {
        JsonObject o = new JsonObject();
        o.addProperty("formatVersion", FORMAT_VERSION);
        o.addProperty("monitor", monitor);
        o.addProperty("mode", mode);
        o.addProperty("keepBest", keepBest);
        o.addProperty("keepLast", keepLast);
        o.addProperty("best", list.stream().filter(CheckpointInfo::best).findFirst().map(CheckpointInfo::id)
                .orElse(null));
        o.addProperty("last", list.stream().filter(CheckpointInfo::last).findFirst().map(CheckpointInfo::id)
                .orElse(null));
        o.addProperty("lastGood", lastGood(list).map(CheckpointInfo::id).orElse(null));
        JsonArray arr = new JsonArray();
        int rank = 0;
        for (CheckpointInfo c : list) {
            JsonObject e = new JsonObject();
            e.addProperty("id", c.id());
            e.addProperty("epoch", c.epoch());
            e.addProperty("value", c.value());
            e.addProperty("path", c.id());
            e.addProperty("best", c.best());
            e.addProperty("last", c.last());
            if (c.best()) {
                e.addProperty("rank", ++rank);
            }
            e.addProperty("savedAt", c.savedAt().toString());
            e.addProperty("verifiedAt", c.verifiedAt() == null ? null : c.verifiedAt().toString());
            arr.add(e);
        }
        o.add("checkpoints", arr);
        return o;
    }
}
