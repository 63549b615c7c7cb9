package dev.tunebench.app.workbench;

import dev.tunebench.app.checkpoints.CheckpointsViewModel;
import dev.tunebench.app.common.AppSettings;
import dev.tunebench.app.common.Background;
import dev.tunebench.app.data.DataInspectorViewModel;
import dev.tunebench.app.presets.ConfigFields;
import dev.tunebench.app.runs.RunsViewModel;
import dev.tunebench.engine.diagnosis.CurveDiagnosis;
import dev.tunebench.engine.diagnosis.Diagnosis;
import dev.tunebench.engine.event.BatchMetrics;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.RunFinished;
import dev.tunebench.engine.event.RunStarted;
import dev.tunebench.engine.event.RunWarning;
import dev.tunebench.engine.schedule.SchedulePlan;
import dev.tunebench.engine.lrfind.LrFindResult;
import dev.tunebench.engine.overfit.OverfitResult;
import java.util.ArrayDeque;
import dev.tunebench.app.model.DataChoice;
import dev.tunebench.app.model.EngineServices;
import dev.tunebench.app.model.PresetChoice;
import dev.tunebench.app.model.RunSetup;
import dev.tunebench.app.model.TemplateChoice;
import dev.tunebench.app.presets.HyperparameterViewModel;
import dev.tunebench.app.training.TrainingViewModel;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.LoadedData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window's state: the template, data and preset pickers, the loaded data, the hyperparameters and the
 * run. Slow work (loading data, starting the engine, reading presets) runs on the background executor and its
 * result is applied on the UI executor; a result that arrives after the user picked something else is dropped.
 */
public final class WorkbenchViewModel {
    /** The data picked on a first start: small, so that Start trains at once. */
    public static final String DEFAULT_DATA = "builtin:digits";

    private final EngineServices services;
    private final Executor background;
    private final Executor ui;
    private final AppSettings settings;

    private final ObservableList<TemplateChoice> templates = FXCollections.observableArrayList();
    private final ObjectProperty<TemplateChoice> template = new SimpleObjectProperty<>();
    private final ObservableList<DataChoice> dataChoices = FXCollections.observableArrayList();
    private final ObjectProperty<DataChoice> data = new SimpleObjectProperty<>();
    private final ObservableList<PresetChoice> allPresets = FXCollections.observableArrayList();
    private final ObservableList<PresetChoice> presets = FXCollections.observableArrayList();
    private final ObjectProperty<PresetChoice> preset = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<LoadedData> loadedData = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper dataLoading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper dataStatus = new ReadOnlyStringWrapper("No data loaded");
    private final ReadOnlyStringWrapper dataError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper engineReady = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper engineStatus = new ReadOnlyStringWrapper("Loading the engine...");
    private final ReadOnlyStringWrapper startBlockedReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final HyperparameterViewModel hyperparameters = new HyperparameterViewModel();
    private final TrainingViewModel training;
    private final List<Consumer<LoadedData>> dataListeners = new ArrayList<>();
    private final Background tasks;
    private final CheckpointsViewModel checkpoints;
    private final RunsViewModel runs;
    private final DataInspectorViewModel inspector;
    private final ReadOnlyStringWrapper diagnosis = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper diagnosisNeedsAction = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper toolRunning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper toolStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<OverfitResult> overfitResult = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<LrFindResult> lrFindResult = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<SchedulePlan> plannedSchedule = new ReadOnlyObjectWrapper<>();
    private long planRequest;
    private final List<EpochMetrics> runEpochs = new ArrayList<>();
    private final ArrayDeque<Double> recentLosses = new ArrayDeque<>();
    private RunStarted runStarted;
    private boolean restoring;
    private long dataRequest;

