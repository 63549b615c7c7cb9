package dev.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertEquals(0, run(new PresetsCommand(), "--show", "gru-series", "--json"));
        assertEquals(new PresetLibrary(home).resolve("gru-series"), PresetCodec.readString(out(), "shown"));
        JsonObject full = JsonParser.parseString(out()).getAsJsonObject();
        assertTrue(full.getAsJsonObject("config").getAsJsonObject("schedule").has("plateauMinLr"),
                "--json shows every field, defaults included");
        assertFalse(full.getAsJsonObject("config").getAsJsonObject("model").has("forgetGateBias"),
                "and only the fields of the preset's template");
        outBytes.reset();
        assertEquals(0, run(new PresetsCommand(), "--json"));
        assertEquals(10, JsonParser.parseString(out()).getAsJsonObject().getAsJsonArray("presets").size());
    }

    @Test
    void presetsShowMarksTheDefaultsAndGivesTheReasonsForTheChoices() throws Exception {
        assertEquals(0, run(new PresetsCommand(), "--show", "cnn-digits"));
        List<String> lines = out().lines().toList();
        assertEquals("cnn-digits: Small CNN for 8x8 digits", lines.get(0));
        assertTrue(lines.contains("  for image data; default data builtin:digits"), out());
        assertTrue(lines.contains("model"), out());
        assertTrue(lines.contains("  template              resnet"), out());
        assertTrue(lines.contains("  stageChannels         [16, 32]        Two small stages (16, 32): 8x8 images need "
                + "little capacity."), out());
        assertTrue(lines.contains("  leakyReluSlope        0.01            (default)"), out());
        assertTrue(lines.contains("  epochs                20              20 epochs: an epoch is 39 small batches, a "
                + "few seconds on a 2-core CPU, so the whole run takes about 2 minutes."), out());
        assertTrue(lines.contains("  stoppingThreshold     none            (default)"), out());
        assertFalse(out().contains("layers"), "no recurrent field in a ResNet preset");
        long fields = lines.stream().filter(l -> l.startsWith("  ") && !l.startsWith("   ")).count();
        assertEquals(dev.tunebench.engine.config.ConfigPaths.of("resnet").size() + 2, fields,
                "every field once, the description and the data line");
        assertTrue(lines.get(lines.size() - 1).endsWith("presets --show cnn-digits --json"), out());
    }

    @Test
    void anOlderPresetFileLoadsWithOneNoteOnStderr() throws Exception {
        Path old = Path.of(PlaybookCommandsTest.class.getResource("/fixtures/legacy/preset-gru-text.json").toURI());
        assertEquals(0, run(new CheckCommand(), "--preset", old.toString(), "--no-data"));
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("note: " + old + ": older format (every template's fields); ignored the 7 that do "
                + "not apply to gru: stageChannels, blocksPerStage, shortcuts, batchNorm, activation, leakyReluSlope, "
                + "forgetGateBias"), err);
        assertTrue(err.contains("and the notes on model.forgetGateBias"), err);
        assertTrue(out().contains("OK: no invalid values"), out());
    }

    @Test
    void setOverridesAnyFieldByItsPath() throws Exception {
        assertEquals(0, run(new CheckCommand(), "--preset", "lstm-text", "--no-data", "--json", "--set",
                "model.layers=3", "--set", "model.template=gru", "--set", "optimizer.learningRate=3e-4"));
        JsonObject o = JsonParser.parseString(out()).getAsJsonObject();
        assertEquals(0, o.getAsJsonArray("errors").size(), out());
        UsageException e = assertThrows(UsageException.class, () -> run(new CheckCommand(), "--preset", "lstm-text",
                "--no-data", "--set", "model.hiddenSize=5000"));
        assertEquals("--set model.hiddenSize=5000: must be in 1..4096, got 5000 (tip 16: 256 or 512)",
                e.getMessage());
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
