package dev.tunebench.app.workbench;

import dev.tunebench.app.charts.TrainingCharts;
import dev.tunebench.app.checkpoints.CheckpointsView;
import dev.tunebench.app.common.StatusBar;
import dev.tunebench.app.common.Theme;
import dev.tunebench.app.data.DataInspectorView;
import dev.tunebench.app.runs.RunsView;
import dev.tunebench.app.training.LrFindView;
import dev.tunebench.app.training.RunControlsBar;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window's content: menu bar, the setup pane on the left, the run controls and tabs (training charts,
 * data inspector, checkpoints, runs, LR range test) in the middle, and the status bar.
 */
public final class WorkbenchView extends BorderPane {
    private final WorkbenchViewModel model;
    private MenuBar menuBar;
    private SetupPane setup;
    private RunControlsBar controls;
    private TabPane tabs;
    private Tab trainingTab;
    private Tab dataTab;
    private Tab checkpointsTab;
    private Tab runsTab;
    private Tab lrTab;
    private StackPane chartHost;
    private TrainingCharts charts;
    private HBox errorBanner;
    private Label errorText;
    private Button dismissError;
    private Label diagnosis;
    private StatusBar statusBar;
    private Label toolStatus;
    private Button overfit;
    private Button lrFind;
    private CheckpointsView checkpointsView;
    private RunsView runsView;
    private DataInspectorView inspectorView;
    private LrFindView lrFindView;
    private MenuItem overfitItem;
    private MenuItem lrFindItem;
    private CheckMenuItem darkTheme;
    private MenuItem startItem;
    private MenuItem pauseItem;
    private MenuItem stopItem;
    private MenuItem startF5;
    private MenuItem importItem;
    private MenuItem savePresetItem;
    private MenuItem resetPresetItem;
    private MenuItem quitItem;
    private MenuItem shortcutsItem;
    private final VBox trainingContent = new VBox();

