package dev.tunebench.preset;

import dev.tunebench.engine.config.ConfigPaths;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.data.InputSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named starting point for a run: hyperparameters, the data they are meant for, and a note per value saying why
 * (citing the playbook's tips by number).
 *
 * @param id          file-name-safe identifier ({@code lstm-text}); {@code train --preset <id>} finds it
 * @param name        short human-readable name
 * @param description what the preset is for, in a sentence or two
 * @param dataKind    the kind of data it fits: {@code text}, {@code series} or {@code image}
 * @param data        default data spec, e.g. {@code builtin:spam}; {@code train --preset <id>} alone trains on it
 * @param config      every hyperparameter of the run, the template's defaults where the file left a field out
 * @param notes       why each value was chosen, by field path relative to the config ({@code optimizer.learningRate});
 *                    the key {@code data} explains the data choice; insertion-ordered, never null
 * @param upgradeNote one line saying what reading an older file ignored (other templates' fields), to show the user;
 *                    empty for a current file, never null
 */
public record Preset(
        String id,
        String name,
        String description,
        String dataKind,
        String data,
        RunConfig config,
        Map<String, String> notes,
        String upgradeNote) {

    /** Data kinds a preset can name. */
    public static final List<String> DATA_KINDS = List.of("text", "series", "image");

    public Preset {
        description = description == null ? "" : description;
        notes = notes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(notes));
        upgradeNote = upgradeNote == null ? "" : upgradeNote;
    }

    /** Creates a preset read from a current file (no upgrade note). */
    public Preset(String id, String name, String description, String dataKind, String data, RunConfig config,
            Map<String, String> notes) {
        this(id, name, description, dataKind, data, config, notes, "");
    }

    /** Returns the task the preset's data kind implies: regression for series, classification otherwise. */
    public Task task() {
        return taskOf(dataKind);
    }

    /** Returns the task a data kind implies: regression for {@code series}, classification otherwise. */
    public static Task taskOf(String dataKind) {
        return "series".equals(dataKind) ? Task.REGRESSION : Task.CLASSIFICATION;
    }

    /** Returns the data kind ({@code text}, {@code series}, {@code image}) of an input kind. */
    public static String dataKindOf(InputSpec.Kind kind) {
        return switch (kind) {
            case TOKENS -> "text";
            case SERIES -> "series";
            case IMAGE -> "image";
        };
    }

    /** Returns a copy with another config (the notes stay: they explain the recommended values). */
    public Preset withConfig(RunConfig c) {
        return new Preset(id, name, description, dataKind, data, c, notes, upgradeNote);
    }

    /** Returns a copy with another id and name, e.g. to save an edited preset as a user preset (a new file). */
    public Preset withIdentity(String newId, String newName) {
        return new Preset(newId, newName, description, dataKind, data, config, notes, "");
    }

    /** Returns a copy with another default data spec. */
    public Preset withData(String spec) {
        return new Preset(id, name, description, dataKind, spec, config, notes, upgradeNote);
    }

    /**
     * Returns whether the preset chooses a field's value itself rather than leaving it to the template's default:
     * the value differs from {@link RunConfig#defaults} for the preset's task, or the preset notes why it keeps it.
     * {@code model.template} is always chosen. These are the fields its file states.
     *
     * @throws dev.tunebench.engine.config.ConfigPathException for a path that does not apply to the template
     */
    public boolean sets(String fieldPath) {
        if (ConfigPaths.TEMPLATE.equals(fieldPath) || notes.containsKey(fieldPath)) {
            return true;
        }
        RunConfig defaults = RunConfig.defaults(config.model().template(), task());
        return !java.util.Objects.equals(ConfigPaths.get(config, fieldPath), ConfigPaths.get(defaults, fieldPath));
    }

    /** Returns the note for a field path, or null when the preset has none. */
    public String note(String fieldPath) {
        return notes.get(fieldPath);
    }
}
