package dev.tunebench.engine.config;

import com.google.gson.JsonElement;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one vocabulary of run-config field paths ({@code model.hiddenSize}, {@code optimizer.learningRate},
 * {@code training.batchSize}, {@code schedule.tMax}, {@code model.template}, ...): every field of every section
 * record, with its type, allowed values, templates and defaults ({@link ConfigField}). Preset files, their error
 * messages, the window's editor, the command line's {@code --set}, run.json and sweep spaces all name fields this
 * way.
 *
 * <pre>{@code
 * ConfigField field = ConfigPaths.field("optimizer.learningRate");  // FLOAT, range (0, inf), every template
 * RunConfig c = ConfigPaths.with(base, "model.template", new JsonPrimitive("gru"));      // checked, carries over
 * c = ConfigPaths.with(c, "optimizer.learningRate", new JsonPrimitive(3e-4));           // checked: type and range
 * Object lr = ConfigPaths.get(c, "optimizer.learningRate");                             // 3.0E-4, a Double
 * }</pre>
 *
 * <p>The fields are the components of the section records, found by reflection (a component added to a record is a
 * new path at once); the ranges and hints are declared here, once.
 */
public final class ConfigPaths {
    /** The path of the template id. */
    public static final String TEMPLATE = "model.template";
    /** Sections of a run config, in file order. */
    public static final List<String> SECTIONS = List.of("model", "training", "optimizer", "schedule", "monitor",
            "earlyStopping", "checkpoints");
    /** Metrics a run can monitor. */
    public static final List<String> METRICS = List.of("val_loss", "train_loss", "val_accuracy", "train_accuracy",
            "val_mae", "val_rmse");

    private static final Map<String, ConfigField.Rule> RULES = new HashMap<>();
    private static final List<ConfigField> ALL;
    private static final Map<String, ConfigField> BY_PATH = new LinkedHashMap<>();
    private static final Map<String, List<ConfigField>> BY_TEMPLATE = new HashMap<>();

    static {
        rule(TEMPLATE).choices(ModelSpec.TEMPLATES);
        rule("model.layers").ints(1, 4).hint("(tip 17: 2 or 3)");
        rule("model.embeddingSize").ints(1, 4096).hint("(tip 16: 64 or 128)").dataKinds("text");
        rule("model.hiddenSize").ints(1, 4096).hint("(tip 16: 256 or 512)");
        rule("model.dropoutAfterEmbedding").probability();
        rule("model.dropoutBeforeOutput").probability();
        rule("model.orthogonalGain").above(0);
        rule("model.forgetGateBias").templates("lstm");
        rule("model.stageChannels").ints(1, 1024).items(1, 6, "stage widths, e.g. [32, 64, 128]");
        rule("model.blocksPerStage").ints(1, 16).hint("(tip 20: depth is a hyperparameter)");
        rule("model.leakyReluSlope").unit();
        rule("training.epochs").ints(1, 100_000);
        rule("training.batchSize").ints(1, 65_536).hint("(tip 15: smaller often helps)");
        rule("training.seed").any();
        rule("training.clipNorm").atLeast(0, "(0 = no clipping)");
        rule("training.huberDelta").above(0);
        rule("optimizer.learningRate").above(0).hint("(tip 7: Adam 1e-3 or 1e-4)");
        rule("optimizer.beta1").unit();
        rule("optimizer.beta2").unit();
        rule("optimizer.epsilon").above(0);
        rule("optimizer.weightDecay").atLeast(0, "(0 = off)").hint("(tip 18: 1e-4)");
        rule("optimizer.momentum").unit();
        rule("optimizer.dampening").closedUnit("(0 = none, torch's default)");
        rule("schedule.tMax").ints(1, 100_000).hint("(tip 8: 32 or 64)");
        rule("schedule.etaMin").atLeast(0, "");
        rule("schedule.warmupSteps").ints(0, Integer.MAX_VALUE);
        rule("schedule.plateauFactor").openUnit();
        rule("schedule.plateauPatience").ints(0, 100_000);
        rule("schedule.plateauMinLr").atLeast(0, "");
        rule("monitor.metric").choices(METRICS);
        rule("monitor.minDelta").atLeast(0, "");
        rule("earlyStopping.patience").ints(0, 100_000);
        rule("earlyStopping.stoppingThreshold").finite();
        rule("earlyStopping.divergenceThreshold").finite();
        rule("earlyStopping.startFromEpoch").ints(0, 100_000);
        rule("earlyStopping.timeLimitSeconds").atLeast(0, "(0 = none)");
        rule("checkpoints.keepBest").ints(1, 1000);

        List<ConfigField> all = new ArrayList<>();
        all.add(new ConfigField(TEMPLATE, String.class, false, RULES.get(TEMPLATE), Set.copyOf(ModelSpec.TEMPLATES)));
        Map<String, Set<String>> modelTemplates = new LinkedHashMap<>();
        Map<String, RecordComponent> modelComponents = new LinkedHashMap<>();
        for (Class<?> spec : List.of(RecurrentModelSpec.class, ResNetModelSpec.class)) {
            for (RecordComponent rc : spec.getRecordComponents()) {
                if (!rc.getName().equals("cell")) {
                    modelComponents.putIfAbsent(rc.getName(), rc);
                    modelTemplates.computeIfAbsent(rc.getName(), k -> new LinkedHashSet<>()).addAll(idsOf(spec));
                }
            }
        }
        modelComponents.forEach((name, rc) -> all.add(field("model." + name, rc, modelTemplates.get(name))));
        List<Class<?>> sections = List.of(TrainingSpec.class, OptimizerSpec.class, ScheduleSpec.class,
                MonitorSpec.class, EarlyStoppingSpec.class, CheckpointSpec.class);
        for (int i = 0; i < sections.size(); i++) {
            for (RecordComponent rc : sections.get(i).getRecordComponents()) {
                all.add(field(SECTIONS.get(i + 1) + "." + rc.getName(), rc, Set.copyOf(ModelSpec.TEMPLATES)));
            }
        }
        ALL = List.copyOf(all);
        ALL.forEach(f -> BY_PATH.put(f.path(), f));
        for (String t : ModelSpec.TEMPLATES) {
            // A template's model fields in its record's order, then the other sections.
            List<ConfigField> of = new ArrayList<>();
            of.add(BY_PATH.get(TEMPLATE));
            Class<?> spec = "resnet".equals(t) ? ResNetModelSpec.class : RecurrentModelSpec.class;
            for (RecordComponent rc : spec.getRecordComponents()) {
                ConfigField f = BY_PATH.get("model." + rc.getName());
                if (f != null && f.appliesTo(t)) {
                    of.add(f);
                }
            }
            ALL.stream().filter(f -> !f.section().equals("model")).forEach(of::add);
            BY_TEMPLATE.put(t, List.copyOf(of));
        }
    }

