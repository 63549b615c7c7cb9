package dev.tunebench.app.presets;

import dev.tunebench.engine.data.InputSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One editable hyperparameter: its text, and the reason the text is invalid (empty when valid). Values are kept as
 * text so a half-typed number can be shown as invalid with its reason instead of being silently rejected.
 */
public final class ParamField {

    /** How the text is read. */
    public enum Type { INT, LONG, DOUBLE, OPTIONAL_DOUBLE, BOOL, CHOICE, INT_LIST }

    private final String key;
    private final String path;
    private final String label;
    private final ParamGroup group;
    private final Type type;
    private final List<String> choices;
    private final double min;
    private final double max;
    private final boolean minExclusive;
    private final boolean maxExclusive;
    private final String tip;
    private final Predicate<String> appliesToTemplate;
    private final Set<InputSpec.Kind> inputs;
    private String template;
    private InputSpec.Kind inputKind;
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper applicable = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");

    private ParamField(Builder b) {
        this.key = b.key;
        this.path = b.path;
        this.label = b.label;
        this.group = b.group;
        this.type = b.type;
        this.choices = List.copyOf(b.choices);
        this.min = b.min;
        this.max = b.max;
        this.minExclusive = b.minExclusive;
        this.maxExclusive = b.maxExclusive;
        this.tip = b.tip;
        this.appliesToTemplate = b.appliesTo;
        this.inputs = b.inputs;
        text.addListener((o, a, v) -> error.set(check(v)));
        error.set(check(text.get()));
    }

    /** Returns a builder for a field with the given key, label, group and type. */
    public static Builder builder(String key, String label, ParamGroup group, Type type) {
        return new Builder(key, label, group, type);
    }

    /** Returns the reason {@code value} is invalid for this field, or "" when it is valid. */
    public String check(String value) {
        String v = value == null ? "" : value.trim();
        switch (type) {
            case BOOL:
                return v.equals("true") || v.equals("false") ? "" : "must be true or false";
            case CHOICE:
                return choices.contains(v) ? "" : "must be one of " + String.join(", ", choices);
            case INT_LIST: {
                if (v.isEmpty()) {
                    return "must list at least one number, e.g. 32, 64, 128";
                }
                for (String part : v.split("[,\\s]+")) {
                    String r = checkNumber(part, true);
                    if (!r.isEmpty()) {
                        return "'" + part + "' " + r;
                    }
                }
                return "";
            }
            case OPTIONAL_DOUBLE:
                return v.isEmpty() || v.equalsIgnoreCase("none") ? "" : checkNumber(v, false);
            case INT:
            case LONG:
                return checkNumber(v, true);
            default:
                return checkNumber(v, false);
        }
    }

    private String checkNumber(String v, boolean integer) {
        if (v.isEmpty()) {
            return "is empty; enter " + (integer ? "a whole number" : "a number");
        }
        double d;
        try {
            d = integer ? Long.parseLong(v) : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return "is not " + (integer ? "a whole number" : "a number");
        }
        if (!Double.isFinite(d)) {
            return "must be finite";
        }
        if (minExclusive ? d <= min : d < min) {
            return "must be " + (minExclusive ? "greater than " : "at least ") + fmt(min);
        }
        if (maxExclusive ? d >= max : d > max) {
            return "must be " + (maxExclusive ? "less than " : "at most ") + fmt(max);
        }
        return "";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format(Locale.ROOT, "%g", d);
    }

    /** Updates whether the field applies to the chosen template (CNN fields do not apply to an LSTM). */
    void setTemplate(String template) {
        this.template = template;
        updateApplicable();
    }

    /**
     * Updates whether the field applies to the loaded data's kind (an embedding only to tokens); null when no data
     * is loaded, which hides nothing.
     */
    void setInputKind(InputSpec.Kind kind) {
        this.inputKind = kind;
        updateApplicable();
    }

