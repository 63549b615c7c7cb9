package dev.tunebench.preset;

import java.util.List;

/**
 * A preset that cannot be used: unreadable file, malformed JSON, unknown field, wrong type, missing field or invalid
 * value. The message is one line naming the file, the line when known, the field path and what is allowed.
 */
public class PresetException extends RuntimeException {
    private final String source;
    private final String field;
    private final int line;
    private final List<FieldError> errors;

    /**
     * Creates one.
     *
     * @param source file name or other source description
     * @param field  field path from the file's root ({@code config.optimizer.learningRate}), or null for the whole file
     * @param line   1-based line, or 0 when unknown
     * @param detail what is wrong and what is allowed
     */
    public PresetException(String source, String field, int line, String detail) {
        this(source, field, line, detail, List.of(), null);
    }

    PresetException(String source, String field, int line, String detail, List<FieldError> errors, Throwable cause) {
        super(format(source, field, line, detail), cause);
        this.source = source;
        this.field = field;
        this.line = line;
        this.errors = List.copyOf(errors);
    }

    private static String format(String source, String field, int line, String detail) {
        StringBuilder b = new StringBuilder(source == null ? "preset" : source);
        if (line > 0) {
            b.append(": line ").append(line);
        }
        if (field != null && !field.isEmpty()) {
            b.append(": ").append(field);
        }
        return b.append(": ").append(detail).toString();
    }

    /** Returns the file name or source description. */
    public String source() {
        return source;
    }

    /** Returns the field path from the file's root, or null when the problem concerns the whole file. */
    public String field() {
        return field;
    }

    /** Returns the 1-based line of the field, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** Returns every invalid value found when the exception reports validation errors, else an empty list. */
    public List<FieldError> errors() {
        return errors;
    }
}
