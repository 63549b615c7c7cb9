package dev.tunebench.app.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.event.BatchMetrics;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.RunFinished;
import dev.tunebench.engine.event.RunStatus;
import dev.tunebench.engine.event.StopReason;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The live charts in a real Stage on headless Monocle, fed like the GUI feeds them. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class TrainingChartsUiTest {
    private static final int EPOCHS = 4;
    private static final int BATCHES = 500;
    private static final double[] VAL = {1.2, 0.9, 0.95, 0.97};

    private TrainingCharts charts;

    @Start
    void start(Stage stage) {
        charts = new TrainingCharts();
        stage.setScene(new Scene(charts, 1000, 650));
        stage.show();
    }

    private void feedRun(FxRobot robot) {
        List<Object> events = new ArrayList<>();
        events.add(ChartEvents.started(new MonitorSpec("val_loss", MonitorSpec.Mode.MIN, 0.05), 3, BATCHES));
        for (int e = 1; e <= EPOCHS; e++) {
            List<BatchMetrics> batches = ChartEvents.batches(e, 1, BATCHES, e);
            events.addAll(batches);
            events.add(ChartEvents.epoch(e, VAL[e - 1] + 0.1, VAL[e - 1], 0.6 + 0.05 * e));
        }
        // One coalesced flush per ~400 events, as the GUI's queue drains them.
        for (int i = 0; i < events.size(); i += 400) {
            List<Object> chunk = events.subList(i, Math.min(events.size(), i + 400));
            robot.interact(() -> charts.model().acceptAll(chunk));
        }
    }

    @Test
    void drawsDecimatedSeriesTogglesScalesAndExports(FxRobot robot, @TempDir Path dir) throws Exception {
        long updatesBefore = charts.chart(ChartKind.LOSS).getXYPlot().getDataset().getSeriesCount();
        assertEquals(4, updatesBefore, "the loss chart has its four series from the start");
        long redrawsBefore = charts.redrawCount(ChartKind.LOSS);
        feedRun(robot);
        assertEquals(EPOCHS * BATCHES, charts.model().batchCount());
        long redraws = charts.redrawCount(ChartKind.LOSS) - redrawsBefore;
        int flushes = (int) Math.ceil((EPOCHS * (BATCHES + 1) + 1) / 400.0);
        assertTrue(redraws >= flushes && redraws <= flushes + 2, "one redraw per flush: " + redraws + " for "
                + flushes + " flushes");
        long settled = charts.redrawCount(ChartKind.LOSS);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertEquals(settled, charts.redrawCount(ChartKind.LOSS), "no redraw loop when idle");
        robot.interact(() -> charts.refreshAll());

        XYPlot loss = charts.chart(ChartKind.LOSS).getXYPlot();
        assertEquals(4, loss.getDataset().getSeriesCount());
        int raw = charts.displayedPoints(ChartKind.LOSS, "batch_loss");
        int width = (int) charts.viewer(ChartKind.LOSS).getWidth();
        assertTrue(raw > 200 && raw < EPOCHS * BATCHES && raw <= 2 * width + 4,
                "2000 stored points drawn as " + raw + " decimated points on a " + width + " px chart");
        assertEquals(EPOCHS, charts.displayedPoints(ChartKind.LOSS, "val_loss"));
        assertEquals(EPOCHS, charts.displayedPoints(ChartKind.LOSS, "train_loss"));
        assertEquals(1, charts.chart(ChartKind.METRIC).getXYPlot().getDataset().getSeriesCount());
        assertEquals(EPOCHS, charts.displayedPoints(ChartKind.METRIC, "val_accuracy"));
        assertEquals(2, charts.chart(ChartKind.GRADIENT_NORM).getXYPlot().getDataset().getSeriesCount());
        assertTrue(charts.displayedPoints(ChartKind.LEARNING_RATE, "learning_rate") > 200);

        // Early stopping: best at epoch 2 (0.9), patience window with one epoch left after epochs 3 and 4.
        assertEquals(1, loss.getAnnotations().size(), "the best point is marked");
        assertEquals(1, loss.getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND).size(), "patience window");
        assertEquals(1, loss.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND).size(), "min_delta line");
        assertEquals(0.85, ((org.jfree.chart.plot.ValueMarker) loss.getRangeMarkers(
                org.jfree.chart.ui.Layer.FOREGROUND).iterator().next()).getValue(), 1e-12);
        assertNull(charts.statusText(ChartKind.LOSS));

        // Crosshair: the cursor over the plot shows the stored values nearest to it.
        robot.moveTo(charts.viewer(ChartKind.LOSS));
        String shown = charts.visibleCrosshairText(ChartKind.LOSS);
        assertNotNull(shown, "moving the mouse over the plot shows the read-out");
        assertTrue(shown.startsWith("step ") && shown.contains("train loss (smoothed): "), shown);
        String text = charts.crosshairText(ChartKind.LOSS, 1000);
        assertTrue(text.startsWith("step 1000") && text.contains("eval loss (epoch): 0.9"), text);

        double rawMax = 0;
        for (int i = 0; i < 200; i++) {
            rawMax = Math.max(rawMax, charts.model().series(ChartKind.LOSS).get(0).values()[i]);
        }
        robot.clickOn("Ignore outliers");
        assertTrue(charts.model().ignoreOutliersProperty().get());
        Range clipped = loss.getRangeAxis().getRange();
        assertTrue(clipped.getUpperBound() < rawMax, "outliers cut the early spike: " + clipped + " vs " + rawMax);

        robot.clickOn("Log scale");
        assertTrue(charts.model().logScaleProperty().get());
        assertInstanceOf(LogarithmicAxis.class, loss.getRangeAxis());
        robot.clickOn("Log scale");
        robot.clickOn("Ignore outliers");
        assertInstanceOf(NumberAxis.class, loss.getRangeAxis());
        assertTrue(loss.getRangeAxis().isAutoRange());

        RunFinished finished = new RunFinished(RunStatus.FINISHED, StopReason.PATIENCE_EXHAUSTED,
                "val_loss did not improve by 0.05 for 3 epochs; best 0.9 at epoch 2", EPOCHS, 2, 0.9, "val_loss",
                null, null);
        robot.interact(() -> charts.model().acceptAll(List.of(finished)));
        String status = charts.statusText(ChartKind.LOSS);
        assertNotNull(status);
        assertTrue(status.contains("patience exhausted") && status.contains("best 0.9 at epoch 2"), status);

        Path png = dir.resolve("loss.png");
        Path csv = dir.resolve("loss.csv");
        robot.interact(() -> {
            try {
                charts.exportPng(ChartKind.LOSS, png, 900, 500);
                assertEquals(2 * EPOCHS * BATCHES + 2 * EPOCHS, charts.exportCsv(ChartKind.LOSS, csv));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "the PNG decodes");
        assertEquals(900, image.getWidth());
        assertEquals(500, image.getHeight());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(ChartCsv.HEADER, lines.get(0));
        assertEquals(1 + 2 * EPOCHS * BATCHES + 2 * EPOCHS, lines.size());

        robot.interact(() -> charts.setDarkTheme(true));
        assertEquals(ChartTheme.DARK.background(), charts.chart(ChartKind.LOSS).getBackgroundPaint());
        assertTrue(charts.isDarkTheme());
    }

    @Test
    void selectingAStaleTabRedrawsItAndXAxisSwitchesToEpochs(FxRobot robot) {
        feedRun(robot);
        // Only the visible tab redraws per flush; a hidden one catches up when selected.
        robot.interact(() -> charts.select(ChartKind.GRADIENT_NORM));
        assertTrue(charts.displayedPoints(ChartKind.GRADIENT_NORM, "grad_norm_after") > 200);
        robot.interact(() -> {
            charts.select(ChartKind.LOSS);
            charts.model().xAxisUnitProperty().set(XAxisUnit.EPOCHS);
        });
        XYPlot loss = charts.chart(ChartKind.LOSS).getXYPlot();
        assertEquals("epoch", loss.getDomainAxis().getLabel());
        double upper = loss.getDomainAxis().getRange().getUpperBound();
        // In epochs, and wide enough to show the patience window's end: best epoch 2 + patience 3.
        assertTrue(upper >= 5 && upper <= 5.5, "x axis in epochs: " + loss.getDomainAxis().getRange());
    }

    @Test
    void overlayShowsOneCurvePerRunWithALegend(FxRobot robot) {
        List<EpochMetrics> a = new ArrayList<>();
        List<EpochMetrics> b = new ArrayList<>();
        for (int e = 1; e <= 6; e++) {
            a.add(ChartEvents.epoch(e, 1.0 / e, 1.1 / e, 0.5 + e * 0.05));
            b.add(ChartEvents.epoch(e, 0.8 / e, 1.3 / e, 0.4 + e * 0.05));
        }
        b.add(ChartEvents.epoch(7, 0.1, 0.2, 0.8));
        robot.interact(() -> charts.showRuns(List.of(new RunCurves("lstm lr=1e-3", a), new RunCurves("gru lr=3e-4", b))));
        RunComparisonChart overlay = charts.runComparison();
        assertEquals("val_loss", overlay.metric());
        assertEquals(2, overlay.chart().getXYPlot().getDataset().getSeriesCount());
        assertEquals(7, overlay.chart().getXYPlot().getDataset().getItemCount(1));
        assertEquals(2, overlay.chart().getLegend().getSources()[0].getLegendItems().getItemCount());
        double[] last = new double[1];
        robot.interact(() -> {
            overlay.setMetric("val_accuracy");
            last[0] = overlay.chart().getXYPlot().getDataset().getYValue(1, 6);
        });
        assertEquals(0.8, last[0], 1e-12);
        robot.interact(() -> overlay.showRuns(List.of(new RunCurves("gru lr=3e-4", b))));
        robot.interact(() -> assertEquals(1, overlay.chart().getXYPlot().getDataset().getSeriesCount()));
        assertThrows(IllegalArgumentException.class, () -> overlay.setMetric("no_such_metric"));
        robot.interact(() -> charts.showLive());
        assertFalse(charts.getCenter() instanceof RunComparisonChart);
    }
}
