package dev.tunebench.app.charts;

import dev.tunebench.app.charts.ChartRenderer.Decorations;
import dev.tunebench.app.charts.ChartRenderer.Display;
import dev.tunebench.app.charts.ChartRenderer.Frame;
import dev.tunebench.app.charts.ChartRenderer.Request;
import dev.tunebench.engine.checkpoint.AtomicFiles;
import dev.tunebench.engine.smoothing.Decimation;
import dev.tunebench.engine.smoothing.Percentiles;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.stage.Window;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.data.Range;

/**
 * One chart fed with full-resolution series, drawn decimated, with JFreeChart drawing OFF the FX thread.
 *
 * <p>Threading: JFreeChart's own drawing of even a small chart costs 10-40 ms, and JFreeChart-FX's canvas does it
 * on the FX thread on every change, which stalled the window while training. Here the FX thread only decimates
 * the visible x range (about two points per pixel column), works out the axis ranges and the markers, and hands
 * an immutable {@link Request} to one chart-render thread shared by all charts. That thread owns every JFreeChart
 * object after construction: it applies the request, draws the chart into an image and passes the image back; the
 * FX thread copies its pixels into the shown image. Requests coalesce: while one draws, only the newest waiting
 * request is kept, and frames for new data come at most about ten a second per chart. Zoom, pan, the wheel and the
 * crosshair are handled on the FX thread from the geometry of the last drawn frame, so the chart answers the mouse
 * without touching JFreeChart.
 *
 * <p>Mouse: drag right to zoom into a rectangle, drag left or double-click to show all again, Ctrl-, Alt- or
 * middle-drag to pan, the wheel zooms around the cursor; moving shows the crosshair read-out of the stored values.
 */