    /**
     * Creates the view-model; call {@link #initialize()} next.
     *
     * @param services         the engine
     * @param background       runs slow work (data loading, engine start-up, preset I/O)
     * @param ui               runs work on the UI thread ({@code Platform::runLater}; inline in tests)
     * @param scheduler        spaces training-event flushes; null when {@code minFlushInterval} is zero
     * @param minFlushInterval minimum spacing of training UI updates
     * @param settings         remembered choices
     */
    public WorkbenchViewModel(EngineServices services, Executor background, Executor ui,
            ScheduledExecutorService scheduler, Duration minFlushInterval, AppSettings settings) {
        this.services = Objects.requireNonNull(services);
        this.background = background;
        this.ui = ui;
        this.settings = settings;
        this.training = new TrainingViewModel(services::start, ui, scheduler, minFlushInterval, System::nanoTime);
        this.tasks = new Background(background, ui);
        this.checkpoints = new CheckpointsViewModel(services, tasks, loadedData::get);
        this.runs = new RunsViewModel(services, tasks);
        this.inspector = new DataInspectorViewModel(services, tasks);
        checkpoints.setResumer(this::resume);
        training.addEventSink(this::onRunEvents);
        toolRunning.addListener((o, a, b) -> updateStartAllowed());
        hyperparameters.setRules(c -> services.validate(c, loadedData.get()),
                c -> services.checks(c, preset.get(), loadedData.get()));
        template.addListener((o, a, t) -> onTemplate(t));
        data.addListener((o, a, d) -> onData(d));
        preset.addListener((o, a, p) -> onPreset(p));
        hyperparameters.validProperty().addListener((o, a, b) -> updateStartAllowed());
        engineReady.addListener((o, a, b) -> updateStartAllowed());
        dataLoading.addListener((o, a, b) -> updateStartAllowed());
        loadedData.addListener((o, a, b) -> updateStartAllowed());
        loadedData.addListener((o, a, d) -> hyperparameters.setInputKind(d == null ? null : d.input().kind()));
        // The planned schedule follows the editor while no run is active (epochs, batch size and the data's size
        // change the steps per epoch); during a run it is the run's own.
        hyperparameters.configProperty().addListener((o, a, c) -> planEditorValues());
        loadedData.addListener((o, a, d) -> planEditorValues());
        training.maxBatchesPerEpochProperty().addListener((o, a, n) -> planEditorValues());
        training.stateProperty().addListener((o, a, st) -> {
            if (!st.isActive()) {
                planEditorValues();
            }
        });
        updateStartAllowed();
    }

    /** Plans the editor's values (or clears the plan when they are invalid or no data is loaded). */
    private void planEditorValues() {
        if (training.stateProperty().get().isActive()) {
            return;
        }
        RunConfig c = hyperparameters.configProperty().get();
        LoadedData d = loadedData.get();
        if (c == null || d == null) {
            planRequest++;
            plannedSchedule.set(null);
            return;
        }
        int trainSize = d.train().size();
        int maxBatches = training.maxBatchesPerEpochProperty().get();
        plan(() -> SchedulePlan.of(c.schedule(), c.optimizer().learningRate(), c.training().epochs(),
                SchedulePlan.stepsPerEpoch(trainSize, c.training().batchSize(), maxBatches)));
    }

    /**
     * Computes a plan in the background (one value per epoch: cheap, but 100,000 epochs are allowed and the FX
     * thread never waits for it) and shows it unless a newer one was asked for meanwhile.
     */
    private void plan(Background.Work<SchedulePlan> work) {
        long request = ++planRequest;
        tasks.run(work, p -> {
            if (request == planRequest) {
                plannedSchedule.set(p);
            }
        }, e -> {
            if (request == planRequest) {
                plannedSchedule.set(null); // values the schedule rejects draw no plan; the editor flags them
            }
        });
    }

    /**
     * Fills the pickers and selects the remembered (or default) template, data and preset; starts the engine and
     * the data loading in the background.
     */
    public void initialize() {
        templates.setAll(TemplateChoice.builtIns());
        runs.refresh();
        runInBackground(services::warmUp, description -> {
            engineReady.set(true);
            engineStatus.set(description);
        }, e -> engineStatus.set("The engine did not start: " + e));
        runInBackground(() -> new Object[] {services.dataChoices(), services.presets()}, r -> {
            @SuppressWarnings("unchecked")
            List<DataChoice> d = (List<DataChoice>) r[0];
            @SuppressWarnings("unchecked")
            List<PresetChoice> p = (List<PresetChoice>) r[1];
            dataChoices.setAll(d);
            allPresets.setAll(p);
            selectInitial();
        }, e -> message.set("Could not read the presets or data sets: " + e));
    }

