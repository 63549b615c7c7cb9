package dev.tunebench.preset;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.config.ConfigField;
import dev.tunebench.engine.config.ConfigJson;
import dev.tunebench.engine.config.ConfigPathException;
import dev.tunebench.engine.config.ConfigPaths;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.DataException;
import dev.tunebench.engine.data.DataSpec;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes presets as human-readable JSON, strictly: an unknown field, a field of another template, a value
 * of the wrong type, a missing required field or an invalid value (see {@link PresetValidator}) fails with a
 * {@link PresetException} naming the file, the line, the field path and what is allowed
 * ({@code p.json: line 9: config.model.stageChannels: does not apply to lstm; its model fields are layers, ...}).
 * The config block is {@link ConfigJson}'s form, the same as in checkpoint sidecars and run.json.
 *
 * <p>The {@code data} field is a data spec string ({@code builtin:spam}, {@code series:births.csv?target=births})
 * or the same as an object ({@code {"format": "series", "path": "births.csv", "options": {"target": "births"}}}),
 * which is read into the string form; either is checked as the data importers parse it.
 *
 * <p>Required fields: {@code id}, {@code name}, {@code dataKind}, {@code data}, {@code config} and
 * {@code config.model.template}. Every other config field that a file leaves out takes the template's default
 * ({@link RunConfig#defaults}), so a preset states only what it chooses; {@link #write} writes just that
 * ({@link Preset#sets}), {@link #writeFull} every field. A file in the older format, whose model block carries every
 * template's fields ({@code "layers": 0} on a ResNet), still reads: the other templates' fields (and notes on them)
 * are ignored and {@link Preset#upgradeNote()} says which, in one line.
 */
public final class PresetCodec {
    private static final Pattern LINE = Pattern.compile(" at line (\\d+) column");
    /** Top-level fields of a preset file, in file order. */
    private static final List<String> FIELDS = List.of("id", "name", "description", "dataKind", "data", "config",
            "notes");

    private PresetCodec() {
    }

    /**
     * Returns the preset in a file.
     *
     * @throws PresetException when the file cannot be read or holds an invalid preset
     */
    public static Preset read(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PresetException(name, null, 0, "no such file");
        } catch (IOException e) {
            throw new PresetException(name, null, 0, "cannot read the file (" + e.getMessage() + ")");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PresetException(name, null, 0, "not UTF-8 text; a preset is a UTF-8 JSON file");
        }
        return readString(text, name);
    }

    /**
     * Returns the preset in a JSON text.
     *
     * @param sourceName file name or description used in error messages
     * @throws PresetException when the text holds an invalid preset
     */
    public static Preset readString(String json, String sourceName) {
        Map<String, Integer> lines = new HashMap<>();
        JsonElement root = parse(json, sourceName, lines);
        return new Binder(sourceName, lines).preset(root);
    }

    /**
     * Returns the preset as pretty-printed JSON with the fields it chooses ({@link Preset#sets}): what a preset file
     * holds. Numbers are in their shortest form.
     */
    public static String write(Preset preset) {
        return Json.gson().toJson(toTree(preset, false)) + "\n";
    }

    /** Returns the preset as pretty-printed JSON with every field of its template, defaults included. */
    public static String writeFull(Preset preset) {
        return Json.gson().toJson(toTree(preset, true)) + "\n";
    }

    /** Returns a run config as a JSON tree with every field of its template (for summaries and sidecars). */
    public static JsonObject toJson(RunConfig config) {
        return ConfigJson.write(config);
    }

    /**
     * Returns the config a preset starts from before its file's values apply: {@link RunConfig#defaults} for the
     * task the data kind implies.
     *
     * @param template {@code lstm}, {@code gru} or {@code resnet}
     * @param dataKind {@code text}, {@code series} or {@code image}
     */
    public static RunConfig defaultConfig(String template, String dataKind) {
        return RunConfig.defaults(template, Preset.taskOf(dataKind));
    }

    // ---- parsing to a tree that remembers the line of every field path ----

    private static JsonElement parse(String json, String source, Map<String, Integer> lines) {
        JsonReader reader = new JsonReader(new StringReader(json));
        try {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw new PresetException(source, null, lineOf(reader), "a preset is a JSON object {...}");
            }
            JsonElement root = readValue(reader, "", source, lines);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new PresetException(source, null, lineOf(reader), "unexpected content after the JSON object");
            }
            return root;
        } catch (java.io.EOFException e) {
            throw new PresetException(source, null, lineOf(reader), "the JSON ends early (unclosed { or [ ?)");
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            // Gson appends " at line L column C path P" and a troubleshooting link: keep the first part only.
            int cut = msg.indexOf(" at line ");
            String detail = cut > 0 ? msg.substring(0, cut) : msg;
            throw new PresetException(source, null, lineOf(reader), "malformed JSON: " + detail);
        }
    }

    private static JsonElement readValue(JsonReader r, String path, String source, Map<String, Integer> lines)
            throws IOException {
        JsonToken token = r.peek();
        lines.put(path, lineOf(r));
        switch (token) {
            case BEGIN_OBJECT -> {
                JsonObject o = new JsonObject();
                r.beginObject();
                while (r.hasNext()) {
                    String name = r.nextName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    if (o.has(name)) {
                        throw new PresetException(source, child, lineOf(r), "duplicate field; give each field once");
                    }
                    o.add(name, readValue(r, child, source, lines));
                }
                r.endObject();
                return o;
            }
            case BEGIN_ARRAY -> {
                JsonArray a = new JsonArray();
                r.beginArray();
                int i = 0;
                while (r.hasNext()) {
                    a.add(readValue(r, path + "[" + i++ + "]", source, lines));
                }
                r.endArray();
                return a;
            }
            case STRING -> {
                return new JsonPrimitive(r.nextString());
            }
            case NUMBER -> {
                return new JsonPrimitive(new BigDecimal(r.nextString()));
            }
            case BOOLEAN -> {
                return new JsonPrimitive(r.nextBoolean());
            }
            case NULL -> {
                r.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new PresetException(source, path, lineOf(r), "unexpected " + token);
        }
    }

    /** Returns the reader's current line; Gson exposes it only through toString(). */
    private static int lineOf(JsonReader r) {
        Matcher m = LINE.matcher(r.toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    // ---- binding a tree to records, strictly ----

    private static final class Binder {
        private final String source;
        private final Map<String, Integer> lines;

        Binder(String source, Map<String, Integer> lines) {
            this.source = source;
            this.lines = lines;
        }

        Preset preset(JsonElement root) {
            JsonObject o = root.getAsJsonObject();
            for (String key : o.keySet()) {
                if (!FIELDS.contains(key)) {
                    throw fail(key, "unknown field; allowed: " + String.join(", ", FIELDS));
                }
            }
            for (String req : List.of("id", "name", "dataKind", "data", "config")) {
                if (!o.has(req)) {
                    throw fail(req, "missing required field (" + expectation(req) + ")");
                }
            }
            String dataKind = string(o, "dataKind");
            if (!Preset.DATA_KINDS.contains(dataKind)) {
                throw fail("dataKind", "unknown data kind \"" + dataKind + "\"; allowed: " + Preset.DATA_KINDS);
            }
            JsonElement configTree = o.get("config");
            if (!configTree.isJsonObject()) {
                throw fail("config", "expected " + expectation("config") + ", got " + describe(configTree));
            }
            ConfigJson.Read read;
            try {
                read = ConfigJson.read(configTree.getAsJsonObject(), Preset.taskOf(dataKind));
            } catch (ConfigPathException e) {
                throw fail("config." + e.path(), e.detail());
            }
            String template = read.config().model().template();
            List<String> droppedNotes = new ArrayList<>();
            Map<String, String> notes = notes(o.get("notes"), read.legacy() ? template : null, droppedNotes);
            Preset preset = new Preset(string(o, "id"), string(o, "name"),
                    o.has("description") ? string(o, "description") : "", dataKind, dataSpec(o.get("data")),
                    read.config(), notes, upgradeNote(read, template, droppedNotes));
            List<FieldError> errors = PresetValidator.validate(preset);
            if (!errors.isEmpty()) {
                FieldError first = errors.get(0);
                String path = PresetValidator.PRESET_FIELDS.contains(first.field()) || first.field().startsWith("notes")
                        ? first.field() : "config." + first.field();
                String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more invalid value"
                        + (errors.size() > 2 ? "s" : "") + ")" : "";
                throw new PresetException(source, path, lineFor(path), first.message() + more, errors, null);
            }
            return preset;
        }

        private String upgradeNote(ConfigJson.Read read, String template, List<String> droppedNotes) {
            if (!read.legacy()) {
                return "";
            }
            List<String> names = read.ignored().stream().map(p -> p.substring(p.indexOf('.') + 1)).toList();
            return source + ": older format (every template's fields); ignored the " + names.size() + " that do not "
                    + "apply to " + template + ": " + String.join(", ", names)
                    + (droppedNotes.isEmpty() ? "" : ", and the notes on " + String.join(", ", droppedNotes))
                    + "; save it again to drop them";
        }

        private String string(JsonObject o, String key) {
            JsonElement e = o.get(key);
            if (e == null || e.isJsonNull()) {
                throw fail(key, "must not be null; expected a string");
            }
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw fail(key, "expected a string, got " + describe(e));
            }
            return e.getAsString();
        }

        /**
         * Returns the notes; in an older file ({@code template} not null) a note on another template's field is
         * dropped and named in {@code dropped}.
         */
        private Map<String, String> notes(JsonElement e, String template, List<String> dropped) {
            Map<String, String> out = new LinkedHashMap<>();
            if (e == null) {
                return out;
            }
            if (!e.isJsonObject()) {
                throw fail("notes", "expected an object whose values are strings, got " + describe(e));
            }
            for (Map.Entry<String, JsonElement> x : e.getAsJsonObject().entrySet()) {
                String key = x.getKey();
                JsonElement v = x.getValue();
                if (v.isJsonNull() || !v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                    throw fail("notes." + key, (v.isJsonNull() ? "must not be null; expected a string"
                            : "expected a string, got " + describe(v)));
                }
                ConfigField f = ConfigPaths.find(key).orElse(null);
                if (template != null && f != null && !f.appliesTo(template)) {
                    dropped.add(key);
                    continue;
                }
                out.put(key, v.getAsString());
            }
            return out;
        }

        /**
         * Returns the data spec in its compact string form: a string is checked as written, an object
         * ({@code format}, {@code path}, {@code options}) is converted, as the data importers define them.
         */
        private String dataSpec(JsonElement data) {
            if (!data.isJsonObject() && !(data.isJsonPrimitive() && data.getAsJsonPrimitive().isString())) {
                throw fail("data", "expected a data spec string such as \"builtin:spam\" or an object with format, "
                        + "path, options; got " + describe(data));
            }
            try {
                DataSpec spec = DataSpec.fromJson(data);
                return data.isJsonObject() ? spec.toString() : data.getAsString();
            } catch (DataException e) {
                throw fail("data", e.getMessage());
            }
        }

        private PresetException fail(String path, String detail) {
            return new PresetException(source, path, lineFor(path), detail);
        }

        private int lineFor(String path) {
            // A field the file left out has no line: fall back to its nearest written parent.
            String p = path;
            while (true) {
                Integer l = lines.get(p);
                if (l != null) {
                    return l;
                }
                int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
                if (cut < 0) {
                    return 0;
                }
                p = p.substring(0, cut);
            }
        }
    }

    /** Returns what a top-level field holds, for messages. */
    private static String expectation(String field) {
        return switch (field) {
            case "data" -> "a data spec string such as \"builtin:spam\", or an object with format, path, options";
            case "config" -> "an object with " + String.join(", ", ConfigPaths.SECTIONS);
            case "notes" -> "an object whose values are strings";
            default -> "a string";
        };
    }

    private static String describe(JsonElement e) {
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "a list";
        }
        if (e.isJsonNull()) {
            return "null";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isString()) {
            return "the string \"" + p.getAsString() + "\"";
        }
        return p.getAsString();
    }

    // ---- writing ----

    private static JsonObject toTree(Preset p, boolean full) {
        JsonObject o = new JsonObject();
        o.addProperty("id", p.id());
        o.addProperty("name", p.name());
        o.addProperty("description", p.description());
        o.addProperty("dataKind", p.dataKind());
        o.addProperty("data", p.data());
        o.add("config", full ? ConfigJson.write(p.config())
                : ConfigJson.writeChosen(p.config(), p.task(), p.notes().keySet()));
        JsonObject notes = new JsonObject();
        p.notes().forEach(notes::addProperty);
        o.add("notes", notes);
        return o;
    }
}
