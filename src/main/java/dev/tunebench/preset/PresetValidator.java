package dev.tunebench.preset;

import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.EarlyStoppingSpec;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.ScheduleSpec;
import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.config.TrainingSpec;
import dev.tunebench.engine.data.InputSpec;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds invalid values: a run config that cannot train as written. Unlike {@link PresetChecks}' warnings, these
 * block a run. Each error names the field path relative to the config and what is allowed.
 */
public final class PresetValidator {
    /** Template ids the engine knows. */
    public static final List<String> TEMPLATES = List.of("lstm", "gru", "resnet");
    /** Metrics a run can monitor. */
    public static final List<String> METRICS = List.of("val_loss", "train_loss", "val_accuracy", "train_accuracy",
            "val_mae", "val_rmse");
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
        model(config.model(), out);
        training(config.training(), task, out);
        optimizer(config.optimizer(), out);
        schedule(config.schedule(), out);
        monitor(config.monitor(), task, out);
        earlyStopping(config.earlyStopping(), out);
        checkpoints(config.checkpoints(), out);
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
            for (String key : p.notes().keySet()) {
                if (!"data".equals(key) && !isField(key)) {
                    out.add(new FieldError("notes." + key, "names no field; use a config path such as "
                            + "optimizer.learningRate, or data"));
                }
            }
        }
        return out;
    }

    /** Returns whether a dotted path names a field of the run config (e.g. {@code model.layers}). */
    public static boolean isField(String path) {
        Class<?> type = RunConfig.class;
        for (String part : path.split("\\.", -1)) {
            if (type == null || !type.isRecord()) {
                return false;
            }
            Class<?> next = null;
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getName().equals(part)) {
                    next = c.getType();
                }
            }
            if (next == null) {
                return false;
            }
            type = next;
        }
        return true;
    }

    private static void model(ModelSpec m, List<FieldError> out) {
        if (m == null) {
            out.add(new FieldError("model", "missing"));
            return;
        }
        if (!TEMPLATES.contains(m.template())) {
            out.add(new FieldError("model.template", "must be one of " + TEMPLATES + ", got \"" + m.template() + "\""));
            return;
        }
        if (m.isRecurrent()) {
            range(out, "model.layers", m.layers(), 1, 4, "(tip 17: 2 or 3)");
            range(out, "model.embeddingSize", m.embeddingSize(), 1, 4096, "(tip 16: 64 or 128)");
            range(out, "model.hiddenSize", m.hiddenSize(), 1, 4096, "(tip 16: 256 or 512)");
            notNull(out, "model.sequenceOutput", m.sequenceOutput());
            notNull(out, "model.recurrentInit", m.recurrentInit());
        } else {
            if (m.stageChannels().isEmpty() || m.stageChannels().size() > 6) {
                out.add(new FieldError("model.stageChannels", "must list 1 to 6 stage widths, e.g. [32, 64, 128], got "
                        + m.stageChannels()));
            }
            for (int i = 0; i < m.stageChannels().size(); i++) {
                Integer c = m.stageChannels().get(i);
                if (c == null || c < 1 || c > 1024) {
                    out.add(new FieldError("model.stageChannels[" + i + "]", "must be in 1..1024, got " + c));
                }
            }
            range(out, "model.blocksPerStage", m.blocksPerStage(), 1, 8, "(tip 20: depth is a hyperparameter)");
        }
        probability(out, "model.dropoutAfterEmbedding", m.dropoutAfterEmbedding());
        probability(out, "model.dropoutBeforeOutput", m.dropoutBeforeOutput());
        notNull(out, "model.activation", m.activation());
        notNull(out, "model.init", m.init());
        if (!(m.leakyReluSlope() >= 0 && m.leakyReluSlope() < 1)) {
            out.add(new FieldError("model.leakyReluSlope", "must be in [0, 1), got " + m.leakyReluSlope()));
        }
        if (!(m.orthogonalGain() > 0) || !Double.isFinite(m.orthogonalGain())) {
            out.add(new FieldError("model.orthogonalGain", "must be > 0, got " + m.orthogonalGain()));
        }
    }

    private static void training(TrainingSpec t, Task task, List<FieldError> out) {
        if (t == null) {
            out.add(new FieldError("training", "missing"));
            return;
        }
        range(out, "training.epochs", t.epochs(), 1, 100_000, "");
        range(out, "training.batchSize", t.batchSize(), 1, 65_536, "(tip 15: smaller often helps)");
        if (!(t.clipNorm() >= 0) || !Double.isFinite(t.clipNorm())) {
            out.add(new FieldError("training.clipNorm", "must be >= 0 (0 = no clipping), got " + t.clipNorm()));
        }
        if (!(t.huberDelta() > 0) || !Double.isFinite(t.huberDelta())) {
            out.add(new FieldError("training.huberDelta", "must be > 0, got " + t.huberDelta()));
        }
        if (t.loss() == null) {
            out.add(new FieldError("training.loss", "missing"));
        } else if (task != null && !t.loss().fits(task)) {
            out.add(new FieldError("training.loss", t.loss() + " does not fit " + task + "; allowed: "
                    + (task == Task.CLASSIFICATION ? "CROSS_ENTROPY" : "MSE, L1, HUBER")));
        }
    }

    private static void optimizer(OptimizerSpec o, List<FieldError> out) {
        if (o == null) {
            out.add(new FieldError("optimizer", "missing"));
            return;
        }
        notNull(out, "optimizer.kind", o.kind());
        if (!(o.learningRate() > 0) || !Double.isFinite(o.learningRate())) {
            out.add(new FieldError("optimizer.learningRate", "must be > 0, got " + o.learningRate()
                    + " (tip 7: Adam 1e-3 or 1e-4)"));
        }
        if (!(o.beta1() >= 0 && o.beta1() < 1)) {
            out.add(new FieldError("optimizer.beta1", "must be in [0, 1), got " + o.beta1()));
        }
        if (!(o.beta2() >= 0 && o.beta2() < 1)) {
            out.add(new FieldError("optimizer.beta2", "must be in [0, 1), got " + o.beta2()));
        }
        if (!(o.epsilon() > 0) || !Double.isFinite(o.epsilon())) {
            out.add(new FieldError("optimizer.epsilon", "must be > 0, got " + o.epsilon()));
        }
        if (!(o.weightDecay() >= 0) || !Double.isFinite(o.weightDecay())) {
            out.add(new FieldError("optimizer.weightDecay", "must be >= 0 (0 = off), got " + o.weightDecay()
                    + " (tip 18: 1e-4)"));
        }
        if (!(o.momentum() >= 0 && o.momentum() < 1)) {
            out.add(new FieldError("optimizer.momentum", "must be in [0, 1), got " + o.momentum()));
        }
        if (!(o.dampening() >= 0 && o.dampening() <= 1)) {
            out.add(new FieldError("optimizer.dampening", "must be in [0, 1] (0 = none, torch's default), got "
                    + o.dampening()));
        } else if (o.dampening() != 0 && (o.kind() != OptimizerSpec.Kind.SGD || !(o.momentum() > 0))) {
            out.add(new FieldError("optimizer.dampening", "needs kind SGD with momentum > 0 (it scales the gradient "
                    + "added to SGD's momentum buffer); set it to 0 otherwise, got " + o.dampening()));
        }
        if (o.nesterov() && (o.kind() != OptimizerSpec.Kind.SGD || !(o.momentum() > 0))) {
            out.add(new FieldError("optimizer.nesterov", "needs kind SGD with momentum > 0 (as torch.optim.SGD)"));
        } else if (o.nesterov() && o.dampening() != 0) {
            out.add(new FieldError("optimizer.nesterov", "needs optimizer.dampening 0 (as torch.optim.SGD), got "
                    + o.dampening()));
        }
    }

    private static void schedule(ScheduleSpec s, List<FieldError> out) {
        if (s == null) {
            out.add(new FieldError("schedule", "missing"));
            return;
        }
        notNull(out, "schedule.kind", s.kind());
        range(out, "schedule.tMax", s.tMax(), 1, 100_000, "(tip 8: 32 or 64)");
        nonNegative(out, "schedule.etaMin", s.etaMin());
        range(out, "schedule.warmupSteps", s.warmupSteps(), 0, Integer.MAX_VALUE, "");
        if (!(s.plateauFactor() > 0 && s.plateauFactor() < 1)) {
            out.add(new FieldError("schedule.plateauFactor", "must be in (0, 1), got " + s.plateauFactor()));
        }
        range(out, "schedule.plateauPatience", s.plateauPatience(), 0, 100_000, "");
        nonNegative(out, "schedule.plateauMinLr", s.plateauMinLr());
    }

    private static void monitor(MonitorSpec m, Task task, List<FieldError> out) {
        if (m == null) {
            out.add(new FieldError("monitor", "missing"));
            return;
        }
        if (!METRICS.contains(m.metric())) {
            out.add(new FieldError("monitor.metric", "must be one of " + METRICS + ", got \"" + m.metric() + "\""));
        } else {
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
        nonNegative(out, "monitor.minDelta", m.minDelta());
    }

    private static void earlyStopping(EarlyStoppingSpec e, List<FieldError> out) {
        if (e == null) {
            out.add(new FieldError("earlyStopping", "missing"));
            return;
        }
        range(out, "earlyStopping.patience", e.patience(), 0, 100_000, "");
        range(out, "earlyStopping.startFromEpoch", e.startFromEpoch(), 0, 100_000, "");
        if (e.timeLimitSeconds() < 0) {
            out.add(new FieldError("earlyStopping.timeLimitSeconds", "must be >= 0 (0 = none), got "
                    + e.timeLimitSeconds()));
        }
        if (e.stoppingThreshold() != null && !Double.isFinite(e.stoppingThreshold())) {
            out.add(new FieldError("earlyStopping.stoppingThreshold", "must be a finite number or null"));
        }
        if (e.divergenceThreshold() != null && !Double.isFinite(e.divergenceThreshold())) {
            out.add(new FieldError("earlyStopping.divergenceThreshold", "must be a finite number or null"));
        }
    }

    private static void checkpoints(CheckpointSpec c, List<FieldError> out) {
        if (c == null) {
            out.add(new FieldError("checkpoints", "missing"));
            return;
        }
        range(out, "checkpoints.keepBest", c.keepBest(), 1, 1000, "");
    }

    private static void range(List<FieldError> out, String field, long v, long lo, long hi, String hint) {
        if (v < lo || v > hi) {
            String allowed = hi == Integer.MAX_VALUE ? ">= " + lo : "in " + lo + ".." + hi;
            out.add(new FieldError(field, "must be " + allowed + ", got " + v + (hint.isEmpty() ? "" : " " + hint)));
        }
    }

    private static void probability(List<FieldError> out, String field, double v) {
        if (!(v >= 0 && v < 1)) {
            out.add(new FieldError(field, "must be a probability in [0, 1) (0 = off), got " + v + " (tip 12)"));
        }
    }

    private static void nonNegative(List<FieldError> out, String field, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            out.add(new FieldError(field, "must be >= 0, got " + v));
        }
    }

    private static void notNull(List<FieldError> out, String field, Object v) {
        if (v == null) {
            out.add(new FieldError(field, "missing"));
        }
    }
}
