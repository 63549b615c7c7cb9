package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trial handed out by {@link Study#ask}: run it with these parameters in its run folder, report each epoch's
 * objective, and tell how it ended.
 *
 * @param number    the trial number
 * @param params    its parameters by field path, in the space's order (fixed fields included)
 * @param runFolder its run folder relative to the study folder ({@code trials/0007}); an ordinary run folder
 * @param retryOf   the FAILED trial it re-runs, or null
 */
public record Trial(int number, Map<String, JsonElement> params, String runFolder, Integer retryOf) {

    public Trial {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Returns the run folder inside a study folder. */
    public Path runPath(Path studyFolder) {
        return studyFolder.resolve(runFolder);
    }
}
