package dev.tunebench.app.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.app.model.RunHandle;
import dev.tunebench.app.model.RunSetup;
import dev.tunebench.app.presets.HyperparameterViewModelTest;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.event.BatchMetrics;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.RunFinished;
import dev.tunebench.engine.event.RunStarted;
import dev.tunebench.engine.event.RunStatus;
import dev.tunebench.engine.event.StopReason;
import dev.tunebench.engine.event.TrainingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Drives the view-model with a scripted event sequence on an inline "UI thread". */
class TrainingViewModelTest {
    private final AtomicLong now = new AtomicLong();
    private final List<String> calls = new ArrayList<>();
    private TrainingListener listener;
    private RunSetup started;

    private TrainingViewModel vm() {
        return new TrainingViewModel((setup, l) -> {
            started = setup;
            listener = l;
            return handle(calls);
        }, Runnable::run, null, Duration.ZERO, now::get);
    }

    /** A run handle that records pause, resume and stop in {@code calls}. */
    private static RunHandle handle(List<String> calls) {
        return new RunHandle() {
            boolean paused;

            @Override
            public void pause() {
                paused = true;
                calls.add("pause");
            }

            @Override
            public void resume() {
                paused = false;
                calls.add("resume");
            }

            @Override
            public void stop() {
                calls.add("stop");
            }

            @Override
            public boolean isPaused() {
                return paused;
            }

            @Override
            public boolean isAlive() {
                return true;
            }
        };
    }

    private static RunSetup setup() {
        RunConfig c = HyperparameterViewModelTest.lstm().withTraining(
                HyperparameterViewModelTest.lstm().training().withEpochs(4));
        return new RunSetup(c, null, null, null, 0, "test-preset");
    }

    private static RunStarted runStarted(RunConfig c) {
        return new RunStarted("r1", null, c, null, 1000, 100, 10, 12345, 1);
    }

    private static BatchMetrics batch(int epoch, int b) {
        return new BatchMetrics(epoch, (epoch - 1) * 10L + b, b, 10, 1.0 / b, 1e-3, 2, 1, true, 640);
    }

    @Test
    void progressEtaAndThroughputFollowTheEvents() {
        TrainingViewModel vm = vm();
        List<Object> seen = new ArrayList<>();
        vm.addEventSink(seen::addAll);
        assertTrue(vm.canStartProperty().get());
        assertTrue(vm.start(setup()));
        assertEquals(RunState.STARTING, vm.stateProperty().get());
        assertFalse(vm.canStartProperty().get());

        listener.onRunStart(runStarted(started.config()));
        assertEquals(RunState.RUNNING, vm.stateProperty().get());
        now.addAndGet(5_000_000_000L);
        listener.onBatchEnd(batch(1, 5));
        assertEquals(0.5, vm.batchProgressProperty().get(), 1e-9);
        assertEquals(0.125, vm.epochProgressProperty().get(), 1e-9);
        assertEquals("Epoch 1 / 4", vm.epochTextProperty().get());
        assertEquals("Batch 5 / 10", vm.batchTextProperty().get());
        assertEquals("640 samples/s", vm.throughputTextProperty().get());
        // 5 of 40 steps in 5 s: 35 s to go
        assertEquals("ETA 0:35", vm.etaTextProperty().get());
        assertEquals(2, seen.size());
    }

