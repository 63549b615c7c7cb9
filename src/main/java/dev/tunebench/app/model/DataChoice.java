package dev.tunebench.app.model;

/**
 * A data set as the data picker offers it.
 *
 * @param spec        the data spec string the loader understands, e.g. {@code builtin:digits}
 * @param name        display name
 * @param description one line: what it is, its size, its licence
 * @param kind        "text", "series" or "image"
 * @param builtIn     whether it ships with TuneBench
 */
public record DataChoice(String spec, String name, String description, String kind, boolean builtIn) {

    @Override
    public String toString() {
        return name;
    }
}
