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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
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

    /** Waits until every redraw asked for so far has been drawn on the render thread and shown. */
    private void drawn() throws Exception {
        charts.drawn().get(60, TimeUnit.SECONDS);
    }

    @Test
    void drawsDecimatedSeriesTogglesScalesAndExports(FxRobot robot, @TempDir Path dir) throws Exception {
        drawn();
        assertEquals(4, (int) charts.inspect(ChartKind.LOSS, c -> c.getXYPlot().getDataset().getSeriesCount()),
                "the loss chart has its four series from the start");
        long redrawsBefore = charts.redrawCount(ChartKind.LOSS);
        long framesBefore = charts.framesShown(ChartKind.LOSS);
        feedRun(robot);
        assertEquals(EPOCHS * BATCHES, charts.model().batchCount());
        long redraws = charts.redrawCount(ChartKind.LOSS) - redrawsBefore;
        int flushes = (int) Math.ceil((EPOCHS * (BATCHES + 1) + 1) / 400.0);
        assertTrue(redraws >= flushes && redraws <= flushes + 2, "one redraw per flush: " + redraws + " for "
                + flushes + " flushes");
        drawn();
        long frames = charts.framesShown(ChartKind.LOSS) - framesBefore;
        assertTrue(frames >= 1 && frames <= redraws, "redraws coalesce on the render thread: " + frames
                + " frames for " + redraws + " requests");
        long settled = charts.redrawCount(ChartKind.LOSS);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        drawn();
        assertEquals(settled, charts.redrawCount(ChartKind.LOSS), "no redraw loop when idle");
        robot.interact(() -> charts.refreshAll());
        drawn();

        assertEquals(4, (int) charts.inspect(ChartKind.LOSS, c -> c.getXYPlot().getDataset().getSeriesCount()));
        int raw = charts.displayedPoints(ChartKind.LOSS, "batch_loss");
        int width = (int) charts.chartView(ChartKind.LOSS).getWidth();
        assertTrue(raw > 200 && raw < EPOCHS * BATCHES && raw <= 2 * width + 4,
                "2000 stored points drawn as " + raw + " decimated points on a " + width + " px chart");
        assertEquals(raw, (int) charts.inspect(ChartKind.LOSS, c -> c.getXYPlot().getDataset().getItemCount(0)),
                "the drawn chart holds the decimated points");
        assertEquals(EPOCHS, charts.displayedPoints(ChartKind.LOSS, "val_loss"));
        assertEquals(EPOCHS, charts.displayedPoints(ChartKind.LOSS, "train_loss"));
        assertEquals(1, (int) charts.inspect(ChartKind.METRIC, c -> c.getXYPlot().getDataset().getSeriesCount()));
        assertEquals(EPOCHS, charts.displayedPoints(ChartKind.METRIC, "val_accuracy"));
        assertEquals(2, (int) charts.inspect(ChartKind.GRADIENT_NORM,
                c -> c.getXYPlot().getDataset().getSeriesCount()));
        assertTrue(charts.displayedPoints(ChartKind.LEARNING_RATE, "learning_rate") > 200);

        // Early stopping: best at epoch 2 (0.9), patience window with one epoch left after epochs 3 and 4.
        assertEquals(1, (int) charts.inspect(ChartKind.LOSS, c -> c.getXYPlot().getAnnotations().size()),
                "the best point is marked");
        assertEquals(1, (int) charts.inspect(ChartKind.LOSS,
                c -> c.getXYPlot().getDomainMarkers(Layer.BACKGROUND).size()), "patience window");
        assertEquals(1, (int) charts.inspect(ChartKind.LOSS,
                c -> c.getXYPlot().getRangeMarkers(Layer.FOREGROUND).size()), "min_delta line");
        assertEquals(0.85, charts.inspect(ChartKind.LOSS, c -> ((ValueMarker) c.getXYPlot()
                .getRangeMarkers(Layer.FOREGROUND).iterator().next()).getValue()), 1e-12);
        assertNull(charts.statusText(ChartKind.LOSS));

        // Crosshair: the cursor over the plot shows the stored values nearest to it.
        robot.moveTo(charts.chartView(ChartKind.LOSS));
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
        drawn();
        Range clipped = charts.inspect(ChartKind.LOSS, c -> c.getXYPlot().getRangeAxis().getRange());
        assertTrue(clipped.getUpperBound() < rawMax, "outliers cut the early spike: " + clipped + " vs " + rawMax);

        robot.clickOn("Log scale");
        assertTrue(charts.model().logScaleProperty().get());
        drawn();
        assertInstanceOf(LogarithmicAxis.class, charts.inspect(ChartKind.LOSS, c -> c.getXYPlot().getRangeAxis()));
        robot.clickOn("Log scale");
        robot.clickOn("Ignore outliers");
        drawn();
        assertInstanceOf(NumberAxis.class, charts.inspect(ChartKind.LOSS, c -> c.getXYPlot().getRangeAxis()));
        assertTrue((boolean) charts.inspect(ChartKind.LOSS, c -> c.getXYPlot().getRangeAxis().isAutoRange()));

        RunFinished finished = new RunFinished(RunStatus.FINISHED, StopReason.PATIENCE_EXHAUSTED,
                "val_loss did not improve by 0.05 for 3 epochs; best 0.9 at epoch 2", EPOCHS, 2, 0.9, "val_loss",
                null, null);
        robot.interact(() -> charts.model().acceptAll(List.of(finished)));
        String status = charts.statusText(ChartKind.LOSS);
        assertNotNull(status);
        assertTrue(status.contains("patience exhausted") && status.contains("best 0.9 at epoch 2"), status);
        drawn();
        assertEquals(status, charts.inspect(ChartKind.LOSS, c -> ((TextTitle) c.getSubtitle(0)).getText()),
                "the stop reason is written on the drawn chart");

        Path png = dir.resolve("loss.png");
        Path csv = dir.resolve("loss.csv");
        List<CompletableFuture<Path>> export = new ArrayList<>();
        List<CompletableFuture<Integer>> rows = new ArrayList<>();
        robot.interact(() -> {
            export.add(charts.exportPng(ChartKind.LOSS, png, 900, 500));
            rows.add(charts.exportCsv(ChartKind.LOSS, csv));
        });
        assertEquals(png, export.get(0).get(60, TimeUnit.SECONDS));
        assertEquals(2 * EPOCHS * BATCHES + 2 * EPOCHS, rows.get(0).get(60, TimeUnit.SECONDS));
        // A PNG that cannot be written fails the future with the file named, for the window's alert.
        Path nowhere = dir.resolve("missing-folder").resolve("loss.png");
        List<CompletableFuture<Path>> failed = new ArrayList<>();
        robot.interact(() -> failed.add(charts.exportPng(ChartKind.LOSS, nowhere, 900, 500)));
        java.util.concurrent.ExecutionException ex = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> failed.get(0).get(60, TimeUnit.SECONDS));
        assertInstanceOf(java.io.UncheckedIOException.class, ex.getCause());
        assertTrue(ex.getCause().getCause().getMessage().contains("missing-folder"), ex.getCause().toString());
        assertFalse(Files.exists(nowhere));
        List<CompletableFuture<Integer>> failedCsv = new ArrayList<>();
        robot.interact(() -> failedCsv.add(charts.exportCsv(ChartKind.LOSS, dir.resolve("missing-folder/x.csv"))));
        ex = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                () -> failedCsv.get(0).get(60, TimeUnit.SECONDS));
        assertTrue(ex.getCause().getMessage().contains("missing-folder"), ex.getCause().toString());
        try (var left = Files.list(dir)) {
            assertEquals(List.of("loss.csv", "loss.png"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "failed exports leave no temporary file behind");
        }
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "the PNG decodes");
        assertEquals(900, image.getWidth());
        assertEquals(500, image.getHeight());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(ChartCsv.HEADER, lines.get(0));
        assertEquals(1 + 2 * EPOCHS * BATCHES + 2 * EPOCHS, lines.size());

        robot.interact(() -> charts.setDarkTheme(true));
        drawn();
        assertEquals(ChartTheme.DARK.background(), charts.inspect(ChartKind.LOSS, c -> c.getBackgroundPaint()));
        assertEquals(ChartTheme.withAlpha(ChartTheme.DARK.plotBackground(), 215), charts.inspect(ChartKind.LOSS,
                c -> c.getXYPlot().getRangeMarkers(Layer.FOREGROUND).iterator().next().getLabelBackgroundColor()),
                "the marks are drawn in the dark colours too");
        assertTrue(charts.isDarkTheme());
    }

    @Test
    void draggingZoomsDraggingLeftShowsAllAndTheWheelZooms(FxRobot robot) throws Exception {
        feedRun(robot);
        drawn();
        Range all = charts.inspect(ChartKind.LOSS, c -> c.getXYPlot().getDomainAxis().getRange());
        Region view = charts.chartView(ChartKind.LOSS);
        java.awt.geom.Rectangle2D area = charts.dataArea(ChartKind.LOSS);
        assertNotNull(area, "a drawn frame tells where its plot is");
        double y = area.getCenterY();
        // Drag right across the middle third of the plot: the x axis shows about that third.
        robot.moveTo(view.localToScreen(area.getMinX() + area.getWidth() / 3, area.getMinY() + 10))
                .press(MouseButton.PRIMARY)
                .moveTo(view.localToScreen(area.getMinX() + 2 * area.getWidth() / 3, area.getMaxY() - 10))
                .release(MouseButton.PRIMARY);
        drawn();
        assertTrue(charts.isDomainZoomed(ChartKind.LOSS));
        Range zoomed = charts.inspect(ChartKind.LOSS, c -> c.getXYPlot().getDomainAxis().getRange());
        assertEquals(all.getLength() / 3, zoomed.getLength(), all.getLength() * 0.05, "zoomed to " + zoomed);
        assertTrue(zoomed.getLowerBound() > all.getLowerBound() && zoomed.getUpperBound() < all.getUpperBound());
        int shownPoints = charts.displayedPoints(ChartKind.LOSS, "batch_loss");
        assertTrue(shownPoints > 200, "the zoomed range is decimated anew, not cropped: " + shownPoints);

        // The wheel zooms out around the cursor.
        robot.moveTo(view.localToScreen(area.getCenterX(), y)).scroll(1, javafx.geometry.VerticalDirection.DOWN);
        drawn();
        Range wheeled = charts.inspect(ChartKind.LOSS, c -> c.getXYPlot().getDomainAxis().getRange());
        assertTrue(Math.abs(wheeled.getLength() - zoomed.getLength()) > zoomed.getLength() * 0.1,
                "the wheel changed the zoom: " + zoomed + " -> " + wheeled);

        // Ctrl-drag pans: dragging right by a quarter of the plot moves the x range left by a quarter of its length.
        Range beforePan = wheeled;
        robot.press(javafx.scene.input.KeyCode.CONTROL)
                .moveTo(view.localToScreen(area.getMinX() + area.getWidth() / 2, y))
                .press(MouseButton.PRIMARY)
                .moveTo(view.localToScreen(area.getMinX() + 3 * area.getWidth() / 4, y))
                .release(MouseButton.PRIMARY)
                .release(javafx.scene.input.KeyCode.CONTROL);
        drawn();
        Range panned = charts.inspect(ChartKind.LOSS, c -> c.getXYPlot().getDomainAxis().getRange());
        assertEquals(beforePan.getLength(), panned.getLength(), beforePan.getLength() * 1e-9, "panning keeps the zoom");
        assertEquals(beforePan.getLowerBound() - beforePan.getLength() / 4, panned.getLowerBound(),
                beforePan.getLength() * 0.02, "moved by a quarter: " + beforePan + " -> " + panned);

        // Dragging leftwards shows all the data again.
        robot.moveTo(view.localToScreen(area.getMinX() + 2 * area.getWidth() / 3, y))
                .press(MouseButton.PRIMARY)
                .moveTo(view.localToScreen(area.getMinX() + area.getWidth() / 3, y))
                .release(MouseButton.PRIMARY);
        drawn();
        assertFalse(charts.isDomainZoomed(ChartKind.LOSS));
        assertEquals(all, charts.inspect(ChartKind.LOSS, c -> c.getXYPlot().getDomainAxis().getRange()));
    }

    @Test
    void anExportDrawsTheChartAsItWasWhenAskedEvenIfLaterChangesArriveFirst(FxRobot robot, @TempDir Path dir)
            throws Exception {
        feedRun(robot);
        drawn();
        // Hold the render thread, so both exports and every change between them queue up behind it.
        Thread holder = new Thread(() -> charts.inspect(ChartKind.LOSS, c -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holder.start();
        Thread.sleep(100);
        Path linear = dir.resolve("linear.png");
        Path log = dir.resolve("log.png");
        List<CompletableFuture<Path>> exports = new ArrayList<>();
        robot.interact(() -> {
            exports.add(charts.exportPng(ChartKind.LOSS, linear, 800, 500));
            charts.model().logScaleProperty().set(true);
            exports.add(charts.exportPng(ChartKind.LOSS, log, 800, 500));
            charts.model().logScaleProperty().set(false);
        });
        for (CompletableFuture<Path> f : exports) {
            f.get(60, TimeUnit.SECONDS);
        }
        holder.join();
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(linear), Files.readAllBytes(log)),
                "the second export has the log axis asked for at its time, not the chart's final state");
        drawn();
        assertInstanceOf(NumberAxis.class, charts.inspect(ChartKind.LOSS, c -> c.getXYPlot().getRangeAxis()),
                "after the exports the chart shows its latest state again");
    }

    @Test
    void aWindowOnAScreenWithAnotherOutputScaleGetsAnImageWithThatManyPixels(FxRobot robot) throws Exception {
        feedRun(robot);
        drawn();
        int width = (int) Math.floor(charts.chartView(ChartKind.LOSS).getWidth());
        assertEquals(width, charts.shownImageWidth(ChartKind.LOSS));
        javafx.stage.Window window = charts.getScene().getWindow();
        try {
            robot.interact(() -> window.setRenderScaleX(2));
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            drawn();
            assertEquals(2 * width, charts.shownImageWidth(ChartKind.LOSS), 2, "drawn again at twice the pixels");
        } finally {
            robot.interact(() -> window.setRenderScaleX(1));
        }
    }

    @Test
    void aFailedExportShowsOneAlertNamingTheFile(FxRobot robot) {
        java.io.File file = new java.io.File("/no/such/folder/loss.png");
        robot.interact(() -> TrainingCharts.reportFailure(CompletableFuture.failedFuture(
                new java.util.concurrent.CompletionException(new java.io.UncheckedIOException(new java.io.IOException(
                        "Could not write " + file + ": no such folder")))), file));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane")
                .queryAs(javafx.scene.control.DialogPane.class);
        assertEquals("Export failed", pane.getHeaderText());
        assertEquals("Could not write " + file + ": no such folder", pane.getContentText(), "the file is named once");
        robot.interact(() -> ((javafx.stage.Stage) pane.getScene().getWindow()).close());
    }

    @Test
    void selectingAStaleTabRedrawsItAndXAxisSwitchesToEpochs(FxRobot robot) throws Exception {
        feedRun(robot);
        // Only the visible tab redraws per flush; a hidden one catches up when selected.
        robot.interact(() -> charts.select(ChartKind.GRADIENT_NORM));
        drawn();
        assertTrue(charts.displayedPoints(ChartKind.GRADIENT_NORM, "grad_norm_after") > 200);
        robot.interact(() -> {
            charts.select(ChartKind.LOSS);
            charts.model().xAxisUnitProperty().set(XAxisUnit.EPOCHS);
        });
        drawn();
        assertEquals("epoch", charts.inspect(ChartKind.LOSS, c -> c.getXYPlot().getDomainAxis().getLabel()));
        Range range = charts.inspect(ChartKind.LOSS, c -> c.getXYPlot().getDomainAxis().getRange());
        // In epochs, and wide enough to show the patience window's end: best epoch 2 + patience 3.
        assertTrue(range.getUpperBound() >= 5 && range.getUpperBound() <= 5.5, "x axis in epochs: " + range);
    }

    @Test
    void overlayShowsOneCurvePerRunWithALegend(FxRobot robot) throws Exception {
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
        overlay.drawn().get(60, TimeUnit.SECONDS);
        assertEquals(2, (int) overlay.inspect(c -> c.getXYPlot().getDataset().getSeriesCount()));
        assertEquals(7, (int) overlay.inspect(c -> c.getXYPlot().getDataset().getItemCount(1)));
        assertEquals(2, (int) overlay.inspect(c -> c.getLegend().getSources()[0].getLegendItems().getItemCount()));
        robot.interact(() -> overlay.setMetric("val_accuracy"));
        assertEquals(0.8, overlay.inspect(c -> c.getXYPlot().getDataset().getYValue(1, 6)), 1e-12);
        assertEquals("Run comparison: val_accuracy", overlay.inspect(c -> c.getTitle().getText()));
        robot.interact(() -> overlay.showRuns(List.of(new RunCurves("gru lr=3e-4", b))));
        assertEquals(1, (int) overlay.inspect(c -> c.getXYPlot().getDataset().getSeriesCount()));
        assertThrows(IllegalArgumentException.class, () -> overlay.setMetric("no_such_metric"));
        robot.interact(() -> charts.showLive());
        assertFalse(charts.getCenter() instanceof RunComparisonChart);
    }
}
