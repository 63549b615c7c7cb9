package dev.tunebench.engine.data;

import java.util.Arrays;
import java.util.Locale;

/** Heap checks made before large allocations, and small growable primitive arrays for streamed reads. */
final class Memory {
    /** The share of the maximum heap one data set may take before it is refused. */
    static final double SHARE = 0.8;

    private Memory() {
    }

    /**
     * Refuses, before anything is allocated, data that would not fit in the heap.
     *
     * @param file   the file at fault
     * @param what   what needs the memory, e.g. "the 60000 images"
     * @param bytes  the estimate
     * @param advice what the user can do about it
     */
    static void require(String file, String what, long bytes, String advice) {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max * SHARE) {
            throw new DataException(file, 0, null, what + " would need about " + human(bytes) + " of memory, more "
                    + "than the Java heap can give (" + human(max) + " at most); " + advice);
        }
    }

    /** Returns the advice for a data set too large for the heap. */
    static String capAdvice() {
        return "lower maxTrain, maxVal or maxTest (subset mode, tip 5), or give Java more heap (java -Xmx...)";
    }

    /** Returns bytes as KB, MB or GB. */
    static String human(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    /** A growable int array. */
    static final class Ints {
        private int[] a = new int[1024];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, grow(n));
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        int get(int i) {
            return a[i];
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /** A growable float array. */
    static final class Floats {
        private float[] a = new float[1024];
        private int n;

        /** Returns the offset of {@code count} new zeroed elements at the end. */
        int extend(int count) {
            while (n + count > a.length) {
                a = Arrays.copyOf(a, grow(a.length));
            }
            int off = n;
            n += count;
            return off;
        }

        float[] array() {
            return a;
        }

        float[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /** A growable double array. */
    static final class Doubles {
        private double[] a = new double[1024];
        private int n;

        void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, grow(n));
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        double[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    private static int grow(int n) {
        long next = Math.max(16L, n + (long) (n >> 1));
        if (next > Integer.MAX_VALUE - 8) {
            if (n >= Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("out of memory: more than 2^31 values in one array");
            }
            return Integer.MAX_VALUE - 8;
        }
        return (int) next;
    }
}
