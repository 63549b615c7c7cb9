package dev.tunebench.app.training;

import dev.tunebench.app.common.FxEventBridge;
import dev.tunebench.app.model.RunHandle;
import dev.tunebench.app.model.RunSetup;
import dev.tunebench.engine.event.BatchMetrics;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.RunFinished;
import dev.tunebench.engine.event.RunStarted;
import dev.tunebench.engine.event.RunWarning;
import dev.tunebench.engine.event.RunStatus;
import dev.tunebench.engine.event.TrainingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The run controls and progress of the window: Start, Pause/Resume, Stop, epoch and batch progress with ETA and
 * samples per second, and the run's outcome. Training events arrive from the training thread through one
 * {@link FxEventBridge}; every property here changes only on the UI thread.
 */
public final class TrainingViewModel {
    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(RunState.IDLE);
    private final ReadOnlyDoubleWrapper epochProgress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper batchProgress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper epochText = new ReadOnlyStringWrapper("Epoch -");
    private final ReadOnlyStringWrapper batchText = new ReadOnlyStringWrapper("Batch -");
    private final ReadOnlyStringWrapper etaText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper throughputText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("Ready");
    private final ReadOnlyStringWrapper errorText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper bestText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<RunStarted> currentRun = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RunFinished> lastOutcome = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<EpochMetrics> lastEpoch = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper canPause = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canStop = new ReadOnlyBooleanWrapper();
    private final BooleanProperty startAllowed = new SimpleBooleanProperty(true);
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper();
    private final IntegerProperty maxBatchesPerEpoch = new SimpleIntegerProperty(0);
    private final StringProperty pauseLabel = new SimpleStringProperty("Pause");
    private final DoubleProperty bridgeFlushes = new SimpleDoubleProperty();
    private final ObjectProperty<String> startBlockedReason = new SimpleObjectProperty<>("");

    private final List<Consumer<List<Object>>> eventSinks = new ArrayList<>();
    private final List<Consumer<List<Object>>> firstSinks = new ArrayList<>();
    private final FxEventBridge<Object> bridge;
    private final BiFunction<RunSetup, TrainingListener, RunHandle> starter;
    private final LongSupplier nanoClock;
    private RunHandle handle;
    private long runStartNanos;
    private int totalEpochs;
    private int startEpoch = 1;
    private int batchSize = 1;

    /**
     * Creates the view-model.
     *
     * @param starter     starts a run on its own thread and returns its control (the engine's TrainingRun)
     * @param ui          runs a task on the UI thread ({@code Platform::runLater}; inline in tests)
     * @param scheduler   spaces the bridge's flushes; null when {@code minFlushInterval} is zero
     * @param minFlushInterval minimum spacing of UI updates (50 ms: at most 20 per second)
     * @param nanoClock   time source for the ETA
     */
    public TrainingViewModel(BiFunction<RunSetup, TrainingListener, RunHandle> starter, Executor ui,
            ScheduledExecutorService scheduler, Duration minFlushInterval, LongSupplier nanoClock) {
        this.starter = starter;
        this.nanoClock = nanoClock;
        this.bridge = new FxEventBridge<>(ui, scheduler, minFlushInterval, this::onEvents);
        state.addListener((o, a, s) -> updateFlags());
        startAllowed.addListener((o, a, b) -> updateFlags());
        updateFlags();
    }

    /** Adds a receiver of every batch of run events (RunStarted, BatchMetrics, EpochMetrics, RunFinished). */
    public void addEventSink(Consumer<List<Object>> sink) {
        eventSinks.add(sink);
    }

    /** Adds a receiver called before this view-model updates its own state (to time a flush, for instance). */
    public void addEventSinkFirst(Consumer<List<Object>> sink) {
        firstSinks.add(sink);
    }

    /** Returns the listener that feeds this view-model; registered on each run this view-model starts. */
    TrainingListener listener() {
        return new TrainingListener() {
            @Override
            public void onRunStart(RunStarted event) {
                bridge.post(event);
            }

            @Override
            public void onBatchEnd(BatchMetrics metrics) {
                bridge.post(metrics);
            }

            @Override
            public void onEpochEnd(EpochMetrics metrics) {
                bridge.post(metrics);
            }

            @Override
            public void onWarning(RunWarning warning) {
                bridge.post(warning);
            }

            @Override
            public void onRunEnd(RunFinished event) {
                bridge.post(event);
            }
        };
    }

