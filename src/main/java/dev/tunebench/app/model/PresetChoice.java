package dev.tunebench.app.model;

import dev.tunebench.engine.config.RunConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * A preset as the preset picker offers it.
 *
 * @param id          preset id (its file name without .json)
 * @param name        display name
 * @param description one or two sentences
 * @param userPreset  whether it lives in the user's folder (false: bundled)
 * @param config      its hyperparameters
 * @param dataSpec    the data it was made for, or null
 * @param dataKind    "text", "series" or "image", or null when it fits any
 * @param notes       why each value was chosen, by editor field key (the tip behind it); never null
 * @param file        its file, or null for a bundled preset read from the class path
 * @param upgradeNote what reading its older file ignored, in one line (shown with its warnings); "" for none
 */
public record PresetChoice(String id, String name, String description, boolean userPreset, RunConfig config, String dataSpec,
        String dataKind, Map<String, String> notes, Path file, String upgradeNote) {

    public PresetChoice {
        notes = notes == null ? Map.of() : Map.copyOf(notes);
        upgradeNote = upgradeNote == null ? "" : upgradeNote;
    }

    @Override
    public String toString() {
        return userPreset ? name + "  (user)" : name;
    }
}
