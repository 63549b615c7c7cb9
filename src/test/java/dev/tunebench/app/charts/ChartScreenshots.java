package dev.tunebench.app.charts;

import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.RunFinished;
import dev.tunebench.engine.event.RunStatus;
import dev.tunebench.engine.event.StopReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Writes PNGs of every chart in light and dark colours for a scripted run that stops early, under
 * target/chart-screenshots/, to look at the charts without a screen. Run:
 * mvn -o test -Dtest=ChartScreenshots -DexcludedTestGroups=none
 */
@Tag("benchmark")
@ExtendWith(ApplicationExtension.class)
class ChartScreenshots {
    private TrainingCharts charts;

    @Start
    void start(Stage stage) {
        charts = new TrainingCharts();
        stage.setScene(new Scene(charts, 1100, 650));
        stage.show();
    }

    @Test
    void writeScreenshots(FxRobot robot) throws Exception {
        double[] val = {1.6, 1.1, 0.9, 0.82, 0.80, 0.81, 0.83, 0.86, 0.9};
        List<Object> events = new ArrayList<>();
        events.add(ChartEvents.started(new MonitorSpec("val_loss", MonitorSpec.Mode.MIN, 0.01), 4, 400));
        for (int e = 1; e <= val.length; e++) {
            events.addAll(ChartEvents.batches(e, 1, 400, e));
            events.add(ChartEvents.epoch(e, val[e - 1] * 0.9, val[e - 1], 0.45 + 0.04 * e));
        }
        events.add(new RunFinished(RunStatus.FINISHED, StopReason.PATIENCE_EXHAUSTED,
                "val_loss did not improve by 0.01 for 4 epochs; best 0.8 at epoch 5", val.length, 5, 0.80,
                "val_loss", null, null));
        Path dir = Path.of("target", "chart-screenshots");
        Files.createDirectories(dir);
        List<java.util.concurrent.CompletableFuture<Path>> written = new ArrayList<>();
        robot.interact(() -> {
            charts.model().acceptAll(events.subList(0, 7 * 401 + 1)); // mid-run: 7 epochs, patience window open
            written.add(charts.exportPng(ChartKind.LOSS, dir.resolve("loss-live.png"), 1000, 560));
            charts.model().acceptAll(events.subList(7 * 401 + 1, events.size()));
            for (boolean dark : new boolean[] {false, true}) {
                charts.setDarkTheme(dark);
                for (ChartKind kind : ChartKind.values()) {
                    String name = kind.name().toLowerCase() + (dark ? "-dark" : "") + ".png";
                    written.add(charts.exportPng(kind, dir.resolve(name), 1000, 560));
                }
            }
            charts.setDarkTheme(false);
            charts.model().logScaleProperty().set(true);
            written.add(charts.exportPng(ChartKind.LOSS, dir.resolve("loss-log.png"), 1000, 560));
            charts.model().logScaleProperty().set(false);
            List<EpochMetrics> a = new ArrayList<>();
            List<EpochMetrics> b = new ArrayList<>();
            for (int e = 1; e <= 9; e++) {
                a.add(ChartEvents.epoch(e, 1.0 / e, val[e - 1], 0.5));
                b.add(ChartEvents.epoch(e, 0.8 / e, 0.5 + 1.0 / e, 0.5));
            }
            charts.showRuns(List.of(new RunCurves("lstm lr=1e-3", a), new RunCurves("gru lr=3e-4", b)));
            written.add(charts.runComparison().exportPng(dir.resolve("overlay.png"), 1000, 560));
        });
        for (java.util.concurrent.CompletableFuture<Path> f : written) {
            f.get(60, java.util.concurrent.TimeUnit.SECONDS); // each export draws the chart as it was when asked
        }
        System.out.println("screenshots in " + dir.toAbsolutePath());
    }
}
