package dev.tunebench.app.charts;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The JFreeChart half of a {@link ChartPane}: the chart, its plot, axes and display series, which only the
 * chart-render thread touches once constructed. It applies a {@link Request} made on the FX thread and draws the
 * chart into an image; {@link ChartPane} shows the image and handles the mouse.
 */
final class ChartRenderer {
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font SMALL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font STATUS_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);

    private final XYSeriesCollection dataset = new XYSeriesCollection();
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    private final Map<String, XYSeries> byKey = new HashMap<>();
    private final List<SeriesStyle> styles = new ArrayList<>();
    private final NumberAxis xAxis = new NumberAxis(XAxisUnit.STEPS.label());
    private final XYPlot plot;
    private final JFreeChart chart;
    private final TextTitle status = new TextTitle("");
    private ValueAxis yAxis;
    private ChartTheme renderTheme = ChartTheme.LIGHT;

    ChartRenderer(String title, String yLabel) {
        yAxis = newNumberAxis(yLabel);
        xAxis.setAutoRangeIncludesZero(false);
        xAxis.setNumberFormatOverride(CompactNumberFormat.INSTANCE);
        xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // whole steps and epochs
        renderer.setDrawSeriesLineAsPath(true);
        plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
        plot.setDomainGridlineStroke(new BasicStroke(0.6f));
        plot.setRangeGridlineStroke(new BasicStroke(0.6f));
        chart = new JFreeChart(title, TITLE_FONT, plot, true);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        status.setFont(STATUS_FONT);
        status.setPosition(RectangleEdge.TOP);
        status.setHorizontalAlignment(HorizontalAlignment.CENTER);
        status.setPadding(new RectangleInsets(2, 8, 4, 8));
        status.setVisible(false);
        chart.addSubtitle(0, status);
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(SMALL_FONT);
        legend.setFrame(new org.jfree.chart.block.BlockBorder(0, 0, 0, 0));
        // Nothing listens to the chart: it is drawn on request, so its change events would only cost time.
        chart.setNotify(false);
        applyTheme(renderTheme);
    }

    /** Returns the chart (render thread only). */
    JFreeChart chart() {
        return chart;
    }

    /**
     * Draws the chart as last applied into {@code image} (of {@code r}'s size times its scale) and returns the frame
     * with the geometry the FX thread maps the mouse with.
     */
    Frame draw(Request r, BufferedImage image) {
        Rectangle2D area = null;
        if (image != null) {
            Graphics2D g2 = image.createGraphics();
            try {
                g2.scale(r.scale(), r.scale());
                ChartRenderingInfo info = new ChartRenderingInfo();
                chart.draw(g2, new Rectangle2D.Double(0, 0, r.width(), r.height()), null, info);
                area = (Rectangle2D) info.getPlotInfo().getDataArea().clone();
            } finally {
                g2.dispose();
            }
        }
        Map<String, Integer> points = new LinkedHashMap<>();
        for (Display d : r.series()) {
            points.put(d.key(), d.size());
        }
        return new Frame(image, r.width(), r.height(), area, xAxis.getRange(), yAxis.getRange(),
                yAxis instanceof LogarithmicAxis, points);
    }

    /**
     * Draws a throwaway chart with a synthetic run a few dozen times, so that the first real training run does not
     * pay for loading and compiling the drawing code while it competes with training for the CPU. Render thread.
     */
    static void warmUp() {
        ChartRenderer warm = new ChartRenderer("warm-up", "loss");
        Random random = new Random(1);
        int n = 1500;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
            y[i] = 2 * Math.exp(-i / 400.0) + 0.2 * random.nextDouble();
        }
        BufferedImage image = new BufferedImage(900, 500, BufferedImage.TYPE_INT_ARGB_PRE);
        for (int round = 0; round < 30; round++) {
            boolean log = round % 3 == 2;
            Decorations marks = new Decorations();
            marks.draw(p -> p.addRangeMarker(0, new ValueMarker(0.5), Layer.FOREGROUND, false));
            Request r = new Request(List.of(
                    new Display("raw", "raw", SeriesStyle.BATCH_RAW, x, y, n),
                    new Display("smooth", "smooth", SeriesStyle.BATCH_SMOOTHED, x, y, n),
                    new Display("epoch", "epoch", SeriesStyle.EPOCH_EVAL, x, y, 20)),
                    "warm-up", "step", "loss", log, null, log ? new Range(0.1, 3) : null, Double.NaN, marks,
                    round % 2 == 0 ? "status" : null, 900, 500, 1);
            warm.apply(r);
            warm.draw(r, image);
        }
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

    /** Makes the chart show {@code r}: axes, display points, ranges, markers and the status line. */
    void apply(Request r) {
        if (r.log() != (yAxis instanceof LogarithmicAxis)) {
            yAxis = r.log() ? newLogAxis(r.yLabel()) : newNumberAxis(r.yLabel());
            ChartStyles.applyAxis(yAxis, renderTheme);
            plot.setRangeAxis(yAxis);
        }
        chart.setTitle(r.title()); // sets the text of the existing title, keeping its font and colour
        yAxis.setLabel(r.log() ? r.yLabel() + " (log)" : r.yLabel());
        xAxis.setLabel(r.xLabel());
        if (!keysArePrefixOf(r.series())) {
            // Series were removed or reordered (the overlay's run selection changed): start over so the legend and
            // colours follow the new list.
            dataset.removeAllSeries();
            byKey.clear();
            styles.clear();
        }
        for (Display d : r.series()) {
            XYSeries series = byKey.computeIfAbsent(d.key(), k -> addSeries(d));
            if (!d.label().equals(series.getKey())) {
                series.setKey(d.label()); // the legend follows a renamed series ("planned (this run)")
            }
            // One change event per series, not one per point.
            series.setNotify(false);
            series.clear();
            for (int i = 0; i < d.size(); i++) {
                series.add(d.x()[i], d.y()[i], false);
            }
            series.setNotify(true);
        }
        if (r.xRange() != null) {
            xAxis.setRange(r.xRange(), true, false);
        } else {
            xAxis.setAutoRange(true);
            Range auto = xAxis.getRange();
            if (Double.isFinite(r.domainUpper()) && r.domainUpper() > auto.getUpperBound()) {
                double upper = r.domainUpper() + (r.domainUpper() - auto.getLowerBound()) * 0.02;
                xAxis.setRange(new Range(auto.getLowerBound(), upper), true, false);
            }
        }
        if (r.yRange() != null) {
            yAxis.setRange(r.yRange(), true, false);
        } else {
            yAxis.setAutoRange(true);
        }
        plot.clearAnnotations();
        plot.clearDomainMarkers();
        plot.clearRangeMarkers();
        for (Consumer<XYPlot> step : r.decorations().steps()) {
            step.accept(plot);
        }
        status.setText(r.status() == null ? "" : r.status());
        status.setVisible(r.status() != null);
    }

    private boolean keysArePrefixOf(List<Display> series) {
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

    private XYSeries addSeries(Display s) {
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
        renderer.setSeriesPaint(index, renderTheme.colour(style, variant), false);
        Stroke stroke;
        boolean shapes = false;
        switch (style) {
            case BATCH_RAW, GRAD_BEFORE -> stroke = new BasicStroke(1.0f);
            case BATCH_SMOOTHED, LEARNING_RATE -> stroke = new BasicStroke(2.2f, BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND);
            case GRAD_AFTER -> stroke = new BasicStroke(1.4f);
            case LEARNING_RATE_PLAN -> stroke = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {7f, 5f}, 0f);
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

    /** Switches the chart's colours. */
    void applyTheme(ChartTheme t) {
        renderTheme = t;
        ChartStyles.applyBase(chart, t);
        status.setPaint(t.stop());
        Map<SeriesStyle, Integer> seen = new HashMap<>();
        for (int i = 0; i < styles.size(); i++) {
            SeriesStyle st = styles.get(i);
            int variant = seen.merge(st, 1, Integer::sum) - 1;
            styleSeries(i, st, st == SeriesStyle.RUN ? i : variant);
        }
    }


    /**
     * Markers and annotations for the next frame: steps the render thread runs on the plot after clearing the old
     * ones. A step builds its JFreeChart objects there (so their classes and fonts never load on the FX thread) and
     * must use only the plain values it captured, never FX-thread state.
     */
    static final class Decorations {
        private final List<Consumer<XYPlot>> steps = new ArrayList<>();

        void draw(Consumer<XYPlot> step) {
            steps.add(step);
        }

        List<Consumer<XYPlot>> steps() {
            return steps;
        }
    }

    /** One series' display points (already decimated). */
    record Display(String key, String label, SeriesStyle style, double[] x, double[] y, int size) {
    }

    /** Everything the render thread needs for one frame; immutable once submitted. */
    record Request(List<Display> series, String title, String xLabel, String yLabel, boolean log,
                           Range xRange, Range yRange, double domainUpper, Decorations decorations, String status,
                           int width, int height, double scale) {
    }

    /** A drawn frame and the geometry the FX thread maps the mouse with. */
    record Frame(BufferedImage image, int width, int height, Rectangle2D area, Range x, Range y, boolean log,
                         Map<String, Integer> points) {
    }
}
