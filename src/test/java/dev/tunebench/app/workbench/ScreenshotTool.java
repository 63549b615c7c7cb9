package dev.tunebench.app.workbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Makes the README's screenshot of the real window during training: opens the workbench on the DJL engine with the
 * first-start defaults (built-in digits and its preset), starts a short run, and saves a PNG once a few epochs are
 * on the charts while the run is still going. Run it headless:
 * <pre>
 * java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dheadless.geometry=1600x1000-32 -Dprism.order=sw \
 *      -cp target/test-classes:target/classes:$(cat cp.txt) dev.tunebench.app.workbench.ScreenshotTool \
 *      assets/screenshots/workbench.png
 * </pre>
 * Arguments: output file, epochs to wait for (default 4), {@code dark} for the dark theme.
 */
public final class ScreenshotTool {
    private ScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/workbench.png").toAbsolutePath();
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        boolean dark = args.length > 2 && args[2].equals("dark");
        Path home = Files.createTempDirectory("tunebench-shot-");
        System.setProperty("tunebench.home", home.toString());
        AtomicReference<WorkbenchWindow> w = new AtomicReference<>();
        CountDownLatch shown = new CountDownLatch(1);
        Platform.startup(() -> {
            w.set(new WorkbenchWindow(new Stage(), new DefaultEngineServices(
                    new dev.tunebench.engine.djl.DjlBackend(),
                    new dev.tunebench.preset.PresetLibrary(home.resolve("presets")), home.resolve("runs")),
                    home.resolve("settings.json")));
            w.get().view().darkThemeItem().setSelected(dark);
            shown.countDown();
        });
        shown.await();
        WorkbenchViewModel vm = w.get().model();
        await(() -> vm.training().canStartProperty().get(), 180);
        onFx(() -> {
            vm.hyperparameters().set("epochs", String.valueOf(epochs + 30)); // still training when the picture is taken
            vm.training().maxBatchesPerEpochProperty().set(12);
            vm.start();
        });
        await(() -> w.get().view().charts().model().epochCount() >= epochs, 600);
        Thread.sleep(300);
        // The charts draw on their own thread: wait until the newest frame is on screen.
        w.get().view().charts().drawn().get(60, TimeUnit.SECONDS);
        onFx(() -> {
            try {
                Screenshots.save(w.get().stage().getScene(), out);
                System.out.println("wrote " + out);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        onFx(() -> vm.training().stop());
        await(() -> !vm.training().stateProperty().get().isActive(), 120);
        Platform.exit();
        System.exit(0);
    }

    private static void onFx(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        done.await(60, TimeUnit.SECONDS);
    }

    private static void await(BooleanSupplier condition, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            AtomicReference<Boolean> ok = new AtomicReference<>(false);
            onFx(() -> ok.set(condition.getAsBoolean()));
            if (ok.get()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("timed out after " + seconds + " s");
    }
}
