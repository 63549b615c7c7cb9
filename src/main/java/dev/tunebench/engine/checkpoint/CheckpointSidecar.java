package dev.tunebench.engine.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.InputSpec;
import java.util.List;
import java.util.Map;

/**
 * {@code checkpoint.json}: how to rebuild the model (template, hyperparameters, input spec, preprocessing) and
 * where training stood (epoch, step, schedule, early stopping), so that a checkpoint alone can be evaluated,
 * exported or resumed (Tribuo's provenance idea).
 *
 * @param formatVersion      version of this layout
 * @param runId              the run that wrote it
 * @param templateId         model template id
 * @param config             every hyperparameter
 * @param input              input spec the model was built for
 * @param dataSource         data spec string of the run's data
 * @param classNames         class names by label (classification)
 * @param preprocessing      vocabulary / tokenizer / normaliser needed to turn raw data into model input
 * @param epoch              epochs completed
 * @param globalStep         optimiser steps completed
 * @param metrics            the epoch's metrics
 * @param monitor            the run's monitor
 * @param monitorValue       the monitored value at this epoch
 * @param schedulerState     learning-rate scheduler state after this epoch
 * @param earlyStoppingState early-stopping state after this epoch
 * @param bestState          monitor state used for restore-best
 * @param versions           library versions (djl, pytorch, tunebench, java) and PyTorch's CPU thread count
 * @param savedAt            ISO-8601 time of saving
 */
public record CheckpointSidecar(
        int formatVersion,
        String runId,
        String templateId,
        RunConfig config,
        InputSpec input,
        String dataSource,
        List<String> classNames,
        JsonObject preprocessing,
        int epoch,
        long globalStep,
        Map<String, Double> metrics,
        MonitorSpec monitor,
        double monitorValue,
        JsonElement schedulerState,
        JsonElement earlyStoppingState,
        JsonElement bestState,
        Map<String, String> versions,
        String savedAt) {

    /** The sidecar's file name inside a checkpoint folder. */
    public static final String FILE_NAME = "checkpoint.json";

    /** The current layout version. */
    public static final int FORMAT_VERSION = 1;
}
