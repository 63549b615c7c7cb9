package dev.tunebench.app.runs;

import dev.tunebench.app.charts.RunComparisonChart;
import dev.tunebench.app.charts.RunCurves;
import dev.tunebench.app.model.RunRecord;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Runs panel: the runs table (select several with Ctrl or Shift), their curves overlaid in one chart, and the
 * hyperparameters that differ between them.
 */
public final class RunsView extends VBox {
    private final RunsViewModel model;
    private TableView<RunRecord> table;
    private RunComparisonChart overlay;
    private TableView<RunsViewModel.DiffRow> diffs;
    private ComboBox<String> metric;
    private Button refresh;
    private Button showCheckpoints;
    private Label status;
    private Consumer<RunRecord> onShowCheckpoints = r -> { };

    /** Creates the panel. */
    public RunsView(RunsViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    /** Switches the overlay chart to dark (true) or light colours, with the window's theme. */
    public void setDarkTheme(boolean dark) {
        overlay.setDarkTheme(dark);
    }

    private void initializeParts() {
        table = new TableView<>(model.runs());
        table.setId("runs-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No runs yet: press Start."));
        // Widths fit a run id, a preset id and "val_accuracy 0.9123 @12"; the message takes the rest.
        table.getColumns().add(col("Run", RunRecord::id, 180));
        table.getColumns().add(col("Template", RunRecord::template, 80));
        table.getColumns().add(col("Preset", RunRecord::preset, 120));
        table.getColumns().add(col("Data", RunRecord::data, 140));
        table.getColumns().add(col("Outcome", RunRecord::status, 90));
        table.getColumns().add(col("Epochs", r -> String.valueOf(r.epochs().size()), 60));
        table.getColumns().add(col("Best", r -> Double.isFinite(r.bestValue())
                ? String.format(Locale.ROOT, "%s %.4g @%d", r.monitor(), r.bestValue(), r.bestEpoch()) : "-", 170));
        table.getColumns().add(col("Message", RunRecord::message, 120));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        overlay = new RunComparisonChart();
        overlay.setId("runs-overlay");
        diffs = new TableView<>(model.differences());
        diffs.setId("runs-diffs");
        diffs.setPlaceholder(new Label("Select two or more runs to see the hyperparameters that differ."));
        metric = new ComboBox<>();
        refresh = new Button("Refresh");
        refresh.setId("runs-refresh");
        showCheckpoints = new Button("Show checkpoints");
        status = new Label();
    }

    private static <T> TableColumn<T, String> col(String title, Function<T, String> f) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        return c;
    }

    private static <T> TableColumn<T, String> col(String title, Function<T, String> f, double prefWidth) {
        TableColumn<T, String> c = col(title, f);
        c.setPrefWidth(prefWidth);
        c.setMinWidth(Math.min(prefWidth, 90)); // short headers ("Template", "Epochs") stay readable when squeezed
        return c;
    }

    private void layoutParts() {
        HBox bar = new HBox(6, refresh, showCheckpoints, new Label("Compare:"), metric, status);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        SplitPane bottom = new SplitPane(overlay, diffs);
        bottom.setDividerPositions(0.62);
        SplitPane split = new SplitPane(table, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.35);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(bar, split);
        setSpacing(6);
        setPadding(new Insets(8));
    }

    private void setupBindings() {
        status.textProperty().bind(model.statusProperty());
        showCheckpoints.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<RunRecord>) c ->
                model.selected().setAll(table.getSelectionModel().getSelectedItems()));
        model.selected().addListener((ListChangeListener<RunRecord>) c -> {
            overlay.showRuns(model.selected().stream().map(r -> new RunCurves(r.id(), r.epochs())).toList());
            String chosen = overlay.metric();
            metric.getItems().setAll(overlay.metricChoices());
            metric.setValue(chosen);
        });
        model.differences().addListener((ListChangeListener<RunsViewModel.DiffRow>) c -> rebuildDiffColumns());
    }

    private void rebuildDiffColumns() {
        diffs.getColumns().clear();
        diffs.getColumns().add(col("Hyperparameter", RunsViewModel.DiffRow::name));
        for (int i = 0; i < model.selected().size(); i++) {
            int k = i;
            diffs.getColumns().add(col(model.selected().get(i).id(),
                    d -> k < d.values().size() ? d.values().get(k) : ""));
        }
    }

    private void setupEventHandlers() {
        refresh.setOnAction(e -> model.refresh());
        metric.valueProperty().addListener((o, a, m) -> {
            if (m != null && !m.equals(overlay.metric())) {
                overlay.setMetric(m);
            }
        });
        showCheckpoints.setOnAction(e -> onShowCheckpoints.accept(table.getSelectionModel().getSelectedItem()));
    }

    /** Sets what "Show checkpoints" does. */
    public void setOnShowCheckpoints(Consumer<RunRecord> c) {
        this.onShowCheckpoints = c;
    }

    /** Returns the overlay chart. */
    public RunComparisonChart overlay() {
        return overlay;
    }

    /** Returns the runs table. */
    public TableView<RunRecord> table() {
        return table;
    }
}
