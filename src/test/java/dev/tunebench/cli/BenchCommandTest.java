package dev.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    private static int run(List<String> argv, ByteArrayOutputStream out) throws Exception {
        return new BenchCommand().run(Args.parse(argv, Set.of()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
    }

    /** A ResNet of two stages of 4 and 8 channels on the built-in 8x8 digits: a benchmark of a second or two. */
    private static final String TINY_RESNET = """
            {
              "id": "tiny-resnet",
              "name": "Tiny ResNet",
              "dataKind": "image",
              "data": "builtin:digits",
              "config": {
                "model": { "template": "resnet", "stageChannels": [4, 8], "blocksPerStage": 1 },
                "training": { "batchSize": 16 }
              }
            }
            """;

    @Test
    void badOptionsAreUsageErrors() {
        UsageException e = assertThrows(UsageException.class,
                () -> run(List.of("--template", "transformer"), new ByteArrayOutputStream()));
        assertEquals("option --template: 'transformer' is not one of lstm, gru, resnet", e.getMessage());
        e = assertThrows(UsageException.class, () -> run(List.of("--seconds", "0"), new ByteArrayOutputStream()));
        assertEquals("option --seconds: 0 is outside 1-3600", e.getMessage());
        e = assertThrows(UsageException.class,
                () -> run(List.of("--template", "lstm", "--blocks-per-stage", "2"), new ByteArrayOutputStream()));
        assertEquals("option --blocks-per-stage: applies to the resnet template, not lstm", e.getMessage());
        e = assertThrows(UsageException.class,
                () -> run(List.of("--template", "resnet", "--blocks-per-stage", "0"), new ByteArrayOutputStream()));
        assertTrue(e.getMessage().startsWith("option --blocks-per-stage: must be in"), e.getMessage());
        e = assertThrows(UsageException.class,
                () -> run(List.of("--preset", "lstm-text", "--template", "gru"), new ByteArrayOutputStream()));
        assertEquals("options --preset and --template: give one; a preset names its template", e.getMessage());
        e = assertThrows(UsageException.class,
                () -> run(List.of("--blocks", "2"), new ByteArrayOutputStream()));
        assertTrue(e.getMessage().startsWith("unknown option --blocks; bench takes --template, --preset"),
                e.getMessage());
        e = assertThrows(UsageException.class,
                () -> run(List.of("--data", "builtin:spam"), new ByteArrayOutputStream()));
        assertTrue(e.getMessage().startsWith("option --data: needs --preset"), e.getMessage());
    }

    /**
     * A preset's model, batch size and data shape, with its parameter count as torch counts a ResNet of
     * torchvision-style basic blocks (3x3 convolutions without bias before BatchNorm, a strided 1x1 projection where
     * the shape changes): stem 9*1*4 + BN 2*4; stage 1 block 2*(9*4*4) + 2*(2*4); stage 2 first block
     * 9*4*8 + 9*8*8 + 2*(2*8) + projection 4*8 + 2*8; dense 8*10 + 10. Each further block per stage adds
     * 2*(9*c*c) + 2*(2*c) per stage of c channels.
     */
    @Test
    @Tag("djl")
    void presetBenchPrintsItsParameterCountAndBlocksPerStageChangesIt(@TempDir Path dir) throws Exception {
        Path preset = dir.resolve("tiny-resnet.json");
        Files.writeString(preset, TINY_RESNET);
        long oneBlock = (9 * 4 + 2 * 4) + (2 * 9 * 4 * 4 + 2 * 2 * 4)
                + (9 * 4 * 8 + 9 * 8 * 8 + 2 * 2 * 8 + 4 * 8 + 2 * 8) + (8 * 10 + 10);
        long perBlock = (2 * 9 * 4 * 4 + 2 * 2 * 4) + (2 * 9 * 8 * 8 + 2 * 2 * 8);

        JsonObject one = bench(List.of("--preset", preset.toString(), "--seconds", "1", "--rounds", "1"));
        assertEquals("tiny-resnet", one.get("preset").getAsString());
        assertEquals("resnet", one.get("template").getAsString());
        assertEquals(16, one.get("batchSize").getAsInt(), "the preset's batch size");
        assertTrue(one.get("input").getAsString().startsWith("IMAGE[1, 8, 8]"), one.get("input").getAsString());
        assertEquals(oneBlock, one.get("parameters").getAsLong());
        assertEquals(1, one.getAsJsonObject("model").get("blocksPerStage").getAsInt());
        double engine = one.get("engineSamplesPerSecond").getAsDouble();
        double bare = one.get("bareSamplesPerSecond").getAsDouble();
        assertTrue(engine > 0 && bare > 0, one.toString());
        assertEquals(engine / bare, one.get("ratio").getAsDouble(), 0.01 * engine / bare + 0.001);

        JsonObject three = bench(List.of("--preset", preset.toString(), "--blocks-per-stage", "3",
                "--batch-size", "8", "--seconds", "1", "--rounds", "1"));
        assertEquals(oneBlock + 2 * perBlock, three.get("parameters").getAsLong());
        assertEquals(3, three.getAsJsonObject("model").get("blocksPerStage").getAsInt());
        assertEquals(8, three.get("batchSize").getAsInt());
    }

    private static JsonObject bench(List<String> argv) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, run(argv, out));
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    @Test
    @Tag("benchmark")
    void printsBothThroughputsAndTheirRatio() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, run(List.of("--template", "gru", "--seconds", "4", "--rounds", "1"), out));
        JsonObject o = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        double engine = o.get("engineSamplesPerSecond").getAsDouble();
        double bare = o.get("bareSamplesPerSecond").getAsDouble();
        assertTrue(engine > 0 && bare > 0, o.toString());
        assertEquals(engine / bare, o.get("ratio").getAsDouble(), 0.01 * engine / bare + 0.001);
        assertEquals("gru", o.get("template").getAsString());
        assertEquals(32, o.get("batchSize").getAsInt());
    }
}
