package dev.tunebench.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Seeded, stratified splitting and capping of sample indices. Results keep the original order. */
final class Splits {
    private Splits() {
    }

    /** Returns {train, validation} indices of {@code 0..labels.length}, {@code fraction} of each class to validation. */
    static int[][] stratifiedSplit(int[] labels, int numClasses, double fraction, long seed) {
        Random rng = new Random(seed);
        int[][] byClass = byClass(labels, Splits.range(labels.length), numClasses);
        boolean[] toVal = new boolean[labels.length];
        for (int[] members : byClass) {
            shuffle(members, rng);
            int k = (int) Math.round(members.length * fraction);
            if (fraction > 0 && k == 0 && members.length >= 2) {
                k = 1;
            }
            for (int j = 0; j < k; j++) {
                toVal[members[j]] = true;
            }
        }
        return partition(toVal);
    }

    /** Returns {train, validation} indices: a seeded random split without classes (regression). */
    static int[][] randomSplit(int n, double fraction, long seed) {
        Random rng = new Random(seed);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        java.util.Collections.shuffle(all, rng);
        boolean[] toVal = new boolean[n];
        int k = (int) Math.round(n * fraction);
        for (int j = 0; j < k; j++) {
            toVal[all.get(j)] = true;
        }
        return partition(toVal);
    }

    private static int[][] partition(boolean[] toVal) {
        int nv = 0;
        for (boolean b : toVal) {
            nv += b ? 1 : 0;
        }
        int[] train = new int[toVal.length - nv];
        int[] val = new int[nv];
        int a = 0;
        int b = 0;
        for (int i = 0; i < toVal.length; i++) {
            if (toVal[i]) {
                val[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        return new int[][] {train, val};
    }

    /**
     * Returns at most {@code cap} of {@code indices}, keeping each class's share (largest remainder), in the
     * original order; all of them when there are no more than {@code cap}.
     */
    static int[] stratifiedCap(int[] indices, int[] labels, int numClasses, int cap, long seed) {
        if (indices.length <= cap) {
            return indices;
        }
        int[][] byClass = byClass(labels, indices, numClasses);
        int n = indices.length;
        int[] take = new int[numClasses];
        double[] rem = new double[numClasses];
        int sum = 0;
        for (int c = 0; c < numClasses; c++) {
            double exact = (double) cap * byClass[c].length / n;
            take[c] = (int) Math.floor(exact);
            rem[c] = exact - take[c];
            sum += take[c];
        }
        while (sum < cap) {
            int best = 0;
            for (int c = 1; c < numClasses; c++) {
                if (rem[c] > rem[best]) {
                    best = c;
                }
            }
            take[best]++;
            rem[best] = -1;
            sum++;
        }
        Random rng = new Random(seed);
        int[] out = new int[cap];
        int k = 0;
        for (int c = 0; c < numClasses; c++) {
            int[] m = byClass[c];
            shuffle(m, rng);
            int t = Math.min(take[c], m.length);
            System.arraycopy(m, 0, out, k, t);
            k += t;
        }
        out = Arrays.copyOf(out, k);
        Arrays.sort(out);
        return out;
    }

    /** Returns the given indices grouped by their label, each group in the given order. */
    private static int[][] byClass(int[] labels, int[] indices, int numClasses) {
        int[] sizes = new int[numClasses];
        for (int i : indices) {
            sizes[labels[i]]++;
        }
        int[][] byClass = new int[numClasses][];
        for (int c = 0; c < numClasses; c++) {
            byClass[c] = new int[sizes[c]];
        }
        int[] fill = new int[numClasses];
        for (int i : indices) {
            int c = labels[i];
            byClass[c][fill[c]++] = i;
        }
        return byClass;
    }

    /** Shuffles exactly as {@link java.util.Collections#shuffle(List, Random)} shuffles a random-access list. */
    static void shuffle(int[] a, Random rng) {
        for (int i = a.length; i > 1; i--) {
            int j = rng.nextInt(i);
            int t = a[i - 1];
            a[i - 1] = a[j];
            a[j] = t;
        }
    }

    /** Returns the labels at the given indices. */
    static int[] pick(int[] labels, int[] idx) {
        int[] out = new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[k] = labels[idx[k]];
        }
        return out;
    }

    /** Returns 0..n-1. */
    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
