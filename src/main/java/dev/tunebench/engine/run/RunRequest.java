package dev.tunebench.engine.run;

import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.LoadedData;
import java.nio.file.Path;

/**
 * Everything a run needs besides the backend.
 *
 * @param config             hyperparameters
 * @param data               loaded data
 * @param runsRoot           folder that holds run folders; null = the run writes no files (no checkpoints)
 * @param runId              run folder name; null = generated from the time and template
 * @param resumeFrom         checkpoint folder to resume from; null = a fresh run
 * @param maxBatchesPerEpoch cap on batches per epoch (quick checks and tests); 0 = all
 */
public record RunRequest(RunConfig config, LoadedData data, Path runsRoot, String runId, Path resumeFrom,
                         int maxBatchesPerEpoch) {

    /** Returns a request for a fresh run writing under {@code runsRoot}. */
    public static RunRequest of(RunConfig config, LoadedData data, Path runsRoot) {
        return new RunRequest(config, data, runsRoot, null, null, 0);
    }

    /** Returns a copy resuming from the given checkpoint folder. */
    public RunRequest resumingFrom(Path checkpoint) {
        return new RunRequest(config, data, runsRoot, runId, checkpoint, maxBatchesPerEpoch);
    }

    /** Returns a copy with a batch cap per epoch. */
    public RunRequest withMaxBatchesPerEpoch(int n) {
        return new RunRequest(config, data, runsRoot, runId, resumeFrom, n);
    }

    /** Returns a copy with the given run id. */
    public RunRequest withRunId(String id) {
        return new RunRequest(config, data, runsRoot, id, resumeFrom, maxBatchesPerEpoch);
    }
}
