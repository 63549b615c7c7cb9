package dev.tunebench.app.training;

import dev.tunebench.app.charts.ChartStyles;
import dev.tunebench.app.workbench.WorkbenchViewModel;
import dev.tunebench.engine.lrfind.LrFindResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The LR range test tab: run the exponential sweep, see the raw and smoothed loss against the learning rate on a
 * log axis with the valley and steepest-slope suggestions, and apply the suggestion to the learning-rate field.
 */
public final class LrFindView extends VBox {
    private final WorkbenchViewModel model;
    private Button run;
    private Button apply;
    private Label result;
    private XYSeries raw;
    private XYSeries smoothed;
    private XYPlot plot;
    private ChartViewer viewer;
    private boolean dark;

    /** Creates the tab content. */
    public LrFindView(WorkbenchViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        run = new Button("Run LR range test");
        run.setId("lr-find-run");
        apply = new Button("Apply suggestion");
        apply.setId("lr-find-apply");
        result = new Label("Sweeps the learning rate from 1e-7 to 1 over 100 steps on the chosen model and data "
                + "(fastai / Lightning style); the model is rebuilt afterwards, so nothing changes until you apply.");
        result.setWrapText(true);
        result.setId("lr-find-result");
        raw = new XYSeries("loss", false, true);
        smoothed = new XYSeries("smoothed loss (EMA 0.98)", false, true);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(raw);
        data.addSeries(smoothed);
        LogAxis x = new LogAxis("learning rate");
        x.setSmallestValue(1e-9);
        NumberAxis y = new NumberAxis("training loss");
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, new Color(120, 144, 180, 110));
        r.setSeriesPaint(1, new Color(47, 111, 219));
        r.setSeriesStroke(1, new BasicStroke(2f));
        plot = new XYPlot(data, x, y, r);
        JFreeChart chart = new JFreeChart("Learning-rate range test", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        viewer = new ChartViewer(chart);
        viewer.setId("lr-find-chart");
        ChartStyles.apply(chart, dark);
    }

    private void layoutParts() {
        HBox bar = new HBox(8, run, apply);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(viewer, Priority.ALWAYS);
        getChildren().addAll(bar, result, viewer);
        setSpacing(6);
        setPadding(new Insets(8));
    }

    private void setupBindings() {
        var busy = model.toolRunningProperty().or(model.training().stateProperty().isNotEqualTo(RunState.IDLE))
                .or(model.hyperparameters().validProperty().not()).or(model.loadedDataProperty().isNull());
        run.disableProperty().bind(busy);
        apply.disableProperty().bind(model.lrFindResultProperty().isNull());
        model.lrFindResultProperty().addListener((o, a, r) -> show(r));
    }

    private void setupEventHandlers() {
        run.setOnAction(e -> model.runLrFind());
        apply.setOnAction(e -> model.applyLrSuggestion());
    }

    private void show(LrFindResult r) {
        raw.clear();
        smoothed.clear();
        plot.clearDomainMarkers();
        if (r == null) {
            return;
        }
        for (int i = 0; i < r.lrs().size(); i++) {
            double lr = r.lrs().get(i);
            if (Double.isFinite(r.losses().get(i))) {
                raw.add(lr, r.losses().get(i), false);
            }
            if (Double.isFinite(r.smoothed().get(i))) {
                smoothed.add(lr, r.smoothed().get(i), false);
            }
        }
        raw.fireSeriesChanged();
        smoothed.fireSeriesChanged();
        mark(r.valleyLr(), "valley", new Color(46, 125, 50));
        mark(r.steepestLr(), "steepest", new Color(198, 40, 40));
        ChartStyles.apply(viewer.getChart(), dark); // the new markers' labels too
        result.setText(r.message() + (Double.isFinite(r.suggestedLr())
                ? String.format(Locale.ROOT, "  Suggested learning rate: %.3g.", r.suggestedLr()) : ""));
    }

    /** Switches the chart to the dark (true) or light colours of the live charts. */
    public void setDarkTheme(boolean dark) {
        this.dark = dark;
        ChartStyles.apply(viewer.getChart(), dark);
    }

    /** Returns whether the chart has the dark colours. */
    public boolean isDarkTheme() {
        return dark;
    }

    private void mark(double lr, String label, Color color) {
        if (Double.isFinite(lr) && lr > 0) {
            ValueMarker m = new ValueMarker(lr, color, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            m.setLabel(String.format(Locale.ROOT, "%s %.2g", label, lr));
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(m);
        }
    }
}
