package dev.tunebench.preset;

/**
 * An invalid value: blocks a run.
 *
 * @param field   field path, relative to the run config ({@code optimizer.learningRate}) or a preset field
 *                ({@code dataKind})
 * @param message what is wrong and what is allowed, e.g. "must be in 1..4, got 7"
 */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
