package dev.tunebench;

import dev.tunebench.app.workbench.WorkbenchApp;
import dev.tunebench.cli.Cli;
import javafx.application.Application;

/**
 * Entry point of {@code java -jar tunebench.jar}: with no arguments it opens the workbench window, with arguments
 * it runs the command line ({@code train}, {@code inspect}, ...). It does not extend Application, so the JavaFX
 * runtime can come from the class path.
 */
public final class Launcher {
    private Launcher() {
    }

    /** Opens the window, or runs the command named by the first argument. */
    public static void main(String[] args) {
        if (args.length == 0) {
            Application.launch(WorkbenchApp.class);
        } else {
            Cli.main(args);
        }
    }
}