    private void selectInitial() {
        DataChoice d = findData(settings.data).orElse(findData(DEFAULT_DATA).orElse(
                dataChoices.isEmpty() ? null : dataChoices.get(0)));
        PresetChoice remembered = allPresets.stream().filter(p -> p.id().equals(settings.preset)).findFirst()
                .orElse(null);
        PresetChoice p = remembered != null ? remembered : presetFor(d);
        String tid = p != null ? p.config().model().template() : settings.template != null ? settings.template
                : d != null && "image".equals(d.kind()) ? "resnet" : "lstm";
        templates.stream().filter(t -> t.id().equals(tid)).findFirst().ifPresent(template::set);
        if (p != null) {
            preset.set(p);
        }
        restoring = true; // the remembered preset stays, even when another one was made for the remembered data
        try {
            data.set(d);
        } finally {
            restoring = false;
        }
    }

    /** Returns the first preset made for the data, else the first that fits its kind, else null. */
    private PresetChoice presetFor(DataChoice d) {
        if (d == null) {
            return allPresets.isEmpty() ? null : allPresets.get(0);
        }
        return allPresets.stream().filter(p -> d.spec().equals(p.dataSpec())).findFirst()
                .or(() -> allPresets.stream().filter(p -> d.kind().equals(p.dataKind())).findFirst())
                .orElse(allPresets.isEmpty() ? null : allPresets.get(0));
    }

    private java.util.Optional<DataChoice> findData(String spec) {
        return spec == null ? java.util.Optional.empty()
                : dataChoices.stream().filter(c -> c.spec().equals(spec)).findFirst();
    }

    private void onTemplate(TemplateChoice t) {
        if (t == null) {
            return;
        }
        settings.template = t.id();
        presets.setAll(allPresets.stream().filter(p -> p.config().model().template().equals(t.id())).toList());
        PresetChoice current = preset.get();
        if (current == null || !current.config().model().template().equals(t.id())) {
            if (!presets.isEmpty()) {
                preset.set(presets.get(0));
            } else if (hyperparameters.baseProperty().get() != null) {
                hyperparameters.setTemplate(t.id(), hyperparameters.baseProperty().get().withModel(t.defaults()));
            }
        }
    }

    private void onPreset(PresetChoice p) {
        if (p == null) {
            return;
        }
        settings.preset = p.id();
        hyperparameters.load(p.config(), p.notes());
    }

    private void onData(DataChoice d) {
        if (d == null) {
            return;
        }
        settings.data = d.spec();
        // A preset made for another kind of data would not fit: take one of this template's that does. A preset made
        // for exactly this data set replaces one made for another data set too, unless values were edited.
        PresetChoice p = preset.get();
        if (p != null && p.dataKind() != null && !p.dataKind().equals(d.kind())) {
            presets.stream().filter(x -> d.spec().equals(x.dataSpec())).findFirst()
                    .or(() -> presets.stream().filter(x -> d.kind().equals(x.dataKind())).findFirst())
                    .ifPresent(preset::set);
        } else if (!restoring && p != null && p.dataSpec() != null && !p.dataSpec().equals(d.spec())
                && !hyperparameters.modifiedProperty().get()) {
            presets.stream().filter(x -> d.spec().equals(x.dataSpec())).findFirst().ifPresent(preset::set);
        }
        loadData(d.spec());
    }

