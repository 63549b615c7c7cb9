package dev.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.checkpoint.CheckpointManager;
import dev.tunebench.engine.checkpoint.Checkpoints;
import dev.tunebench.engine.checkpoint.RunFolder;
import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.MonitorSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint commands' listing and their bad-input messages (no engine needed). */
class CheckpointCommandsTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(Command c, String... argv) throws Exception {
        Args args = Args.parse(List.of(argv), c instanceof Cli.FlagsAware f ? f.flags() : java.util.Set.of());
        return c.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private RunFolder runWithCheckpoints(String template) throws IOException {
        RunFolder run = RunFolder.create(tmp.resolve("runs"), "r1");
        CheckpointManager m = new CheckpointManager(run.checkpointsDir(), new CheckpointSpec(2, true),
                MonitorSpec.valLoss());
        double[] values = {0.9, 0.5, 0.7, 0.6};
        for (int i = 0; i < values.length; i++) {
            int e = i + 1;
            m.onEpochEnd(e, values[i], f -> Files.writeString(f.resolve(Checkpoints.SIDECAR),
                    "{\"formatVersion\": 1, \"templateId\": \"" + template + "\", \"epoch\": " + e + "}"));
        }
        return run;
    }

    @Test
    void checkpointsListsBestFirstThenTheLast() throws Exception {
        RunFolder run = runWithCheckpoints("lstm");
        assertEquals(0, run(new CheckpointsCommand(), "--run", run.dir().toString()));
        List<String> lines = output().lines().toList();
        assertEquals(3, lines.size(), output());
        assertTrue(lines.get(0).startsWith("ID") && lines.get(0).contains("VAL_LOSS"), lines.get(0));
        assertTrue(lines.get(1).startsWith("epoch-0002") && lines.get(1).contains("#1"), lines.get(1));
        assertTrue(lines.get(2).startsWith("epoch-0004") && lines.get(2).contains("#2")
                && lines.get(2).contains("yes"), "epoch 4 is second best and last: " + lines.get(2));
    }

    @Test
    void checkpointsAsJsonAndVerifyFlagsADamagedOne() throws Exception {
        RunFolder run = runWithCheckpoints("gru");
        Files.writeString(run.checkpointsDir().resolve("epoch-0004/checkpoint.json"), "{\"templateId\": \"gru\"}");
        int code = run(new CheckpointsCommand(), "--run", run.dir().toString(), "--json", "--verify");
        assertEquals(1, code, "a damaged checkpoint makes the listing fail");
        JsonArray arr = Json.gson().fromJson(output(), JsonArray.class);
        assertEquals(List.of("epoch-0002", "epoch-0004"), arr.asList().stream()
                .map(e -> e.getAsJsonObject().get("id").getAsString()).toList());
        JsonObject first = arr.get(0).getAsJsonObject();
        assertEquals(0.5, first.get("value").getAsDouble());
        assertEquals(1, first.get("rank").getAsInt());
        assertEquals("ok", first.get("verified").getAsString());
        assertTrue(arr.get(1).getAsJsonObject().get("verified").getAsString().contains("checkpoint.json"),
                arr.get(1).toString());
    }

    @Test
    void badInputNamesThePath() throws Exception {
        RunFolder run = runWithCheckpoints("lstm");
        Path missing = tmp.resolve("nope");
        UsageException e = assertThrows(UsageException.class,
                () -> run(new CheckpointsCommand(), "--run", missing.toString()));
        assertEquals("--run " + missing + ": no such folder", e.getMessage());
        e = assertThrows(UsageException.class, () -> run(new CheckpointsCommand(), "--run", tmp.toString()));
        assertTrue(e.getMessage().contains("is not a run folder"), e.getMessage());

        e = assertThrows(UsageException.class, () -> run(new EvaluateCommand(), "--checkpoint", missing.toString()));
        assertEquals("--checkpoint " + missing + ": no such folder", e.getMessage());
        e = assertThrows(UsageException.class, () -> run(new EvaluateCommand(), "--checkpoint",
                run.dir().toString()));
        assertTrue(e.getMessage().contains("not a checkpoint folder") && e.getMessage().contains("checkpoints --run"),
                e.getMessage());
        e = assertThrows(UsageException.class, () -> run(new EvaluateCommand()));
        assertEquals("missing option --checkpoint", e.getMessage());

        Path best = run.checkpointsDir().resolve("epoch-0002");
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("x"), "x");
        e = assertThrows(UsageException.class, () -> run(new ExportCommand(), "--checkpoint", best.toString(),
                "--to", full.toString()));
        assertTrue(e.getMessage().startsWith("--to " + full + ": exists"), e.getMessage());
    }

    @Test
    void aDamagedOrUnknownCheckpointIsRefusedBeforeTheEngineStarts() throws Exception {
        RunFolder run = runWithCheckpoints("mlp");
        Path best = run.checkpointsDir().resolve("epoch-0002");
        UsageException e = assertThrows(UsageException.class,
                () -> run(new EvaluateCommand(), "--checkpoint", best.toString()));
        assertTrue(e.getMessage().contains("templateId 'mlp'"), e.getMessage());
        Files.writeString(best.resolve("checkpoint.json"), "{}");
        e = assertThrows(UsageException.class, () -> run(new ExportCommand(), "--checkpoint", best.toString(),
                "--to", tmp.resolve("out").toString()));
        assertTrue(e.getMessage().contains("checksum mismatch in checkpoint.json")
                || e.getMessage().contains("checkpoint.json has"), e.getMessage());
        assertTrue(Files.notExists(tmp.resolve("out")), "nothing exported");
    }
}
