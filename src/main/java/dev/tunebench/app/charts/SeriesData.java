package dev.tunebench.app.charts;

/**
 * One series of full-resolution points, as stored (never decimated). The arrays are shared with the model, not
 * copied: read them on the FX thread, up to {@code size}, and do not keep them after the next event.
 *
 * @param key    stable identifier, e.g. {@code batch_loss}, {@code val_loss}, {@code val_accuracy}
 * @param label  legend text
 * @param style  how to draw it
 * @param steps  x as global steps
 * @param epochs x as (fractional) epochs
 * @param values y values; NaN or infinite where the engine reported so
 * @param size   number of points
 */
public record SeriesData(String key, String label, SeriesStyle style, double[] steps, double[] epochs,
                         double[] values, int size) {

    /** Returns the x values for {@code unit}. */
    public double[] x(XAxisUnit unit) {
        return unit == XAxisUnit.STEPS ? steps : epochs;
    }

    /** Returns a copy that no longer shares the model's arrays (safe to hand to another thread). */
    public SeriesData copy() {
        return new SeriesData(key, label, style, java.util.Arrays.copyOf(steps, size),
                java.util.Arrays.copyOf(epochs, size), java.util.Arrays.copyOf(values, size), size);
    }

    /** Returns a copy of the y values. */
    public double[] valuesCopy() {
        return java.util.Arrays.copyOf(values, size);
    }
}
