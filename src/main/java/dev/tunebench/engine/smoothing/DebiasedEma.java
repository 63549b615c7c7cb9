package dev.tunebench.engine.smoothing;

/**
 * TensorBoard's scalar smoothing: a debiased exponential moving average, computed incrementally over the full
 * resolution data so that a 100k-point series costs O(1) per new point.
 *
 * <p>It matches TensorBoard's {@code classicSmoothing} (webapp/widgets/line_chart_v2/data_transformer.ts, the
 * same formula as the older vz_line_chart2 {@code resmoothDataset}) value for value:
 * <ul>
 *   <li>the weight is clamped to [0, 1] (a non-finite weight counts as 0); the GUI slider stops at
 *       {@link #MAX_WEIGHT};</li>
 *   <li>for each finite value {@code v}: {@code last = last * w + (1 - w) * v}, {@code count++}, and the output
 *       is {@code last / (1 - w^count)} ({@code last} alone when {@code w == 1}); {@code last} starts at 0, and
 *       the division removes the bias towards that 0;</li>
 *   <li>a NaN or infinite value is output unchanged and neither moves {@code last} nor counts;</li>
 *   <li>a series whose values all equal the first is output unchanged (TensorBoard issue #786: floating point
 *       would otherwise make a constant line wobble).</li>
 * </ul>
 */
public final class DebiasedEma {
    /** The largest weight the GUI offers (TensorBoard's slider stops at 0.999 too). */
    public static final double MAX_WEIGHT = 0.999;

    private final GrowableDoubleArray raw = new GrowableDoubleArray();
    private final GrowableDoubleArray smoothed = new GrowableDoubleArray();
    private double weight;
    private double last;
    private long count;
    private boolean constant = true;

    /** Creates an empty smoother with the given weight (clamped to [0, 1] as TensorBoard does). */
    public DebiasedEma(double weight) {
        this.weight = clampWeight(weight);
    }

    /** Returns the weight TensorBoard would use for {@code weight}: non-finite becomes 0, then clamped to [0, 1]. */
    public static double clampWeight(double weight) {
        if (!Double.isFinite(weight)) {
            return 0.0;
        }
        return Math.max(0.0, Math.min(weight, 1.0));
    }

    /** Returns the smoothed copy of {@code values}, exactly as TensorBoard's scalar dashboard computes it. */
    public static double[] smooth(double[] values, double weight) {
        DebiasedEma ema = new DebiasedEma(weight);
        for (double v : values) {
            ema.add(v);
        }
        double[] out = new double[values.length];
        System.arraycopy(ema.smoothedBackingArray(), 0, out, 0, values.length);
        return out;
    }

    /** Appends a raw value and smooths it. */
    public void add(double value) {
        if (raw.size() > 0 && !(value == raw.get(0))) {
            constant = false;
        }
        raw.add(value);
        smoothed.add(step(value));
    }

    private double step(double value) {
        if (!Double.isFinite(value)) {
            return value;
        }
        last = last * weight + (1 - weight) * value;
        count++;
        double debias = weight == 1 ? 1 : 1 - Math.pow(weight, count);
        return last / debias;
    }

    /** Changes the weight and re-smooths the whole series (O(n), done when the user moves the slider). */
    public void setWeight(double weight) {
        double w = clampWeight(weight);
        if (w == this.weight) {
            return;
        }
        this.weight = w;
        last = 0;
        count = 0;
        double[] values = raw.backingArray();
        for (int i = 0; i < raw.size(); i++) {
            smoothed.set(i, step(values[i]));
        }
    }

    /** Returns the weight in use. */
    public double weight() {
        return weight;
    }

    /** Returns the number of values. */
    public int size() {
        return raw.size();
    }

    /** Returns the raw value at {@code index}. */
    public double rawAt(int index) {
        return raw.get(index);
    }

    /** Returns the smoothed value at {@code index}. */
    public double smoothedAt(int index) {
        return constant ? raw.get(index) : smoothed.get(index);
    }

    /** Returns the shared raw backing array, valid up to {@link #size()}; see {@link GrowableDoubleArray#backingArray()}. */
    public double[] rawBackingArray() {
        return raw.backingArray();
    }

    /**
     * Returns the shared smoothed backing array, valid up to {@link #size()} (the raw array while the series is
     * constant, as TensorBoard shows it); see {@link GrowableDoubleArray#backingArray()}.
     */
    public double[] smoothedBackingArray() {
        return constant ? raw.backingArray() : smoothed.backingArray();
    }

    /** Removes every value, keeping the weight. */
    public void clear() {
        raw.clear();
        smoothed.clear();
        last = 0;
        count = 0;
        constant = true;
    }
}
