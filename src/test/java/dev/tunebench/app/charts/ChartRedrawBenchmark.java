package dev.tunebench.app.charts;

import dev.tunebench.engine.smoothing.Decimation;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Random;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Chart redraw time at 10k and 100k points per series, full data versus min/max decimation to two points per
 * pixel, measured side by side in one run: raw + smoothed loss (two series of n points) drawn by JFreeChart into
 * a 1200 x 600 BufferedImage, as the FX canvas would draw them. Target: under 16 ms at 100k. Prints; never fails
 * on timing. Run: mvn -o test -Dtest=ChartRedrawBenchmark -DexcludedTestGroups=none
 */
@Tag("benchmark")
class ChartRedrawBenchmark {
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 600;
    private static final int PLOT_PIXELS = 1100;

    @Test
    void redrawTimesFullVersusDecimated() {
        for (int round = 0; round < 2; round++) {
            // Round 0 warms the JIT up on every configuration; round 1 is the measurement.
            System.out.println(round == 0 ? "warm-up round:" : "measured:");
            measure();
        }
        System.out.printf(java.util.Locale.ROOT, "machine: %d cores, load average %.1f (timings scale with load)%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private void measure() {
        System.out.println("points/series | full redraw ms | decimated redraw ms (incl. decimation) | ratio"
                + " | decimation alone ms");
        for (int n : new int[] {10_000, 100_000}) {
            double[] x = new double[n];
            double[] raw = new double[n];
            Random r = new Random(n);
            for (int i = 0; i < n; i++) {
                x[i] = i + 1;
                raw[i] = 2 * Math.exp(-i / (n / 5.0)) + 0.2 * r.nextDouble();
            }
            double[] smooth = dev.tunebench.engine.smoothing.DebiasedEma.smooth(raw, 0.6);
            double full = median(() -> draw(chart(x, raw, smooth, n, false)), 7);
            double dec = median(() -> draw(chart(x, raw, smooth, n, true)), 7);
            double decimationOnly = median(() -> {
                long t0 = System.nanoTime();
                Decimation.minMax(x, raw, n, x[0], x[n - 1], PLOT_PIXELS, false);
                Decimation.minMax(x, smooth, n, x[0], x[n - 1], PLOT_PIXELS, false);
                return (System.nanoTime() - t0) / 1e6;
            }, 21);
            System.out.printf(Locale.ROOT, "%13d | %13.2f | %38.2f | %5.1fx | %19.3f%n", n, full, dec, full / dec,
                    decimationOnly);
        }
    }

    /** Times building the display data (decimating when asked) and drawing it; returns milliseconds. */
    private interface Timed {
        double run();
    }

    private static double median(Timed t, int runs) {
        t.run(); // warm-up
        t.run();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            ms[i] = t.run();
        }
        java.util.Arrays.sort(ms);
        return ms[runs / 2];
    }

    private static long start;

    private static JFreeChart chart(double[] x, double[] raw, double[] smooth, int n, boolean decimate) {
        start = System.nanoTime();
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("raw", x, raw, n, decimate));
        data.addSeries(series("smoothed", x, smooth, n, decimate));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setDrawSeriesLineAsPath(true);
        XYPlot plot = new XYPlot(data, new NumberAxis("step"), new NumberAxis("loss"), renderer);
        JFreeChart chart = new JFreeChart("bench", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setAntiAlias(true);
        return chart;
    }

    private static XYSeries series(String key, double[] x, double[] y, int n, boolean decimate) {
        XYSeries s = new XYSeries(key, false, true);
        if (decimate) {
            Decimation.Points p = Decimation.minMax(x, y, n, x[0], x[n - 1], PLOT_PIXELS, false);
            for (int i = 0; i < p.size(); i++) {
                s.add(p.x()[i], p.y()[i], false);
            }
        } else {
            for (int i = 0; i < n; i++) {
                s.add(x[i], y[i], false);
            }
        }
        return s;
    }

    private static double draw(JFreeChart chart) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        g.dispose();
        return (System.nanoTime() - start) / 1e6;
    }
}
