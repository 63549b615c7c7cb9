package dev.tunebench.engine.config;

import com.google.gson.JsonDeserializationContext;
import com.google.gson.JsonDeserializer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSerializationContext;
import com.google.gson.JsonSerializer;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON form of a {@link RunConfig}, the one used by preset files, checkpoint sidecars and run.json: an object per
 * section, holding only the fields of the named template ({@code "model": {"template": "resnet", "stageChannels":
 * [16, 32]}}), by the names of {@link ConfigPaths}.
 *
 * <p>Reading is strict: an unknown field, a field of another template or a value of the wrong type fails with a
 * {@link ConfigPathException} naming the path and what is allowed; a field left out takes the template's default
 * ({@link RunConfig#defaults}). One exception keeps older files working: a model block with every field of every
 * template (as TuneBench wrote presets, sidecars and run.json before the model became one record per template) is
 * read with the other templates' fields ignored, and {@link Read#ignored()} names them. Ranges are not checked here
 * ({@code PresetValidator} reports them all at once).
 */
public final class ConfigJson {

    /** The model fields the older format wrote for every template. */
    static final Set<String> LEGACY_MODEL_FIELDS = Set.of("template", "layers", "embeddingSize", "hiddenSize",
            "bidirectional", "sequenceOutput", "layerNorm", "dropoutAfterEmbedding", "dropoutBeforeOutput",
            "stageChannels", "blocksPerStage", "shortcuts", "batchNorm", "activation", "leakyReluSlope", "init",
            "recurrentInit", "orthogonalGain", "forgetGateBias");

    private ConfigJson() {
    }

    /**
     * A config read from JSON.
     *
     * @param config  the config, omitted fields at their template's defaults
     * @param ignored paths of other templates' fields that an older file carried and that were ignored; usually empty
     */
    public record Read(RunConfig config, List<String> ignored) {

        public Read {
            ignored = List.copyOf(ignored);
        }

        /** Returns whether the JSON was in the older every-template format. */
        public boolean legacy() {
            return !ignored.isEmpty();
        }
    }

    /** Returns every field of the config's template, by section, in file order (for sidecars and run.json). */
    public static JsonObject write(RunConfig c) {
        return write(c, null, null);
    }

    /**
     * Returns the fields a preset chooses: {@code model.template}, every field whose value differs from the
     * template's default for the task, and those named in {@code keep} (fields with a note, whose value is a
     * deliberate choice even where it equals the default). Sections with nothing to say are left out.
     *
     * @param task null takes classification's defaults
     */
    public static JsonObject writeChosen(RunConfig c, Task task, Set<String> keep) {
        return write(c, RunConfig.defaults(c.model().template(), task), keep == null ? Set.of() : keep);
    }

    private static JsonObject write(RunConfig c, RunConfig defaults, Set<String> keep) {
        JsonObject o = new JsonObject();
        for (ConfigField f : ConfigPaths.of(c.model().template())) {
            Object v = f.get(c);
            if (defaults != null && !f.path().equals(ConfigPaths.TEMPLATE) && !keep.contains(f.path())
                    && Objects.equals(v, f.get(defaults))) {
                continue;
            }
            JsonObject section = o.getAsJsonObject(f.section());
            if (section == null) {
                section = new JsonObject();
                o.add(f.section(), section);
            }
            section.add(f.name(), ConfigField.toJson(v));
        }
        return o;
    }

    /** Returns the model block of a spec: its template's fields only. */
    public static JsonObject writeModel(ModelSpec m) {
        RunConfig c = RunConfig.defaults(m.template(), null).withModel(m);
        return write(c).getAsJsonObject("model");
    }

    /**
     * Returns the config in a JSON object.
     *
     * @param task the data's task, for the default loss; null takes classification's
     * @throws ConfigPathException naming the path relative to the config and what is allowed
     */
    public static Read read(JsonObject o, Task task) {
        for (String key : o.keySet()) {
            if (!ConfigPaths.SECTIONS.contains(key)) {
                throw new ConfigPathException(key, "unknown field; allowed: " + String.join(", ",
                        ConfigPaths.SECTIONS));
            }
        }
        JsonObject model = section(o, "model", null);
        if (model == null) {
            throw new ConfigPathException(ConfigPaths.TEMPLATE, "missing required field (one of "
                    + ModelSpec.TEMPLATES + ")");
        }
        String template = template(model);
        boolean legacy = model.keySet().containsAll(LEGACY_MODEL_FIELDS);
        RunConfig c = RunConfig.defaults(template, task);
        List<String> ignored = new ArrayList<>();
        for (String name : ConfigPaths.SECTIONS) {
            JsonObject s = section(o, name, template);
            if (s == null) {
                continue;
            }
            for (Map.Entry<String, JsonElement> e : s.entrySet()) {
                String path = name + "." + e.getKey();
                if (path.equals(ConfigPaths.TEMPLATE)) {
                    continue;
                }
                ConfigField f = ConfigPaths.find(path).orElse(null);
                if (legacy && f != null && !f.appliesTo(template) && name.equals("model")) {
                    ignored.add(path);
                    continue;
                }
                f = ConfigPaths.field(path, template);
                c = f.set(c, f.decode(e.getValue()));
            }
        }
        return new Read(c, ignored);
    }

    /**
     * Returns a model block read as {@link #read} reads it.
     *
     * @throws ConfigPathException naming the path relative to the config and what is allowed
     */
    public static ModelSpec readModel(JsonObject model) {
        JsonObject o = new JsonObject();
        o.add("model", model);
        return read(o, null).config().model();
    }

    private static JsonObject section(JsonObject o, String name, String template) {
        JsonElement e = o.get(name);
        if (e == null) {
            return null;
        }
        if (!e.isJsonObject()) {
            String fields = template == null ? String.join(", ", ConfigPaths.all().stream()
                    .filter(f -> f.section().equals(name)).map(ConfigField::name).distinct().toList())
                    : ConfigPaths.of(template).stream().filter(f -> f.section().equals(name))
                    .map(ConfigField::name).collect(Collectors.joining(", "));
            throw new ConfigPathException(name, "expected an object with " + fields + ", got "
                    + ConfigField.describe(e));
        }
        return e.getAsJsonObject();
    }

    private static String template(JsonObject model) {
        JsonElement t = model.get("template");
        if (t == null) {
            throw new ConfigPathException(ConfigPaths.TEMPLATE, "missing required field (one of "
                    + ModelSpec.TEMPLATES + ")");
        }
        if (!t.isJsonPrimitive() || !t.getAsJsonPrimitive().isString()
                || !ModelSpec.TEMPLATES.contains(t.getAsString())) {
            throw new ConfigPathException(ConfigPaths.TEMPLATE, "expected one of " + ModelSpec.TEMPLATES + ", got "
                    + ConfigField.describe(t));
        }
        return t.getAsString();
    }

    /**
     * Gson's view of the codec, so that records holding a config (the checkpoint sidecar) and a model spec read
     * and write this form; register it for {@link RunConfig} and as the hierarchy adapter of {@link ModelSpec}.
     */
    public static final class GsonAdapter implements JsonSerializer<Object>, JsonDeserializer<Object> {

        @Override
        public JsonElement serialize(Object src, Type type, JsonSerializationContext ctx) {
            return src instanceof ModelSpec m ? writeModel(m) : write((RunConfig) src);
        }

        @Override
        public Object deserialize(JsonElement json, Type type, JsonDeserializationContext ctx) {
            if (!json.isJsonObject()) {
                throw new JsonParseException("config: expected an object, got " + ConfigField.describe(json));
            }
            try {
                return type == RunConfig.class ? read(json.getAsJsonObject(), null).config()
                        : readModel(json.getAsJsonObject());
            } catch (ConfigPathException e) {
                throw new JsonParseException("config." + e.getMessage(), e);
            }
        }
    }
}
