package dev.tunebench.engine.smoothing;

import java.util.Arrays;

/**
 * A growable array of primitive doubles. Chart series keep their full-resolution data here: 100k points cost
 * 800 KB instead of the ~5 MB a list of boxed points would, and reading them needs no unboxing.
 */
public final class GrowableDoubleArray {
    private double[] data;
    private int size;

    /** Creates an empty array. */
    public GrowableDoubleArray() {
        this(256);
    }

    /** Creates an empty array with room for {@code capacity} values before it grows. */
    public GrowableDoubleArray(int capacity) {
        data = new double[Math.max(1, capacity)];
    }

    /** Appends a value. */
    public void add(double value) {
        if (size == data.length) {
            data = Arrays.copyOf(data, data.length + (data.length >> 1) + 1);
        }
        data[size++] = value;
    }

    /** Returns the value at {@code index}. */
    public double get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " outside 0.." + (size - 1));
        }
        return data[index];
    }

    /** Replaces the value at {@code index}. */
    public void set(int index, double value) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " outside 0.." + (size - 1));
        }
        data[index] = value;
    }

    /** Returns the number of values. */
    public int size() {
        return size;
    }

    /** Returns whether there are no values. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Returns the last value; the array must not be empty. */
    public double last() {
        return get(size - 1);
    }

    /** Removes every value, keeping the capacity. */
    public void clear() {
        size = 0;
    }

    /**
     * Returns the backing array, valid up to {@link #size()}. It is shared, not copied (so readers avoid a 100k
     * copy on every redraw); it is replaced when the array grows, so do not keep it across {@link #add}.
     */
    public double[] backingArray() {
        return data;
    }

    /** Returns a copy of the values. */
    public double[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