    /** Creates the view. */
    public WorkbenchView(WorkbenchViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        getStyleClass().add("workbench");
        setup = new SetupPane(model);
        controls = new RunControlsBar(model.training());
        charts = new TrainingCharts();
        charts.setId("training-charts");
        charts.model().smoothingProperty().set(model.settings().smoothing);
        chartHost = new StackPane(charts);
        chartHost.setId("chart-host");
        chartHost.getStyleClass().add("chart-host");
        errorText = new Label();
        errorText.setId("run-error");
        errorText.setWrapText(true);
        dismissError = new Button("Dismiss");
        errorBanner = new HBox(8, new Label("\u2716"), errorText, dismissError);
        errorBanner.getStyleClass().add("error-banner");
        errorBanner.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(errorText, Priority.ALWAYS);
        diagnosis = new Label();
        diagnosis.setId("diagnosis");
        diagnosis.getStyleClass().add("diagnosis");
        diagnosis.setWrapText(true);
        statusBar = new StatusBar();
        toolStatus = new Label();
        toolStatus.setId("tool-status");
        toolStatus.setWrapText(true);
        overfit = new Button("Overfit check");
        overfit.setId("overfit-check");
        overfit.setTooltip(new javafx.scene.control.Tooltip(
                "Tip 1: train on a few batches until the loss is near zero; if it cannot, the learning rate is "
                        + "too high or the code is wrong (Ctrl+Shift+O)"));
        lrFind = new Button("LR range test");
        lrFind.setId("lr-find");
        lrFind.setTooltip(new javafx.scene.control.Tooltip(
                "Sweep the learning rate exponentially and suggest one (fastai's valley) (Ctrl+Shift+L)"));
        checkpointsView = new CheckpointsView(model.checkpoints());
        runsView = new RunsView(model.runs());
        inspectorView = new DataInspectorView(model.inspector());
        lrFindView = new LrFindView(model);
        overfitItem = item("Overfit check", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        lrFindItem = item("LR range test", new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));

        trainingTab = tab("Training", "tab-training");
        dataTab = tab("Data", "tab-data");
        checkpointsTab = tab("Checkpoints", "tab-checkpoints");
        runsTab = tab("Runs", "tab-runs");
        lrTab = tab("LR range test", "tab-lr");
        tabs = new TabPane(trainingTab, dataTab, checkpointsTab, runsTab, lrTab);
        tabs.setId("tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        startItem = item("Start", new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN));
        startF5 = item("Start (F5)", new KeyCodeCombination(KeyCode.F5));
        pauseItem = item("Pause / Resume", new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN));
        stopItem = item("Stop", new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN));
        importItem = item("Import data...", new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN));
        savePresetItem = item("Save as preset...", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        resetPresetItem = item("Reset to preset", new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
        quitItem = item("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        shortcutsItem = item("Keyboard shortcuts", new KeyCodeCombination(KeyCode.F1));
        darkTheme = new CheckMenuItem("Dark theme");
        darkTheme.setAccelerator(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        darkTheme.setId("menu-dark-theme");
    }

    private static void lazyContent(Tab tab, Node content) {
        tab.selectedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (now) {
                    tab.setContent(content);
                    tab.selectedProperty().removeListener(this);
                }
            }
        });
    }

    private static Tab tab(String title, String id) {
        Tab t = new Tab(title);
        t.setId(id);
        return t;
    }

    private static MenuItem item(String text, KeyCombination accel) {
        MenuItem m = new MenuItem(text);
        m.setAccelerator(accel);
        return m;
    }

    private void layoutParts() {
        Menu file = new Menu("_File", null, importItem, savePresetItem, resetPresetItem, new SeparatorMenuItem(),
                quitItem);
        Menu run = new Menu("_Run", null, startItem, startF5, pauseItem, stopItem, new SeparatorMenuItem(),
                overfitItem, lrFindItem);
        Menu view = new Menu("_View", null, darkTheme);
        for (int i = 0; i < tabs.getTabs().size(); i++) {
            Tab t = tabs.getTabs().get(i);
            MenuItem m = item(t.getText(), new KeyCodeCombination(KeyCode.getKeyCode(String.valueOf(i + 1)),
                    KeyCombination.SHORTCUT_DOWN));
            m.setOnAction(e -> tabs.getSelectionModel().select(t));
            view.getItems().add(m);
        }
        Menu help = new Menu("_Help", null, shortcutsItem);
        menuBar = new MenuBar(file, run, view, help);
        menuBar.setId("menu-bar");

        VBox.setVgrow(chartHost, Priority.ALWAYS);
        trainingContent.getChildren().addAll(errorBanner, diagnosis, toolStatus, chartHost);
        controls.addActions(overfit, lrFind);
        // The other tabs get their content when first shown: the window appears sooner.
        lazyContent(dataTab, inspectorView);
        lazyContent(checkpointsTab, checkpointsView);
        lazyContent(runsTab, runsView);
        lazyContent(lrTab, lrFindView);
        trainingContent.setSpacing(6);
        trainingContent.setPadding(new Insets(0, 8, 8, 8));
        trainingTab.setContent(trainingContent);
        VBox center = new VBox(controls, tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        SplitPane split = new SplitPane(setup, center);
        split.setDividerPositions(0.3);
        SplitPane.setResizableWithParent(setup, false);
        setTop(menuBar);
        setCenter(split);
        setBottom(statusBar);
    }

    private void setupBindings() {
        var training = model.training();
        errorText.textProperty().bind(training.errorTextProperty());
        errorBanner.visibleProperty().bind(training.errorTextProperty().isNotEmpty());
        errorBanner.managedProperty().bind(errorBanner.visibleProperty());
        diagnosis.textProperty().bind(model.diagnosisProperty());
        model.diagnosisNeedsActionProperty().addListener((o, a, act) -> {
            diagnosis.getStyleClass().remove("healthy");
            if (!act) {
                diagnosis.getStyleClass().add("healthy");
            }
        });
        toolStatus.textProperty().bind(model.toolStatusProperty());
        toolStatus.visibleProperty().bind(toolStatus.textProperty().isNotEmpty());
        toolStatus.managedProperty().bind(toolStatus.visibleProperty());
        var toolBlocked = model.toolRunningProperty()
                .or(training.stateProperty().isNotEqualTo(dev.tunebench.app.training.RunState.IDLE))
                .or(model.hyperparameters().validProperty().not()).or(model.loadedDataProperty().isNull());
        overfit.disableProperty().bind(toolBlocked);
        lrFind.disableProperty().bind(toolBlocked);
        overfitItem.disableProperty().bind(toolBlocked);
        lrFindItem.disableProperty().bind(toolBlocked);
        diagnosis.visibleProperty().bind(diagnosis.textProperty().isNotEmpty());
        diagnosis.managedProperty().bind(diagnosis.visibleProperty());
        startItem.disableProperty().bind(training.canStartProperty().not());
        startF5.disableProperty().bind(training.canStartProperty().not());
        pauseItem.disableProperty().bind(training.canPauseProperty().not());
        stopItem.disableProperty().bind(training.canStopProperty().not());
        statusBar.bindMessage(Bindings.createStringBinding(() -> {
            String m = model.messageProperty().get();
            String s = training.statusTextProperty().get();
            String blocked = model.startBlockedReasonProperty().get();
            if (!training.stateProperty().get().isActive() && !blocked.isEmpty()) {
                return "Start is disabled: " + blocked + (m.isEmpty() ? "" : ".  " + m);
            }
            return m.isEmpty() ? s : s + "   |   " + m;
        }, model.messageProperty(), training.statusTextProperty(), model.startBlockedReasonProperty(),
                training.stateProperty()));
        statusBar.bindRight(model.engineStatusProperty());
    }

    private void setupEventHandlers() {
        // The charts get every drained batch of events in one call: one redraw per UI flush.
        model.training().addEventSink(events -> charts.model().acceptAll(events));
        charts.model().planProperty().bind(model.plannedScheduleProperty());
        charts.model().smoothingProperty().addListener((o, a, v) -> model.settings().smoothing = v.doubleValue());
        controls.setOnStart(model::start);
        startItem.setOnAction(e -> model.start());
        startF5.setOnAction(e -> model.start());
        pauseItem.setOnAction(e -> model.training().togglePause());
        stopItem.setOnAction(e -> model.training().stop());
        resetPresetItem.setOnAction(e -> model.hyperparameters().resetToPreset());
        overfit.setOnAction(e -> model.runOverfitCheck());
        overfitItem.setOnAction(e -> model.runOverfitCheck());
        lrFind.setOnAction(e -> {
            tabs.getSelectionModel().select(lrTab);
            model.runLrFind();
        });
        lrFindItem.setOnAction(e -> {
            tabs.getSelectionModel().select(lrTab);
            model.runLrFind();
        });
        runsView.setOnShowCheckpoints(r -> {
            model.checkpoints().runDirProperty().set(r.dir());
            tabs.getSelectionModel().select(checkpointsTab);
        });
        dismissError.setOnAction(e -> model.training().dismissError());
        // Stop has a second, function-key shortcut that menus cannot hold twice.
        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F6), () -> model.training().togglePause());
                scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5, KeyCombination.SHIFT_DOWN),
                        () -> model.training().stop());
            }
        });
    }

    /** Returns the setup pane. */
    public SetupPane setup() {
        return setup;
    }

    /** Returns the run controls. */
    public RunControlsBar controls() {
        return controls;
    }

    /** Returns the live training charts. */
    public TrainingCharts charts() {
        return charts;
    }

    /** Returns the diagnosis label (live loss-curve diagnosis). */
    public Label diagnosis() {
        return diagnosis;
    }

    /** Returns the tabs. */
    public TabPane tabs() {
        return tabs;
    }

    /** Returns the Checkpoints panel. */
    public CheckpointsView checkpointsView() {
        return checkpointsView;
    }

    /** Switches the whole window, its charts included, to the dark (true) or light theme. */
    public void setDarkTheme(boolean dark) {
        Theme.apply(this, dark);
        charts.setDarkTheme(dark);
        runsView.setDarkTheme(dark);
        inspectorView.setDarkTheme(dark);
        lrFindView.setDarkTheme(dark);
    }

    /** Returns the LR range test tab. */
    public LrFindView lrFindView() {
        return lrFindView;
    }

    /** Returns the Runs panel. */
    public RunsView runsView() {
        return runsView;
    }

    /** Returns the Data tab. */
    public Tab dataTab() {
        return dataTab;
    }

    /** Returns the Checkpoints tab. */
    public Tab checkpointsTab() {
        return checkpointsTab;
    }

    /** Returns the Runs tab. */
    public Tab runsTab() {
        return runsTab;
    }

    /** Returns the LR range test tab. */
    public Tab lrTab() {
        return lrTab;
    }

    /** Returns the dark-theme menu item. */
    public CheckMenuItem darkThemeItem() {
        return darkTheme;
    }

    /** Returns File > Import data. */
    public MenuItem importItem() {
        return importItem;
    }

    /** Returns File > Save as preset. */
    public MenuItem savePresetItem() {
        return savePresetItem;
    }

    /** Returns File > Quit. */
    public MenuItem quitItem() {
        return quitItem;
    }

    /** Returns Help > Keyboard shortcuts. */
    public MenuItem shortcutsItem() {
        return shortcutsItem;
    }
}
