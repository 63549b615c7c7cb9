package dev.tunebench.app.workbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Writes a snapshot of a scene as PNG (on the FX thread). */
public final class Screenshots {
    private Screenshots() {
    }

    /** Snapshots the scene into {@code file}. Must run on the FX thread. */
    public static void save(Scene scene, Path file) throws IOException {
        WritableImage img = scene.snapshot(null);
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
    }
}
