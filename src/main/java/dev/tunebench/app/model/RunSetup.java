package dev.tunebench.app.model;

import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.LoadedData;
import java.nio.file.Path;

/**
 * Everything a run started from the window needs.
 *
 * @param config             hyperparameters
 * @param data               loaded data
 * @param runsRoot           folder that receives the run folder, or null to write no files
 * @param resumeFrom         checkpoint folder to resume from, or null
 * @param maxBatchesPerEpoch cap on batches per epoch (0 = all), for quick trials and tests
 */
public record RunSetup(RunConfig config, LoadedData data, Path runsRoot, Path resumeFrom, int maxBatchesPerEpoch,
        String presetId) {
}
