package dev.tunebench.app.workbench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.app.charts.ChartKind;
import dev.tunebench.engine.djl.DjlBackend;
import dev.tunebench.preset.PresetLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The longest FX-thread stall during a real training run (10 epochs of 60 batches, JIT warm-up included) with the
 * visible chart, or all four charts, asked to redraw on every UI flush, measured side by side with the idle window.
 * Probes: a runLater ping every 10 ms (the wait until the FX thread runs it is the FX thread's backlog, so the
 * longest is the longest stall, waits for the previous frame's rendering included), the time the FX thread spends
 * in each flush of training events (view-model update plus the charts' decimation and redraw requests), and the
 * chart-render thread's time per loss-chart frame (off the FX thread). Prints figures; asserts nothing about
 * speed.
 * Run: {@code mvn -o test -Dtest=FxStallBenchmark -DexcludedTestGroups=none}.
 */
@Tag("benchmark")
@ExtendWith(ApplicationExtension.class)
class FxStallBenchmark {
    static {
        // Measure the app as it runs: Surefire limits PyTorch to one thread for the unit tests, the app does not
        // (PyTorch then takes one thread per core). Effective when this class starts the engine in its JVM, as it
        // does when run on its own; the engine line printed below says which count applied.
        System.clearProperty("ai.djl.pytorch.num_threads");
    }

    private WorkbenchWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory("tunebench-bench-");
        System.setProperty("tunebench.home", home.toString());
        window = new WorkbenchWindow(stage, new DefaultEngineServices(new DjlBackend(),
                new PresetLibrary(home.resolve("presets")), home.resolve("runs")), home.resolve("settings.json"));
    }

    @Test
    void longestFxStallWhileTrainingWithAllChartsLive() throws Exception {
        measure(true);
    }

    @Test
    void longestFxStallWhileTrainingWithTheVisibleChartLive() throws Exception {
        measure(false);
    }

    private void measure(boolean allCharts) throws Exception {
        WorkbenchViewModel vm = window.model();
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> vm.training().canStartProperty().get());
        List<Double> flushMillis = Collections.synchronizedList(new ArrayList<>());
        List<Double> renderMillis = Collections.synchronizedList(new ArrayList<>());
        long[] t0 = new long[1];
        fx(() -> {
            // All charts live: every flush redraws all four charts, not only the visible one.
            if (allCharts) {
                vm.training().addEventSink(events -> window.view().charts().refreshAll());
            }
            vm.training().addEventSink(events -> {
                flushMillis.add((System.nanoTime() - t0[0]) / 1e6);
                renderMillis.add(window.view().charts().lastRenderMillis(ChartKind.LOSS));
            });
            vm.hyperparameters().set("epochs", "10");
            vm.training().maxBatchesPerEpochProperty().set(60);
        });
        fx(() -> vm.training().addEventSinkFirst(events -> t0[0] = System.nanoTime()));
        List<Double> idle = ping(() -> true, 300);
        fx(vm::start);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.view().charts().model().batchCount() > 0);
        List<Double> busy = ping(() -> vm.training().stateProperty().get().isActive(), 100_000);
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> !vm.training().stateProperty().get().isActive());
        report("idle window", idle);
        String charts = allCharts ? "all 4 charts" : "visible chart";
        report("training, " + charts + " redrawn per flush", busy);
        report("FX time per flush (VM + " + charts + ")", new ArrayList<>(flushMillis));
        report("chart-render thread per loss-chart frame", new ArrayList<>(renderMillis));
        System.out.println("engine: " + vm.engineStatusProperty().get());
        System.out.printf("flushes: %d for %d batches; longest stall ratio training/idle: %.2f%n",
                flushMillis.size(), window.view().charts().model().batchCount(), max(busy) / max(idle));
        assertTrue(busy.size() > 10, "the run ended before it could be measured");
    }

    private static double max(List<Double> l) {
        return Collections.max(l);
    }

    private static void report(String what, List<Double> ms) {
        Collections.sort(ms);
        System.out.printf("%-45s n=%5d  median %7.2f ms  p99 %7.2f ms  max %7.2f ms%n", what, ms.size(),
                ms.get(ms.size() / 2), ms.get((int) (ms.size() * 0.99)), ms.get(ms.size() - 1));
    }

    /**
     * Posts a runLater every 10 ms and records how long each waited before the FX thread ran it (timed on the FX
     * thread itself, so the probe thread's own wake-up delay on a busy machine is not counted).
     */
    private static List<Double> ping(BooleanSupplier whileTrue, int max) throws InterruptedException {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < max && whileTrue.getAsBoolean(); i++) {
            long t = System.nanoTime();
            long[] ran = new long[1];
            CountDownLatch pong = new CountDownLatch(1);
            Platform.runLater(() -> {
                ran[0] = System.nanoTime();
                pong.countDown();
            });
            pong.await(30, TimeUnit.SECONDS);
            out.add((ran[0] - t) / 1e6);
            Thread.sleep(10);
        }
        return out;
    }

    private static void fx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(30, TimeUnit.SECONDS);
    }
}
