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
        List<List<Integer>> byClass = byClass(labels, numClasses);
        boolean[] toVal = new boolean[labels.length];
        for (List<Integer> members : byClass) {
            java.util.Collections.shuffle(members, rng);
            int k = (int) Math.round(members.size() * fraction);
            if (fraction > 0 && k == 0 && members.size() >= 2) {
                k = 1;
            }
            for (int j = 0; j < k; j++) {
                toVal[members.get(j)] = true;
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
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i : indices) {
            byClass.get(labels[i]).add(i);
        }
        int n = indices.length;
        int[] take = new int[numClasses];
        double[] rem = new double[numClasses];
        int sum = 0;
        for (int c = 0; c < numClasses; c++) {
            double exact = (double) cap * byClass.get(c).size() / n;
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
        List<Integer> kept = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            List<Integer> m = byClass.get(c);
            java.util.Collections.shuffle(m, rng);
            kept.addAll(m.subList(0, Math.min(take[c], m.size())));
        }
        int[] out = kept.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(out);
        return out;
    }

    private static List<List<Integer>> byClass(int[] labels, int numClasses) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        return byClass;
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
