package dev.tunebench.engine.smoothing;

import java.util.Arrays;

/**
 * Percentiles for the "ignore outliers" y range: the axis spans the 5th to the 95th percentile of the data, so a
 * few early huge losses or a NaN-adjacent spike no longer squash the curve of interest into a flat line.
 */
public final class Percentiles {
    /** The lower fraction used by "ignore outliers". */
    public static final double OUTLIER_LOW = 0.05;
    /** The upper fraction used by "ignore outliers". */
    public static final double OUTLIER_HIGH = 0.95;

    private Percentiles() {
    }

    /**
     * A closed range of values.
     *
     * @param lower lower end
     * @param upper upper end, not below {@code lower}
     */
    public record ValueRange(double lower, double upper) {
        /** Returns {@code upper - lower}. */
        public double length() {
            return upper - lower;
        }
    }

    /**
     * Returns the {@code fraction} quantile of the finite values among the first {@code size} of {@code values},
     * with linear interpolation between closest ranks (NumPy's default, d3.quantile's method), or NaN when no
     * value is finite. {@code values} is not changed.
     */
    public static double quantile(double[] values, int size, double fraction) {
        double[] sorted = sortedFinite(values, size);
        return sorted.length == 0 ? Double.NaN : quantileOfSorted(sorted, fraction);
    }

    /**
     * Returns the range from the {@code low} to the {@code high} quantile of the finite values, or null when no
     * value is finite.
     */
    public static ValueRange range(double[] values, int size, double low, double high) {
        if (!(low >= 0 && low <= high && high <= 1)) {
            throw new IllegalArgumentException("quantiles must satisfy 0 <= low <= high <= 1, got " + low + ", " + high);
        }
        double[] sorted = sortedFinite(values, size);
        if (sorted.length == 0) {
            return null;
        }
        return new ValueRange(quantileOfSorted(sorted, low), quantileOfSorted(sorted, high));
    }

    /** Returns the 5th to 95th percentile range of the finite values, or null when none is finite. */
    public static ValueRange outlierRange(double[] values, int size) {
        return range(values, size, OUTLIER_LOW, OUTLIER_HIGH);
    }

    private static double[] sortedFinite(double[] values, int size) {
        double[] copy = new double[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (Double.isFinite(values[i])) {
                copy[n++] = values[i];
            }
        }
        double[] sorted = n == size ? copy : Arrays.copyOf(copy, n);
        Arrays.sort(sorted);
        return sorted;
    }

    private static double quantileOfSorted(double[] sorted, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("quantile must be within [0, 1], got " + fraction);
        }
        double pos = (sorted.length - 1) * fraction;
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double t = pos - i;
        return sorted[i] + (sorted[i + 1] - sorted[i]) * t;
    }
}
