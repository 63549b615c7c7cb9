package dev.tunebench.app.charts;

import dev.tunebench.engine.smoothing.Decimation;
import dev.tunebench.engine.smoothing.Percentiles;
import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.fx.interaction.PanHandlerFX;
import org.jfree.chart.fx.overlay.CrosshairOverlayFX;
import org.jfree.chart.plot.Crosshair;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One JFreeChart-FX chart fed with full-resolution series, drawn decimated. Each {@link #update} rebuilds the
 * display series of the visible x range with {@code add(x, y, false)}, fires one change per series with the
 * chart's notification off, and switches it back on once: JFreeChart-FX redraws synchronously on every chart
 * change, so this gives exactly one redraw per update. It also owns zoom tracking, the log axis, the outlier
 * range and the crosshair read-out.
 */
final class ChartPane {
    /** Above this many visible values the outlier percentiles use an evenly strided sample. */
    private static final int PERCENTILE_SAMPLE = 20_000;
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font SMALL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font STATUS_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);

    private final XYSeriesCollection dataset = new XYSeriesCollection();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final Map<String, XYSeries> byKey = new HashMap<>();
    private final List<SeriesStyle> styles = new ArrayList<>();
    private String yLabel;
    private final NumberAxis xAxis = new NumberAxis(XAxisUnit.STEPS.label());
    private final XYPlot plot;
    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final TextTitle status = new TextTitle("");
    private final Crosshair crosshair = new Crosshair(Double.NaN);
    private final Label readout = new Label();
    private final StackPane node;

    private ValueAxis yAxis;
    private ChartTheme theme = ChartTheme.LIGHT;
    private boolean updating;
    private boolean applyingRange;
    private boolean userDomainZoom;
    private boolean userRangeZoom;
    private boolean redecimatePending;
    private Runnable onZoom = () -> { };
    private List<SeriesData> lastSeries = List.of();
    private XAxisUnit lastUnit = XAxisUnit.STEPS;
    private long updates;
    private boolean decimate = true;
    private double domainUpperWanted = Double.NaN;

    ChartPane(String title, String yLabel) {
        this.yLabel = yLabel;
        yAxis = newNumberAxis(yLabel);
        xAxis.setAutoRangeIncludesZero(false);
        xAxis.setNumberFormatOverride(CompactNumberFormat.INSTANCE);
        xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // whole steps and epochs
        renderer.setDrawSeriesLineAsPath(true);
        plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setDomainPannable(true);
        plot.setRangePannable(true);
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
        plot.setDomainGridlineStroke(new BasicStroke(0.6f));
        plot.setRangeGridlineStroke(new BasicStroke(0.6f));
        chart = new JFreeChart(title, TITLE_FONT, plot, true);
        chart.setAntiAlias(true);
        status.setFont(STATUS_FONT);
        status.setPosition(RectangleEdge.TOP);
        status.setHorizontalAlignment(HorizontalAlignment.CENTER);
        status.setPadding(new RectangleInsets(2, 8, 4, 8));
        status.setVisible(false);
        chart.addSubtitle(0, status);
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(SMALL_FONT);
        legend.setFrame(new org.jfree.chart.block.BlockBorder(0, 0, 0, 0));
        viewer = new ChartViewer(chart);
        // Alt-drag pans by default, but desktops often take Alt-drag for moving windows: Ctrl-drag pans too.
        viewer.getCanvas().addMouseHandler(new PanHandlerFX("pan-ctrl", false, true, false, false));
        CrosshairOverlayFX overlay = new CrosshairOverlayFX();
        crosshair.setStroke(new BasicStroke(1f));
        overlay.addDomainCrosshair(crosshair);
        viewer.getCanvas().addOverlay(overlay);
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX event) {
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX event) {
                moveCrosshair(event.getTrigger().getX(), event.getTrigger().getY());
            }
        });
        viewer.setOnMouseExited(e -> hideCrosshair());
        readout.setMouseTransparent(true);
        readout.setVisible(false);
        readout.setPadding(new Insets(3, 7, 3, 7));
        StackPane.setAlignment(readout, Pos.TOP_RIGHT);
        StackPane.setMargin(readout, new Insets(36, 20, 0, 0));
        node = new StackPane(viewer, readout);
        node.setMinSize(200, 150);
        xAxis.addChangeListener(e -> domainChanged());
        attachRangeListener(yAxis);
        applyTheme(theme);
    }

    private static NumberAxis newNumberAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        axis.setNumberFormatOverride(CompactNumberFormat.INSTANCE);
        return axis;
    }

    /** Returns a log axis with ticks at 1-9 x 10^k (readable values, unlike fractional powers of ten). */
    private static LogarithmicAxis newLogAxis(String label) {
        LogarithmicAxis axis = new LogarithmicAxis(label + " (log)");
        axis.setStrictValuesFlag(false); // values <= 0 are simply not drawn (decimation skips them)
        axis.setAutoRangeNextLogFlag(false);
        axis.setExpTickLabelsFlag(false);
        axis.setLog10TickLabelsFlag(false);
        axis.setNumberFormatOverride(CompactNumberFormat.INSTANCE);
        return axis;
    }

    private void attachRangeListener(ValueAxis axis) {
        axis.addChangeListener(e -> {
            if (!updating && !applyingRange) {
                // A mouse zoom or pan fixes the range; "zoom out" in the viewer restores auto range. Only that
                // return to auto range needs an update (to re-apply the outlier range): an auto-range axis also
                // reports its own recalculations, and updating on those would redraw an idle chart forever.
                boolean wasZoomed = userRangeZoom;
                userRangeZoom = !yAxis.isAutoRange();
                if (wasZoomed && !userRangeZoom) {
                    scheduleRedecimate();
                }
            }
        });
    }

    private void domainChanged() {
        if (updating) {
            return;
        }
        userDomainZoom = !xAxis.isAutoRange();
        scheduleRedecimate();
    }

    /** Re-decimates for the new visible range after the zoom event that caused it has finished drawing. */
    private void scheduleRedecimate() {
        if (redecimatePending) {
            return;
        }
        redecimatePending = true;
        Platform.runLater(() -> {
            redecimatePending = false;
            onZoom.run();
        });
    }

    /** Sets what to run when the user zooms or pans: the owner calls {@link #update} again. */
    void setOnZoom(Runnable onZoom) {
        this.onZoom = onZoom;
    }

    StackPane node() {
        return node;
    }

    ChartViewer viewer() {
        return viewer;
    }

    JFreeChart chart() {
        return chart;
    }

    XYPlot plot() {
        return plot;
    }

    ChartTheme theme() {
        return theme;
    }

    long updateCount() {
        return updates;
    }

    /** Returns the number of display points of the series {@code key}, or -1 when it has none. */
    int displayedPoints(String key) {
        XYSeries s = byKey.get(key);
        return s == null ? -1 : s.getItemCount();
    }

    /** Switches display decimation off (only the benchmark does, to measure what it saves). */
    void setDecimation(boolean decimate) {
        this.decimate = decimate;
    }

    /** Sets the y axis label (the log axis adds " (log)"). */
    void setYLabel(String label) {
        yLabel = label;
        yAxis.setLabel(yAxis instanceof LogarithmicAxis ? label + " (log)" : label);
    }

    /** Shows {@code text} above the plot (the stop reason), or hides the line when null. */
    void setStatus(String text) {
        status.setText(text == null ? "" : text);
        status.setVisible(text != null && !text.isEmpty());
    }

    String statusText() {
        return status.isVisible() ? status.getText() : null;
    }

    /**
     * Redraws with {@code series}: decimated to about two points per pixel of the visible x range, y range from
     * the data (the 5th to 95th percentile when {@code outliers}), a log y axis when {@code log}, and
     * {@code decorate} adding markers and annotations before the single redraw.
     */
    void update(List<SeriesData> series, XAxisUnit unit, boolean log, boolean outliers, Consumer<XYPlot> decorate) {
        updating = true;
        chart.setNotify(false);
        try {
            if (log != (yAxis instanceof LogarithmicAxis)) {
                yAxis = log ? newLogAxis(yLabel) : newNumberAxis(yLabel);
                applyAxisTheme(yAxis);
                attachRangeListener(yAxis);
                plot.setRangeAxis(yAxis);
                userRangeZoom = false;
            }
            if (unit != lastUnit) {
                xAxis.setLabel(unit.label());
                userDomainZoom = false;
            }
            if (!userDomainZoom && !xAxis.isAutoRange()) {
                xAxis.setAutoRange(true); // undo the previous update's widening, see includeDomain
            }
            domainUpperWanted = Double.NaN;
            lastUnit = unit;
            lastSeries = List.copyOf(series);
            if (!keysArePrefixOf(series)) {
                // Series were removed or reordered (the overlay's run selection changed): start over so the
                // legend and colours follow the new list.
                dataset.removeAllSeries();
                byKey.clear();
                styles.clear();
            }
            double[] visible = visibleDomain(series, unit);
            int buckets = pixelColumns();
            for (SeriesData s : series) {
                XYSeries display = byKey.computeIfAbsent(s.key(), k -> addSeries(s));
                Decimation.Points p = Decimation.minMax(s.x(unit), s.values(), s.size(), visible[0], visible[1],
                        decimate ? buckets : Integer.MAX_VALUE / 4, log);
                // One change event per series, not one per point.
                display.setNotify(false);
                display.clear();
                double[] px = p.x();
                double[] py = p.y();
                for (int i = 0; i < p.size(); i++) {
                    display.add(px[i], py[i], false);
                }
                display.setNotify(true);
            }
            applyYRange(series, unit, visible, log, outliers);
            if (decorate != null) {
                decorate.accept(plot);
            }
            widenDomain();
            updates++;
        } finally {
            updating = false;
            chart.setNotify(true); // the one redraw
        }
    }

    private boolean keysArePrefixOf(List<SeriesData> series) {
        if (dataset.getSeriesCount() > series.size()) {
            return false;
        }
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            if (byKey.get(series.get(i).key()) != dataset.getSeries(i)) {
                return false;
            }
        }
        return true;
    }

    /** Asks for the x axis to reach {@code x} while not zoomed (the end of the patience window); call from decorate. */
    void includeDomain(double x) {
        if (Double.isFinite(x) && !(x <= domainUpperWanted)) {
            domainUpperWanted = x;
        }
    }

    private void widenDomain() {
        if (userDomainZoom || !Double.isFinite(domainUpperWanted)) {
            return;
        }
        Range r = xAxis.getRange();
        if (domainUpperWanted > r.getUpperBound()) {
            double upper = domainUpperWanted + (domainUpperWanted - r.getLowerBound()) * 0.02;
            xAxis.setRange(new Range(r.getLowerBound(), upper), true, false);
        }
    }

    private XYSeries addSeries(SeriesData s) {
        XYSeries display = new XYSeries(s.label(), false, true);
        int index = dataset.getSeriesCount();
        int sameStyle = 0;
        for (SeriesStyle st : styles) {
            sameStyle += st == s.style() ? 1 : 0;
        }
        styles.add(s.style());
        dataset.addSeries(display);
        styleSeries(index, s.style(), s.style() == SeriesStyle.RUN ? index : sameStyle);
        return display;
    }

    private void styleSeries(int index, SeriesStyle style, int variant) {
        renderer.setSeriesPaint(index, theme.colour(style, variant), false);
        Stroke stroke;
        boolean shapes = false;
        switch (style) {
            case BATCH_RAW, GRAD_BEFORE -> stroke = new BasicStroke(1.0f);
            case BATCH_SMOOTHED, LEARNING_RATE -> stroke = new BasicStroke(2.2f, BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND);
            case GRAD_AFTER -> stroke = new BasicStroke(1.4f);
            case EPOCH_TRAIN -> {
                stroke = new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {6f, 4f}, 0f);
                shapes = true;
            }
            case EPOCH_EVAL, RUN -> {
                stroke = variant % 2 == 1 && style == SeriesStyle.EPOCH_EVAL
                        ? new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                                new float[] {2f, 3f}, 0f)
                        : new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
                shapes = true;
            }
            default -> throw new IllegalStateException("unknown style " + style);
        }
        renderer.setSeriesStroke(index, stroke, false);
        renderer.setSeriesShapesVisible(index, shapes);
        renderer.setSeriesShape(index, new Ellipse2D.Double(-3.5, -3.5, 7, 7), false);
    }

    private double[] visibleDomain(List<SeriesData> series, XAxisUnit unit) {
        if (userDomainZoom) {
            Range r = xAxis.getRange();
            return new double[] {r.getLowerBound(), r.getUpperBound()};
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (SeriesData s : series) {
            if (s.size() > 0) {
                double[] x = s.x(unit);
                lo = Math.min(lo, x[0]);
                hi = Math.max(hi, x[s.size() - 1]);
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
    }

    private int pixelColumns() {
        ChartRenderingInfo info = viewer.getRenderingInfo();
        double width = 0;
        if (info != null && info.getPlotInfo() != null) {
            width = info.getPlotInfo().getDataArea().getWidth();
        }
        if (width < 20) {
            width = viewer.getWidth() > 150 ? viewer.getWidth() - 90 : 1000;
        }
        return Math.max(50, (int) Math.ceil(width));
    }

    private void applyYRange(List<SeriesData> series, XAxisUnit unit, double[] visible, boolean log,
                             boolean outliers) {
        if (userRangeZoom) {
            return;
        }
        if (!log && !outliers) {
            if (!yAxis.isAutoRange()) {
                applyingRange = true;
                yAxis.setAutoRange(true);
                applyingRange = false;
            }
            return;
        }
        double[] sample = visibleValues(series, unit, visible, log);
        int n = (int) sample[sample.length - 1];
        double lo;
        double hi;
        if (outliers) {
            Percentiles.ValueRange r = Percentiles.outlierRange(sample, n);
            if (r == null) {
                return;
            }
            lo = r.lower();
            hi = r.upper();
        } else {
            lo = Double.POSITIVE_INFINITY;
            hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                lo = Math.min(lo, sample[i]);
                hi = Math.max(hi, sample[i]);
            }
            if (n == 0) {
                return;
            }
        }
        if (log) {
            double factor = hi > lo ? Math.pow(hi / lo, 0.05) : 1.25;
            lo /= factor;
            hi *= factor;
        } else {
            double pad = hi > lo ? (hi - lo) * 0.05 : Math.max(Math.abs(hi) * 0.1, 1e-9);
            lo -= pad;
            hi += pad;
        }
        applyingRange = true;
        try {
            yAxis.setRange(lo, hi);
        } finally {
            applyingRange = false;
        }
    }

    /** Returns the drawable y values in the visible x range (strided above a limit); the last slot holds the count. */
    private static double[] visibleValues(List<SeriesData> series, XAxisUnit unit, double[] visible, boolean log) {
        int total = 0;
        int[] from = new int[series.size()];
        int[] to = new int[series.size()];
        for (int k = 0; k < series.size(); k++) {
            SeriesData s = series.get(k);
            double[] x = s.x(unit);
            from[k] = Decimation.lowerBound(x, s.size(), visible[0]);
            to[k] = Decimation.upperBound(x, s.size(), visible[1]);
            total += Math.max(0, to[k] - from[k]);
        }
        int stride = Math.max(1, total / PERCENTILE_SAMPLE);
        double[] out = new double[total / stride + series.size() + 2];
        int n = 0;
        for (int k = 0; k < series.size(); k++) {
            double[] y = series.get(k).values();
            for (int i = from[k]; i < to[k] && n < out.length - 1; i += stride) {
                double v = y[i];
                if (Double.isFinite(v) && (!log || v > 0)) {
                    out[n++] = v;
                }
            }
        }
        out[out.length - 1] = n;
        return out;
    }

    /** Returns to the full data range on both axes. */
    void resetZoom() {
        userDomainZoom = false;
        userRangeZoom = false;
        updating = true;
        try {
            xAxis.setAutoRange(true);
            yAxis.setAutoRange(true);
        } finally {
            updating = false;
        }
        onZoom.run();
    }

    // Crosshair -----------------------------------------------------------------------------------------------

    private void moveCrosshair(double mx, double my) {
        ChartRenderingInfo info = viewer.getRenderingInfo();
        if (info == null || info.getPlotInfo() == null) {
            return;
        }
        Rectangle2D area = info.getPlotInfo().getDataArea();
        if (!area.contains(mx, my)) {
            hideCrosshair();
            return;
        }
        double x = xAxis.java2DToValue(mx, area, plot.getDomainAxisEdge());
        String text = readoutText(x);
        if (text == null) {
            hideCrosshair();
            return;
        }
        crosshair.setValue(x);
        readout.setText(text);
        readout.setVisible(true);
    }

    private void hideCrosshair() {
        crosshair.setValue(Double.NaN);
        readout.setVisible(false);
    }

    /** Returns the crosshair text for x: each series' nearest stored (full-resolution) value, or null if none. */
    String readoutText(double x) {
        StringBuilder sb = new StringBuilder();
        sb.append(lastUnit.label()).append(' ').append(CompactNumberFormat.text(x));
        boolean any = false;
        for (SeriesData s : lastSeries) {
            double[] xs = s.x(lastUnit);
            int i = Decimation.nearest(xs, s.size(), x);
            if (i < 0) {
                continue;
            }
            any = true;
            sb.append('\n').append(s.label()).append(": ").append(CompactNumberFormat.text(s.values()[i]));
            if (s.style() == SeriesStyle.EPOCH_EVAL || s.style() == SeriesStyle.EPOCH_TRAIN
                    || s.style() == SeriesStyle.RUN) {
                sb.append("  (epoch ").append(CompactNumberFormat.text(s.epochs()[i])).append(')');
            }
        }
        return any ? sb.toString() : null;
    }

    String readoutLabelText() {
        return readout.isVisible() ? readout.getText() : null;
    }

    // Theme ---------------------------------------------------------------------------------------------------

    void applyTheme(ChartTheme t) {
        theme = t;
        boolean notify = chart.isNotify();
        chart.setNotify(false);
        try {
            chart.setBackgroundPaint(t.background());
            chart.getTitle().setPaint(t.text());
            status.setPaint(t.stop());
            plot.setBackgroundPaint(t.plotBackground());
            plot.setOutlinePaint(t.grid());
            plot.setDomainGridlinePaint(t.grid());
            plot.setRangeGridlinePaint(t.grid());
            applyAxisTheme(xAxis);
            applyAxisTheme(yAxis);
            LegendTitle legend = chart.getLegend();
            legend.setBackgroundPaint(t.background());
            legend.setItemPaint(t.text());
            crosshair.setPaint(ChartTheme.withAlpha(t.mutedText(), 200));
            Map<SeriesStyle, Integer> seen = new HashMap<>();
            for (int i = 0; i < styles.size(); i++) {
                SeriesStyle st = styles.get(i);
                int variant = seen.merge(st, 1, Integer::sum) - 1;
                styleSeries(i, st, st == SeriesStyle.RUN ? i : variant);
            }
            readout.setStyle("-fx-background-color: " + ChartTheme.css(ChartTheme.withAlpha(t.background(), 225))
                    + "; -fx-text-fill: " + ChartTheme.css(t.text()) + "; -fx-font-size: 12px;"
                    + " -fx-border-color: " + ChartTheme.css(t.grid()) + "; -fx-border-radius: 3;"
                    + " -fx-background-radius: 3;");
            viewer.setStyle("-fx-background-color: " + ChartTheme.css(t.background()) + ";");
        } finally {
            chart.setNotify(notify);
        }
    }

    private void applyAxisTheme(ValueAxis axis) {
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
        axis.setLabelPaint(theme.text());
        axis.setTickLabelPaint(theme.mutedText());
        axis.setAxisLinePaint(theme.grid());
        axis.setTickMarkPaint(theme.grid());
    }
}
