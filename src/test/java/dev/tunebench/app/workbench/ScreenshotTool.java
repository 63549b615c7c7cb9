package dev.tunebench.app.workbench;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Opens the real workbench window, waits, and saves a PNG of it: {@code ScreenshotTool <out.png> [seconds]}.
 * Run it headless with Monocle or under xvfb-run.
 */
public final class ScreenshotTool {
    private ScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/window.png");
        long wait = args.length > 1 ? Long.parseLong(args[1]) : 8;
        AtomicReference<WorkbenchWindow> w = new AtomicReference<>();
        CountDownLatch shown = new CountDownLatch(1);
        Platform.startup(() -> {
            Stage s = new Stage();
            w.set(new WorkbenchWindow(s, new DefaultEngineServices(), Path.of("target/tb-home/settings.json")));
            shown.countDown();
        });
        shown.await();
        Thread.sleep(wait * 1000);
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                Screenshots.save(w.get().stage().getScene(), out);
            } catch (Exception e) {
                e.printStackTrace();
            }
            done.countDown();
        });
        done.await();
        Platform.exit();
        System.exit(0);
    }
}
