package dev.tunebench.preset;

import dev.tunebench.engine.config.ConfigField;
import dev.tunebench.engine.config.ConfigPaths;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.config.TrainingSpec;
import dev.tunebench.engine.data.InputSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds invalid values: a run config that cannot train as written. Unlike {@link PresetChecks}' warnings, these
 * block a run. Each error names the field path relative to the config and what is allowed: the ranges are those of
 * {@link ConfigPaths}, plus the rules that span fields (a loss that fits the task, Nesterov needing SGD).
 */
public final class PresetValidator {
    /** Template ids the engine knows. */
    public static final List<String> TEMPLATES = ModelSpec.TEMPLATES;
    /** Metrics a run can monitor. */
    public static final List<String> METRICS = ConfigPaths.METRICS;
    /** Preset fields outside the config, as error paths name them. */
    static final Set<String> PRESET_FIELDS = Set.of("id", "name", "description", "dataKind", "data", "config");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private PresetValidator() {
    }

    /** Returns the invalid values of a config, without checks that need the task (see the two-argument form). */
    public static List<FieldError> validate(RunConfig config) {
        return validate(config, (Task) null);
    }

    /**
     * Returns the invalid values of a config for a task: ranges of every field, plus a loss and a monitor that fit
     * the task when {@code task} is not null. An empty list means the config can train.
     */
    public static List<FieldError> validate(RunConfig config, Task task) {
        List<FieldError> out = new ArrayList<>();
        if (config == null) {
            out.add(new FieldError("config", "missing"));
            return out;
        }
        // Without a model the other sections are still checked, with the fields every template shares.
        String template = config.model() == null ? ModelSpec.TEMPLATES.get(0) : config.model().template();
        for (String name : ConfigPaths.SECTIONS) {
            if (section(config, name) == null) {
                out.add(new FieldError(name, "missing"));
                continue;
            }
            for (ConfigField f : ConfigPaths.of(template)) {
                if (f.section().equals(name)) {
                    f.problems(f.get(config)).forEach((path, message) -> out.add(new FieldError(path, message)));
                }
            }
            rules(name, config, task, out);
        }
        return out;
    }

    /**
     * Returns the invalid values of a config for loaded data: those of {@link #validate(RunConfig, Task)} for the
     * data's task, plus a template that cannot read the input (resnet needs images; lstm and gru need token or
     * series input).
     */
    public static List<FieldError> validate(RunConfig config, InputSpec input) {
        List<FieldError> out = validate(config, input.task());
        if (config != null && config.model() != null && TEMPLATES.contains(config.model().template())) {
            boolean image = input.kind() == InputSpec.Kind.IMAGE;
            boolean cnn = "resnet".equals(config.model().template());
            if (image != cnn) {
                out.add(0, new FieldError("model.template", config.model().template() + " cannot read "
                        + Preset.dataKindOf(input.kind()) + " input " + input + "; allowed: "
                        + (image ? "resnet" : "lstm, gru")));
            }
        }
        return out;
    }

    /**
     * Returns the invalid values of a preset: its id, data kind and data spec, its config for the task its data kind
     * implies, and note keys that name no field (a typo would otherwise hide a note).
     */
    public static List<FieldError> validate(Preset p) {
        List<FieldError> out = new ArrayList<>();
        if (p.id() == null || !ID.matcher(p.id()).matches()) {
            out.add(new FieldError("id", "must be 1-64 characters of a-z, 0-9, '.', '_' or '-' starting with a letter "
                    + "or digit (it names the file), got \"" + p.id() + "\""));
        }
        if (p.name() == null || p.name().isBlank()) {
            out.add(new FieldError("name", "must not be empty"));
        }
        if (!Preset.DATA_KINDS.contains(p.dataKind())) {
            out.add(new FieldError("dataKind", "must be one of " + Preset.DATA_KINDS + ", got \"" + p.dataKind()
                    + "\""));
        }
        if (p.data() == null || p.data().isBlank()) {
            out.add(new FieldError("data", "must name the default data, e.g. builtin:spam"));
        }
        out.addAll(validate(p.config(), Preset.DATA_KINDS.contains(p.dataKind()) ? p.task() : null));
        if (p.config() != null) {
            String template = p.config().model() == null ? null : p.config().model().template();
            for (String key : p.notes().keySet()) {
                ConfigField f = ConfigPaths.find(key).orElse(null);
                if (!"data".equals(key) && !isField(key)) {
                    out.add(new FieldError("notes." + key, "names no field; use a config path such as "
                            + "optimizer.learningRate, or data"));
                } else if (f != null && template != null && !f.appliesTo(template)) {
                    out.add(new FieldError("notes." + key, key + " does not apply to " + template + "; note one of "
                            + "its fields, e.g. optimizer.learningRate"));
                }
            }
        }
        return out;
    }

