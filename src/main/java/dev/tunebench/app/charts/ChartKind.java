package dev.tunebench.app.charts;

/** The live charts of a training run, one tab each. */
public enum ChartKind {
    /** Per-batch train loss (raw and smoothed) with per-epoch train and eval loss. */
    LOSS("Loss", "loss"),
    /** Per-epoch metrics other than the loss: accuracy, or MAE and RMSE. */
    METRIC("Eval metric", "metric"),
    /** Learning rate of every optimiser step. */
    LEARNING_RATE("Learning rate", "learning rate"),
    /** Global gradient norm before and after clipping. */
    GRADIENT_NORM("Gradient norm", "global L2 norm");

    private final String title;
    private final String axisLabel;

    ChartKind(String title, String axisLabel) {
        this.title = title;
        this.axisLabel = axisLabel;
    }

    /** Returns the tab and chart title. */
    public String title() {
        return title;
    }

    /** Returns the y axis label. */
    public String axisLabel() {
        return axisLabel;
    }
}
