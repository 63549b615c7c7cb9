package dev.tunebench.app.data;

import dev.tunebench.app.charts.ChartStyles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/** The Data tab: summary, describe table, token-length histogram with the 90% padding marker, and a preview. */
public final class DataInspectorView extends VBox {
    private final DataInspectorViewModel model;
    private Label status;
    private Label summary;
    private TableView<Map<String, String>> describe;
    private ListView<String> preview;
    private FlowPane thumbnails;
    private ScrollPane thumbnailScroll;
    private SplitPane split;
    private XYIntervalSeries bins;
    private XYPlot histogramPlot;
    private ChartViewer histogram;
    private boolean dark;
    private Label histogramNote;
    private VBox histogramBox;

    /** Creates the tab content. */
    public DataInspectorView(DataInspectorViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        status = new Label();
        status.setId("inspector-status");
        summary = new Label();
        summary.setId("inspector-summary");
        summary.setWrapText(true);
        describe = new TableView<>(model.describe());
        describe.setId("describe-table");
        describe.setPlaceholder(new Label("No columns to describe (image data: see the preview)."));
        for (String c : DataInspectorViewModel.DESCRIBE_COLUMNS) {
            TableColumn<Map<String, String>, String> col = new TableColumn<>(c.equals("name") ? "column" : c);
            col.setCellValueFactory(d -> new SimpleStringProperty(d.getValue().getOrDefault(c, "")));
            describe.getColumns().add(col);
        }
        describe.setPrefHeight(150);
        preview = new ListView<>(model.preview());
        preview.setId("inspector-preview");
        preview.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setWrapText(true);
                setPrefWidth(0);
                setStyle("-fx-font-family: monospace;");
                // A series window is also drawn: its values as a line and the value to forecast as a dot.
                int i = getIndex();
                List<DataInspectorViewModel.Sparkline> lines = model.previewSparklines();
                setGraphic(!empty && i >= 0 && i < lines.size() ? sparkline(lines.get(i)) : null);
            }
        });
        thumbnails = new FlowPane(12, 12);
        thumbnails.setId("inspector-thumbnails");
        thumbnails.setPadding(new Insets(8));
        thumbnailScroll = new ScrollPane(thumbnails);
        thumbnailScroll.setFitToWidth(true);
        bins = new XYIntervalSeries("samples");
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(bins);
        XYBarRenderer r = new XYBarRenderer(0.05);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, new Color(47, 111, 219));
        histogramPlot = new XYPlot(data, new NumberAxis("tokens per sample"), new NumberAxis("samples"), r);
        JFreeChart chart = new JFreeChart("Sequence lengths", JFreeChart.DEFAULT_TITLE_FONT, histogramPlot, false);
        histogram = new ChartViewer(chart);
        ChartStyles.apply(chart, dark);
        histogram.setId("length-histogram");
        histogram.setPrefHeight(240);
        histogramNote = new Label();
        histogramNote.setWrapText(true);
    }

    private void layoutParts() {
        histogramBox = new VBox(4, histogram, histogramNote);
        VBox top = new VBox(6, status, summary, describe, histogramBox);
        // Images are shown as pictures; text and series samples as the lines the loader yields.
        StackPane samples = new StackPane(preview, thumbnailScroll);
        split = new SplitPane(top, samples);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.65);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().add(split);
        setPadding(new Insets(8));
    }

    private void setupBindings() {
        status.textProperty().bind(model.statusProperty());
        summary.textProperty().bind(model.summaryProperty());
        histogramBox.visibleProperty().bind(model.lengthsProperty().isNotNull());
        histogramBox.managedProperty().bind(histogramBox.visibleProperty());
        model.lengthsProperty().addListener((o, a, h) -> showHistogram(h));
        thumbnailScroll.visibleProperty().bind(Bindings.isNotEmpty(model.previewImages()));
        // Image data has no columns to describe: the pictures take the room instead of an empty table.
        describe.visibleProperty().bind(thumbnailScroll.visibleProperty().not());
        describe.managedProperty().bind(describe.visibleProperty());
        preview.visibleProperty().bind(thumbnailScroll.visibleProperty().not());
        model.previewImages().addListener((ListChangeListener<DataInspectorViewModel.PreviewImage>)
                c -> showThumbnails());
    }

    /** Draws a window's values as a line (blue) and its target after them as a dot (orange), 240 x 48 px. */
    static Canvas sparkline(DataInspectorViewModel.Sparkline s) {
        Canvas c = new Canvas(240, 48);
        double[] v = s.values();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        if (Double.isFinite(s.target())) {
            lo = Math.min(lo, s.target());
            hi = Math.max(hi, s.target());
        }
        if (v.length == 0 || !(hi >= lo)) {
            return c;
        }
        double span = hi > lo ? hi - lo : 1;
        double dx = (c.getWidth() - 8) / v.length; // the last slot is the target's
        GraphicsContext g = c.getGraphicsContext2D();
        g.setStroke(javafx.scene.paint.Color.web("#2f6fdb"));
        g.setLineWidth(1.5);
        g.beginPath();
        for (int i = 0; i < v.length; i++) {
            double x = 4 + i * dx;
            double y = 4 + (1 - (v[i] - lo) / span) * (c.getHeight() - 8);
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
        if (Double.isFinite(s.target())) {
            double x = 4 + v.length * dx;
            double y = 4 + (1 - (s.target() - lo) / span) * (c.getHeight() - 8);
            g.setFill(javafx.scene.paint.Color.web("#e8710a"));
            g.fillOval(x - 3, y - 3, 6, 6);
        }
        return c;
    }

    /** Draws each image sample at a whole multiple of its size (about 96 px tall), pixels kept sharp. */
    private void showThumbnails() {
        thumbnails.getChildren().clear();
        // Pictures need the room a describe table would take.
        split.setDividerPositions(model.previewImages().isEmpty() ? 0.65 : 0.3);
        for (DataInspectorViewModel.PreviewImage p : model.previewImages()) {
            // Whole-pixel enlargement done here: an ImageView's own scaling may blur (software rendering does).
            int zoom = Math.max(1, (int) Math.round(96.0 / p.height()));
            int w = p.width() * zoom;
            int h = p.height() * zoom;
            int[] big = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    big[y * w + x] = p.argb()[(y / zoom) * p.width() + x / zoom];
                }
            }
            WritableImage img = new WritableImage(w, h);
            img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), big, 0, w);
            ImageView view = new ImageView(img);
            Label caption = new Label(p.caption());
            VBox cell = new VBox(4, view, caption);
            cell.setAlignment(Pos.CENTER);
            thumbnails.getChildren().add(cell);
        }
    }

    private void setupEventHandlers() {
        // Read-only tab: no handlers beyond the table's own sorting.
    }

    private void showHistogram(DataInspectorViewModel.Histogram h) {
        bins.clear();
        histogramPlot.clearDomainMarkers();
        if (h == null) {
            return;
        }
        for (int i = 0; i < h.counts().length; i++) {
            double x0 = h.binStart()[i];
            bins.add(x0 + h.binWidth() / 2, x0, x0 + h.binWidth(), h.counts()[i], h.counts()[i], h.counts()[i]);
        }
        if (h.padLength() > 0) {
            ValueMarker m = new ValueMarker(h.padLength(), new Color(198, 40, 40), new BasicStroke(2f));
            m.setLabel("90% covered: " + h.padLength());
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            histogramPlot.addDomainMarker(m);
        }
        histogramNote.setText(h.note());
        ChartStyles.apply(histogram.getChart(), dark); // the new marker's label too
    }

    /** Switches the length histogram to the dark (true) or light colours of the live charts. */
    public void setDarkTheme(boolean dark) {
        this.dark = dark;
        ChartStyles.apply(histogram.getChart(), dark);
    }
}