    /**
     * Returns whether a dotted path names a section ({@code model}) or a field of the run config
     * ({@code model.layers}), of any template.
     */
    public static boolean isField(String path) {
        return ConfigPaths.SECTIONS.contains(path) || ConfigPaths.find(path).isPresent();
    }

    /** The cross-field rules of a section, after the field-by-field ranges of {@link ConfigField#problems}. */
    private static void rules(String section, RunConfig c, Task task, List<FieldError> out) {
        switch (section) {
            case "training" -> {
                TrainingSpec t = c.training();
                if (t.loss() != null && task != null && !t.loss().fits(task)) {
                    out.add(new FieldError("training.loss", t.loss() + " does not fit " + task + "; allowed: "
                            + (task == Task.CLASSIFICATION ? "CROSS_ENTROPY" : "MSE, L1, HUBER")));
                }
            }
            case "optimizer" -> {
                OptimizerSpec o = c.optimizer();
                if (o.dampening() != 0 && (o.kind() != OptimizerSpec.Kind.SGD || !(o.momentum() > 0))) {
                    out.add(new FieldError("optimizer.dampening", "needs kind SGD with momentum > 0 (it scales the "
                            + "gradient added to SGD's momentum buffer); set it to 0 otherwise, got " + o.dampening()));
                }
                if (o.nesterov() && (o.kind() != OptimizerSpec.Kind.SGD || !(o.momentum() > 0))) {
                    out.add(new FieldError("optimizer.nesterov", "needs kind SGD with momentum > 0 (as "
                            + "torch.optim.SGD)"));
                } else if (o.nesterov() && o.dampening() != 0) {
                    out.add(new FieldError("optimizer.nesterov", "needs optimizer.dampening 0 (as torch.optim.SGD), "
                            + "got " + o.dampening()));
                }
            }
            case "monitor" -> monitor(c.monitor(), task, out);
            default -> {
            }
        }
    }

    private static void monitor(MonitorSpec m, Task task, List<FieldError> out) {
        if (!METRICS.contains(m.metric())) {
            return;
        }
        boolean higherBetter = m.metric().endsWith("accuracy");
        MonitorSpec.Mode expected = higherBetter ? MonitorSpec.Mode.MAX : MonitorSpec.Mode.MIN;
        if (m.mode() != expected) {
            out.add(new FieldError("monitor.mode", "must be " + expected + " for " + m.metric() + ", got "
                    + m.mode()));
        }
        if (task == Task.REGRESSION && higherBetter) {
            out.add(new FieldError("monitor.metric", m.metric() + " does not exist for regression; allowed: "
                    + "val_loss, train_loss, val_mae, val_rmse"));
        }
        if (task == Task.CLASSIFICATION && (m.metric().endsWith("mae") || m.metric().endsWith("rmse"))) {
            out.add(new FieldError("monitor.metric", m.metric() + " does not exist for classification; allowed: "
                    + "val_loss, train_loss, val_accuracy, train_accuracy"));
        }
    }

    private static Object section(RunConfig c, String name) {
        return switch (name) {
            case "model" -> c.model();
            case "training" -> c.training();
            case "optimizer" -> c.optimizer();
            case "schedule" -> c.schedule();
            case "monitor" -> c.monitor();
            case "earlyStopping" -> c.earlyStopping();
            default -> c.checkpoints();
        };
    }
}
