package dev.tunebench.engine;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The engine's one JSON configuration: pretty, NaN and Infinity allowed (metrics can be non-finite). */
public final class Json {
    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .serializeNulls()
            .create();

    private Json() {
    }

    /** Returns the shared Gson instance (thread-safe). */
    public static Gson gson() {
        return GSON;
    }
}