    private void onRunEvents(List<Object> events) {
        boolean epochEnded = false;
        for (Object e : events) {
            if (e instanceof RunStarted s) {
                runStarted = s;
                runEpochs.clear();
                runEpochs.addAll(s.history()); // a resumed run is diagnosed on its whole curve
                epochEnded = !s.history().isEmpty();
                recentLosses.clear();
                diagnosis.set("");
                diagnosisNeedsAction.set(false);
                checkpoints.runDirProperty().set(s.runDir());
                if (s.config() != null && s.config().training() != null) {
                    RunConfig c = s.config();
                    int steps = Math.max(1, s.batchesPerEpoch());
                    plan(() -> SchedulePlan.of(c.schedule(), c.optimizer().learningRate(), c.training().epochs(),
                            steps));
                }
            } else if (e instanceof RunWarning w) {
                // The run goes on; the status bar says what failed and the Checkpoints panel lists it.
                message.set(w.message());
                checkpoints.refresh();
            } else if (e instanceof BatchMetrics b) {
                recentLosses.addLast(b.loss());
                if (recentLosses.size() > 64) {
                    recentLosses.removeFirst();
                }
            } else if (e instanceof EpochMetrics m) {
                runEpochs.add(m);
                epochEnded = true;
            } else if (e instanceof RunFinished) {
                checkpoints.refresh();
                runs.refresh();
            }
        }
        if (epochEnded && runStarted != null) {
            checkpoints.refresh();
            double[] recent = recentLosses.stream().mapToDouble(Double::doubleValue).toArray();
            Diagnosis d = CurveDiagnosis.diagnose(runEpochs, recent, runStarted.input().task(),
                    runStarted.input().outputSize());
            diagnosisNeedsAction.set(d.needsAction());
            diagnosis.set(d.kind() == Diagnosis.Kind.INSUFFICIENT_DATA ? "Diagnosis: " + d.advice()
                    : "Diagnosis: " + d);
        }
    }

    /** Runs the overfit check (tip 1) with the edited hyperparameters on the loaded data, in the background. */
    public void runOverfitCheck() {
        RunConfig c = hyperparameters.configProperty().get();
        LoadedData d = loadedData.get();
        if (c == null || d == null || toolRunning.get() || training.stateProperty().get().isActive()) {
            return;
        }
        toolRunning.set(true);
        toolStatus.set("Overfit check: training on a few batches (tip 1)...");
        tasks.run(() -> services.overfit(c, d), r -> {
            toolRunning.set(false);
            overfitResult.set(r);
            toolStatus.set("Overfit check " + (r.passed() ? "PASSED: " : "FAILED: ") + r.message());
        }, e -> {
            toolRunning.set(false);
            toolStatus.set("The overfit check failed to run: " + e);
        });
    }

    /** Runs the learning-rate range test with the edited hyperparameters on the loaded data, in the background. */
    public void runLrFind() {
        RunConfig c = hyperparameters.configProperty().get();
        LoadedData d = loadedData.get();
        if (c == null || d == null || toolRunning.get() || training.stateProperty().get().isActive()) {
            return;
        }
        toolRunning.set(true);
        toolStatus.set("LR range test: sweeping the learning rate...");
        tasks.run(() -> services.lrFind(c, d), r -> {
            toolRunning.set(false);
            lrFindResult.set(r);
            toolStatus.set("LR range test: " + r.message());
        }, e -> {
            toolRunning.set(false);
            toolStatus.set("The LR range test failed to run: " + e);
        });
    }

    /** Puts the LR range test's suggestion into the learning-rate field. Returns whether there was one. */
    public boolean applyLrSuggestion() {
        LrFindResult r = lrFindResult.get();
        if (r == null || !Double.isFinite(r.suggestedLr()) || r.suggestedLr() <= 0) {
            return false;
        }
        hyperparameters.set("learningRate", ConfigFields.str(r.suggestedLr()));
        message.set("Learning rate set to the LR range test's suggestion " + ConfigFields.str(r.suggestedLr()));
        return true;
    }

    /** Adds a data choice made by an importer and selects it. */
    public void addAndSelectData(DataChoice choice) {
        dataChoices.removeIf(c -> c.spec().equals(choice.spec()));
        dataChoices.add(choice);
        data.set(choice);
    }

    private void loadData(String spec) {
        long request = ++dataRequest;
        loadedData.set(null);
        dataLoading.set(true);
        dataError.set("");
        dataStatus.set("Loading " + spec + "...");
        runInBackground(() -> services.loadData(spec), d -> {
            if (request != dataRequest) {
                return;
            }
            dataLoading.set(false);
            loadedData.set(d);
            dataStatus.set(describe(d));
            hyperparameters.recompute();
            inspector.inspect(spec, d);
            for (Consumer<LoadedData> l : dataListeners) {
                l.accept(d);
            }
        }, e -> {
            if (request != dataRequest) {
                return;
            }
            dataLoading.set(false);
            dataError.set(e);
            dataStatus.set("Could not load " + spec + ": " + e);
        });
    }

