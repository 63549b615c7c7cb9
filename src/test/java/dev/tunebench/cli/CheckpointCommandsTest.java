package dev.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.checkpoint.CheckpointManager;
import dev.tunebench.engine.checkpoint.CheckpointWriteException;
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
        JsonObject root = Json.gson().fromJson(output(), JsonObject.class);
        assertEquals("epoch-0002", root.get("lastGood").getAsString(), "epoch 4 was verified after writing but is "
                + "damaged now: --verify falls back to the next older one");
        JsonArray arr = root.getAsJsonArray("checkpoints");
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
    void checkpointsShowVerifiedTheLastGoodAndFailedWritesWithTheirReasons() throws Exception {
        RunFolder run = runWithCheckpoints("lstm");
        CheckpointManager m = new CheckpointManager(run.checkpointsDir(), new CheckpointSpec(2, true),
                MonitorSpec.valLoss());
        assertThrows(CheckpointWriteException.class, () -> m.onEpochEnd(5, 0.4, f -> {
            Files.writeString(f.resolve("weights.bin"), "part");
            throw new java.nio.file.FileSystemException(f.resolve("weights.bin").toString(), null,
                    "No space left on device");
        }));
        // A write a killed process left half done.
        Files.createDirectories(run.checkpointsDir().resolve(".tmp-epoch-0006-4242-1-1"));
        assertEquals(0, run(new CheckpointsCommand(), "--run", run.dir().toString()));
        List<String> lines = output().lines().toList();
        assertTrue(lines.get(0).contains("VERIFIED"), lines.get(0));
        assertTrue(lines.get(1).startsWith("epoch-0002") && lines.get(1).contains(" yes "), lines.get(1));
        assertTrue(lines.get(2).startsWith("epoch-0004") && lines.get(2).contains("last good"), lines.get(2));
        String text = output();
        assertTrue(text.contains("writes that did not commit"), text);
        String full = lines.stream().filter(l -> l.contains("epoch-0005")).findFirst().orElseThrow();
        assertTrue(full.contains("failed while writing its files: No space left on device"), full);
        String killed = lines.stream().filter(l -> l.contains("epoch-0006")).findFirst().orElseThrow();
        assertTrue(killed.contains("unfinished"), killed);

        out.reset();
        assertEquals(0, run(new CheckpointsCommand(), "--run", run.dir().toString(), "--json"));
        JsonObject root = Json.gson().fromJson(output(), JsonObject.class);
        assertEquals("epoch-0004", root.get("lastGood").getAsString());
        JsonObject failed = root.getAsJsonArray("failedWrites").get(0).getAsJsonObject();
        assertEquals("epoch-0005", failed.get("id").getAsString());
        assertEquals("WRITE", failed.get("stage").getAsString());
        assertTrue(failed.get("reason").getAsString().contains("No space left on device"), failed.toString());
        assertEquals("epoch-0006", root.getAsJsonArray("unfinished").get(0).getAsJsonObject().get("id")
                .getAsString());
        assertTrue(root.getAsJsonArray("checkpoints").get(1).getAsJsonObject().get("lastGood").getAsBoolean());
    }

    @Test
    void resumingARunFolderTakesItsLastGoodCheckpoint() throws Exception {
        RunFolder run = runWithCheckpoints("lstm");
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        Path target = CheckpointArgs.resumeTarget(run.dir(), ps);
        assertEquals(run.checkpointsDir().resolve("epoch-0004"), target);
        assertTrue(output().contains("resuming from the last good checkpoint"), output());
        // Damaged since it was verified: the next older verified one.
        Files.writeString(target.resolve(Checkpoints.SIDECAR), "{}");
        assertEquals(run.checkpointsDir().resolve("epoch-0002"), CheckpointArgs.resumeTarget(run.dir(), ps));
        Path explicit = run.checkpointsDir().resolve("epoch-0004");
        assertEquals(explicit, CheckpointArgs.resumeTarget(explicit, ps), "a checkpoint folder is taken as named");
        UsageException e = assertThrows(UsageException.class, () -> run(new EvaluateCommand(), "--checkpoint",
                run.dir().toString()));
        assertTrue(e.getMessage().contains("the last good one is " + run.checkpointsDir().resolve("epoch-0002")),
                e.getMessage());
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