    /**
     * Starts a run. Returns false and leaves the state alone when one is already active or Start is not allowed.
     */
    public boolean start(RunSetup setup) {
        if (!canStart.get()) {
            return false;
        }
        errorText.set("");
        lastOutcome.set(null);
        lastEpoch.set(null);
        bestText.set("");
        epochProgress.set(0);
        batchProgress.set(0);
        etaText.set("");
        throughputText.set("");
        totalEpochs = setup.config().training().epochs();
        batchSize = setup.config().training().batchSize();
        state.set(RunState.STARTING);
        statusText.set("Starting: building the model...");
        RunSetup capped = maxBatchesPerEpoch.get() > 0 && setup.maxBatchesPerEpoch() == 0
                ? new RunSetup(setup.config(), setup.data(), setup.runsRoot(), setup.resumeFrom(),
                        maxBatchesPerEpoch.get(), setup.presetId())
                : setup;
        try {
            handle = starter.apply(capped, listener());
        } catch (RuntimeException e) {
            state.set(RunState.IDLE);
            errorText.set(message(e));
            statusText.set("Could not start: " + message(e));
            return false;
        }
        return true;
    }

    /** Pauses a running run or resumes a paused one. */
    public void togglePause() {
        if (handle == null) {
            return;
        }
        if (state.get() == RunState.RUNNING || state.get() == RunState.STARTING) {
            handle.pause();
            state.set(RunState.PAUSED);
            statusText.set("Paused");
        } else if (state.get() == RunState.PAUSED) {
            handle.resume();
            state.set(RunState.RUNNING);
            statusText.set("Training");
        }
    }

    /** Asks the run to stop after its current batch; checkpoints are kept. */
    public void stop() {
        if (handle == null || !state.get().isActive() || state.get() == RunState.STOPPING) {
            return;
        }
        if (state.get() == RunState.PAUSED) {
            handle.resume();
        }
        handle.stop();
        state.set(RunState.STOPPING);
        statusText.set("Stopping after the current batch...");
    }

    /** Clears the error banner. */
    public void dismissError() {
        errorText.set("");
    }

    private void onEvents(List<Object> events) {
        for (Consumer<List<Object>> sink : firstSinks) {
            sink.accept(events);
        }
        BatchMetrics lastBatch = null;
        for (Object e : events) {
            if (e instanceof RunStarted s) {
                onStarted(s);
            } else if (e instanceof BatchMetrics b) {
                lastBatch = b;
            } else if (e instanceof EpochMetrics m) {
                lastEpoch.set(m);
                epochProgress.set(totalEpochs == 0 ? 0 : (double) m.epoch() / totalEpochs);
            } else if (e instanceof RunFinished f) {
                if (lastBatch != null) {
                    onBatch(lastBatch); // the run's last batches arrived in the same flush: show where it ended
                    lastBatch = null;
                }
                onFinished(f);
            }
        }
        if (lastBatch != null && state.get().isActive()) {
            onBatch(lastBatch);
        }
        bridgeFlushes.set(bridge.flushCount());
        for (Consumer<List<Object>> sink : eventSinks) {
            sink.accept(events);
        }
    }

    private void onStarted(RunStarted s) {
        currentRun.set(s);
        runStartNanos = nanoClock.getAsLong();
        totalEpochs = s.config().training().epochs();
        startEpoch = s.startEpoch();
        batchSize = s.config().training().batchSize();
        if (state.get() == RunState.STARTING) {
            state.set(RunState.RUNNING);
        }
        if (state.get() == RunState.RUNNING) {
            statusText.set(String.format(Locale.ROOT, "Training %s: %,d parameters, %,d training samples",
                    s.runId(), s.parameterCount(), s.trainSize()));
        }
    }

    private void onBatch(BatchMetrics b) {
        int bpe = Math.max(1, b.batchesPerEpoch());
        batchProgress.set((double) b.batch() / bpe);
        epochProgress.set(totalEpochs == 0 ? 0 : ((b.epoch() - 1) + (double) b.batch() / bpe) / totalEpochs);
        epochText.set("Epoch " + b.epoch() + " / " + totalEpochs);
        batchText.set("Batch " + b.batch() + " / " + bpe);
        throughputText.set(String.format(Locale.ROOT, "%,.0f samples/s", b.samplesPerSecond()));
        long done = (long) (b.epoch() - startEpoch) * bpe + b.batch();
        long total = (long) (totalEpochs - startEpoch + 1) * bpe;
        double elapsed = (nanoClock.getAsLong() - runStartNanos) / 1e9;
        if (done > 0 && total >= done) {
            etaText.set("ETA " + formatDuration(elapsed / done * (total - done)));
        }
    }

