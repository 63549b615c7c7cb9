package dev.tunebench.app.charts;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;

/**
 * The live charts' light and dark colours for the other charts of the window (the LR range test, the length
 * histogram): backgrounds, grid, axes, legend and marker labels. Series colours stay the owner's.
 */
public final class ChartStyles {
    private ChartStyles() {
    }

    /**
     * Gives {@code chart} (an XY chart) the dark (true) or light colours, its marker labels included; call on the
     * thread that draws it, again after adding markers.
     */
    public static void apply(JFreeChart chart, boolean dark) {
        ChartTheme t = ChartTheme.of(dark);
        applyBase(chart, t);
        XYPlot plot = chart.getXYPlot();
        for (Layer layer : new Layer[] {Layer.FOREGROUND, Layer.BACKGROUND}) {
            labelMarkers(plot.getDomainMarkers(layer), t);
            labelMarkers(plot.getRangeMarkers(layer), t);
        }
    }

    /** Backgrounds, grid, axes and legend (the live charts style their marker labels themselves). */
    static void applyBase(JFreeChart chart, ChartTheme t) {
        chart.setBackgroundPaint(t.background());
        if (chart.getTitle() != null) {
            chart.getTitle().setPaint(t.text());
        }
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(t.plotBackground());
        plot.setOutlinePaint(t.grid());
        plot.setDomainGridlinePaint(t.grid());
        plot.setRangeGridlinePaint(t.grid());
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            applyAxis(plot.getDomainAxis(i), t);
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            applyAxis(plot.getRangeAxis(i), t);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setBackgroundPaint(t.background());
            legend.setItemPaint(t.text());
        }
    }

    /** Gives an axis the charts' fonts and the theme's text and line colours. */
    static void applyAxis(ValueAxis axis, ChartTheme t) {
        if (axis == null) {
            return;
        }
        axis.setLabelFont(ChartRenderer.LABEL_FONT);
        axis.setTickLabelFont(ChartRenderer.TICK_FONT);
        axis.setLabelPaint(t.text());
        axis.setTickLabelPaint(t.mutedText());
        axis.setAxisLinePaint(t.grid());
        axis.setTickMarkPaint(t.grid());
    }

    private static void labelMarkers(java.util.Collection<?> markers, ChartTheme t) {
        if (markers == null) {
            return;
        }
        for (Object o : markers) {
            Marker m = (Marker) o;
            m.setLabelPaint(t.text());
            m.setLabelBackgroundColor(ChartTheme.withAlpha(t.plotBackground(), 215));
        }
    }
}
