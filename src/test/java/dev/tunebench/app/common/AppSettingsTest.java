package dev.tunebench.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppSettingsTest {

    @Test
    void roundTripsThroughTheFile(@TempDir Path dir) throws Exception {
        AppSettings s = new AppSettings();
        s.width = 1000;
        s.theme = "dark";
        s.template = "gru";
        s.data = "builtin:digits";
        Path file = dir.resolve("sub/settings.json");
        s.save(file);
        AppSettings r = AppSettings.load(file);
        assertEquals(1000, r.width);
        assertEquals("dark", r.theme);
        assertEquals("gru", r.template);
        assertEquals("builtin:digits", r.data);
    }

    @Test
    void brokenOrOddFileGivesDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{ not json");
        assertEquals("light", AppSettings.load(file).theme);
        Files.writeString(file, "{\"width\": 5, \"theme\": \"purple\", \"smoothing\": 7}");
        AppSettings s = AppSettings.load(file);
        assertEquals(1400, s.width);
        assertEquals("light", s.theme);
        assertEquals(0.6, s.smoothing);
    }

    @Test
    void homeHonoursTheSystemProperty(@TempDir Path dir) {
        String old = System.getProperty("tunebench.home");
        try {
            System.setProperty("tunebench.home", dir.toString());
            assertEquals(dir.resolve("settings.json"), AppSettings.file());
        } finally {
            if (old == null) {
                System.clearProperty("tunebench.home");
            } else {
                System.setProperty("tunebench.home", old);
            }
        }
    }
}
