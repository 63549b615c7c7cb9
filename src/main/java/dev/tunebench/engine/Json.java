package dev.tunebench.engine;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.tunebench.engine.config.ConfigJson;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.RunConfig;

/**
 * The engine's one JSON configuration: pretty, NaN and Infinity allowed (metrics can be non-finite); a run config and
 * a model spec in {@link ConfigJson}'s form wherever they appear (checkpoint sidecars, run.json, exports).
 */
public final class Json {
    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .serializeNulls()
            .registerTypeAdapter(RunConfig.class, new ConfigJson.GsonAdapter())
            .registerTypeHierarchyAdapter(ModelSpec.class, new ConfigJson.GsonAdapter())
            .create();

    private Json() {
    }

    /** Returns the shared Gson instance (thread-safe). */
    public static Gson gson() {
        return GSON;
    }
}
