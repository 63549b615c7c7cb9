package dev.tunebench.app.checkpoints;

import dev.tunebench.app.common.Folders;
import dev.tunebench.engine.checkpoint.CheckpointInfo;
import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/**
 * The Checkpoints panel: best-k and last with epoch, value, time and whether each was verified after writing, the
 * last good one marked; beside them the writes that failed or were interrupted, with their reasons (a failed row
 * has nothing to evaluate, export or resume: the last good checkpoint is the one to use). Evaluate, export,
 * resume, open folder.
 */
public final class CheckpointsView extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private final CheckpointsViewModel model;
    private TableView<CheckpointRow> table;
    private Button evaluateValidation;
    private Button evaluateTest;
    private Button export;
    private Button resume;
    private Button openFolder;
    private Button refresh;
    private Label status;
    private Label runDir;
    private Label lastGood;

    /** Creates the panel. */
    public CheckpointsView(CheckpointsViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        table = new TableView<>(model.rows());
        table.setId("checkpoints-table");
        table.setPlaceholder(new Label("Checkpoints appear here after the first epoch of a run."));
        table.getColumns().add(column("Checkpoint", CheckpointRow::id));
        table.getColumns().add(column("Epoch", r -> String.valueOf(r.epoch())));
        table.getColumns().add(column("Monitored value", CheckpointRow::valueText));
        table.getColumns().add(column("Kept as", CheckpointRow::keptAs));
        table.getColumns().add(column("Saved", r -> r.time() == null ? "" : TIME.format(r.time())));
        table.getColumns().add(column("Trust", CheckpointRow::trust));
        double[] widths = {100, 55, 115, 85, 150};
        for (int i = 0; i < widths.length; i++) {
            table.getColumns().get(i).setPrefWidth(widths[i]);
        }
        table.getColumns().get(widths.length).setPrefWidth(420); // the reason of a failed write needs the room
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CheckpointRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("checkpoint-failed", "checkpoint-last-good");
                if (!empty && row != null) {
                    getStyleClass().add(row.isFailure() ? "checkpoint-failed"
                            : row.lastGood() ? "checkpoint-last-good" : "checkpoint-kept");
                    setTooltip(row.isFailure() ? new Tooltip(row.failure().describe()) : null);
                } else {
                    setTooltip(null);
                }
            }
        });
        lastGood = new Label();
        lastGood.setId("checkpoints-last-good");
        evaluateValidation = new Button("Evaluate on validation");
        evaluateValidation.setId("evaluate-validation");
        evaluateTest = new Button("Evaluate on test");
        evaluateTest.setId("evaluate-test");
        export = new Button("Export...");
        resume = new Button("Resume training");
        resume.setId("resume");
        openFolder = new Button("Open folder");
        refresh = new Button("Refresh");
        status = new Label();
        status.setId("checkpoints-status");
        status.setWrapText(true);
        runDir = new Label();
    }

    private static TableColumn<CheckpointRow, String> column(String title,
            java.util.function.Function<CheckpointRow, String> f) {
        TableColumn<CheckpointRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    private void layoutParts() {
        HBox buttons = new HBox(6, evaluateValidation, evaluateTest, export, resume, openFolder, refresh);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(runDir, lastGood, table, buttons, status);
        setSpacing(6);
        setPadding(new Insets(8));
    }

    private void setupBindings() {
        var selected = table.getSelectionModel().selectedItemProperty();
        // A failed write has nothing on disk: only a kept checkpoint can be evaluated, exported or resumed.
        var none = Bindings.createBooleanBinding(() -> selected.get() == null || selected.get().isFailure(),
                selected);
        evaluateValidation.disableProperty().bind(none.or(model.busyProperty()));
        evaluateTest.disableProperty().bind(none.or(model.busyProperty()));
        export.disableProperty().bind(none);
        resume.disableProperty().bind(none);
        openFolder.disableProperty().bind(none);
        lastGood.textProperty().bind(Bindings.createStringBinding(() -> {
            CheckpointInfo c = model.lastGoodProperty().get();
            return c == null ? "Last good: none verified yet" : "Last good: " + c.id() + " (epoch " + c.epoch()
                    + ", read back and verified " + TIME.format(c.verifiedAt()) + ")";
        }, model.lastGoodProperty()));
        status.textProperty().bind(model.statusProperty());
        runDir.textProperty().bind(Bindings.createStringBinding(() -> model.runDirProperty().get() == null
                ? "Run: none" : "Run: " + model.runDirProperty().get(), model.runDirProperty()));
        model.rows().addListener((javafx.collections.ListChangeListener<CheckpointRow>) c -> {
            if (table.getSelectionModel().isEmpty() && !model.checkpoints().isEmpty()) {
                table.getSelectionModel().select(0);
            }
        });
    }

    private void setupEventHandlers() {
        evaluateValidation.setOnAction(e -> model.evaluate(selected(), false));
        evaluateTest.setOnAction(e -> model.evaluate(selected(), true));
        resume.setOnAction(e -> model.resume(selected()));
        refresh.setOnAction(e -> model.refresh());
        export.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Export checkpoint " + selected().id() + " to");
            File dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) {
                model.export(selected(), dir.toPath());
            }
        });
        openFolder.setOnAction(e -> {
            var path = selected().path();
            Thread t = new Thread(() -> {
                boolean opened = Folders.open(path);
                javafx.application.Platform.runLater(() -> model.setStatus(opened ? "Opened " + path
                        : "Folder: " + path));
            }, "tunebench-open-folder");
            t.setDaemon(true);
            t.start();
        });
    }

    private CheckpointInfo selected() {
        CheckpointRow r = table.getSelectionModel().getSelectedItem();
        return r == null ? null : r.checkpoint();
    }

    /** Returns the table. */
    public TableView<CheckpointRow> table() {
        return table;
    }
}
