package dev.tunebench.engine.study;

/**
 * A sweep file that cannot be used: unreadable, malformed JSON, unknown field, wrong type, missing field or invalid
 * value. The message is one line naming the file, the line when known, the field path and what is allowed, as
 * preset errors do.
 */
public class SweepException extends RuntimeException {
    private final String source;
    private final String field;
    private final int line;

    /**
     * Creates one.
     *
     * @param source file name or other source description
     * @param field  field path from the file's root ({@code space.optimizer.learningRate.low}), or null for the file
     * @param line   1-based line, or 0 when unknown
     * @param detail what is wrong and what is allowed
     */
    public SweepException(String source, String field, int line, String detail) {
        super(format(source, field, line, detail));
        this.source = source;
        this.field = field;
        this.line = line;
    }

    private static String format(String source, String field, int line, String detail) {
        StringBuilder b = new StringBuilder(source == null ? "sweep" : source);
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
}
