package dev.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tunebench.preset.Preset;
import dev.tunebench.preset.PresetCodec;
import dev.tunebench.preset.PresetException;
import dev.tunebench.preset.PresetLibrary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookCommandsTest {
    @TempDir
    Path home;
    private String oldHome;
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @BeforeEach
    void isolateUserPresets() {
        oldHome = System.getProperty("tunebench.home");
        System.setProperty("tunebench.home", home.toString());
    }

    @AfterEach
    void restore() {
        if (oldHome == null) {
            System.clearProperty("tunebench.home");
        } else {
            System.setProperty("tunebench.home", oldHome);
        }
    }

    private int run(Command c, String... argv) throws Exception {
        Set<String> flags = c instanceof Cli.FlagsAware f ? f.flags() : Set.of();
        return c.run(Args.parse(List.of(argv), flags), new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void checkPrintsWarningsWithTipsAndExitsZero() throws Exception {
        assertEquals(0, run(new CheckCommand(), "--preset", "lstm-text-sgd-baseline", "--no-data"));
        assertTrue(out().contains("WARN  optimizer.kind (tip 7): SGD with momentum is slow"), out());
        assertTrue(out().contains("OK: no invalid values, 1 warning"), out());
    }

    @Test
    void checkReportsInvalidValuesWithExitTwo() throws Exception {
        assertEquals(2, run(new CheckCommand(), "--preset", "cnn-digits", "--no-data", "--batch-size", "0"));
        assertTrue(out().contains("ERROR training.batchSize: must be in 1..65536, got 0"), out());
    }

    @Test
    void checkOnOtherDataFlagsTheKindAndTheTemplate() throws Exception {
        assertEquals(2, run(new CheckCommand(), "--preset", "resnet-image", "--data", "builtin:births", "--json"));
        JsonObject o = JsonParser.parseString(out()).getAsJsonObject();
        assertEquals("model.template", o.getAsJsonArray("errors").get(0).getAsJsonObject().get("field").getAsString());
        assertEquals("dataKind", o.getAsJsonArray("warnings").get(0).getAsJsonObject().get("field").getAsString());
    }

    @Test
    void checkOnItsOwnDataIsClean() throws Exception {
        assertEquals(0, run(new CheckCommand(), "--preset", "cnn-digits"));
        assertTrue(out().contains("on builtin:digits: IMAGE[1, 8, 8]"), out());
        assertTrue(out().contains("OK: no invalid values, 0 warnings"), out());
    }

    @Test
    void unknownPresetIsBadInput() {
        PresetException e = assertThrows(PresetException.class,
                () -> run(new CheckCommand(), "--preset", "no-such", "--no-data"));
        assertTrue(e.getMessage().contains("available presets: [lstm-text"), e.getMessage());
    }

    @Test
    void presetsListsAndShows() throws Exception {
        assertEquals(0, run(new PresetsCommand()));
        for (Preset p : new PresetLibrary(home).bundled()) {
            assertTrue(out().contains(p.id()), p.id());
        }
        outBytes.reset();
        assertEquals(0, run(new PresetsCommand(), "--show", "gru-series"));
        assertEquals(new PresetLibrary(home).resolve("gru-series"), PresetCodec.readString(out(), "shown"));
        outBytes.reset();
        assertEquals(0, run(new PresetsCommand(), "--json"));
        assertEquals(10, JsonParser.parseString(out()).getAsJsonObject().getAsJsonArray("presets").size());
    }

    @Test
    @Tag("djl")
    void lrFindPrintsJsonAndSavesThePresetWithTheSuggestion() throws Exception {
        assertEquals(0, run(new LrFindCommand(), "--preset", "cnn-digits", "--steps", "20", "--start", "1e-5",
                "--end", "1", "--save-as", "digits-lr"));
        JsonObject o = JsonParser.parseString(out()).getAsJsonObject();
        assertEquals(o.getAsJsonArray("lrs").size(), o.getAsJsonArray("smoothed").size());
        double lr = o.get("suggestedLr").getAsDouble();
        assertTrue(lr >= 1e-5 && lr <= 1, "suggestion " + lr);
        Path saved = Path.of(o.get("savedPreset").getAsString());
        assertTrue(Files.isRegularFile(saved));
        assertEquals(lr, PresetCodec.read(saved).config().optimizer().learningRate(), 0.0);
    }

    @Test
    @Tag("djl")
    void overfitPrintsJsonAndExitCodeFollowsTheVerdict() throws Exception {
        int rc = run(new OverfitCommand(), "--preset", "cnn-digits", "--steps", "10", "--batches", "1");
        JsonObject o = JsonParser.parseString(out()).getAsJsonObject();
        assertEquals(o.get("passed").getAsBoolean() ? 0 : 1, rc);
        assertEquals(32, o.get("samples").getAsInt());
        assertEquals("off (dropout 0, weight decay 0)", o.get("regularisation").getAsString());
        assertTrue(o.get("message").getAsString().startsWith(o.get("passed").getAsBoolean() ? "PASS" : "FAIL"));
    }

    @Test
    void overfitRejectsBadOptions() {
        UsageException e = assertThrows(UsageException.class,
                () -> run(new OverfitCommand(), "--preset", "cnn-digits", "--steps", "0"));
        assertTrue(e.getMessage().contains("--steps"), e.getMessage());
    }
}
