package dev.tunebench.app.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.app.charts.ChartRenderer.Decorations;
import dev.tunebench.app.charts.ChartRenderer.Display;
import dev.tunebench.app.charts.ChartRenderer.Frame;
import dev.tunebench.app.charts.ChartRenderer.Request;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.data.Range;
import org.junit.jupiter.api.Test;

/** The render-thread half of a chart, without a toolkit: a request in, a drawn image and its geometry out. */
class ChartRendererTest {
    private static final double[] X = {1, 2, 3, 4};
    private static final double[] Y = {2.0, 1.5, 1.2, 1.0};

    private static Request request(boolean log, Range x, Range y, double domainUpper, String status, int w, int h,
                                   double scale) {
        Decorations marks = new Decorations();
        marks.draw(p -> p.addRangeMarker(0, new ValueMarker(1.1), Layer.FOREGROUND, false));
        return new Request(List.of(new Display("val_loss", "eval loss", SeriesStyle.EPOCH_EVAL, X, Y, 4),
                new Display("train_loss", "train loss", SeriesStyle.EPOCH_TRAIN, X, Y, 3)),
                "Loss", "epoch", "loss", log, x, y, domainUpper, marks, status, w, h, scale);
    }

    @Test
    void drawsTheRequestIntoTheImageAndReportsItsGeometry() {
        ChartRenderer r = new ChartRenderer("Loss", "loss");
        Request req = request(false, null, null, 6, "Stopped", 600, 400, 1);
        r.apply(req);
        BufferedImage image = new BufferedImage(600, 400, BufferedImage.TYPE_INT_ARGB_PRE);
        Frame f = r.draw(req, image);

        Rectangle2D area = f.area();
        assertTrue(area.getWidth() > 300 && area.getHeight() > 200 && area.getMaxX() <= 600
                && area.getMaxY() <= 400, "plot area inside the image: " + area);
        assertEquals(4, f.points().get("val_loss"));
        assertEquals(3, f.points().get("train_loss"));
        assertEquals(4, r.chart().getXYPlot().getDataset().getItemCount(0));
        assertTrue(f.x().getUpperBound() >= 6, "the x axis reaches the asked-for domain end: " + f.x());
        assertEquals(1, r.chart().getXYPlot().getRangeMarkers(Layer.FOREGROUND).size());
        assertEquals("Stopped", ((TextTitle) r.chart().getSubtitle(0)).getText());
        int background = image.getRGB(2, 2);
        int centre = image.getRGB((int) area.getCenterX(), (int) area.getCenterY());
        assertNotEquals(0, background >>> 24, "the image is painted, not left transparent");
        assertNotEquals(background, centre, "the plot is drawn over the chart background");

        // The next request replaces the marks, the status line and the ranges; a log axis replaces the linear one.
        Request next = request(true, new Range(1.5, 3.5), new Range(0.9, 2.2), Double.NaN, null, 600, 400, 2);
        r.apply(next);
        Frame g = r.draw(next, new BufferedImage(1200, 800, BufferedImage.TYPE_INT_ARGB_PRE));
        assertTrue(g.log());
        assertEquals(new Range(1.5, 3.5), g.x());
        assertEquals(new Range(0.9, 2.2), g.y());
        assertEquals(1, r.chart().getXYPlot().getRangeMarkers(Layer.FOREGROUND).size(), "old marks are cleared");
        assertFalse(r.chart().getSubtitle(0).isVisible());
        assertTrue(g.area().getWidth() > 300 && g.area().getMaxX() <= 600,
                "at output scale 2 the image has twice the pixels but the geometry stays in window units: "
                        + g.area());
    }

    @Test
    void aHiddenChartAppliesItsStateWithoutDrawing() {
        ChartRenderer r = new ChartRenderer("Loss", "loss");
        Request req = request(false, null, null, Double.NaN, null, 0, 0, 1);
        r.apply(req);
        Frame f = r.draw(req, null);
        assertNull(f.area());
        assertEquals(4, f.points().get("val_loss"));
        assertEquals(2, r.chart().getXYPlot().getDataset().getSeriesCount());
    }

    @Test
    void theWarmUpDrawsWithoutError() {
        ChartRenderer.warmUp();
    }
}
