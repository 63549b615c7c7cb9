package dev.tunebench.engine.djl.template;

import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.data.InputSpec;
import java.util.List;
import java.util.Locale;

/** Validation helpers that throw messages naming the field and what is allowed. */
final class Checks {

    private Checks() {
    }

    /** Returns the spec as the template's own record; a spec of another template is refused, naming both. */
    static <S extends ModelSpec> S spec(ModelSpec spec, Class<S> type, String template) {
        if (spec == null) {
            throw new IllegalArgumentException("model: missing");
        }
        if (!type.isInstance(spec) || !spec.template().equals(template)) {
            throw new IllegalArgumentException("model.template: the " + template + " template cannot build a "
                    + spec.template() + " model");
        }
        return type.cast(spec);
    }

    static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": " + value + " is outside " + min + "-" + max);
        }
    }

    static void probability(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(field + ": " + fmt(value) + " is outside [0, 1) (0 turns it off)");
        }
    }

    static void positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + ": " + fmt(value) + " must be a positive number");
        }
    }

    static void notNull(String field, Object value, String allowed) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": missing; allowed: " + allowed);
        }
    }

    static void inputKind(String template, InputSpec input, List<InputSpec.Kind> allowed) {
        if (!allowed.contains(input.kind())) {
            String names = String.join(" or ", allowed.stream().map(Enum::name).toList());
            throw new IllegalArgumentException(template + " needs " + names + " input, data gives "
                    + input.kind());
        }
    }

    static void output(InputSpec input) {
        if (input.task() == null) {
            throw new IllegalArgumentException("data.task: missing; allowed: CLASSIFICATION, REGRESSION");
        }
        int min = input.task() == dev.tunebench.engine.config.Task.CLASSIFICATION ? 2 : 1;
        if (input.outputSize() < min) {
            throw new IllegalArgumentException("data.outputSize: " + input.outputSize() + " must be at least " + min
                    + (min == 2 ? " classes" : " target"));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
