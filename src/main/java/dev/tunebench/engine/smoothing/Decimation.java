package dev.tunebench.engine.smoothing;

/**
 * Display decimation: min/max per pixel bucket. A line chart cannot show more than a couple of values per pixel
 * column, so for each bucket of the visible x range it keeps the lowest and the highest point (in their original
 * order) plus the first and last points of the range. Spikes and dips therefore stay visible, which plain
 * striding or averaging would hide. It only reads the stored data; it runs after smoothing, on display copies.
 */
public final class Decimation {
    private Decimation() {
    }

    /**
     * Decimated points.
     *
     * @param x    x values, valid up to {@code size}
     * @param y    y values, valid up to {@code size}
     * @param size number of points
     */
    public record Points(double[] x, double[] y, int size) {
    }

    /**
     * Returns the points of {@code (x, y)} to draw for the x range {@code [xLo, xHi]} on {@code buckets} pixel
     * columns: at most about {@code 2 * buckets + 4} points. {@code x} must be non-decreasing. Points whose y is
     * not finite (or not positive when {@code positiveOnly}, for a log axis) are not drawable and are skipped.
     * The nearest drawable point on each side outside the range is kept so that the line reaches the plot edges. When the range
     * holds no more than {@code 2 * buckets} points they are all returned.
     *
     * @param x            x values, sorted
     * @param y            y values
     * @param size         number of valid points in {@code x} and {@code y}
     * @param xLo          left end of the visible range
     * @param xHi          right end of the visible range
     * @param buckets      pixel columns, at least 1
     * @param positiveOnly whether to skip y &lt;= 0
     */
    public static Points minMax(double[] x, double[] y, int size, double xLo, double xHi, int buckets,
                                boolean positiveOnly) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be at least 1, got " + buckets);
        }
        if (size == 0 || !(xHi >= xLo)) {
            return new Points(new double[0], new double[0], 0);
        }
        int start = Math.max(0, lowerBound(x, size, xLo) - 1);
        int end = Math.min(size - 1, upperBound(x, size, xHi));
        // The neighbours outside the range must be drawable for the line to reach the plot edges.
        while (start > 0 && x[start] < xLo && !drawable(y[start], positiveOnly)) {
            start--;
        }
        while (end < size - 1 && x[end] > xHi && !drawable(y[end], positiveOnly)) {
            end++;
        }
        int count = end - start + 1;
        if (count <= 0) {
            return new Points(new double[0], new double[0], 0);
        }
        if (count <= 2 * buckets || xHi == xLo) {
            double[] ox = new double[count];
            double[] oy = new double[count];
            int n = 0;
            for (int i = start; i <= end; i++) {
                if (drawable(y[i], positiveOnly)) {
                    ox[n] = x[i];
                    oy[n] = y[i];
                    n++;
                }
            }
            return new Points(ox, oy, n);
        }
        int capacity = 2 * buckets + 4;
        double[] ox = new double[capacity];
        double[] oy = new double[capacity];
        int n = 0;
        int first = firstDrawable(y, start, end, positiveOnly);
        if (first < 0) {
            return new Points(ox, oy, 0);
        }
        int last = lastDrawable(y, start, end, positiveOnly);
        ox[n] = x[first];
        oy[n] = y[first];
        n++;
        double scale = buckets / (xHi - xLo);
        int bucket = Integer.MIN_VALUE;
        int minIndex = -1;
        int maxIndex = -1;
        for (int i = first + 1; i < last; i++) {
            double v = y[i];
            if (!drawable(v, positiveOnly)) {
                continue;
            }
            int b = (int) Math.floor((x[i] - xLo) * scale);
            b = b < 0 ? -1 : Math.min(b, buckets);
            if (b != bucket) {
                n = emit(x, y, minIndex, maxIndex, ox, oy, n);
                bucket = b;
                minIndex = i;
                maxIndex = i;
            } else {
                if (v < y[minIndex]) {
                    minIndex = i;
                }
                if (v > y[maxIndex]) {
                    maxIndex = i;
                }
            }
        }
        n = emit(x, y, minIndex, maxIndex, ox, oy, n);
        if (last != first) {
            ox[n] = x[last];
            oy[n] = y[last];
            n++;
        }
        return new Points(ox, oy, n);
    }

    private static int emit(double[] x, double[] y, int minIndex, int maxIndex, double[] ox, double[] oy, int n) {
        if (minIndex < 0) {
            return n;
        }
        int a = Math.min(minIndex, maxIndex);
        int b = Math.max(minIndex, maxIndex);
        ox[n] = x[a];
        oy[n] = y[a];
        n++;
        if (b != a) {
            ox[n] = x[b];
            oy[n] = y[b];
            n++;
        }
        return n;
    }

    private static boolean drawable(double v, boolean positiveOnly) {
        return Double.isFinite(v) && (!positiveOnly || v > 0);
    }

    private static int firstDrawable(double[] y, int from, int to, boolean positiveOnly) {
        for (int i = from; i <= to; i++) {
            if (drawable(y[i], positiveOnly)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastDrawable(double[] y, int from, int to, boolean positiveOnly) {
        for (int i = to; i >= from; i--) {
            if (drawable(y[i], positiveOnly)) {
                return i;
            }
        }
        return -1;
    }

    /** Returns the first index whose x is at least {@code value} ({@code size} when none). */
    public static int lowerBound(double[] x, int size, double value) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Returns the first index whose x is greater than {@code value} ({@code size} when none). */
    public static int upperBound(double[] x, int size, double value) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Returns the index of the point whose x is nearest to {@code value}, or -1 when {@code size} is 0. */
    public static int nearest(double[] x, int size, double value) {
        if (size == 0) {
            return -1;
        }
        int i = lowerBound(x, size, value);
        if (i == 0) {
            return 0;
        }
        if (i == size) {
            return size - 1;
        }
        return value - x[i - 1] <= x[i] - value ? i - 1 : i;
    }
}
