package dev.tunebench.app.common;

import com.google.gson.JsonParseException;
import dev.tunebench.engine.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What the window remembers between launches: size and position, theme, and the last template, data and preset.
 * Stored as {@code settings.json} in the TuneBench home ({@code ~/.tunebench}, or the system property
 * {@code tunebench.home}). A missing or unreadable file gives the defaults: remembering is a convenience, never a
 * reason not to start.
 */
public final class AppSettings {
    /** Window width in pixels. */
    public double width = 1400;
    /** Window height in pixels. */
    public double height = 900;
    /** Window x position, NaN when never placed. */
    public double x = Double.NaN;
    /** Window y position, NaN when never placed. */
    public double y = Double.NaN;
    /** Whether the window was maximised. */
    public boolean maximized;
    /** "light" or "dark". */
    public String theme = "light";
    /** Last template id. */
    public String template;
    /** Last data spec. */
    public String data;
    /** Last preset name. */
    public String preset;
    /** Last chart smoothing weight. */
    public double smoothing = 0.6;

    /** Returns the TuneBench home folder: the system property {@code tunebench.home}, else ~/.tunebench. */
    public static Path home() {
        String p = System.getProperty("tunebench.home");
        return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.home"), ".tunebench");
    }

    /** Returns the settings file. */
    public static Path file() {
        return home().resolve("settings.json");
    }

    /** Returns the folder user presets are saved to. */
    public static Path userPresetDir() {
        return home().resolve("presets");
    }

    /** Returns where runs are kept: {@code runs/} in the working folder when it exists, else the home's runs/. */
    public static Path runsRoot() {
        Path local = Path.of("runs");
        return Files.isDirectory(local) ? local.toAbsolutePath() : home().resolve("runs");
    }

    /** Returns the settings from {@code file}, or the defaults when it is missing or unreadable. */
    public static AppSettings load(Path file) {
        if (!Files.isRegularFile(file)) {
            return new AppSettings();
        }
        try {
            AppSettings s = Json.gson().fromJson(Files.readString(file, StandardCharsets.UTF_8), AppSettings.class);
            return s == null ? new AppSettings() : s.sanitized();
        } catch (IOException | JsonParseException e) {
            return new AppSettings();
        }
    }

    /** Writes the settings to {@code file} through a temporary file, so a crash never leaves half a file. */
    public void save(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Json.gson().toJson(this), StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private AppSettings sanitized() {
        if (!(width >= 640) || width > 10000) {
            width = 1400;
        }
        if (!(height >= 480) || height > 10000) {
            height = 900;
        }
        if (!"dark".equals(theme)) {
            theme = "light";
        }
        if (!(smoothing >= 0 && smoothing <= 0.999)) {
            smoothing = 0.6;
        }
        return this;
    }
}
