package dev.tunebench.engine.config;

/**
 * A field path or value that does not fit the run config: an unknown path, a field of another template, a value of
 * the wrong type or outside the allowed range. The message is one line: the path, then what is wrong and what is
 * allowed ({@code model.layers: must be in 1..4, got 7 (tip 17: 2 or 3)}).
 */
public class ConfigPathException extends IllegalArgumentException {
    private final String path;
    private final String detail;

    /**
     * Creates one.
     *
     * @param path   the field path relative to the run config ({@code model.stageChannels[1]})
     * @param detail what is wrong and what is allowed
     */
    public ConfigPathException(String path, String detail) {
        super(path + ": " + detail);
        this.path = path;
        this.detail = detail;
    }

    /** Returns the field path relative to the run config, e.g. {@code optimizer.learningRate}. */
    public String path() {
        return path;
    }

    /** Returns what is wrong and what is allowed, without the path. */
    public String detail() {
        return detail;
    }
}
