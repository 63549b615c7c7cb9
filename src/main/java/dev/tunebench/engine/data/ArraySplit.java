package dev.tunebench.engine.data;

import java.util.Objects;

/**
 * One split of a data set, in memory, flattened row-major: sample {@code i} occupies
 * {@code features[i*rowSize .. (i+1)*rowSize)}. Token ids are stored as exact float values.
 * Exactly one of {@code labels} (classification) and {@code targets} (regression, {@code targetSize} per sample)
 * is non-null.
 */
public final class ArraySplit {
    private final float[] features;
    private final int size;
    private final int rowSize;
    private final int[] labels;
    private final float[] targets;
    private final int targetSize;

    private ArraySplit(float[] features, int size, int rowSize, int[] labels, float[] targets, int targetSize) {
        this.features = Objects.requireNonNull(features, "features");
        if ((long) size * rowSize != features.length) {
            throw new IllegalArgumentException("features has " + features.length + " values, expected " + size
                    + " x " + rowSize);
        }
        if ((labels == null) == (targets == null)) {
            throw new IllegalArgumentException("exactly one of labels and targets must be given");
        }
        if (labels != null && labels.length != size) {
            throw new IllegalArgumentException("labels has " + labels.length + " values, expected " + size);
        }
        if (targets != null && targets.length != (long) size * targetSize) {
            throw new IllegalArgumentException("targets has " + targets.length + " values, expected " + size
                    + " x " + targetSize);
        }
        this.size = size;
        this.rowSize = rowSize;
        this.labels = labels;
        this.targets = targets;
        this.targetSize = labels != null ? 1 : targetSize;
    }

    /** Returns a classification split; arrays are taken, not copied. */
    public static ArraySplit classification(float[] features, int rowSize, int[] labels) {
        return new ArraySplit(features, labels.length, rowSize, labels, null, 1);
    }

    /** Returns a regression split with {@code targetSize} targets per sample; arrays are taken, not copied. */
    public static ArraySplit regression(float[] features, int rowSize, float[] targets, int targetSize) {
        return new ArraySplit(features, targets.length / targetSize, rowSize, null, targets, targetSize);
    }

    /** Returns the number of samples. */
    public int size() {
        return size;
    }

    /** Returns the number of feature values per sample. */
    public int rowSize() {
        return rowSize;
    }

    /** Returns whether this split holds class labels. */
    public boolean isClassification() {
        return labels != null;
    }

    /** Returns the backing feature array (not a copy: do not modify). */
    public float[] features() {
        return features;
    }

    /** Returns the backing label array, or null for regression (not a copy: do not modify). */
    public int[] labels() {
        return labels;
    }

    /** Returns the backing target array, or null for classification (not a copy: do not modify). */
    public float[] targets() {
        return targets;
    }

    /** Returns the number of target values per sample (1 for classification). */
    public int targetSize() {
        return targetSize;
    }

    /** Returns the label of sample {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** Returns a new split holding the given samples, in the given order. */
    public ArraySplit select(int[] indices) {
        float[] f = new float[indices.length * rowSize];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(features, indices[k] * rowSize, f, k * rowSize, rowSize);
        }
        if (labels != null) {
            int[] l = new int[indices.length];
            for (int k = 0; k < indices.length; k++) {
                l[k] = labels[indices[k]];
            }
            return classification(f, rowSize, l);
        }
        float[] t = new float[indices.length * targetSize];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(targets, indices[k] * targetSize, t, k * targetSize, targetSize);
        }
        return regression(f, rowSize, t, targetSize);
    }

    /** Returns the first {@code n} samples (or all, if fewer). */
    public ArraySplit head(int n) {
        int m = Math.min(n, size);
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        return select(idx);
    }
}
