package dev.tunebench.app.workbench;

import dev.tunebench.app.common.AppSettings;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one workbench window on the DJL engine. Started by {@code dev.tunebench.Launcher}. */
public final class WorkbenchApp extends Application {

    @Override
    public void start(Stage stage) {
        new WorkbenchWindow(stage, new DefaultEngineServices(), AppSettings.file());
    }
}