    private ConfigPaths() {
    }

    private static ConfigField.Rule rule(String path) {
        return RULES.computeIfAbsent(path, p -> new ConfigField.Rule());
    }

    private static ConfigField field(String path, RecordComponent rc, Set<String> templates) {
        return new ConfigField(path, rc.getType(), rc.getType() == Double.class, rule(path), templates);
    }

    private static Set<String> idsOf(Class<?> spec) {
        return spec == ResNetModelSpec.class ? Set.of("resnet")
                : Arrays.stream(RecurrentModelSpec.Cell.values()).map(RecurrentModelSpec.Cell::id)
                .collect(Collectors.toSet());
    }

    /** Returns every field of every template, model fields first, in file order. */
    public static List<ConfigField> all() {
        return ALL;
    }

    /**
     * Returns the fields that apply to a template, in file order ({@code model.template} first).
     *
     * @throws ConfigPathException for an unknown template, naming the ids allowed
     */
    public static List<ConfigField> of(String template) {
        List<ConfigField> fields = BY_TEMPLATE.get(template);
        if (fields == null) {
            throw new ConfigPathException(TEMPLATE, "must be one of " + ModelSpec.TEMPLATES + ", got \"" + template
                    + "\"");
        }
        return fields;
    }

    /** Returns the field with a path, or empty when no template has it. */
    public static Optional<ConfigField> find(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    /**
     * Returns the field with a path, whatever the template.
     *
     * @throws ConfigPathException for an unknown path, naming the sections or the section's fields allowed
     */
    public static ConfigField field(String path) {
        ConfigField f = BY_PATH.get(path);
        if (f == null) {
            throw unknown(path, null);
        }
        return f;
    }

    /**
     * Returns the field with a path that applies to a template.
     *
     * @throws ConfigPathException for an unknown path, or a field of another template
     *                             ({@code model.stageChannels: does not apply to lstm; its model fields are ...})
     */
    public static ConfigField field(String path, String template) {
        ConfigField f = BY_PATH.get(path);
        if (f == null) {
            throw unknown(path, template);
        }
        if (!f.appliesTo(template)) {
            throw new ConfigPathException(path, "does not apply to " + template + "; its " + f.section()
                    + " fields are " + names(f.section(), template));
        }
        return f;
    }

    private static ConfigPathException unknown(String path, String template) {
        int dot = path.indexOf('.');
        String section = dot < 0 ? path : path.substring(0, dot);
        if (dot < 0 || !SECTIONS.contains(section)) {
            return new ConfigPathException(path, "unknown field; allowed: " + String.join(", ", SECTIONS)
                    + " (then a field, e.g. optimizer.learningRate)");
        }
        String names = template == null
                ? ALL.stream().filter(f -> f.section().equals(section)).map(ConfigField::name).distinct()
                .collect(Collectors.joining(", "))
                : names(section, template);
        return new ConfigPathException(path, "unknown field; allowed: " + names);
    }

    /** Returns the names of a section's fields for a template, comma-separated ({@code template} left out). */
    static String names(String section, String template) {
        return of(template).stream().filter(f -> f.section().equals(section) && !f.path().equals(TEMPLATE))
                .map(ConfigField::name).collect(Collectors.joining(", "));
    }

    /**
     * Returns a field's value in a config (see {@link ConfigField#get}).
     *
     * @throws ConfigPathException for an unknown path or a field of another template
     */
    public static Object get(RunConfig c, String path) {
        return field(path, c.model().template()).get(c);
    }

    /**
     * Returns a copy of the config with one field set from JSON, checked for type and range
     * (see {@link ConfigField#with}).
     *
     * @throws ConfigPathException naming the path and what is allowed
     */
    public static RunConfig with(RunConfig c, String path, JsonElement value) {
        return field(path, c.model().template()).withJson(c, value);
    }

    /**
     * Returns a copy of the config with one field set from text as a person types it ("3e-4", "true", "16, 32"),
     * checked for type and range.
     *
     * @throws ConfigPathException naming the path and what is allowed
     */
    public static RunConfig withText(RunConfig c, String path, String text) {
        return field(path, c.model().template()).withText(c, text);
    }

    /** Returns the text of every field of the config's template by path, in file order ("1e-4", "LAST"). */
    public static Map<String, String> texts(RunConfig c) {
        Map<String, String> m = new LinkedHashMap<>();
        for (ConfigField f : of(c.model().template())) {
            m.put(f.path(), f.text(c));
        }
        return m;
    }
}