    private void onFinished(RunFinished f) {
        lastOutcome.set(f);
        handle = null;
        state.set(RunState.IDLE);
        etaText.set("");
        if (f.status() == RunStatus.FAILED) {
            errorText.set(f.error() == null || f.error().isBlank() ? f.message() : f.error());
            statusText.set("Run failed: " + f.message());
        } else {
            statusText.set((f.status() == RunStatus.STOPPED ? "Stopped: " : "Finished: ") + f.message());
        }
        if (f.bestEpoch() > 0) {
            bestText.set(String.format(Locale.ROOT, "best %s %.4f at epoch %d", f.monitor(), f.bestValue(),
                    f.bestEpoch()));
        }
    }

    private void updateFlags() {
        RunState s = state.get();
        canStart.set(!s.isActive() && startAllowed.get());
        canPause.set(s == RunState.RUNNING || s == RunState.PAUSED);
        canStop.set(s == RunState.RUNNING || s == RunState.PAUSED || s == RunState.STARTING);
        pauseLabel.set(s == RunState.PAUSED ? "Resume" : "Pause");
    }

    /** Returns a duration like "1:05:09" or "4:07". */
    static String formatDuration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "-";
        }
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Returns the run state. */
    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Returns the fraction of all epochs done. */
    public ReadOnlyDoubleProperty epochProgressProperty() {
        return epochProgress.getReadOnlyProperty();
    }

    /** Returns the fraction of the current epoch's batches done. */
    public ReadOnlyDoubleProperty batchProgressProperty() {
        return batchProgress.getReadOnlyProperty();
    }

    /** Returns "Epoch e / n". */
    public ReadOnlyStringProperty epochTextProperty() {
        return epochText.getReadOnlyProperty();
    }

    /** Returns "Batch b / n". */
    public ReadOnlyStringProperty batchTextProperty() {
        return batchText.getReadOnlyProperty();
    }

    /** Returns "ETA m:ss" while training. */
    public ReadOnlyStringProperty etaTextProperty() {
        return etaText.getReadOnlyProperty();
    }

    /** Returns "n samples/s". */
    public ReadOnlyStringProperty throughputTextProperty() {
        return throughputText.getReadOnlyProperty();
    }

    /** Returns the one-line status. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** Returns the error of the last run, or "". */
    public ReadOnlyStringProperty errorTextProperty() {
        return errorText.getReadOnlyProperty();
    }

    /** Returns "best val_loss 0.41 at epoch 7" after a run, or "". */
    public ReadOnlyStringProperty bestTextProperty() {
        return bestText.getReadOnlyProperty();
    }

    /** Returns the current (or last) run's start event. */
    public ReadOnlyObjectProperty<RunStarted> currentRunProperty() {
        return currentRun.getReadOnlyProperty();
    }

    /** Returns how the last run ended, or null. */
    public ReadOnlyObjectProperty<RunFinished> lastOutcomeProperty() {
        return lastOutcome.getReadOnlyProperty();
    }

    /** Returns the last epoch's metrics of the current run, or null. */
    public ReadOnlyObjectProperty<EpochMetrics> lastEpochProperty() {
        return lastEpoch.getReadOnlyProperty();
    }

    /** Returns whether Start is enabled. */
    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    /** Returns whether Pause/Resume is enabled. */
    public ReadOnlyBooleanProperty canPauseProperty() {
        return canPause.getReadOnlyProperty();
    }

    /** Returns whether Stop is enabled. */
    public ReadOnlyBooleanProperty canStopProperty() {
        return canStop.getReadOnlyProperty();
    }

    /** Returns "Pause" or "Resume". */
    public StringProperty pauseLabelProperty() {
        return pauseLabel;
    }

    /** Set false while the hyperparameters are invalid, the data is loading or the engine is not ready. */
    public BooleanProperty startAllowedProperty() {
        return startAllowed;
    }

    /** Returns the reason Start is disabled, or "" (set by the workbench). */
    public ObjectProperty<String> startBlockedReasonProperty() {
        return startBlockedReason;
    }

    /** Returns the cap on batches per epoch (0 = all) applied to runs started here. */
    public IntegerProperty maxBatchesPerEpochProperty() {
        return maxBatchesPerEpoch;
    }

    /** Returns how many UI flushes the event bridge made in this session (for the responsiveness tests). */
    public DoubleProperty bridgeFlushesProperty() {
        return bridgeFlushes;
    }
}