    static String describe(LoadedData d) {
        return String.format(Locale.ROOT, "%s: %,d train / %,d validation%s, %s", d.source(), d.train().size(),
                d.validation().size(), d.test() == null ? "" : String.format(Locale.ROOT, " / %,d test",
                        d.test().size()), d.input());
    }

    /** Starts a run with the edited hyperparameters on the loaded data. Returns whether it started. */
    public boolean start() {
        RunConfig c = hyperparameters.configProperty().get();
        LoadedData d = loadedData.get();
        if (c == null || d == null) {
            return false;
        }
        return training.start(new RunSetup(c, d, services.runsRoot(), null, 0, presetId()));
    }

    /** Resumes training from a checkpoint folder with the current hyperparameters and data. */
    public boolean resume(java.nio.file.Path checkpoint) {
        RunConfig c = hyperparameters.configProperty().get();
        LoadedData d = loadedData.get();
        if (c == null || d == null) {
            return false;
        }
        return training.start(new RunSetup(c, d, services.runsRoot(), checkpoint, 0, presetId()));
    }

    private String presetId() {
        return preset.get() == null ? null : preset.get().id();
    }

    /**
     * Saves the edited hyperparameters as a user preset in the background; the new preset is added to the picker
     * and selected.
     */
    public void saveAsPreset(String name, String description) {
        RunConfig c = hyperparameters.configProperty().get();
        if (c == null) {
            message.set("Fix the invalid values before saving a preset.");
            return;
        }
        DataChoice d = data.get();
        runInBackground(() -> services.savePreset(name, description, c, d), p -> {
            allPresets.removeIf(x -> x.userPreset() && x.id().equals(p.id()));
            allPresets.add(p);
            if (template.get() != null && p.config().model().template().equals(template.get().id())) {
                presets.removeIf(x -> x.userPreset() && x.id().equals(p.id()));
                presets.add(p);
            }
            preset.set(p);
            message.set("Saved preset " + p.name() + (p.file() == null ? "" : " to " + p.file()));
        }, e -> message.set("Could not save the preset: " + e));
    }

    /** Adds a listener called on the UI thread whenever new data finished loading. */
    public void addDataListener(Consumer<LoadedData> l) {
        dataListeners.add(l);
    }

    private void updateStartAllowed() {
        String reason;
        if (!engineReady.get()) {
            reason = "the engine is still loading";
        } else if (dataLoading.get()) {
            reason = "the data is loading";
        } else if (loadedData.get() == null) {
            reason = "no data loaded";
        } else if (toolRunning.get()) {
            reason = "the overfit check or LR range test is running";
        } else if (!hyperparameters.validProperty().get()) {
            reason = "some hyperparameters are invalid";
        } else {
            reason = "";
        }
        startBlockedReason.set(reason);
        training.startBlockedReasonProperty().set(reason);
        training.startAllowedProperty().set(reason.isEmpty());
    }

    /** Runs {@code work} on the background executor and hands its result or error message to the UI executor. */
    private <T> void runInBackground(ThrowingSupplier<T> work, Consumer<T> onDone, Consumer<String> onError) {
        tasks.run(work::get, onDone, onError);
    }

    /** A supplier that may throw. */
    @FunctionalInterface
    public interface ThrowingSupplier<T> {
        /** Returns the result. */
        T get() throws Exception;
    }

    /** Returns the engine. */
    public EngineServices services() {
        return services;
    }

    /** Returns the background executor. */
    public Executor background() {
        return background;
    }

    /** Returns the UI executor. */
    public Executor ui() {
        return ui;
    }

    /** Returns the remembered settings (updated as the user picks). */
    public AppSettings settings() {
        return settings;
    }

    /** Returns the templates. */
    public ObservableList<TemplateChoice> templates() {
        return templates;
    }

    /** Returns the selected template. */
    public ObjectProperty<TemplateChoice> templateProperty() {
        return template;
    }

