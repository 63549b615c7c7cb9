package dev.tunebench.app.training;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.geometry.Orientation;

/**
 * Start, Pause/Resume and Stop with the run's progress: epoch and batch bars, ETA and samples per second, plus
 * the extra actions the workbench adds (overfit check, LR range test).
 */
public final class RunControlsBar extends VBox {
    private final TrainingViewModel model;
    private Button start;
    private Button pause;
    private Button stop;
    private ProgressBar epochBar;
    private ProgressBar batchBar;
    private Label epochLabel;
    private Label batchLabel;
    private Label eta;
    private Label throughput;
    private Label best;
    private HBox buttons;
    private HBox progress;
    private Runnable onStart = () -> { };

    /** Creates the bar for the given run state. */
    public RunControlsBar(TrainingViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        getStyleClass().add("run-controls");
        start = new Button("Start");
        start.setId("start");
        start.getStyleClass().add("accent");
        start.setDefaultButton(false);
        pause = new Button("Pause");
        pause.setId("pause");
        stop = new Button("Stop");
        stop.setId("stop");
        start.setTooltip(new Tooltip("Train with these hyperparameters (Ctrl+Enter or F5)"));
        pause.setTooltip(new Tooltip("Pause between batches, or resume (Ctrl+P or F6)"));
        stop.setTooltip(new Tooltip("Stop after the current batch; checkpoints are kept (Ctrl+Period or Shift+F5)"));
        epochBar = new ProgressBar(0);
        epochBar.setId("epoch-progress");
        batchBar = new ProgressBar(0);
        batchBar.setId("batch-progress");
        epochLabel = new Label();
        epochLabel.setId("epoch-label");
        batchLabel = new Label();
        batchLabel.setId("batch-label");
        eta = new Label();
        eta.setId("eta");
        throughput = new Label();
        throughput.setId("throughput");
        best = new Label();
        best.setId("best");
        best.getStyleClass().add("best-label");
    }

    private void layoutParts() {
        buttons = new HBox(6, start, pause, stop);
        buttons.setAlignment(Pos.CENTER_LEFT);
        epochBar.setPrefWidth(180);
        batchBar.setPrefWidth(120);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        progress = new HBox(8, epochLabel, epochBar, batchLabel, batchBar, eta, throughput, spacer, best);
        progress.setAlignment(Pos.CENTER_LEFT);
        HBox top = new HBox(12, buttons, new Separator(Orientation.VERTICAL));
        top.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(top, progress);
        setSpacing(6);
        setPadding(new Insets(8));
    }

    private void setupBindings() {
        start.disableProperty().bind(model.canStartProperty().not());
        pause.disableProperty().bind(model.canPauseProperty().not());
        stop.disableProperty().bind(model.canStopProperty().not());
        pause.textProperty().bind(model.pauseLabelProperty());
        epochBar.progressProperty().bind(model.epochProgressProperty());
        batchBar.progressProperty().bind(model.batchProgressProperty());
        epochLabel.textProperty().bind(model.epochTextProperty());
        batchLabel.textProperty().bind(model.batchTextProperty());
        eta.textProperty().bind(model.etaTextProperty());
        throughput.textProperty().bind(model.throughputTextProperty());
        best.textProperty().bind(model.bestTextProperty());
    }

    private void setupEventHandlers() {
        start.setOnAction(e -> onStart.run());
        pause.setOnAction(e -> model.togglePause());
        stop.setOnAction(e -> model.stop());
    }

    /** Sets what Start does (the workbench builds the run from its pickers). */
    public void setOnStart(Runnable r) {
        this.onStart = r;
    }

    /** Adds buttons after the run controls (overfit check, LR range test). */
    public void addActions(javafx.scene.Node... nodes) {
        ((HBox) getChildren().get(0)).getChildren().addAll(nodes);
    }
}
