package dev.tunebench.app.workbench;

import dev.tunebench.app.charts.TrainingCharts;
import dev.tunebench.app.common.AppSettings;
import dev.tunebench.app.common.Theme;
import dev.tunebench.app.model.EngineServices;
import dev.tunebench.app.training.RunState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Puts the workbench on a stage: builds the view-model and view, owns the background executors, remembers the
 * window's size and the user's choices, and asks before closing while a run trains.
 */
public final class WorkbenchWindow {
    private static final Duration FLUSH_INTERVAL = Duration.ofMillis(50);

    private final Stage stage;
    private final Path settingsFile;
    private final AppSettings settings;
    private final ExecutorService background;
    private final ScheduledExecutorService scheduler;
    private final WorkbenchViewModel model;
    private final WorkbenchView view;
    private final Scene scene;
    private boolean closeWhenIdle;
    private boolean disposed;

    /**
     * Builds the window on {@code stage} and shows it; the engine and data load in the background.
     *
     * @param settingsFile where size and choices are remembered
     */
    public WorkbenchWindow(Stage stage, EngineServices services, Path settingsFile) {
        this.stage = stage;
        this.settingsFile = settingsFile;
        this.settings = AppSettings.load(settingsFile);
        this.background = Executors.newFixedThreadPool(2, daemonThreads("tunebench-io"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("tunebench-ui-flush"));
        this.model = new WorkbenchViewModel(services, background, Platform::runLater, scheduler, FLUSH_INTERVAL,
                settings);
        this.view = new WorkbenchView(model);
        // A remembered size larger than this screen (another monitor, another machine) is shrunk to fit.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        this.scene = new Scene(view, Math.min(settings.width, screen.getWidth()),
                Math.min(settings.height, screen.getHeight()));
        Theme.install(scene);
        view.setDarkTheme("dark".equals(settings.theme));
        view.darkThemeItem().setSelected("dark".equals(settings.theme));
        stage.setTitle("TuneBench");
        stage.setScene(scene);
        if (Double.isFinite(settings.x) && Double.isFinite(settings.y)
                && screen.contains(settings.x + 20, settings.y + 20)) {
            stage.setX(settings.x);
            stage.setY(settings.y);
        }
        stage.setMaximized(settings.maximized);
        setupEventHandlers();
        stage.show();
        model.initialize();
        TrainingCharts.warmUp();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private void setupEventHandlers() {
        view.darkThemeItem().selectedProperty().addListener((o, a, dark) -> {
            view.setDarkTheme(dark);
            settings.theme = dark ? "dark" : "light";
        });
        view.quitItem().setOnAction(e -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        view.savePresetItem().setOnAction(e -> askSavePreset());
        view.setup().setOnSavePreset(this::askSavePreset);
        view.shortcutsItem().setOnAction(e -> showShortcuts());
        view.importItem().setOnAction(e -> importData());
        view.setup().setOnImport(this::importData);
        stage.setOnCloseRequest(this::onCloseRequest);
        model.training().stateProperty().addListener((o, a, s) -> {
            if (s == RunState.IDLE && closeWhenIdle) {
                dispose();
                stage.close();
            }
        });
    }

    private void onCloseRequest(WindowEvent e) {
        RunState s = model.training().stateProperty().get();
        if (s.isActive()) {
            e.consume();
            if (closeWhenIdle) {
                return;
            }
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                    "A run is training. Stop it and close TuneBench? The checkpoints written so far are kept.",
                    new ButtonType("Stop and close", ButtonBar.ButtonData.OK_DONE), ButtonType.CANCEL);
            ask.setTitle("TuneBench");
            ask.setHeaderText("Stop training?");
            ask.initOwner(stage);
            ask.showAndWait().filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).ifPresent(b -> {
                // Close once the training thread has finished its batch and checkpoint write.
                closeWhenIdle = true;
                model.training().stop();
            });
            return;
        }
        dispose();
    }

    private void importData() {
        if (model.training().stateProperty().get().isActive()) {
            return;
        }
        new dev.tunebench.app.data.ImportDialog(stage).showAndWait().ifPresent(model::addAndSelectData);
    }

    private void askSavePreset() {
        if (!model.hyperparameters().validProperty().get()) {
            model.setMessage("Fix the invalid values before saving a preset.");
            return;
        }
        var current = model.presetProperty().get();
        TextInputDialog d = new TextInputDialog(current == null ? "my preset" : current.name() + " (edited)");
        d.setTitle("Save as preset");
        d.setHeaderText("Save these hyperparameters as a user preset in " + AppSettings.userPresetDir());
        d.setContentText("Name:");
        d.initOwner(stage);
        d.showAndWait().map(String::strip).filter(n -> !n.isEmpty()).ifPresent(
                n -> model.saveAsPreset(n, current == null ? "" : "Edited from " + current.name() + ". "
                        + current.description()));
    }

    private void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, """
                Ctrl+Enter or F5     Start
                Ctrl+P or F6         Pause / Resume
                Ctrl+. or Shift+F5   Stop (after the current batch; checkpoints are kept)
                Ctrl+I               Import data
                Ctrl+Shift+O         Overfit check (tip 1)
                Ctrl+Shift+L         LR range test
                Ctrl+S               Save as preset
                Ctrl+R               Reset to preset
                Ctrl+1 ... Ctrl+5    Training, Data, Checkpoints, Runs, LR range test tabs
                Ctrl+Shift+T         Light / dark theme
                Alt+T, Alt+D, Alt+S  Template, data and preset pickers
                Tab / Shift+Tab      Move between fields
                F1                   This list
                Ctrl+Q               Quit""");
        a.setTitle("TuneBench");
        a.setHeaderText("Keyboard shortcuts");
        a.initOwner(stage);
        a.getDialogPane().setStyle("-fx-font-family: monospace;");
        a.show();
    }

    /** Saves the remembered settings and stops the background executors. */
    public void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        settings.maximized = stage.isMaximized();
        if (!stage.isMaximized() && stage.getWidth() > 0) {
            settings.width = stage.getWidth();
            settings.height = stage.getHeight();
            settings.x = stage.getX();
            settings.y = stage.getY();
        }
        try {
            settings.save(settingsFile);
        } catch (IOException ex) {
            System.err.println("TuneBench: could not save " + settingsFile + ": " + ex.getMessage());
        }
        background.shutdownNow();
        scheduler.shutdownNow();
    }

    /** Returns the view-model. */
    public WorkbenchViewModel model() {
        return model;
    }

    /** Returns the view. */
    public WorkbenchView view() {
        return view;
    }

    /** Returns the stage. */
    public Stage stage() {
        return stage;
    }
}