    /** Returns the data choices. */
    public ObservableList<DataChoice> dataChoices() {
        return dataChoices;
    }

    /** Returns the selected data. */
    public ObjectProperty<DataChoice> dataProperty() {
        return data;
    }

    /** Returns the presets of the selected template. */
    public ObservableList<PresetChoice> presets() {
        return presets;
    }

    /** Returns every preset, bundled and user. */
    public ObservableList<PresetChoice> allPresets() {
        return allPresets;
    }

    /** Returns the selected preset. */
    public ObjectProperty<PresetChoice> presetProperty() {
        return preset;
    }

    /** Returns the loaded data, or null while loading or after an error. */
    public ReadOnlyObjectProperty<LoadedData> loadedDataProperty() {
        return loadedData.getReadOnlyProperty();
    }

    /** Returns whether data is loading. */
    public ReadOnlyBooleanProperty dataLoadingProperty() {
        return dataLoading.getReadOnlyProperty();
    }

    /** Returns a one-line description of the data or of its loading. */
    public ReadOnlyStringProperty dataStatusProperty() {
        return dataStatus.getReadOnlyProperty();
    }

    /** Returns the error of the last data load, or "". */
    public ReadOnlyStringProperty dataErrorProperty() {
        return dataError.getReadOnlyProperty();
    }

    /** Returns whether the engine has started. */
    public ReadOnlyBooleanProperty engineReadyProperty() {
        return engineReady.getReadOnlyProperty();
    }

    /** Returns the engine's status line. */
    public ReadOnlyStringProperty engineStatusProperty() {
        return engineStatus.getReadOnlyProperty();
    }

    /** Returns why Start is disabled, or "". */
    public ReadOnlyStringProperty startBlockedReasonProperty() {
        return startBlockedReason.getReadOnlyProperty();
    }

    /** Returns the last message for the status bar (saved preset, errors of background work). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Sets the status-bar message. */
    public void setMessage(String m) {
        message.set(m);
    }

    /** Returns the Checkpoints panel's state. */
    public CheckpointsViewModel checkpoints() {
        return checkpoints;
    }

    /** Returns the data inspector's state. */
    public DataInspectorViewModel inspector() {
        return inspector;
    }

    /** Returns the Runs panel's state. */
    public RunsViewModel runs() {
        return runs;
    }

    /** Returns the live loss-curve diagnosis with its advice, or "". */
    public ReadOnlyStringProperty diagnosisProperty() {
        return diagnosis.getReadOnlyProperty();
    }

    /** Returns whether the diagnosis calls for action. */
    public ReadOnlyBooleanProperty diagnosisNeedsActionProperty() {
        return diagnosisNeedsAction.getReadOnlyProperty();
    }

    /** Returns whether the overfit check or the LR range test is running. */
    public ReadOnlyBooleanProperty toolRunningProperty() {
        return toolRunning.getReadOnlyProperty();
    }

    /** Returns the overfit check's or LR range test's status line. */
    public ReadOnlyStringProperty toolStatusProperty() {
        return toolStatus.getReadOnlyProperty();
    }

    /** Returns the last overfit check's result, or null. */
    public ReadOnlyObjectProperty<OverfitResult> overfitResultProperty() {
        return overfitResult.getReadOnlyProperty();
    }

    /** Returns the last LR range test's result, or null. */
    public ReadOnlyObjectProperty<LrFindResult> lrFindResultProperty() {
        return lrFindResult.getReadOnlyProperty();
    }

    /**
     * Returns the planned learning-rate schedule to draw: of the editor's values while no run is active, of the run
     * during one; null when the values are invalid or no data is loaded.
     */
    public ReadOnlyObjectProperty<SchedulePlan> plannedScheduleProperty() {
        return plannedSchedule.getReadOnlyProperty();
    }

    /** Returns the hyperparameter editor's state. */
    public HyperparameterViewModel hyperparameters() {
        return hyperparameters;
    }

    /** Returns the run controls' state. */
    public TrainingViewModel training() {
        return training;
    }

    /** Returns a supplier of the current data spec, or null. */
    public Supplier<String> dataSpec() {
        return () -> data.get() == null ? null : data.get().spec();
    }
}
