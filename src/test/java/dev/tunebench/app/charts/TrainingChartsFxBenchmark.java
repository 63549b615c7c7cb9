package dev.tunebench.app.charts;

import dev.tunebench.engine.event.BatchMetrics;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Cost of one live-chart redraw at 10k and 100k batches, with display decimation on and off, side by side in one
 * run: the FX thread's part (decimate the stored series, work out the ranges, hand the request over) and the
 * chart-render thread's part (rebuild the display series, JFreeChart draws into the image). Target: under 16 ms at
 * 100k. Prints; never fails on timing. Run:
 * mvn -o test -Dtest=TrainingChartsFxBenchmark -DexcludedTestGroups=none
 */
@Tag("benchmark")
@ExtendWith(ApplicationExtension.class)
class TrainingChartsFxBenchmark {
    private TrainingCharts charts;

    @Start
    void start(Stage stage) {
        charts = new TrainingCharts();
        stage.setScene(new Scene(charts, 1200, 700));
        stage.show();
    }

    @Test
    void redrawAt10kAnd100kPoints(FxRobot robot) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%nbatches | full: FX ms | full: render ms | decimated: FX ms | decimated: render ms | ratio"
                        + "   (loss chart: 4 series)%n"));
        // Round 0 warms the JIT up on both sizes; only round 1 goes into the table.
        for (int round = 0; round < 2; round++) {
            for (int n : new int[] {10_000, 100_000}) {
                measure(robot, n, round == 1 ? table : new StringBuilder());
            }
        }
        System.out.println(table);
        System.out.printf(java.util.Locale.ROOT, "machine: %d cores, load average %.1f (timings scale with load)%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private void measure(FxRobot robot, int n, StringBuilder table) {
        {
            robot.interact(() -> {
                charts.model().clear();
                Random r = new Random(n);
                for (int i = 1; i <= n; i++) {
                    charts.model().accept(new BatchMetrics(1 + (i - 1) / 1000, i, 1 + (i - 1) % 1000, 1000,
                            2 * Math.exp(-i / (n / 5.0)) + 0.2 * r.nextDouble(), 1e-3, 1, 1, false, 1));
                }
            });
            double[] fx = new double[2];
            double[] render = new double[2];
            for (int mode = 0; mode < 2; mode++) {
                boolean decimate = mode == 1;
                int m = mode;
                robot.interact(() -> {
                    charts.setDecimation(decimate);
                    fx[m] = time(() -> charts.refresh(ChartKind.LOSS));
                });
                double[] ms = new double[5];
                for (int i = 0; i < ms.length; i++) {
                    robot.interact(() -> charts.refresh(ChartKind.LOSS));
                    try {
                        charts.drawn().get(120, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    ms[i] = charts.lastRenderMillis(ChartKind.LOSS);
                }
                Arrays.sort(ms);
                render[mode] = ms[ms.length / 2];
            }
            table.append(String.format(Locale.ROOT, "%7d | %9.2f | %13.2f | %9.2f | %13.2f | %5.1fx%n", n, fx[0],
                    render[0], fx[1], render[1], (fx[0] + render[0]) / (fx[1] + render[1])));
        }
    }

    private static double time(Runnable r) {
        double[] ms = new double[5];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
