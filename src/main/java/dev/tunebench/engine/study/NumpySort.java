package dev.tunebench.engine.study;

/**
 * numpy's default {@code argsort} (kind "quicksort": an introsort with median-of-three partitions and insertion sort
 * below 16 elements). It is not stable, and Optuna's Parzen estimator gives tied observations their bandwidths in
 * its order, so parity with Optuna on tied values (integer and stepped parameters) needs the same permutation.
 */
final class NumpySort {
    private static final int SMALL_QUICKSORT = 15;

    private NumpySort() {
    }

    /** Returns the permutation that sorts v ascending, NaN last, as {@code numpy.argsort(v)} returns it. */
    static int[] argsort(double[] v) {
        int n = v.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (n < 2) {
            return idx;
        }
        int[] stack = new int[256];
        int[] depthStack = new int[128];
        int sp = 0;
        int dp = 0;
        int pl = 0;
        int pr = n - 1;
        int cdepth = 2 * (31 - Integer.numberOfLeadingZeros(n));
        while (true) {
            if (cdepth < 0) {
                heapsort(v, idx, pl, pr - pl + 1);
            } else {
                while (pr - pl > SMALL_QUICKSORT) {
                    int pm = pl + ((pr - pl) >> 1);
                    if (less(v[idx[pm]], v[idx[pl]])) {
                        swap(idx, pm, pl);
                    }
                    if (less(v[idx[pr]], v[idx[pm]])) {
                        swap(idx, pr, pm);
                    }
                    if (less(v[idx[pm]], v[idx[pl]])) {
                        swap(idx, pm, pl);
                    }
                    double vp = v[idx[pm]];
                    int pi = pl;
                    int pj = pr - 1;
                    swap(idx, pm, pj);
                    while (true) {
                        do {
                            pi++;
                        } while (less(v[idx[pi]], vp));
                        do {
                            pj--;
                        } while (less(vp, v[idx[pj]]));
                        if (pi >= pj) {
                            break;
                        }
                        swap(idx, pi, pj);
                    }
                    swap(idx, pi, pr - 1);
                    // Push the larger partition, go on with the smaller one (numpy checks the depth only on pop).
                    if (pi - pl < pr - pi) {
                        stack[sp++] = pi + 1;
                        stack[sp++] = pr;
                        pr = pi - 1;
                    } else {
                        stack[sp++] = pl;
                        stack[sp++] = pi - 1;
                        pl = pi + 1;
                    }
                    depthStack[dp++] = --cdepth;
                }
                for (int pi = pl + 1; pi <= pr; pi++) {
                    int vi = idx[pi];
                    double x = v[vi];
                    int pj = pi;
                    int pk = pi - 1;
                    while (pj > pl && less(x, v[idx[pk]])) {
                        idx[pj--] = idx[pk--];
                    }
                    idx[pj] = vi;
                }
            }
            if (sp == 0) {
                break;
            }
            pr = stack[--sp];
            pl = stack[--sp];
            cdepth = depthStack[--dp];
        }
        return idx;
    }

    private static boolean less(double a, double b) {
        return a < b || (b != b && a == a);
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** numpy's aheapsort on idx[off .. off+n-1] (1-based heap arithmetic as numpy writes it). */
    private static void heapsort(double[] v, int[] idx, int off, int n) {
        // a[k] for k in 1..n is idx[off + k - 1]
        int i;
        int j;
        int l;
        int tmp;
        for (l = n >> 1; l > 0; --l) {
            tmp = idx[off + l - 1];
            for (i = l, j = l << 1; j <= n;) {
                if (j < n && less(v[idx[off + j - 1]], v[idx[off + j]])) {
                    j += 1;
                }
                if (less(v[tmp], v[idx[off + j - 1]])) {
                    idx[off + i - 1] = idx[off + j - 1];
                    i = j;
                    j += j;
                } else {
                    break;
                }
            }
            idx[off + i - 1] = tmp;
        }
        for (; n > 1;) {
            tmp = idx[off + n - 1];
            idx[off + n - 1] = idx[off];
            n -= 1;
            for (i = 1, j = 2; j <= n;) {
                if (j < n && less(v[idx[off + j - 1]], v[idx[off + j]])) {
                    j++;
                }
                if (less(v[tmp], v[idx[off + j - 1]])) {
                    idx[off + i - 1] = idx[off + j - 1];
                    i = j;
                    j += j;
                } else {
                    break;
                }
            }
            idx[off + i - 1] = tmp;
        }
    }
}
