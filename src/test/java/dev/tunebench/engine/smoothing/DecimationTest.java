package dev.tunebench.engine.smoothing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimationTest {

    private static double[] steps(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    @Test
    void keepsFirstLastMinAndMaxOfTheWholeSeries() {
        int n = 100_000;
        double[] x = steps(n);
        double[] y = new double[n];
        Random r = new Random(7);
        for (int i = 0; i < n; i++) {
            y[i] = Math.exp(-i / 20000.0) + 0.1 * r.nextGaussian();
        }
        y[31_337] = 50;     // a spike
        y[77_777] = -40;    // a dip
        Decimation.Points p = Decimation.minMax(x, y, n, 1, n, 800, false);
        assertTrue(p.size() <= 2 * 800 + 4, "too many points: " + p.size());
        assertTrue(p.size() > 800, "too few points: " + p.size());
        assertEquals(1, p.x()[0]);
        assertEquals(y[0], p.y()[0]);
        assertEquals(n, p.x()[p.size() - 1]);
        assertEquals(y[n - 1], p.y()[p.size() - 1]);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < p.size(); i++) {
            min = Math.min(min, p.y()[i]);
            max = Math.max(max, p.y()[i]);
            if (i > 0) {
                assertTrue(p.x()[i] > p.x()[i - 1], "x must stay increasing at " + i);
            }
        }
        assertEquals(-40, min);
        assertEquals(50, max);
        // Every bucket's own extremes survive, not only the global ones.
        double lo = Double.POSITIVE_INFINITY;
        for (int i = 50_000; i < 50_000 + n / 800; i++) {
            lo = Math.min(lo, y[i]);
        }
        boolean found = false;
        for (int i = 0; i < p.size(); i++) {
            found |= p.y()[i] == lo;
        }
        assertTrue(found, "bucket minimum " + lo + " was dropped");
        assertEquals(0.0, y[31_337] - 50, "input untouched");
    }

    @Test
    void visibleRangeKeepsOneNeighbourEachSideAndSkipsUndrawablePoints() {
        double[] x = steps(10_000);
        double[] y = new double[10_000];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 3 == 0 ? Double.NaN : (i % 7 == 0 ? -1 : i);
        }
        Decimation.Points p = Decimation.minMax(x, y, y.length, 2000.5, 3000.5, 100, true);
        assertTrue(p.x()[0] <= 2000.5 && p.x()[0] >= 1998, "left neighbour kept: " + p.x()[0]);
        assertTrue(p.x()[p.size() - 1] >= 3000.5 && p.x()[p.size() - 1] <= 3003, "right neighbour kept");
        for (int i = 0; i < p.size(); i++) {
            assertTrue(Double.isFinite(p.y()[i]) && p.y()[i] > 0, "undrawable point kept: " + p.y()[i]);
        }
        Decimation.Points small = Decimation.minMax(x, y, 10, 1, 10, 100, false);
        assertEquals(6, small.size(), "few points are all kept except the 4 NaN");
        assertThrows(IllegalArgumentException.class, () -> Decimation.minMax(x, y, 10, 1, 10, 0, false));
    }

    @Test
    void nearestFindsTheClosestX() {
        double[] x = {1, 2, 4, 8};
        assertEquals(0, Decimation.nearest(x, 4, -5));
        assertEquals(2, Decimation.nearest(x, 4, 4.9));
        assertEquals(3, Decimation.nearest(x, 4, 6.1));
        assertEquals(3, Decimation.nearest(x, 4, 100));
        assertEquals(-1, Decimation.nearest(x, 0, 1));
    }

    @Test
    void percentilesInterpolateLikeNumpyAndIgnoreNonFinite() {
        double[] v = new double[101];
        for (int i = 0; i <= 100; i++) {
            v[i] = 100 - i;
        }
        Percentiles.ValueRange r = Percentiles.outlierRange(v, v.length);
        assertEquals(5.0, r.lower(), 1e-12);
        assertEquals(95.0, r.upper(), 1e-12);
        // numpy.percentile([1, 2, 3, 4, 1000], [5, 95]) = [1.2, 800.8]
        double[] w = {1, 2, Double.NaN, 3, 4, Double.POSITIVE_INFINITY, 1000};
        Percentiles.ValueRange s = Percentiles.outlierRange(w, w.length);
        assertEquals(1.2, s.lower(), 1e-12);
        assertEquals(800.8, s.upper(), 1e-9);
        assertEquals(2.5, Percentiles.quantile(new double[] {4, 1, 3, 2}, 4, 0.5), 1e-12);
        assertNull(Percentiles.outlierRange(new double[] {Double.NaN}, 1));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.range(v, 3, 0.9, 0.1));
    }
}
