package dev.tunebench.engine.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch did. Metric names follow Keras: {@code train_loss}, {@code val_loss}, {@code val_accuracy},
 * {@code val_mae}, {@code val_rmse}, {@code train_accuracy}...
 *
 * @param epoch           1-based epoch
 * @param trainLoss       mean training loss over the epoch's batches
 * @param valLoss         validation loss after the epoch
 * @param metrics         every metric by name, including train_loss and val_loss (insertion-ordered)
 * @param learningRate    learning rate at the end of the epoch
 * @param durationSeconds wall time of the epoch including validation
 * @param elapsedSeconds  wall time since the run started
 */
public record EpochMetrics(
        int epoch,
        double trainLoss,
        double valLoss,
        Map<String, Double> metrics,
        double learningRate,
        double durationSeconds,
        double elapsedSeconds) {

    public EpochMetrics {
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** Returns the named metric, or NaN when the epoch has no such metric. */
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }

    /** Returns whether the epoch has the named metric. */
    public boolean has(String name) {
        return metrics.containsKey(name);
    }
}