final class ChartPane {
    /** Above this many visible values the outlier percentiles use an evenly strided sample. */
    private static final int PERCENTILE_SAMPLE = 20_000;
    /** A zoom rectangle narrower or lower than this many pixels zooms nothing on that axis. */
    private static final double ZOOM_TRIGGER = 6;
    /**
     * The least time between two frames of one chart drawn for new data (about 10 frames a second): a loss curve
     * reads as live at that rate, and each frame costs the render thread and the screen a full chart of pixels,
     * CPU that training and the FX thread share. Zoom, pan and resizing are drawn at once.
     */
    private static final long MIN_FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** The one thread that owns and draws every chart's JFreeChart objects (a daemon: it never keeps the app up). */
    private static final ScheduledExecutorService RENDER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tunebench-chart-render");
        t.setDaemon(true);
        return t;
    });

    /** The chart itself: only the render thread touches it once this constructor has returned. */
    private final ChartRenderer renderer;
    /** The request the chart shows now (render thread only). */
    private Request applied;

    // Shared between the threads -------------------------------------------------------------------------------
    private final AtomicReference<Request> pending = new AtomicReference<>();
    private final ConcurrentLinkedQueue<BufferedImage> spareImages = new ConcurrentLinkedQueue<>();
    private final AtomicLong lastRenderNanos = new AtomicLong();
    private final AtomicLong lastFrameStart = new AtomicLong(System.nanoTime() - MIN_FRAME_NANOS);

    // Owned by the FX thread -----------------------------------------------------------------------------------
    private final Surface surface = new Surface();
    private final ImageView image = new ImageView();
    private final Line crosshair = new Line();
    private final Rectangle zoomBox = new Rectangle();
    private final Label readout = new Label();
    private final StackPane node;
    private WritableImage shown;
    private ChartTheme theme = ChartTheme.LIGHT;
    private String title;
    private String yLabel;
    private String statusText;
    private Range userX;
    private Range userY;
    private boolean redecimatePending;
    private boolean interactive;
    private Runnable onZoom = () -> { };
    private List<SeriesData> lastSeries = List.of();
    private XAxisUnit lastUnit = XAxisUnit.STEPS;
    private boolean lastLog;
    private long updates;
    private long framesShown;
    private boolean decimate = true;
    private double domainUpperWanted = Double.NaN;
    private Frame frame;
    private Request lastRequest;
    private javafx.scene.Scene hookedScene;
    private Window scaleWindow;
    private final javafx.beans.InvalidationListener rescale = o -> scheduleRedecimate();
    private double requestedWidth = -1;
    private double requestedHeight = -1;
    private double dragX;
    private double dragY;
    private boolean panning;
    private Range dragXRange;
    private Range dragYRange;

    ChartPane(String title, String yLabel) {
        this.title = title;
        this.yLabel = yLabel;
        renderer = new ChartRenderer(title, yLabel);
        image.setManaged(false);
        image.setSmooth(true); // only matters on fractional output scales, where the image is resampled
        crosshair.setManaged(false);
        crosshair.setVisible(false);
        crosshair.setMouseTransparent(true);
        crosshair.setStrokeWidth(1);
        zoomBox.setManaged(false);
        zoomBox.setVisible(false);
        zoomBox.setMouseTransparent(true);
        zoomBox.getStyleClass().add("chart-zoom-box");
        surface.setParts(image, crosshair, zoomBox);
        surface.getStyleClass().add("chart-surface");
        readout.setMouseTransparent(true);
        readout.setVisible(false);
        readout.setPadding(new Insets(3, 7, 3, 7));
        StackPane.setAlignment(readout, Pos.TOP_RIGHT);
        StackPane.setMargin(readout, new Insets(36, 20, 0, 0));
        node = new StackPane(surface, readout);
        node.setMinSize(200, 150);
        surface.widthProperty().addListener((o, a, w) -> sizeChanged());
        surface.heightProperty().addListener((o, a, h) -> sizeChanged());
        // A window moved to a screen with another output scale needs an image with that many pixels.
        surface.sceneProperty().addListener((o, oldScene, scene) -> {
            if (scene != null && scene != hookedScene) {
                hookedScene = scene;
                scene.windowProperty().addListener((w, oldWindow, window) -> watchScale(window));
            }
            watchScale(scene == null ? null : scene.getWindow());
        });
        surface.setOnMousePressed(this::pressed);
        surface.setOnMouseDragged(this::dragged);
        surface.setOnMouseReleased(this::released);
        surface.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                resetZoom();
            }
        });
        surface.setOnScroll(this::scrolled);
        surface.setOnMouseMoved(e -> moveCrosshair(e.getX(), e.getY()));
        surface.setOnMouseExited(e -> hideCrosshair());
        applyFxTheme(theme);
    }

    /**
     * Warms the chart-drawing code up on the render thread (see {@link ChartRenderer#warmUp()}); returns at once.
     */
    static void warmUpRenderer() {
        RENDER.execute(() -> {
            try {
                ChartRenderer.warmUp();
            } catch (RuntimeException e) {
                System.err.println("TuneBench: the chart warm-up failed (charts still work): " + e);
            }
        });
    }

    /** Sets what to run when the view needs new display data (zoom, pan, resize): the owner calls {@link #update}. */
    void setOnZoom(Runnable onZoom) {
        this.onZoom = onZoom;
    }

    StackPane node() {
        return node;
    }

    /** Returns the region the chart image is shown in (mouse events go to it). */
    Region surface() {
        return surface;
    }

    ChartTheme theme() {
        return theme;
    }

    /** Returns how many times {@link #update} asked for a redraw. */
    long updateCount() {
        return updates;
    }

    /** Returns how many drawn frames reached the screen (fewer than updates when requests coalesced). */
    long framesShown() {
        return framesShown;
    }

    /** Returns the width in pixels of the image shown now (0 before the first), for tests of the output scale. */
    int shownImageWidth() {
        return shown == null ? 0 : (int) shown.getWidth();
    }

    /** Returns the render thread's time for the last frame in milliseconds (apply + draw, off the FX thread). */
    double lastRenderMillis() {
        return lastRenderNanos.get() / 1e6;
    }

    /** Returns the number of display points of the series {@code key} in the last drawn frame, or -1. */
    int displayedPoints(String key) {
        Integer n = frame == null ? null : frame.points().get(key);
        return n == null ? -1 : n;
    }

    /** Switches display decimation off (only the benchmark does, to measure what it saves). */
    void setDecimation(boolean decimate) {
        this.decimate = decimate;
    }

    /** Sets the chart title (used from the next {@link #update}). */
    void setTitle(String title) {
        this.title = title;
    }

    /** Sets the y axis label (the log axis adds " (log)"; used from the next {@link #update}). */
    void setYLabel(String label) {
        yLabel = label;
    }

    /** Shows {@code text} above the plot (the stop reason), or hides the line when null; call from decorate. */
    void setStatus(String text) {
        statusText = text == null || text.isEmpty() ? null : text;
    }

    String statusText() {
        return statusText;
    }

    /**
     * Asks for a redraw with {@code series}: decimated to about two points per pixel of the visible x range, y range
     * from the data (the 5th to 95th percentile when {@code outliers}), a log y axis when {@code log}, and
     * {@code decorate} adding markers and annotations. Cheap on the FX thread; the drawing happens on the render
     * thread.
     */
    void update(List<SeriesData> series, XAxisUnit unit, boolean log, boolean outliers,
                Consumer<Decorations> decorate) {
        if (log != lastLog) {
            userY = null; // another axis type: a zoomed range of the old one means nothing
        }
        if (unit != lastUnit) {
            userX = null;
        }
        lastLog = log;
        lastUnit = unit;
        lastSeries = List.copyOf(series);
        domainUpperWanted = Double.NaN;
        double[] visible = visibleDomain(series, unit);
        int buckets = decimate ? pixelColumns() : Integer.MAX_VALUE / 4;
        List<Display> display = new ArrayList<>(series.size());
        for (SeriesData s : series) {
            Decimation.Points p = Decimation.minMax(s.x(unit), s.values(), s.size(), visible[0], visible[1], buckets,
                    log);
            display.add(new Display(s.key(), s.label(), s.style(), p.x(), p.y(), p.size()));
        }
        Range yRange = userY != null ? userY : dataYRange(series, unit, visible, log, outliers);
        Decorations decorations = new Decorations();
        if (decorate != null) {
            decorate.accept(decorations);
        }
        updates++;
        requestedWidth = surface.getWidth();
        requestedHeight = surface.getHeight();
        lastRequest = new Request(display, title, unit.label(), yLabel, log, userX, yRange,
                userX == null ? domainUpperWanted : Double.NaN, decorations, statusText,
                (int) Math.floor(requestedWidth), (int) Math.floor(requestedHeight), outputScale());
        submit(lastRequest);
    }

    /** Asks for the x axis to reach {@code x} while not zoomed (the end of the patience window); call from decorate. */
    void includeDomain(double x) {
        if (Double.isFinite(x) && !(x <= domainUpperWanted)) {
            domainUpperWanted = x;
        }
    }

    /** Returns to the full data range on both axes. */
    void resetZoom() {
        userX = null;
        userY = null;
        onZoom.run();
    }

    /** Returns whether the user has zoomed or panned the x axis. */
    boolean isDomainZoomed() {
        return userX != null;
    }

    /** Returns the data area of the last drawn frame in the surface's coordinates, or null. */
    Rectangle2D drawnDataArea() {
        return frame == null ? null : frame.area();
    }

    /**
     * Returns a future that completes on the FX thread once every update asked for so far has been drawn and shown.
     */
    CompletableFuture<Void> drawn() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        RENDER.execute(() -> {
            renderPending(); // a frame delayed by the frame-rate limit is drawn now
            Platform.runLater(() -> done.complete(null));
        });
        return done;
    }

    /**
     * Reads the JFreeChart as last drawn, on the render thread (tests and the PNG export look at it this way). Never
     * call it on the FX thread: it waits for the render thread.
     */
    <T> T inspect(Function<JFreeChart, T> reader) {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("inspect waits for the chart-render thread; call it off the FX thread");
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                renderPending();
                return reader.apply(renderer.chart());
            }, RENDER).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the chart-render thread did not answer in 60 s", e);
        }
    }

    /**
     * Saves the chart as it is now (its last {@link #update}) as a PNG of {@code width} x {@code height}; call on the
     * FX thread. Drawn and written on the render thread, which then puts back whatever state it had drawn.
     */
    CompletableFuture<Path> exportPng(Path file, int width, int height) {
        Request asked = lastRequest;
        return CompletableFuture.supplyAsync(() -> {
            Request before = applied;
            try {
                if (asked != null) {
                    apply(asked);
                }
                java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
                ChartUtils.writeChartAsPNG(png, renderer.chart(), width, height);
                AtomicFiles.write(file, png.toByteArray()); // never a half-written image
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (before != null && before != asked) {
                    apply(before); // later updates may already have been drawn: keep the chart as drawn
                }
            }
        }, RENDER);
    }

    /** Applies {@code r} to the chart and remembers it; render thread. */
    private void apply(Request r) {
        renderer.apply(r);
        applied = r;
    }

    // FX side: display data ------------------------------------------------------------------------------------

    private double[] visibleDomain(List<SeriesData> series, XAxisUnit unit) {
        if (userX != null) {
            return new double[] {userX.getLowerBound(), userX.getUpperBound()};
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
        double width = frame != null && frame.area() != null ? frame.area().getWidth() : 0;
        if (width < 20) {
            width = surface.getWidth() > 150 ? surface.getWidth() - 90 : 1000;
        }
        return Math.max(50, (int) Math.ceil(width));
    }

    private double outputScale() {
        Window w = surface.getScene() == null ? null : surface.getScene().getWindow();
        double s = w == null ? 1 : Math.max(w.getRenderScaleX(), w.getRenderScaleY());
        return s > 0 && s <= 4 ? s : 1;
    }

    /** Returns the y range the data asks for, or null for JFreeChart's own auto range (linear, outliers kept). */
    private static Range dataYRange(List<SeriesData> series, XAxisUnit unit, double[] visible, boolean log,
                                    boolean outliers) {
        if (!log && !outliers) {
            return null;
        }
        double[] sample = visibleValues(series, unit, visible, log);
        int n = (int) sample[sample.length - 1];
        double lo;
        double hi;
        if (outliers) {
            Percentiles.ValueRange r = Percentiles.outlierRange(sample, n);
            if (r == null) {
                return null;
            }
            lo = r.lower();
            hi = r.upper();
        } else {
            if (n == 0) {
                return null;
            }
            lo = Double.POSITIVE_INFINITY;
            hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                lo = Math.min(lo, sample[i]);
                hi = Math.max(hi, sample[i]);
            }
        }
        if (log) {
            double factor = hi > lo ? Math.pow(hi / lo, 0.05) : 1.25;
            return new Range(lo / factor, hi * factor);
        }
        double pad = hi > lo ? (hi - lo) * 0.05 : Math.max(Math.abs(hi) * 0.1, 1e-9);
        return new Range(lo - pad, hi + pad);
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

    private void watchScale(Window window) {
        if (window == scaleWindow) {
            return;
        }
        if (scaleWindow != null) {
            scaleWindow.renderScaleXProperty().removeListener(rescale);
        }
        scaleWindow = window;
        if (window != null) {
            window.renderScaleXProperty().addListener(rescale);
        }
    }

    private void sizeChanged() {
        if (surface.getWidth() != requestedWidth || surface.getHeight() != requestedHeight) {
            scheduleRedecimate();
        }
    }

    /** Asks the owner for new display data once, after the events now queued (several triggers make one redraw). */
    private void scheduleRedecimate() {
        if (redecimatePending) {
            return;
        }
        redecimatePending = true;
        Platform.runLater(() -> {
            redecimatePending = false;
            interactive = true; // the user is waiting for this one: no frame-rate limit
            try {
                onZoom.run();
            } finally {
                interactive = false;
            }
        });
    }

    // Render thread -------------------------------------------------------------------------------------------

    private void submit(Request request) {
        if (pending.getAndSet(request) == null) {
            long wait = interactive ? 0 : lastFrameStart.get() + MIN_FRAME_NANOS - System.nanoTime();
            if (wait <= 0) {
                RENDER.execute(this::renderPending);
            } else {
                RENDER.schedule(this::renderPending, wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Draws the waiting request, if any; every render-thread task that reads the chart calls it first. */
    private void renderPending() {
        Request r = pending.getAndSet(null);
        if (r == null) {
            return;
        }
        long t0 = System.nanoTime();
        lastFrameStart.set(t0);
        try {
            apply(r);
            BufferedImage img = r.width() >= 1 && r.height() >= 1
                    ? spareImage((int) Math.ceil(r.width() * r.scale()), (int) Math.ceil(r.height() * r.scale()))
                    : null;
            Frame f = renderer.draw(r, img);
            lastRenderNanos.set(System.nanoTime() - t0);
            try {
                Platform.runLater(() -> show(f));
            } catch (IllegalStateException toolkitGone) {
                // The window closed while this frame was drawn: nothing left to show it in.
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            // A chart that cannot draw must not take the render thread (and every other chart) with it.
            System.err.println("TuneBench: a chart could not be drawn: " + e);
        }
    }

    private BufferedImage spareImage(int w, int h) {
        for (BufferedImage b; (b = spareImages.poll()) != null; ) {
            if (b.getWidth() == w && b.getHeight() == h) {
                return b;
            }
        }
        return new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB_PRE);
    }

    // FX side: showing a frame --------------------------------------------------------------------------------

    private void show(Frame f) {
        frame = f;
        framesShown++;
        BufferedImage img = f.image();
        if (img != null) {
            int w = img.getWidth();
            int h = img.getHeight();
            if (shown == null || (int) shown.getWidth() != w || (int) shown.getHeight() != h) {
                shown = new WritableImage(w, h);
                image.setImage(shown);
            }
            int[] pixels = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
            shown.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), pixels, 0, w);
            image.setFitWidth(f.width());
            image.setFitHeight(f.height());
            spareImages.offer(img); // the pixels are copied: the render thread may draw into it again
        }
        if (crosshair.isVisible()) {
            hideCrosshair(); // the axes may have moved under the cursor
        }
    }

    // FX side: mouse -------------------------------------------------------------------------------------------

    private boolean inDataArea(double x, double y) {
        return frame != null && frame.area() != null && frame.area().contains(x, y);
    }

    private void pressed(MouseEvent e) {
        if (!inDataArea(e.getX(), e.getY()) || e.getButton() == MouseButton.SECONDARY) {
            return;
        }
        dragX = e.getX();
        dragY = e.getY();
        panning = e.isControlDown() || e.isAltDown() || e.getButton() == MouseButton.MIDDLE;
        dragXRange = frame.x();
        dragYRange = frame.y();
        e.consume();
    }

    private void dragged(MouseEvent e) {
        if (dragXRange == null) {
            return;
        }
        Rectangle2D a = frame.area();
        if (panning) {
            double fx = (e.getX() - dragX) / a.getWidth();
            double fy = (e.getY() - dragY) / a.getHeight();
            userX = shift(dragXRange, -fx, false);
            userY = shift(dragYRange, fy, frame.log());
            scheduleRedecimate();
        } else {
            double x0 = clamp(Math.min(dragX, e.getX()), a.getMinX(), a.getMaxX());
            double x1 = clamp(Math.max(dragX, e.getX()), a.getMinX(), a.getMaxX());
            double y0 = clamp(Math.min(dragY, e.getY()), a.getMinY(), a.getMaxY());
            double y1 = clamp(Math.max(dragY, e.getY()), a.getMinY(), a.getMaxY());
            zoomBox.setX(x0);
            zoomBox.setY(y0);
            zoomBox.setWidth(x1 - x0);
            zoomBox.setHeight(y1 - y0);
            zoomBox.setVisible(e.getX() > dragX);
        }
        e.consume();
    }

    private void released(MouseEvent e) {
        if (dragXRange == null) {
            return;
        }
        dragXRange = null;
        zoomBox.setVisible(false);
        if (panning) {
            return;
        }
        if (e.getX() < dragX - ZOOM_TRIGGER) {
            resetZoom(); // dragging leftwards shows everything again, as in JFreeChart's own viewer
            return;
        }
        Rectangle2D a = frame.area();
        double x0 = clamp(Math.min(dragX, e.getX()), a.getMinX(), a.getMaxX());
        double x1 = clamp(Math.max(dragX, e.getX()), a.getMinX(), a.getMaxX());
        double y0 = clamp(Math.min(dragY, e.getY()), a.getMinY(), a.getMaxY());
        double y1 = clamp(Math.max(dragY, e.getY()), a.getMinY(), a.getMaxY());
        boolean zoomed = false;
        if (x1 - x0 >= ZOOM_TRIGGER) {
            userX = new Range(valueX(x0), valueX(x1));
            zoomed = true;
        }
        if (y1 - y0 >= ZOOM_TRIGGER) {
            userY = new Range(valueY(y1), valueY(y0));
            zoomed = true;
        }
        if (zoomed) {
            scheduleRedecimate();
        }
    }

    private void scrolled(ScrollEvent e) {
        if (!inDataArea(e.getX(), e.getY()) || e.getDeltaY() == 0) {
            return;
        }
        double factor = e.getDeltaY() > 0 ? 0.8 : 1.25;
        Rectangle2D a = frame.area();
        double fx = (e.getX() - a.getMinX()) / a.getWidth();
        double fy = (a.getMaxY() - e.getY()) / a.getHeight();
        userX = scale(frame.x(), fx, factor, false);
        userY = scale(frame.y(), fy, factor, frame.log());
        scheduleRedecimate();
        e.consume();
    }

    /** Returns the x value at surface pixel {@code px} in the last drawn frame. */
    private double valueX(double px) {
        Rectangle2D a = frame.area();
        Range r = frame.x();
        return r.getLowerBound() + (px - a.getMinX()) / a.getWidth() * r.getLength();
    }

    /** Returns the y value at surface pixel {@code py} in the last drawn frame. */
    private double valueY(double py) {
        Rectangle2D a = frame.area();
        double f = (a.getMaxY() - py) / a.getHeight();
        Range r = frame.y();
        if (frame.log() && r.getLowerBound() > 0) {
            double lo = Math.log10(r.getLowerBound());
            return Math.pow(10, lo + f * (Math.log10(r.getUpperBound()) - lo));
        }
        return r.getLowerBound() + f * r.getLength();
    }

    /** Moves a range by {@code fraction} of its length, in the axis's own space (log10 on a log axis). */
    private static Range shift(Range r, double fraction, boolean log) {
        boolean l = log && r.getLowerBound() > 0;
        double lo = l ? Math.log10(r.getLowerBound()) : r.getLowerBound();
        double hi = l ? Math.log10(r.getUpperBound()) : r.getUpperBound();
        double d = (hi - lo) * fraction;
        return axisRange(lo + d, hi + d, l);
    }

    /** Scales a range by {@code factor} around the point {@code anchorFraction} of the way up it, in axis space. */
    private static Range scale(Range r, double anchorFraction, double factor, boolean log) {
        boolean l = log && r.getLowerBound() > 0;
        double lo = l ? Math.log10(r.getLowerBound()) : r.getLowerBound();
        double hi = l ? Math.log10(r.getUpperBound()) : r.getUpperBound();
        double anchor = lo + anchorFraction * (hi - lo);
        return axisRange(anchor + (lo - anchor) * factor, anchor + (hi - anchor) * factor, l);
    }

    private static Range axisRange(double lo, double hi, boolean log) {
        return log ? new Range(Math.pow(10, lo), Math.pow(10, hi)) : new Range(lo, hi);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    // Crosshair -----------------------------------------------------------------------------------------------

    private void moveCrosshair(double mx, double my) {
        if (!inDataArea(mx, my)) {
            hideCrosshair();
            return;
        }
        String text = readoutText(valueX(mx));
        if (text == null) {
            hideCrosshair();
            return;
        }
        Rectangle2D a = frame.area();
        crosshair.setStartX(mx);
        crosshair.setEndX(mx);
        crosshair.setStartY(a.getMinY());
        crosshair.setEndY(a.getMaxY());
        crosshair.setVisible(true);
        readout.setText(text);
        readout.setVisible(true);
    }

    private void hideCrosshair() {
        crosshair.setVisible(false);
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
            double v = s.values()[i];
            if (s.style() == SeriesStyle.LEARNING_RATE_PLAN) {
                v = interpolate(xs, s.values(), s.size(), x); // the plan's vertices are exact, not samples
            }
            sb.append('\n').append(s.label()).append(": ").append(CompactNumberFormat.text(v));
            if (s.style() == SeriesStyle.EPOCH_EVAL || s.style() == SeriesStyle.EPOCH_TRAIN
                    || s.style() == SeriesStyle.RUN) {
                sb.append("  (epoch ").append(CompactNumberFormat.text(s.epochs()[i])).append(')');
            }
        }
        return any ? sb.toString() : null;
    }

    /** Returns the polyline through {@code (xs, ys)} at {@code x}, clamped to its ends. */
    private static double interpolate(double[] xs, double[] ys, int size, double x) {
        int i = Decimation.lowerBound(xs, size, x);
        if (i == 0) {
            return ys[0];
        }
        if (i >= size) {
            return ys[size - 1];
        }
        double t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
        return ys[i - 1] + t * (ys[i] - ys[i - 1]);
    }

    String readoutLabelText() {
        return readout.isVisible() ? readout.getText() : null;
    }

    // Theme ---------------------------------------------------------------------------------------------------

    /** Switches colours: the FX parts now, the chart's own on the render thread before its next frame. */
    void applyTheme(ChartTheme t) {
        theme = t;
        applyFxTheme(t);
        RENDER.execute(() -> renderer.applyTheme(t));
    }

    private void applyFxTheme(ChartTheme t) {
        crosshair.setStroke(javafx.scene.paint.Color.web(ChartTheme.css(ChartTheme.withAlpha(t.mutedText(), 200))));
        zoomBox.setFill(javafx.scene.paint.Color.web(ChartTheme.css(ChartTheme.withAlpha(t.mutedText(), 50))));
        zoomBox.setStroke(javafx.scene.paint.Color.web(ChartTheme.css(t.mutedText())));
        readout.setStyle("-fx-background-color: " + ChartTheme.css(ChartTheme.withAlpha(t.background(), 225))
                + "; -fx-text-fill: " + ChartTheme.css(t.text()) + "; -fx-font-size: 12px;"
                + " -fx-border-color: " + ChartTheme.css(t.grid()) + "; -fx-border-radius: 3;"
                + " -fx-background-radius: 3;");
        surface.setStyle("-fx-background-color: " + ChartTheme.css(t.background()) + ";");
    }

    /** The region the chart image fills; it lays out nothing itself (its children are unmanaged). */
    private static final class Surface extends Region {
        void setParts(javafx.scene.Node... parts) {
            getChildren().setAll(parts);
        }

        @Override
        protected double computePrefWidth(double height) {
            return 600;
        }

        @Override
        protected double computePrefHeight(double width) {
            return 400;
        }
    }
}
