package dev.tunebench.app.charts;

import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.event.RunFinished;
import dev.tunebench.engine.event.RunStatus;
import dev.tunebench.engine.event.StopReason;
import dev.tunebench.engine.smoothing.DebiasedEma;
import java.awt.BasicStroke;
import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYDrawableAnnotation;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

/**
 * The live training charts: a toolbar (smoothing, log scale, ignore outliers, steps or epochs, reset zoom,
 * export) over four tabs (loss, eval metric, learning rate, gradient norm), drawn with JFreeChart-FX from a
 * {@link TrainingChartsModel}. Drag to zoom (drag left to zoom out), Ctrl- or Alt-drag to pan, the wheel zooms,
 * the crosshair shows the stored values under the cursor. Early stopping is drawn on the chart of the monitored
 * metric: the best point, the value a new epoch must beat (best - min_delta), the patience window with the
 * epochs left, and the stop reason once the run ends. The learning-rate chart draws the whole planned schedule
 * ({@link TrainingChartsModel#planProperty()}) with the trained rate over it, a "you are here" point at the last
 * step trained, and a mark wherever the trained rate departs from the plan (a plateau reduction, later a nudge).
 *
 * <p>Only the selected tab redraws on each model revision; the others redraw when selected. All methods run on
 * the FX thread except {@link #inspect}; JFreeChart itself draws on the chart-render thread (see ChartPane).
 */
public final class TrainingCharts extends BorderPane {
    /** The learning-rate chart marks at most this many (the newest) departures from the plan. */
    static final int MAX_DEPARTURE_MARKS = 12;
    private final TrainingChartsModel model;
    private final Map<ChartKind, ChartPane> panes = new EnumMap<>(ChartKind.class);
    private final Map<ChartKind, Tab> tabs = new EnumMap<>(ChartKind.class);
    private final Map<ChartKind, Long> drawnRevision = new EnumMap<>(ChartKind.class);
    private final TabPane tabPane = new TabPane();
    private final Slider smoothing = new Slider(0, DebiasedEma.MAX_WEIGHT, TrainingChartsModel.DEFAULT_SMOOTHING);
    private final Label smoothingValue = new Label();
    private final CheckBox logScale = new CheckBox("Log scale");
    private final CheckBox ignoreOutliers = new CheckBox("Ignore outliers");
    private final ChoiceBox<XAxisUnit> xAxis = new ChoiceBox<>();
    private final Button resetZoom = new Button("Reset zoom");
    private final Button exportPng = new Button("Export PNG…");
    private final Button exportCsv = new Button("Export CSV…");
    // A flow pane wraps to a second row in a narrow window instead of truncating every label.
    private final FlowPane toolbar = new FlowPane(8, 4);
    private RunComparisonChart comparison;
    private boolean dark;

    /** Creates the charts with a model of their own. */
    public TrainingCharts() {
        this(new TrainingChartsModel());
    }

    /** Creates the charts for {@code model}. */
    public TrainingCharts(TrainingChartsModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
        refreshAll();
    }

    private void initializeParts() {
        for (ChartKind kind : ChartKind.values()) {
            ChartPane pane = new ChartPane(kind.title(), kind.axisLabel());
            pane.setOnZoom(() -> refresh(kind));
            panes.put(kind, pane);
            Tab tab = new Tab(kind.title(), pane.node());
            tab.setClosable(false);
            tab.setUserData(kind);
            tabs.put(kind, tab);
            tabPane.getTabs().add(tab);
        }
        smoothing.setBlockIncrement(0.05);
        smoothing.setPrefWidth(150);
        smoothing.setTooltip(new Tooltip("TensorBoard's debiased exponential moving average of the per-batch train "
                + "loss (0 = none, 0.999 = heaviest), computed on every stored point before display decimation."));
        smoothingValue.setMinWidth(42);
        logScale.setTooltip(new Tooltip("Logarithmic y axes: points at or below zero are not drawn."));
        ignoreOutliers.setTooltip(new Tooltip("Y axes span the 5th to 95th percentile of the visible data, so early "
                + "huge losses or spikes do not flatten the curve."));
        xAxis.getItems().setAll(XAxisUnit.values());
        xAxis.setConverter(new StringConverter<>() {
            @Override
            public String toString(XAxisUnit u) {
                return u == null ? "" : u == XAxisUnit.STEPS ? "Steps" : "Epochs";
            }

            @Override
            public XAxisUnit fromString(String s) {
                return "Epochs".equals(s) ? XAxisUnit.EPOCHS : XAxisUnit.STEPS;
            }
        });
        xAxis.setTooltip(new Tooltip("X axis in optimiser steps or in epochs"));
        resetZoom.setTooltip(new Tooltip("Show all data again (drag to zoom, Ctrl-drag to pan, wheel to zoom)"));
        exportPng.setTooltip(new Tooltip("Save the selected chart as a PNG image"));
        exportCsv.setTooltip(new Tooltip(
                "Save the selected chart's full-resolution data as CSV: series,step,epoch,value"));
    }

