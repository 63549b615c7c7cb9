package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import dev.tunebench.engine.config.ConfigField;
import dev.tunebench.engine.config.ConfigPathException;
import dev.tunebench.engine.config.ConfigPaths;
import dev.tunebench.engine.config.RunConfig;
import java.util.Map;
import java.util.Optional;

/**
 * The shared field-path vocabulary ({@link ConfigPaths}) as a {@link ParamVocabulary}, and its
 * {@code with(config, path, value)} as a {@link ParamApplier}: the adapters the CLI and the window hand to the sweep
 * codec and the trainer. Nothing here lists fields: every path, type and range comes from ConfigPaths.
 */
public final class ConfigPathsVocabulary implements ParamVocabulary {
    private final String template;

    private ConfigPathsVocabulary(String template) {
        this.template = template;
    }

    /**
     * Returns the vocabulary of a base preset's template: its fields, plus {@code model.template} itself (a sweep may
     * vary it; the fields must then apply to the base template, and each trial's config is checked again).
     */
    public static ConfigPathsVocabulary forTemplate(String template) {
        ConfigPaths.of(template);
        return new ConfigPathsVocabulary(template);
    }

    @Override
    public String checkPath(String path) {
        try {
            ConfigPaths.field(path, template);
            return null;
        } catch (ConfigPathException e) {
            return e.detail();
        }
    }

    @Override
    public String checkValue(String path, JsonElement value) {
        Optional<ConfigField> f = ConfigPaths.find(path);
        if (f.isEmpty()) {
            return checkPath(path);
        }
        try {
            f.get().parse(value);
            return null;
        } catch (ConfigPathException e) {
            return e.detail();
        }
    }

    /**
     * Returns the applier of trial parameters to a run config: {@code model.template} first (so that the other model
     * fields apply to the trial's template), then the others in the space's order.
     */
    public static ParamApplier<RunConfig> applier() {
        return (base, params) -> {
            RunConfig c = base;
            JsonElement t = params.get(ConfigPaths.TEMPLATE);
            if (t != null) {
                c = ConfigPaths.with(c, ConfigPaths.TEMPLATE, t);
            }
            for (Map.Entry<String, JsonElement> e : params.entrySet()) {
                if (!e.getKey().equals(ConfigPaths.TEMPLATE)) {
                    c = ConfigPaths.with(c, e.getKey(), e.getValue());
                }
            }
            return c;
        };
    }
}
