package dev.tunebench.app.model;

import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.event.EpochMetrics;
import java.nio.file.Path;
import java.util.List;

/**
 * A run kept in the runs folder, as the Runs panel lists it.
 *
 * @param id         run id (folder name)
 * @param dir        run folder
 * @param template   model template id
 * @param preset     id of the preset the run started from, or "" when unknown
 * @param data       data spec
 * @param startedAt  ISO-8601 start time, or ""
 * @param status     FINISHED, STOPPED, FAILED, or "running / interrupted" when there is no summary
 * @param message    the outcome sentence, or ""
 * @param monitor    monitored metric
 * @param bestValue  best monitored value, NaN when none
 * @param bestEpoch  its epoch, 0 when none
 * @param config     hyperparameters, or null when run.json could not be read
 * @param epochs     per-epoch metrics from metrics.csv
 */
public record RunRecord(String id, Path dir, String template, String preset, String data, String startedAt, String status,
        String message, String monitor, double bestValue, int bestEpoch, RunConfig config, List<EpochMetrics> epochs) {

    public RunRecord {
        epochs = List.copyOf(epochs);
    }
}