    private void layoutParts() {
        Label smoothingLabel = new Label("Smoothing");
        Label xLabel = new Label("X axis");
        toolbar.getChildren().setAll(smoothingLabel, smoothing, smoothingValue, separator(), logScale,
                ignoreOutliers, separator(), xLabel, xAxis, resetZoom, separator(), exportPng, exportCsv);
        for (javafx.scene.Node n : toolbar.getChildren()) {
            if (n instanceof javafx.scene.control.Labeled l) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(4, 8, 4, 8));
        toolbar.getStyleClass().add("chart-toolbar");
        tabPane.getStyleClass().add("chart-tabs");
        setTop(toolbar);
        setCenter(tabPane);
    }

    private static Separator separator() {
        Separator s = new Separator(javafx.geometry.Orientation.VERTICAL);
        s.setPrefHeight(20);
        return s;
    }

    private void setupBindings() {
        smoothing.valueProperty().bindBidirectional(model.smoothingProperty());
        smoothingValue.textProperty().bind(model.smoothingProperty().asString(Locale.ROOT, "%.3f"));
        logScale.selectedProperty().bindBidirectional(model.logScaleProperty());
        ignoreOutliers.selectedProperty().bindBidirectional(model.ignoreOutliersProperty());
        xAxis.valueProperty().bindBidirectional(model.xAxisUnitProperty());
    }

