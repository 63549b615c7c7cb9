package dev.tunebench.app.charts;

import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.smoothing.GrowableDoubleArray;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import org.jfree.chart.JFreeChart;

/**
 * Several runs' epoch curves in one chart, one colour per run with a legend: the Runs panel's overlay. A
 * metric picker chooses the curve (val_loss first when present), with log scale, zoom, crosshair and export
 * like the live charts.
 */
public final class RunComparisonChart extends BorderPane {
    private final ChartPane pane = new ChartPane("Run comparison", "val_loss");
    private final ChoiceBox<String> metric = new ChoiceBox<>();
    private final CheckBox logScale = new CheckBox("Log scale");
    private final Button resetZoom = new Button("Reset zoom");
    private final Button exportPng = new Button("Export PNG…");
    private final Button exportCsv = new Button("Export CSV…");
    private List<RunCurves> runs = List.of();

    /** Creates an empty overlay chart. */
    public RunComparisonChart() {
        metric.setTooltip(new Tooltip("Metric to compare across the selected runs"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, new Label("Metric"), metric, logScale, resetZoom, spacer, exportPng, exportCsv);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.getStyleClass().add("chart-toolbar");
        setTop(bar);
        setCenter(pane.node());
        pane.setOnZoom(this::refresh);
        metric.valueProperty().addListener((obs, old, m) -> refresh());
        logScale.selectedProperty().addListener((obs, old, v) -> refresh());
        resetZoom.setOnAction(e -> pane.resetZoom());
        exportPng.setOnAction(e -> chooseAndExport(true));
        exportCsv.setOnAction(e -> chooseAndExport(false));
    }

    /** Shows {@code runs} (one curve each), keeping the chosen metric when a run has it, else val_loss. */
    public void showRuns(List<RunCurves> runs) {
        this.runs = List.copyOf(runs);
        Set<String> names = new LinkedHashSet<>();
        names.add("val_loss");
        names.add("train_loss");
        for (RunCurves r : runs) {
            for (EpochMetrics m : r.epochs()) {
                names.addAll(m.metrics().keySet());
            }
        }
        String keep = metric.getValue();
        metric.getItems().setAll(names);
        metric.setValue(keep != null && names.contains(keep) ? keep : "val_loss");
        refresh();
    }

    /** Returns how many times the chart was redrawn with new data (tests use it to see that an idle chart rests). */
    long redrawCount() {
        return pane.updateCount();
    }

    /** Returns the runs shown. */
    public List<RunCurves> runs() {
        return runs;
    }

    /** Chooses the metric compared; it must be one of {@link #metricChoices()}. */
    public void setMetric(String name) {
        if (!metric.getItems().contains(name)) {
            throw new IllegalArgumentException("no run has metric '" + name + "'; choose one of " + metric.getItems());
        }
        metric.setValue(name);
    }

    /** Returns the metric compared. */
    public String metric() {
        return metric.getValue();
    }

    /** Returns the metrics that can be compared. */
    public List<String> metricChoices() {
        return List.copyOf(metric.getItems());
    }

    /** Switches log scale on or off. */
    public void setLogScale(boolean log) {
        logScale.setSelected(log);
    }

    /** Switches to dark (true) or light colours. */
    public void setDarkTheme(boolean dark) {
        pane.applyTheme(ChartTheme.of(dark));
        refresh();
    }

    /** Returns whether the dark colours are in use. */
    public boolean isDarkTheme() {
        return pane.theme().dark();
    }

    /** Reads the chart as last drawn, on the chart-render thread; never call it on the FX thread (tests use it). */
    <T> T inspect(Function<JFreeChart, T> reader) {
        return pane.inspect(reader);
    }

    /** Returns a future completed on the FX thread once every redraw asked for so far is on screen. */
    public CompletableFuture<Void> drawn() {
        return pane.drawn();
    }

    /** Returns the region that shows the chart. */
    public Region chartView() {
        return pane.surface();
    }

    /** Returns one series per run for the chosen metric (x in epochs), as drawn. */
    public List<SeriesData> series() {
        String name = metric.getValue() == null ? "val_loss" : metric.getValue();
        List<SeriesData> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (RunCurves r : runs) {
            GrowableDoubleArray x = new GrowableDoubleArray(Math.max(1, r.epochs().size()));
            GrowableDoubleArray y = new GrowableDoubleArray(Math.max(1, r.epochs().size()));
            for (EpochMetrics m : r.epochs()) {
                x.add(m.epoch());
                y.add(value(m, name));
            }
            String key = r.name();
            for (int i = 2; !used.add(key); i++) {
                key = r.name() + " #" + i;
            }
            double[] steps = new double[x.size()];
            java.util.Arrays.fill(steps, Double.NaN); // epoch curves carry no step
            out.add(new SeriesData(key, key, SeriesStyle.RUN, steps, x.backingArray(), y.backingArray(), x.size()));
        }
        return out;
    }

    private static double value(EpochMetrics m, String name) {
        if (m.has(name)) {
            return m.metric(name);
        }
        return switch (name) {
            case "val_loss" -> m.valLoss();
            case "train_loss" -> m.trainLoss();
            default -> Double.NaN;
        };
    }

    /** Redraws from the runs. */
    public void refresh() {
        String name = metric.getValue() == null ? "val_loss" : metric.getValue();
        pane.setTitle("Run comparison: " + name);
        pane.setYLabel(name);
        pane.update(series(), XAxisUnit.EPOCHS, logScale.isSelected(), false, null);
    }

    /** Saves the chart as a PNG of {@code width} x {@code height} pixels on the chart-render thread; FX thread. */
    public CompletableFuture<Path> exportPng(Path file, int width, int height) {
        refresh();
        return pane.exportPng(file, width, height);
    }

    /**
     * Saves the curves as CSV (series,step,epoch,value; step empty) in the background; the future holds the number of
     * data rows.
     */
    public CompletableFuture<Integer> exportCsv(Path file) {
        return ChartCsv.writeInBackground(file, series());
    }

    private void chooseAndExport(boolean png) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("run-comparison-" + String.valueOf(metric.getValue()).toLowerCase(Locale.ROOT)
                + (png ? ".png" : ".csv"));
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file == null) {
            return;
        }
        TrainingCharts.reportFailure(png ? exportPng(file.toPath(), Math.max(800, (int) getWidth()),
                Math.max(500, (int) getHeight())) : exportCsv(file.toPath()), file);
    }
}