    private void updateApplicable() {
        applicable.set((template == null || appliesToTemplate.test(template))
                && (inputKind == null || inputs.contains(inputKind)));
    }

    /** Returns the key used in presets and in {@link ConfigFields}. */
    public String key() {
        return key;
    }

    /** Returns the config field path ({@code optimizer.learningRate}), or the key when none was given. */
    public String path() {
        return path;
    }

    /** Returns the label shown in the editor. */
    public String label() {
        return label;
    }

    /** Returns the section. */
    public ParamGroup group() {
        return group;
    }

    /** Returns the value type. */
    public Type type() {
        return type;
    }

    /** Returns the allowed values of a CHOICE field. */
    public List<String> choices() {
        return choices;
    }

    /** Returns the tooltip: what the field does and the tip behind it. */
    public String tip() {
        return tip;
    }

    /** Returns the value text (edited by the view). */
    public StringProperty textProperty() {
        return text;
    }

    /** Returns the reason the value is invalid, or "". */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Returns whether the field applies to the chosen template. */
    public ReadOnlyBooleanProperty applicableProperty() {
        return applicable.getReadOnlyProperty();
    }

    /** Returns the preset's note on this value (why it was chosen), or "". */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    void setNote(String n) {
        note.set(n == null ? "" : n);
    }

    /** Returns whether the field is valid. */
    public boolean isValid() {
        return error.get().isEmpty();
    }

    /** Builds a {@link ParamField}. */
    public static final class Builder {
        private final String key;
        private String path;
        private final String label;
        private final ParamGroup group;
        private final Type type;
        private List<String> choices = List.of();
        private double min = Double.NEGATIVE_INFINITY;
        private double max = Double.POSITIVE_INFINITY;
        private boolean minExclusive;
        private boolean maxExclusive;
        private String tip = "";
        private Predicate<String> appliesTo = t -> true;
        private Set<InputSpec.Kind> inputs = EnumSet.allOf(InputSpec.Kind.class);

        private Builder(String key, String label, ParamGroup group, Type type) {
            this.key = key;
            this.path = key;
            this.label = label;
            this.group = group;
            this.type = type;
        }

        /** Sets the allowed values of a CHOICE field. */
        public Builder choices(List<String> c) {
            this.choices = c;
            return this;
        }

        /** Sets the config field path the field edits. */
        public Builder path(String p) {
            this.path = p;
            return this;
        }

        /** Sets both bounds and whether each is allowed itself. */
        public Builder bounds(double lo, boolean loInclusive, double hi, boolean hiInclusive) {
            this.min = lo;
            this.minExclusive = !loInclusive;
            this.max = hi;
            this.maxExclusive = !hiInclusive;
            return this;
        }

        /** Sets an inclusive range. */
        public Builder range(double lo, double hi) {
            this.min = lo;
            this.max = hi;
            return this;
        }

        /** Sets the lower bound as exclusive. */
        public Builder above(double lo) {
            this.min = lo;
            this.minExclusive = true;
            return this;
        }

        /** Sets the upper bound as exclusive. */
        public Builder below(double hi) {
            this.max = hi;
            this.maxExclusive = true;
            return this;
        }

        /** Sets an inclusive lower bound. */
        public Builder atLeast(double lo) {
            this.min = lo;
            return this;
        }

        /** Sets the tooltip. */
        public Builder tip(String t) {
            this.tip = t;
            return this;
        }

        /** Limits the field to some templates. */
        /** Makes the field apply only to data of these kinds (the embedding only to tokens). */
        public Builder forInputs(InputSpec.Kind first, InputSpec.Kind... more) {
            this.inputs = EnumSet.of(first, more);
            return this;
        }

        public Builder appliesTo(Predicate<String> p) {
            this.appliesTo = p;
            return this;
        }

        /** Returns the field. */
        public ParamField build() {
            return new ParamField(this);
        }
    }
}
