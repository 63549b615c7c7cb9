package dev.tunebench.engine.data;

/**
 * Bad data or a bad data spec. The message names the file, the line (or record) and the column or field, and
 * says what is allowed, so it can be shown to a user as one line.
 */
public class DataException extends RuntimeException {
    private final String file;
    private final long line;
    private final String field;

    /** Creates one with a complete message and no location. */
    public DataException(String message) {
        super(message);
        this.file = null;
        this.line = 0;
        this.field = null;
    }

    /**
     * Creates one located in a file.
     *
     * @param file    the file (or data spec) at fault
     * @param line    1-based line or record number, or 0 when the problem is not on one line
     * @param field   the column, field or option at fault, or null
     * @param problem what is wrong and what is allowed
     */
    public DataException(String file, long line, String field, String problem) {
        super(format(file, line, field, problem));
        this.file = file;
        this.line = line;
        this.field = field;
    }

    private static String format(String file, long line, String field, String problem) {
        StringBuilder sb = new StringBuilder(file == null ? "data" : file);
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (field != null) {
            sb.append(", column '").append(field).append('\'');
        }
        return sb.append(": ").append(problem).toString();
    }

    /** Returns the file at fault, or null. */
    public String file() {
        return file;
    }

    /** Returns the 1-based line or record number, or 0 when unknown or not applicable. */
    public long line() {
        return line;
    }

    /** Returns the column or field at fault, or null. */
    public String field() {
        return field;
    }
}
