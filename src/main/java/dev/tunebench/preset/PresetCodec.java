package dev.tunebench.preset;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.EarlyStoppingSpec;
import dev.tunebench.engine.config.LossKind;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.ScheduleSpec;
import dev.tunebench.engine.config.TrainingSpec;
import dev.tunebench.engine.data.DataException;
import dev.tunebench.engine.data.DataSpec;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and writes presets as human-readable JSON, strictly: an unknown field, a value of the wrong type, a missing
 * required field or an invalid value (see {@link PresetValidator}) fails with a {@link PresetException} naming the
 * file, the line, the field path and what is allowed.
 *
 * <p>The {@code data} field is a data spec string ({@code builtin:spam}, {@code series:births.csv?target=births})
 * or the same as an object ({@code {"format": "series", "path": "births.csv", "options": {"target": "births"}}}),
 * which is read into the string form; either is checked as the data importers parse it.
 *
 * <p>Required fields: {@code id}, {@code name}, {@code dataKind}, {@code data}, {@code config} and
 * {@code config.model.template}. Every other config field that a file leaves out takes the template's default
 * ({@link #defaultConfig}), so a hand-written preset need only state what it changes; {@link #write} always writes
 * every field.
 */
public final class PresetCodec {
    private static final Pattern LINE = Pattern.compile(" at line (\\d+) column");
    private static final List<String> TEMPLATES = List.of("lstm", "gru", "resnet");

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

    /** Returns the preset as pretty-printed JSON with every field, numbers in their shortest form. */
    public static String write(Preset preset) {
        return Json.gson().toJson(toTree(preset)) + "\n";
    }

    /** Returns a run config as a JSON tree with every field (for summaries and sidecars). */
    public static JsonObject toJson(RunConfig config) {
        return toTree(config).getAsJsonObject();
    }

    /**
     * Returns the config a preset starts from before its file's values apply: the template's model defaults,
     * AdamW 1e-3 with weight decay 1e-4 (tips 7, 18; decoupled, so no L2-with-Adam warning), cosine T_max 32,
     * val_loss early stopping, 10 epochs of batch 32, seed 42,
     * clipping at 1.0 for recurrent templates, and the task's default loss.
     *
     * @param template {@code lstm}, {@code gru} or {@code resnet}
     * @param dataKind {@code text}, {@code series} or {@code image}
     */
    public static RunConfig defaultConfig(String template, String dataKind) {
        ModelSpec model = switch (template) {
            case "gru" -> ModelSpec.gruDefaults();
            case "resnet" -> ModelSpec.resnetDefaults();
            default -> ModelSpec.lstmDefaults();
        };
        double clip = model.isRecurrent() ? 1.0 : 0.0;
        TrainingSpec training = new TrainingSpec(10, 32, 42, clip, LossKind.defaultFor(Preset.taskOf(dataKind)), 1.0);
        return new RunConfig(model, training, OptimizerSpec.adamDefaults().withKind(OptimizerSpec.Kind.ADAMW),
                ScheduleSpec.cosineDefaults(),
                MonitorSpec.valLoss(), EarlyStoppingSpec.defaults(), CheckpointSpec.defaults());
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
            checkKnown(o, "", Preset.class);
            for (String req : List.of("id", "name", "dataKind", "data", "config")) {
                if (!o.has(req)) {
                    throw fail(req, "missing required field (" + expectation(componentType(Preset.class, req)) + ")");
                }
            }
            String dataKind = (String) bind(o.get("dataKind"), String.class, "dataKind");
            if (!Preset.DATA_KINDS.contains(dataKind)) {
                throw fail("dataKind", "unknown data kind \"" + dataKind + "\"; allowed: " + Preset.DATA_KINDS);
            }
            JsonElement configTree = o.get("config");
            if (!configTree.isJsonObject()) {
                throw fail("config", "expected " + expectation(RunConfig.class) + ", got " + describe(configTree));
            }
            String template = template(configTree.getAsJsonObject());
            JsonObject merged = toTree(defaultConfig(template, dataKind)).getAsJsonObject();
            merge(merged, configTree.getAsJsonObject());
            JsonObject full = o.deepCopy();
            full.add("config", merged);
            full.addProperty("data", dataSpec(o.get("data")));
            if (!full.has("description")) {
                full.addProperty("description", "");
            }
            if (!full.has("notes")) {
                full.add("notes", new JsonObject());
            }
            Preset preset = (Preset) bind(full, Preset.class, "");
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

        private String template(JsonObject config) {
            JsonElement model = config.get("model");
            if (model == null) {
                throw fail("config.model.template", "missing required field (one of " + TEMPLATES + ")");
            }
            if (!model.isJsonObject()) {
                throw fail("config.model", "expected " + expectation(ModelSpec.class) + ", got " + describe(model));
            }
            JsonElement t = model.getAsJsonObject().get("template");
            if (t == null) {
                throw fail("config.model.template", "missing required field (one of " + TEMPLATES + ")");
            }
            if (!t.isJsonPrimitive() || !t.getAsJsonPrimitive().isString()
                    || !TEMPLATES.contains(t.getAsString())) {
                throw fail("config.model.template", "expected one of " + TEMPLATES + ", got " + describe(t));
            }
            return t.getAsString();
        }

        /** Overlays the file's values on the defaults; objects merge field by field, anything else replaces. */
        private static void merge(JsonObject base, JsonObject over) {
            for (Map.Entry<String, JsonElement> e : over.entrySet()) {
                JsonElement b = base.get(e.getKey());
                if (b != null && b.isJsonObject() && e.getValue().isJsonObject()) {
                    merge(b.getAsJsonObject(), e.getValue().getAsJsonObject());
                } else {
                    base.add(e.getKey(), e.getValue());
                }
            }
        }

        private void checkKnown(JsonObject o, String path, Class<?> record) {
            List<String> allowed = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
            for (String key : o.keySet()) {
                if (!allowed.contains(key)) {
                    throw fail(join(path, key), "unknown field; allowed: " + String.join(", ", allowed));
                }
            }
        }

        private Object bind(JsonElement e, Type type, String path) {
            Class<?> raw = raw(type);
            if (e == null || e.isJsonNull()) {
                if (raw == Double.class) {
                    return null;
                }
                throw fail(path, "must not be null; expected " + expectation(type));
            }
            if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
                BigDecimal n = number(e, type, path);
                boolean isInt = raw == int.class || raw == Integer.class;
                try {
                    BigDecimal whole = n.stripTrailingZeros();
                    if (whole.scale() > 0) {
                        throw new ArithmeticException();
                    }
                    return isInt ? (Object) whole.intValueExact() : (Object) whole.longValueExact();
                } catch (ArithmeticException x) {
                    throw fail(path, "expected " + expectation(type) + ", got " + n.toPlainString());
                }
            }
            if (raw == double.class || raw == Double.class) {
                double d = number(e, type, path).doubleValue();
                if (!Double.isFinite(d)) {
                    throw fail(path, "number out of range");
                }
                return d;
            }
            if (raw == boolean.class || raw == Boolean.class) {
                if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
                    return e.getAsBoolean();
                }
                throw fail(path, "expected true or false, got " + describe(e));
            }
            if (raw == String.class) {
                if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
                    return e.getAsString();
                }
                throw fail(path, "expected a string, got " + describe(e));
            }
            if (raw.isEnum()) {
                if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
                    for (Object c : raw.getEnumConstants()) {
                        if (((Enum<?>) c).name().equalsIgnoreCase(e.getAsString())) {
                            return c;
                        }
                    }
                }
                throw fail(path, "expected " + expectation(type) + ", got " + describe(e));
            }
            if (List.class.isAssignableFrom(raw)) {
                if (!e.isJsonArray()) {
                    throw fail(path, "expected " + expectation(type) + ", got " + describe(e));
                }
                Type elem = ((ParameterizedType) type).getActualTypeArguments()[0];
                List<Object> out = new ArrayList<>();
                JsonArray a = e.getAsJsonArray();
                for (int i = 0; i < a.size(); i++) {
                    out.add(bind(a.get(i), elem, path + "[" + i + "]"));
                }
                return out;
            }
            if (Map.class.isAssignableFrom(raw)) {
                if (!e.isJsonObject()) {
                    throw fail(path, "expected " + expectation(type) + ", got " + describe(e));
                }
                Map<String, String> out = new LinkedHashMap<>();
                for (Map.Entry<String, JsonElement> x : e.getAsJsonObject().entrySet()) {
                    out.put(x.getKey(), (String) bind(x.getValue(), String.class, join(path, x.getKey())));
                }
                return out;
            }
            if (raw.isRecord()) {
                if (!e.isJsonObject()) {
                    throw fail(path, "expected " + expectation(type) + ", got " + describe(e));
                }
                JsonObject o = e.getAsJsonObject();
                checkKnown(o, path, raw);
                RecordComponent[] comps = raw.getRecordComponents();
                Object[] args = new Object[comps.length];
                Class<?>[] types = new Class<?>[comps.length];
                for (int i = 0; i < comps.length; i++) {
                    String child = join(path, comps[i].getName());
                    types[i] = comps[i].getType();
                    if (!o.has(comps[i].getName())) {
                        throw fail(child, "missing required field (" + expectation(comps[i].getGenericType()) + ")");
                    }
                    args[i] = bind(o.get(comps[i].getName()), comps[i].getGenericType(), child);
                }
                try {
                    Constructor<?> c = raw.getDeclaredConstructor(types);
                    return c.newInstance(args);
                } catch (InvocationTargetException x) {
                    throw fail(path, String.valueOf(x.getCause().getMessage()));
                } catch (ReflectiveOperationException x) {
                    throw new IllegalStateException("cannot build " + raw.getSimpleName(), x);
                }
            }
            throw new IllegalStateException("no binding for " + type);
        }

        private BigDecimal number(JsonElement e, Type type, String path) {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                Number n = e.getAsNumber();
                return n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
            }
            throw fail(path, "expected " + expectation(type) + ", got " + describe(e));
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

    private static Type componentType(Class<?> record, String name) {
        return Arrays.stream(record.getRecordComponents()).filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow().getGenericType();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    /** Returns what a value of the type looks like, for error messages. */
    static String expectation(Type type) {
        Class<?> raw = raw(type);
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return "an integer";
        }
        if (raw == double.class) {
            return "a number";
        }
        if (raw == Double.class) {
            return "a number or null";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "true or false";
        }
        if (raw == String.class) {
            return "a string";
        }
        if (raw.isEnum()) {
            return "one of " + Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (List.class.isAssignableFrom(raw)) {
            return "a list of integers";
        }
        if (Map.class.isAssignableFrom(raw)) {
            return "an object whose values are strings";
        }
        if (raw.isRecord()) {
            return "an object with " + Arrays.stream(raw.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.joining(", "));
        }
        return raw.getSimpleName();
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

    private static JsonElement toTree(Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof Double d) {
            return new JsonPrimitive(shortest(d));
        }
        if (value instanceof Float f) {
            return new JsonPrimitive(shortest(f.doubleValue()));
        }
        if (value instanceof Number n) {
            return new JsonPrimitive(n);
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (value instanceof String s) {
            return new JsonPrimitive(s);
        }
        if (value instanceof Enum<?> en) {
            return new JsonPrimitive(en.name());
        }
        if (value instanceof List<?> list) {
            JsonArray a = new JsonArray();
            list.forEach(x -> a.add(toTree(x)));
            return a;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObject o = new JsonObject();
            map.forEach((k, v) -> o.add(String.valueOf(k), toTree(v)));
            return o;
        }
        if (value.getClass().isRecord()) {
            JsonObject o = new JsonObject();
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                try {
                    o.add(c.getName(), toTree(c.getAccessor().invoke(value)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c.getName(), e);
                }
            }
            return o;
        }
        throw new IllegalStateException("cannot write " + value.getClass());
    }

    /** Returns 1e-4 as 0.0001 and 1.0 as 1: what a person would type. */
    private static BigDecimal shortest(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("a preset holds finite numbers only, got " + d);
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0) : b;
    }

}
