package dev.tunebench.app.workbench;

import dev.tunebench.app.common.AppSettings;
import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one workbench window on the DJL engine. Started by {@code dev.tunebench.Launcher}. */
public final class WorkbenchApp extends Application {
    /** The line printed once the window has been laid out for its first frame; StartupBenchmark waits for it. */
    static final String SHOWN_LINE = "TuneBench window shown";

    @Override
    public void start(Stage stage) {
        WorkbenchWindow window = new WorkbenchWindow(stage, new DefaultEngineServices(), AppSettings.file());
        reportWhenShown(window.stage(), SHOWN_LINE);
    }

    /**
     * Prints how long after the JVM started the window got its first laid-out frame (the engine and the data keep
     * loading in the background): "TuneBench window shown 1234 ms after launch" ({@code what} starts the line).
     */
    static void reportWhenShown(Stage stage, String what) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            stage.getScene().removePostLayoutPulseListener(once[0]);
            long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println(what + " " + ms + " ms after launch");
        };
        stage.getScene().addPostLayoutPulseListener(once[0]);
    }
}
