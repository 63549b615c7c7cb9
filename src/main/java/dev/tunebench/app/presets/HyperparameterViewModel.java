package dev.tunebench.app.presets;

import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.InputSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The hyperparameter editor's state: one {@link ParamField} per value, the config they describe (null while any
 * applicable field is invalid), blocking errors and non-blocking preset-check warnings.
 */
public final class HyperparameterViewModel {
    private final List<ParamField> fields = ConfigFields.create();
    private final Map<String, ParamField> byKey = new LinkedHashMap<>();
    private final ReadOnlyObjectWrapper<RunConfig> config = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RunConfig> base = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper modified = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper errorSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper template = new ReadOnlyStringWrapper("lstm");
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private Function<RunConfig, List<String>> validator = c -> List.of();
    private Function<RunConfig, List<String>> checker = c -> List.of();
    private Map<String, String> baseTexts = Map.of();
    private boolean loading;

    /** Creates the editor state with no config loaded (invalid until {@link #load}). */
    public HyperparameterViewModel() {
        for (ParamField f : fields) {
            byKey.put(f.key(), f);
            f.textProperty().addListener((o, a, b) -> {
                if (!loading) {
                    recompute();
                }
            });
        }
        recompute();
    }

    /**
     * Sets the cross-field validation (blocking: each message is an invalid value) and the preset checks
     * (warnings that never block), then re-evaluates.
     */
    public void setRules(Function<RunConfig, List<String>> validator, Function<RunConfig, List<String>> checker) {
        this.validator = Objects.requireNonNull(validator);
        this.checker = Objects.requireNonNull(checker);
        recompute();
    }

    /** Shows a config (a preset's), with its notes by field key; this becomes what "Reset to preset" restores. */
    public void load(RunConfig c, Map<String, String> notes) {
        base.set(c);
        baseTexts = ConfigFields.toTexts(c);
        template.set(c.model().template());
        loading = true;
        try {
            for (ParamField f : fields) {
                f.textProperty().set(baseTexts.getOrDefault(f.key(), ""));
                f.setNote(notes == null ? "" : notes.getOrDefault(f.key(), ""));
                f.setTemplate(c.model().template());
            }
        } finally {
            loading = false;
        }
        recompute();
    }

    /** Puts every field back to the loaded preset's value. */
    public void resetToPreset() {
        if (base.get() != null) {
            loading = true;
            try {
                for (ParamField f : fields) {
                    f.textProperty().set(baseTexts.getOrDefault(f.key(), ""));
                }
                for (ParamField f : fields) {
                    f.setTemplate(base.get().model().template());
                }
                template.set(base.get().model().template());
            } finally {
                loading = false;
            }
            recompute();
        }
    }

    /**
     * Switches the template, keeping every value; the fields that do not apply to it are hidden and ignored.
     * When {@code defaults} is given the model section takes the template's defaults.
     */
    public void setTemplate(String id, RunConfig defaults) {
        template.set(id);
        loading = true;
        try {
            if (defaults != null) {
                Map<String, String> t = ConfigFields.toTexts(defaults);
                for (ParamField f : fields) {
                    boolean model = f.group() == ParamGroup.MODEL || f.path().startsWith("model.");
                    if (model && t.containsKey(f.key())) {
                        f.textProperty().set(t.get(f.key()));
                    }
                }
            }
            for (ParamField f : fields) {
                f.setTemplate(id);
            }
        } finally {
            loading = false;
        }
        recompute();
    }

    /**
     * Tells the editor the loaded data's kind: fields for another kind (the token embedding on series or images) are
     * hidden like fields of another template. Null (no data yet) hides nothing.
     */
    public void setInputKind(InputSpec.Kind kind) {
        for (ParamField f : fields) {
            f.setInputKind(kind);
        }
        recompute();
    }

    /** Sets one value by key (as the LR range test's "apply suggestion" does). */
    public void set(String key, String text) {
        field(key).textProperty().set(text);
    }

    /** Returns the field with the given key. @throws IllegalArgumentException for an unknown key */
    public ParamField field(String key) {
        ParamField f = byKey.get(key);
        if (f == null) {
            throw new IllegalArgumentException("no hyperparameter named " + key);
        }
        return f;
    }

    /** Re-runs validation and the checks (after the data changed, for instance). */
    public void recompute() {
        StringBuilder errors = new StringBuilder();
        Map<String, String> texts = new LinkedHashMap<>();
        for (ParamField f : fields) {
            boolean use = f.applicableProperty().get() || f.isValid();
            String text = use ? f.textProperty().get() : baseTexts.getOrDefault(f.key(), f.textProperty().get());
            texts.put(f.key(), text);
            if (f.applicableProperty().get() && !f.isValid()) {
                append(errors, f.label() + " " + f.errorProperty().get());
            }
        }
        RunConfig c = null;
        if (errors.length() == 0 && base.get() != null) {
            try {
                c = ConfigFields.fromTexts(template.get(), texts);
                for (String problem : validator.apply(c)) {
                    append(errors, problem);
                }
            } catch (IllegalArgumentException e) {
                append(errors, e.getMessage());
            }
        } else if (base.get() == null) {
            append(errors, "no preset loaded");
        }
        boolean ok = errors.length() == 0;
        errorSummary.set(errors.toString());
        config.set(ok ? c : null);
        valid.set(ok);
        modified.set(base.get() != null && !texts.equals(restrict(baseTexts, texts)));
        // The checks run whenever the values parse, even when validation failed: a warning such as "this preset is
        // for text data" is what explains the error the combination causes.
        warnings.setAll(c != null ? checksOf(c) : List.of());
    }

    private List<String> checksOf(RunConfig c) {
        try {
            return checker.apply(c);
        } catch (RuntimeException e) {
            return List.of("the checks could not run on these values: " + e.getMessage());
        }
    }

    private static Map<String, String> restrict(Map<String, String> baseTexts, Map<String, String> keys) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : keys.keySet()) {
            m.put(k, baseTexts.getOrDefault(k, ""));
        }
        return m;
    }

    private static void append(StringBuilder sb, String s) {
        if (sb.length() > 0) {
            sb.append('\n');
        }
        sb.append(s);
    }

    /** Returns the fields, in display order. */
    public List<ParamField> fields() {
        return fields;
    }

    /** Returns the edited config, or null while anything is invalid. */
    public ReadOnlyObjectProperty<RunConfig> configProperty() {
        return config.getReadOnlyProperty();
    }

    /** Returns the loaded preset's config. */
    public ReadOnlyObjectProperty<RunConfig> baseProperty() {
        return base.getReadOnlyProperty();
    }

    /** Returns whether every applicable value is valid. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** Returns whether any value differs from the loaded preset. */
    public ReadOnlyBooleanProperty modifiedProperty() {
        return modified.getReadOnlyProperty();
    }

    /** Returns every blocking problem, one per line, or "". */
    public ReadOnlyStringProperty errorSummaryProperty() {
        return errorSummary.getReadOnlyProperty();
    }

    /** Returns the template the fields are shown for. */
    public ReadOnlyStringProperty templateProperty() {
        return template.getReadOnlyProperty();
    }

    /** Returns the preset-check warnings for the current values (never blocking). */
    public ObservableList<String> warnings() {
        return warnings;
    }
}
