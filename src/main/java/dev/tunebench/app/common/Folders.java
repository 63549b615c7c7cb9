package dev.tunebench.app.common;

import java.awt.Desktop;
import java.io.IOException;
import java.nio.file.Path;

/** Opens a folder in the system file manager, where the platform has one. */
public final class Folders {
    private Folders() {
    }

    /**
     * Opens {@code dir} in the file manager (call it off the UI thread). Returns false when the platform cannot
     * (headless, no desktop): the caller then shows the path instead.
     */
    public static boolean open(Path dir) {
        try {
            if (!java.awt.GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
                Desktop.getDesktop().open(dir.toFile());
                return true;
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
        return false;
    }
}
