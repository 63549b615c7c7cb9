package dev.tunebench.engine.event;

import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.InputSpec;
import java.nio.file.Path;
import java.util.List;

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
 * @param history         the epochs trained before {@code startEpoch}, from the run folder's metrics.csv when the
 *                        run is resumed (empty for a new run), so charts and diagnoses see the whole run
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
        int startEpoch,
        List<EpochMetrics> history) {

    /** Copies the history; null means none. */
    public RunStarted {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A run that starts with no earlier epochs to show (a new run, or one whose history is unknown). */
    public RunStarted(String runId, Path runDir, RunConfig config, InputSpec input, int trainSize, int validationSize,
                      int batchesPerEpoch, long parameterCount, int startEpoch) {
        this(runId, runDir, config, input, trainSize, validationSize, batchesPerEpoch, parameterCount, startEpoch,
                List.of());
    }
}
