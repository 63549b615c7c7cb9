package dev.tunebench.preset;

/**
 * Advice about a value that can train but goes against the playbook. Never blocks a run.
 *
 * @param field   field path relative to the run config ({@code training.clipNorm}), or {@code data} / {@code dataKind}
 * @param tip     the playbook tip behind the advice, or 0 when none
 * @param message what to consider, in a sentence
 */
public record Warning(String field, int tip, String message) {

    @Override
    public String toString() {
        return field + (tip > 0 ? " (tip " + tip + ")" : "") + ": " + message;
    }
}