    @Test
    void theLastBatchesFlushedWithTheRunsEndStillMoveTheProgress() {
        // A UI executor that holds the flushes, as a busy FX thread would: the end of the run and its last batches
        // then arrive in one flush.
        List<Runnable> ui = new ArrayList<>();
        TrainingViewModel vm = new TrainingViewModel((setup, l) -> {
            listener = l;
            return handle(new ArrayList<>());
        }, ui::add, null, Duration.ZERO, now::get);
        assertTrue(vm.start(setup()));
        listener.onRunStart(runStarted(setup().config()));
        listener.onBatchEnd(batch(4, 8));
        listener.onBatchEnd(batch(4, 9));
        listener.onBatchEnd(batch(4, 10));
        listener.onRunEnd(new RunFinished(RunStatus.FINISHED, StopReason.COMPLETED, "completed 4 epochs", 4, 4, 0.5,
                "val_loss", null, null));
        while (!ui.isEmpty()) {
            ui.remove(0).run();
        }
        assertEquals(RunState.IDLE, vm.stateProperty().get());
        assertEquals("Batch 10 / 10", vm.batchTextProperty().get(), "not stuck at an earlier batch");
        assertEquals("Epoch 4 / 4", vm.epochTextProperty().get());
    }

    @Test
    void pauseResumeAndStopAreCooperativeAndTheOutcomeIsShown() {
        TrainingViewModel vm = vm();
        vm.start(setup());
        listener.onRunStart(runStarted(started.config()));
        vm.togglePause();
        assertEquals(RunState.PAUSED, vm.stateProperty().get());
        assertEquals("Resume", vm.pauseLabelProperty().get());
        vm.togglePause();
        assertEquals(RunState.RUNNING, vm.stateProperty().get());
        vm.stop();
        assertEquals(RunState.STOPPING, vm.stateProperty().get());
        assertEquals(List.of("pause", "resume", "stop"), calls);
        assertFalse(vm.canStartProperty().get(), "no second run while the first is stopping");

        listener.onEpochEnd(new EpochMetrics(1, 0.9, 0.8, Map.of("train_loss", 0.9, "val_loss", 0.8), 1e-3, 1, 1));
        listener.onRunEnd(new RunFinished(RunStatus.STOPPED, StopReason.USER_REQUESTED, "stopped by the user", 1, 1,
                0.8, "val_loss", null, null));
        assertEquals(RunState.IDLE, vm.stateProperty().get());
        assertTrue(vm.canStartProperty().get());
        assertTrue(vm.statusTextProperty().get().startsWith("Stopped"));
        assertEquals("best val_loss 0.8000 at epoch 1", vm.bestTextProperty().get());
    }

    @Test
    void anErrorOnTheTrainingThreadIsShownAndTheWindowStaysUsable() {
        TrainingViewModel vm = vm();
        vm.start(setup());
        listener.onRunEnd(new RunFinished(RunStatus.FAILED, StopReason.ERROR, "the model does not fit the data",
                0, 0, Double.NaN, "val_loss", null, "embedding size 0 must be positive"));
        assertEquals(RunState.IDLE, vm.stateProperty().get());
        assertEquals("embedding size 0 must be positive", vm.errorTextProperty().get());
        assertTrue(vm.canStartProperty().get());
        assertTrue(vm.start(setup()));
        assertEquals("", vm.errorTextProperty().get());
    }

    @Test
    void aStarterThatThrowsLeavesTheWindowIdleWithTheMessage() {
        TrainingViewModel vm = new TrainingViewModel((s, l) -> {
            throw new IllegalArgumentException("no data loaded");
        }, Runnable::run, null, Duration.ZERO, System::nanoTime);
        assertFalse(vm.start(setup()));
        assertEquals(RunState.IDLE, vm.stateProperty().get());
        assertEquals("no data loaded", vm.errorTextProperty().get());
    }

    @Test
    void startIsBlockedWhileNotAllowed() {
        TrainingViewModel vm = vm();
        vm.startAllowedProperty().set(false);
        assertFalse(vm.canStartProperty().get());
        assertFalse(vm.start(setup()));
        assertEquals(RunState.IDLE, vm.stateProperty().get());
    }

    @Test
    void formatsDurations() {
        assertEquals("0:07", TrainingViewModel.formatDuration(7.2));
        assertEquals("1:05:09", TrainingViewModel.formatDuration(3909));
        assertEquals("-", TrainingViewModel.formatDuration(Double.NaN));
    }
}
