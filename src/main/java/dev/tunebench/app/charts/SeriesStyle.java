package dev.tunebench.app.charts;

/** How a series is drawn; the view maps each style to a colour, stroke and marker for the current theme. */
public enum SeriesStyle {
    /** Per-batch train loss: faint blue. */
    BATCH_RAW,
    /** Smoothed per-batch train loss: solid blue. */
    BATCH_SMOOTHED,
    /** Per-epoch training value: dark blue, dashed, with markers. */
    EPOCH_TRAIN,
    /** Per-epoch evaluation value: orange, solid, with markers. */
    EPOCH_EVAL,
    /** Learning rate: green. */
    LEARNING_RATE,
    /** The planned learning rate: faint green, dashed, under the trained one. */
    LEARNING_RATE_PLAN,
    /** Gradient norm before clipping: faint red. */
    GRAD_BEFORE,
    /** Gradient norm after clipping: teal. */
    GRAD_AFTER,
    /** One run of an overlay: a colour of its own from the palette. */
    RUN
}
