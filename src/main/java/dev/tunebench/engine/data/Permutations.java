package dev.tunebench.engine.data;

import java.util.random.RandomGenerator;

/** Seeded shuffles of sample indices. */
public final class Permutations {
    private Permutations() {
    }

    /** Returns 0..n-1 in the order of a Fisher-Yates shuffle drawn from {@code rnd}. */
    public static int[] shuffled(int n, RandomGenerator rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
