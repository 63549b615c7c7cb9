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
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/** The Checkpoints panel: best-k and last with epoch, value and time; evaluate, export, resume, open folder. */
public final class CheckpointsView extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private final CheckpointsViewModel model;
    private TableView<CheckpointInfo> table;
    private Button evaluateValidation;
    private Button evaluateTest;
    private Button export;
    private Button resume;
    private Button openFolder;
    private Button refresh;
    private Label status;
    private Label runDir;

    /** Creates the panel. */
    public CheckpointsView(CheckpointsViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        table = new TableView<>(model.checkpoints());
        table.setId("checkpoints-table");
        table.setPlaceholder(new Label("Checkpoints appear here after the first epoch of a run."));
        table.getColumns().add(column("Checkpoint", c -> c.id()));
        table.getColumns().add(column("Epoch", c -> String.valueOf(c.epoch())));
        table.getColumns().add(column("Monitored value", c -> Double.isFinite(c.value())
                ? String.format(Locale.ROOT, "%.5g", c.value()) : String.valueOf(c.value())));
        table.getColumns().add(column("Kept as", c -> c.best() && c.last() ? "best, last" : c.best() ? "best"
                : "last"));
        table.getColumns().add(column("Saved", c -> c.savedAt() == null ? "" : TIME.format(c.savedAt())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
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

    private static TableColumn<CheckpointInfo, String> column(String title,
            java.util.function.Function<CheckpointInfo, String> f) {
        TableColumn<CheckpointInfo, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    private void layoutParts() {
        HBox buttons = new HBox(6, evaluateValidation, evaluateTest, export, resume, openFolder, refresh);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(runDir, table, buttons, status);
        setSpacing(6);
        setPadding(new Insets(8));
    }

    private void setupBindings() {
        var none = table.getSelectionModel().selectedItemProperty().isNull();
        evaluateValidation.disableProperty().bind(none.or(model.busyProperty()));
        evaluateTest.disableProperty().bind(none.or(model.busyProperty()));
        export.disableProperty().bind(none);
        resume.disableProperty().bind(none);
        openFolder.disableProperty().bind(none);
        status.textProperty().bind(model.statusProperty());
        runDir.textProperty().bind(Bindings.createStringBinding(() -> model.runDirProperty().get() == null
                ? "Run: none" : "Run: " + model.runDirProperty().get(), model.runDirProperty()));
        model.checkpoints().addListener((javafx.collections.ListChangeListener<CheckpointInfo>) c -> {
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
        return table.getSelectionModel().getSelectedItem();
    }

    /** Returns the table. */
    public TableView<CheckpointInfo> table() {
        return table;
    }
}
