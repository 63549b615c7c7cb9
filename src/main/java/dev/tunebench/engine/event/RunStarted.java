package dev.tunebench.engine.event;

import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.InputSpec;
import java.nio.file.Path;

/**
 * A run began.
 *
 * @param runId           run id (its folder name)
 * @param runDir          run folder, or null when the run writes no files
 * @param config          hyperparameters
 * @param input           input spec
 * @param trainSize       training samples
 * @param validationSize  validation samples
 * @param batchesPerEpoch batches in each epoch
 * @param parameterCount  trainable parameters
 * @param startEpoch      first epoch this run will train (greater than 1 when resumed)
 */
public record RunStarted(
        String runId,
        Path runDir,
        RunConfig config,
        InputSpec input,
        int trainSize,
        int validationSize,
        int batchesPerEpoch,
        long parameterCount,
        int startEpoch) {
}
