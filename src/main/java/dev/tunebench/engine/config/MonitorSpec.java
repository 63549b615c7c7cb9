package dev.tunebench.engine.config;

/**
 * The one quantity watched by early stopping, checkpointing and ReduceLROnPlateau (Keras' MonitorCallback).
 *
 * @param metric   metric name: {@code val_loss}, {@code train_loss}, {@code val_accuracy}, {@code val_mae}, ...
 * @param mode     whether lower or higher is better
 * @param minDelta absolute amount by which the value must beat the best to count as an improvement
 */
public record MonitorSpec(String metric, Mode mode, double minDelta) {

    /** Direction of improvement. */
    public enum Mode { MIN, MAX }

    /** Returns val_loss, mode min, min_delta 0. */
    public static MonitorSpec valLoss() {
        return new MonitorSpec("val_loss", Mode.MIN, 0.0);
    }
}