    private void setupEventHandlers() {
        model.revisionProperty().addListener((obs, old, rev) -> refresh(selectedChart()));
        tabPane.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> {
            if (tab != null) {
                ChartKind kind = (ChartKind) tab.getUserData();
                if (!Long.valueOf(model.revisionProperty().get()).equals(drawnRevision.get(kind))) {
                    refresh(kind);
                }
            }
        });
        resetZoom.setOnAction(e -> resetZoom());
        exportPng.setOnAction(e -> chooseAndExport(true));
        exportCsv.setOnAction(e -> chooseAndExport(false));
    }

    /**
     * Draws a synthetic chart a few dozen times on the chart-render thread, in the background, so the first training
     * run after launch does not pay for compiling the drawing code (the app calls it once its window is shown).
     */
    public static void warmUp() {
        ChartPane.warmUpRenderer();
    }

    /** Returns the model the charts draw. */
    public TrainingChartsModel model() {
        return model;
    }

    /**
     * Reads the JFreeChart of {@code kind} as last drawn, on the chart-render thread that owns it; waits for it, so
     * never call it on the FX thread (tests use it).
     */
    <T> T inspect(ChartKind kind, Function<JFreeChart, T> reader) {
        return panes.get(kind).inspect(reader);
    }

    /**
     * Returns the labels of the vertical markers on {@code kind}'s chart as last drawn (e.g. "you are here: ...",
     * "lr ×0.5 of plan"), for tests and tools. Waits for the chart-render thread: never call it on the FX thread.
     */
    public List<String> domainMarkerLabels(ChartKind kind) {
        return inspect(kind, chart -> {
            java.util.Collection<?> markers = chart.getXYPlot().getDomainMarkers(Layer.FOREGROUND);
            List<String> out = new java.util.ArrayList<>();
            if (markers != null) {
                for (Object m : markers) {
                    String label = ((org.jfree.chart.plot.Marker) m).getLabel();
                    if (label != null) {
                        out.add(label);
                    }
                }
            }
            return out;
        });
    }

    /** Returns the region that shows the chart of {@code kind} (mouse zoom, pan and crosshair act on it). */
    public Region chartView(ChartKind kind) {
        return panes.get(kind).surface();
    }

    /** Returns a future completed on the FX thread once every redraw asked for so far is on screen. */
    public CompletableFuture<Void> drawn() {
        CompletableFuture<?>[] all = panes.values().stream().map(ChartPane::drawn).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all);
    }

    /** Returns the render thread's time for the last frame of {@code kind} in ms (benchmarks). */
    public double lastRenderMillis(ChartKind kind) {
        return panes.get(kind).lastRenderMillis();
    }

    /** Returns the pixel width of the image {@code kind}'s chart shows now (the view's width times the output scale). */
    int shownImageWidth(ChartKind kind) {
        return panes.get(kind).shownImageWidth();
    }

    /** Returns how many drawn frames of {@code kind} reached the screen. */
    long framesShown(ChartKind kind) {
        return panes.get(kind).framesShown();
    }

    /** Returns the plot area of {@code kind}'s last drawn frame in its view's coordinates, or null before one. */
    java.awt.geom.Rectangle2D dataArea(ChartKind kind) {
        return panes.get(kind).drawnDataArea();
    }

    /** Returns whether the user has zoomed or panned the x axis of {@code kind}'s chart. */
    boolean isDomainZoomed(ChartKind kind) {
        return panes.get(kind).isDomainZoomed();
    }

    /** Returns the chart of the selected tab. */
    public ChartKind selectedChart() {
        Tab tab = tabPane.getSelectionModel().getSelectedItem();
        return tab == null ? ChartKind.LOSS : (ChartKind) tab.getUserData();
    }

    /** Selects the tab of {@code kind} (which redraws it if data arrived while it was hidden). */
    public void select(ChartKind kind) {
        tabPane.getSelectionModel().select(tabs.get(kind));
    }

    /** Returns the number of display (decimated) points of series {@code key} of {@code kind}, -1 if absent. */
    public int displayedPoints(ChartKind kind, String key) {
        return panes.get(kind).displayedPoints(key);
    }

    /** Switches display decimation on every chart (on by default; off only to measure what it saves). */
    void setDecimation(boolean decimate) {
        panes.values().forEach(p -> p.setDecimation(decimate));
    }

    /** Returns how many times the chart of {@code kind} was redrawn (tests check redraws are batched). */
    long redrawCount(ChartKind kind) {
        return panes.get(kind).updateCount();
    }

    /** Returns the stop reason line shown on {@code kind}'s chart, or null while the run goes on. */
    public String statusText(ChartKind kind) {
        return panes.get(kind).statusText();
    }

    /** Returns the crosshair read-out the cursor shows now on {@code kind}'s chart, or null when hidden. */
    String visibleCrosshairText(ChartKind kind) {
        return panes.get(kind).readoutLabelText();
    }

    /** Returns the crosshair read-out for x on the chart of {@code kind}, as the cursor would show it. */
    public String crosshairText(ChartKind kind, double x) {
        return panes.get(kind).readoutText(x);
    }

    /** Switches the charts to dark (true) or light colours. */
    public void setDarkTheme(boolean dark) {
        this.dark = dark;
        ChartTheme theme = ChartTheme.of(dark);
        for (ChartKind kind : ChartKind.values()) {
            panes.get(kind).applyTheme(theme);
            drawnRevision.remove(kind); // marker colours come from the theme
        }
        if (comparison != null) {
            comparison.setDarkTheme(dark);
        }
        refresh(selectedChart());
    }

    /** Returns whether the dark colours are in use. */
    public boolean isDarkTheme() {
        return dark;
    }

    /** Shows all data again on every chart. */
    public void resetZoom() {
        for (ChartPane pane : panes.values()) {
            pane.resetZoom();
        }
    }

    /** Redraws every chart now, selected or not. */
    public void refreshAll() {
        for (ChartKind kind : ChartKind.values()) {
            refresh(kind);
        }
    }

    /** Redraws the chart of {@code kind} from the model now. */
    public void refresh(ChartKind kind) {
        ChartPane pane = panes.get(kind);
        pane.update(model.series(kind), model.xAxisUnitProperty().get(), model.logScaleProperty().get(),
                model.ignoreOutliersProperty().get(), out -> decorate(kind, pane, out));
        drawnRevision.put(kind, model.revisionProperty().get());
    }

    /**
     * Saves the chart of {@code kind} as a PNG of {@code width} x {@code height} pixels; call on the FX thread. The
     * drawing and the writing happen on the chart-render thread: the future completes (or fails) when the file is
     * written.
     */
    public CompletableFuture<Path> exportPng(ChartKind kind, Path file, int width, int height) {
        refresh(kind);
        return panes.get(kind).exportPng(file, width, height);
    }

    /**
     * Saves the full-resolution data of {@code kind}'s chart as CSV; call on the FX thread. The data is copied now
     * and written in the background: the future holds the number of data rows.
     */
    public CompletableFuture<Integer> exportCsv(ChartKind kind, Path file) {
        return ChartCsv.writeInBackground(file, model.series(kind));
    }

    private void chooseAndExport(boolean png) {
        ChartKind kind = selectedChart();
        FileChooser chooser = new FileChooser();
        String base = (model.runIdProperty().get() == null ? "tunebench" : model.runIdProperty().get()) + "-"
                + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        chooser.setInitialFileName(base + (png ? ".png" : ".csv"));
        chooser.getExtensionFilters().add(png
                ? new FileChooser.ExtensionFilter("PNG image", "*.png")
                : new FileChooser.ExtensionFilter("CSV data", "*.csv"));
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file == null) {
            return;
        }
        Region v = chartView(kind);
        reportFailure(png ? exportPng(kind, file.toPath(), Math.max(800, (int) v.getWidth()),
                Math.max(500, (int) v.getHeight())) : exportCsv(kind, file.toPath()), file);
    }

    /** Shows an alert on the FX thread if the export {@code done} fails. */
    static void reportFailure(CompletableFuture<?> done, File file) {
        done.whenComplete((result, ex) -> {
            if (ex != null) {
                Platform.runLater(() -> exportFailed(file, ex));
            }
        });
    }

    /** Tells the user an export could not be written (the message names the file and the reason). */
    private static void exportFailed(File file, Throwable ex) {
        Throwable cause = ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null
                ? ex.getCause() : ex;
        if (cause instanceof java.io.UncheckedIOException u) {
            cause = u.getCause();
        }
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        // The writers already name the file ("Could not write <file>: ..."); say it once.
        Alert alert = new Alert(Alert.AlertType.ERROR, reason.contains(file.toString()) ? reason
                : "Could not write " + file + ": " + reason);
        alert.setHeaderText("Export failed");
        alert.show();
    }

    /**
     * Shows the epoch curves of several runs in one chart (the Runs panel's overlay) in place of the live tabs;
     * {@link #showLive()} returns to them.
     */
    public void showRuns(List<RunCurves> runs) {
        if (comparison == null) {
            comparison = new RunComparisonChart();
            comparison.setDarkTheme(dark);
        }
        comparison.showRuns(runs);
        setTop(null);
        setCenter(comparison);
    }

    /** Returns to the live charts after {@link #showRuns(List)}. */
    public void showLive() {
        setTop(toolbar);
        setCenter(tabPane);
        refresh(selectedChart());
    }

    /** Returns the overlay chart used by {@link #showRuns(List)}, or null before its first use. */
    public RunComparisonChart runComparison() {
        return comparison;
    }

    // Early stopping and the end of the run, drawn on the plot ----------------------------------------------------

    /**
     * Works out the early-stopping marks and the stop line from the model (FX thread) and hands the render thread
     * steps that build them as JFreeChart markers: the steps capture plain values only, never the model.
     */
    private void decorate(ChartKind kind, ChartPane pane, ChartRenderer.Decorations out) {
        ChartTheme theme = pane.theme();
        RunFinished finished = model.finishedProperty().get();
        pane.setStatus(finished == null ? null : stopText(finished));
        if (kind == ChartKind.LEARNING_RATE) {
            decorateLearningRate(theme, out);
        }
        if (kind != model.monitorChart()) {
            return;
        }
        EarlyStoppingMarks marks = model.earlyStoppingProperty().get();
        boolean log = model.logScaleProperty().get();
        if (marks != null && marks.hasBest()) {
            double bx = model.epochX(marks.bestEpoch());
            boolean min = marks.mode() == MonitorSpec.Mode.MIN;
            if (marks.patience() > 0) {
                double end = model.epochX(marks.patienceEndEpoch(), model.xAxisUnitProperty().get());
                pane.includeDomain(end);
                boolean exhausted = finished != null && finished.reason() == StopReason.PATIENCE_EXHAUSTED;
                String label = exhausted ? "patience exhausted" : "patience: " + marks.epochsLeft() + " of "
                        + marks.patience() + (marks.patience() == 1 ? " epoch" : " epochs") + " left";
                out.draw(plot -> {
                    IntervalMarker window = new IntervalMarker(bx, end, theme.patienceFill());
                    window.setLabel(label);
                    styleLabel(window, theme, theme.mutedText(), RectangleAnchor.TOP_LEFT, TextAnchor.TOP_LEFT, 6, 6);
                    plot.addDomainMarker(0, window, Layer.BACKGROUND, false);
                });
            }
            double threshold = marks.threshold();
            if (!log || threshold > 0) {
                String label = (min ? "to improve: < " : "to improve: > ") + CompactNumberFormat.text(threshold)
                        + (min ? "  (best − min_delta)" : "  (best + min_delta)");
                out.draw(plot -> {
                    ValueMarker line = new ValueMarker(threshold, theme.threshold(), new BasicStroke(1.2f,
                            BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
                    line.setLabel(label);
                    styleLabel(line, theme, theme.mutedText(),
                            min ? RectangleAnchor.BOTTOM_RIGHT : RectangleAnchor.TOP_RIGHT,
                            min ? TextAnchor.TOP_RIGHT : TextAnchor.BOTTOM_RIGHT, 4, 6);
                    plot.addRangeMarker(0, line, Layer.FOREGROUND, false);
                });
            }
            thresholdLine(out, marks.stoppingThreshold(), "stop at ", theme, log);
            thresholdLine(out, marks.divergenceThreshold(), "diverged past ", theme, log);
            if (!log || marks.best() > 0) {
                String label = "best " + CompactNumberFormat.text(marks.best()) + " @ epoch " + marks.bestEpoch();
                double by = marks.best();
                out.draw(plot -> {
                    XYPointerAnnotation best = new XYPointerAnnotation(label, bx, by, min ? -Math.PI / 4 : Math.PI / 4);
                    best.setFont(ChartRenderer.LABEL_FONT.deriveFont(java.awt.Font.BOLD));
                    best.setPaint(theme.best());
                    best.setArrowPaint(theme.best());
                    best.setArrowStroke(new BasicStroke(1.6f));
                    best.setArrowLength(12);
                    best.setBaseRadius(38);
                    best.setTipRadius(5);
                    best.setTextAnchor(min ? TextAnchor.BOTTOM_LEFT : TextAnchor.TOP_LEFT);
                    plot.addAnnotation(best, false);
                });
            }
        }
        if (finished != null && model.epochCount() > 0) {
            double lastX = model.epochX(model.lastEpoch());
            String label = finished.status() == RunStatus.FINISHED && finished.reason() == StopReason.COMPLETED
                    ? "end" : "stop";
            out.draw(plot -> {
                ValueMarker stop = new ValueMarker(lastX, theme.stop(), new BasicStroke(1.4f));
                stop.setLabel(label);
                // One line below the top, so it never covers the patience window's label when the run ends there.
                styleLabel(stop, theme, theme.stop(), RectangleAnchor.TOP_LEFT, TextAnchor.TOP_RIGHT, 24, 4);
                plot.addDomainMarker(0, stop, Layer.FOREGROUND, false);
            });
        }
    }

    /**
     * Marks the learning-rate chart: where the trained rate leaves the plan or changes its distance to it (the newest
     * {@value #MAX_DEPARTURE_MARKS}), and "you are here" at the last step trained while a run is active.
     */
    private void decorateLearningRate(ChartTheme theme, ChartRenderer.Decorations out) {
        boolean steps = model.xAxisUnitProperty().get() == XAxisUnit.STEPS;
        List<LrDeparture> departures = model.departures();
        int first = Math.max(0, departures.size() - MAX_DEPARTURE_MARKS);
        for (int i = first; i < departures.size(); i++) {
            LrDeparture d = departures.get(i);
            double x = steps ? d.step() : d.epoch();
            String label = d.label();
            double lift = 28 + 17 * ((i - first) % 4); // neighbouring marks' labels stand at different heights
            out.draw(plot -> {
                ValueMarker m = new ValueMarker(x, theme.stop(), new BasicStroke(1.0f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
                m.setLabel(label);
                styleLabel(m, theme, theme.stop(), RectangleAnchor.BOTTOM_RIGHT, TextAnchor.BOTTOM_LEFT, lift, 4);
                plot.addDomainMarker(0, m, Layer.FOREGROUND, false);
            });
        }
        double[] here = model.youAreHere();
        if (here == null || (model.logScaleProperty().get() && here[1] <= 0)) {
            return;
        }
        String where = steps ? "step " + (long) here[2]
                : "epoch " + CompactNumberFormat.text(here[3]) + " (step " + (long) here[2] + ")";
        String label = "you are here: " + where + ", lr " + CompactNumberFormat.text(here[1]);
        double x = here[0];
        double y = here[1];
        out.draw(plot -> {
            ValueMarker m = new ValueMarker(x, theme.text(), new BasicStroke(1.3f));
            m.setLabel(label);
            styleLabel(m, theme, theme.text(), RectangleAnchor.TOP_RIGHT, TextAnchor.TOP_LEFT, 6, 6);
            plot.addDomainMarker(0, m, Layer.FOREGROUND, false);
            plot.addAnnotation(new XYDrawableAnnotation(x, y, 11, 11, (g2, area) -> {
                java.awt.geom.Ellipse2D dot = new java.awt.geom.Ellipse2D.Double(area.getX(), area.getY(),
                        area.getWidth(), area.getHeight());
                g2.setPaint(theme.learningRate());
                g2.fill(dot);
                g2.setPaint(theme.text());
                g2.setStroke(new BasicStroke(1.5f));
                g2.draw(dot);
            }), false);
        });
    }

    private static void thresholdLine(ChartRenderer.Decorations out, Double value, String label, ChartTheme theme,
                                      boolean log) {
        if (value == null || !Double.isFinite(value) || (log && value <= 0)) {
            return;
        }
        String text = label + CompactNumberFormat.text(value);
        out.draw(plot -> {
            ValueMarker line = new ValueMarker(value, theme.stop(), new BasicStroke(1.0f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
            line.setLabel(text);
            styleLabel(line, theme, theme.stop(), RectangleAnchor.TOP_LEFT, TextAnchor.BOTTOM_LEFT, 2, 6);
            plot.addRangeMarker(0, line, Layer.FOREGROUND, false);
        });
    }

    /** Gives a marker's label the charts' one look: small font on a translucent plot-coloured background. */
    private static void styleLabel(org.jfree.chart.plot.Marker m, ChartTheme theme, java.awt.Paint paint,
                                   RectangleAnchor anchor, TextAnchor textAnchor, double vertical,
                                   double horizontal) {
        m.setLabelFont(ChartRenderer.SMALL_FONT);
        m.setLabelBackgroundColor(ChartTheme.withAlpha(theme.plotBackground(), 215));
        m.setLabelPaint(paint);
        m.setLabelAnchor(anchor);
        m.setLabelTextAnchor(textAnchor);
        m.setLabelOffset(new RectangleInsets(vertical, horizontal, vertical, horizontal));
    }

    /** Returns the line written on the charts when a run ends, e.g. "Stopped early (patience exhausted): ...". */
    static String stopText(RunFinished f) {
        String head = switch (f.reason()) {
            case COMPLETED -> "Finished: all epochs ran";
            case PATIENCE_EXHAUSTED -> "Stopped early (patience exhausted)";
            case STOPPING_THRESHOLD -> "Stopped: stopping threshold reached";
            case DIVERGENCE_THRESHOLD -> "Stopped: divergence threshold passed";
            case NON_FINITE_METRIC -> "Stopped: NaN or infinite value";
            case TIME_LIMIT -> "Stopped: time limit";
            case USER_REQUESTED -> "Stopped by the user";
            case ERROR -> "Failed";
        };
        String detail = f.status() == RunStatus.FAILED && f.error() != null ? f.error() : f.message();
        return detail == null || detail.isBlank() ? head : head + ": " + detail;
    }
}
