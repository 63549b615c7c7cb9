package dev.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit codes, one-line errors, and a real short training run. */
class CliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... argv) {
        return new Cli().execute(List.of(argv), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownCommandAndMissingOptionsExit2WithOneLine() {
        assertEquals(2, run("trian"));
        assertTrue(errText().startsWith("tunebench: unknown command 'trian'; commands: train,"), errText());
        err.reset();
        assertEquals(2, run("train"));
        assertEquals("tunebench train: missing option --preset\n", errText());
        err.reset();
        assertEquals(2, run("train", "--preset", "no-such-preset"));
        assertEquals(1, errText().lines().count(), errText());
        assertTrue(errText().contains("no-such-preset"), errText());
        err.reset();
        assertEquals(2, run("train", "--preset", "cnn-digits", "--epochs", "many"));
        assertEquals("tunebench train: option --epochs: 'many' is not an integer\n", errText());
    }

    @Test
    void setOverridesAreCheckedBeforeAnythingLoads() {
        assertEquals(2, run("train", "--preset", "cnn-digits", "--set", "model.layers=3"));
        assertEquals("tunebench train: --set model.layers=3: does not apply to resnet; its model fields are "
                + "stageChannels, blocksPerStage, shortcuts, batchNorm, activation, leakyReluSlope, "
                + "dropoutBeforeOutput, init\n", errText());
        err.reset();
        assertEquals(2, run("overfit", "--preset", "cnn-digits", "--set", "model.blocksPerStage=99"));
        assertEquals("tunebench overfit: --set model.blocksPerStage=99: must be in 1..16, got 99 (tip 20: depth is a "
                + "hyperparameter)\n", errText());
        err.reset();
        assertEquals(2, run("lr-find", "--preset", "cnn-digits", "--set", "optimizer.learningRate"));
        assertTrue(errText().contains("expected path=value, e.g. --set model.hiddenSize=128"), errText());
        err.reset();
        assertEquals(2, run("shapes", "--preset", "cnn-digits", "--set", "optimiser.kind=SGD"));
        assertTrue(errText().startsWith("tunebench shapes: --set optimiser.kind=SGD: unknown field; allowed: model, "
                + "training, optimizer"), errText());
        err.reset();
        assertEquals(2, run("train", "--preset", "cnn-digits", "--set", "model.stageChannels=16,x"));
        assertEquals("tunebench train: --set model.stageChannels=16,x: model.stageChannels[1]: expected an integer, "
                + "got \"x\"\n", errText());
    }

    @Test
    @Tag("djl")
    void setChangesTheModelThatIsBuilt() {
        assertEquals(0, run("shapes", "--preset", "lstm-series", "--set", "model.hiddenSize=8", "--set",
                "model.layers=1", "--set", "model.template=gru"), errText());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("template gru,"), text);
        assertTrue(text.contains("gru1 (GRU, hidden 8)"), text);
        assertFalse(text.contains("gru2"), text);
    }

    @Test
    @Tag("djl")
    void checkpointsWrittenBeforeTheModelSplitEvaluateAndResume(@TempDir Path tmp) throws Exception {
        for (String name : List.of("resnet", "lstm")) {
            Path copy = tmp.resolve(name);
            Path fixture = Path.of(CliTest.class.getResource("/fixtures/legacy/runs/" + name).toURI());
            try (var files = Files.walk(fixture)) {
                for (Path f : files.toList()) {
                    Files.copy(f, copy.resolve(fixture.relativize(f).toString()));
                }
            }
            Path checkpoint = copy.resolve("checkpoints/epoch-0001");
            out.reset();
            assertEquals(0, run("evaluate", "--checkpoint", checkpoint.toString()), name + ": " + errText());
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"loss\""), out.toString());
            out.reset();
            assertEquals(0, run("train", "--resume", checkpoint.toString(), "--epochs", "2", "--max-batches", "2",
                    "--no-progress"), name + ": " + errText());
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("resuming at epoch 2"), out.toString());
            assertEquals(3, Files.readAllLines(copy.resolve("metrics.csv")).size(), "header and epochs 1-2");
        }
    }

    @Test
    void aPresetThatCannotReadTheDataIsBadInputNotACrash() {
        assertEquals(2, run("train", "--preset", "lstm-text", "--data", "builtin:digits", "--epochs", "1"));
        assertEquals(1, errText().lines().count(), errText());
        assertTrue(errText().contains("model.template"), errText());
        assertFalse(errText().contains("Exception"), errText());
    }

    @Test
    void helpListsEveryCommand() {
        assertEquals(0, run("help"));
        String text = out.toString(StandardCharsets.UTF_8);
        for (String c : new Cli().commands().keySet()) {
            assertTrue(text.contains("  " + c + " "), c);
        }
    }

    @Test
    @Tag("djl")
    void trainWritesTheRunFolderWithMetricsAndSummary(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        int code = run("train", "--preset", "cnn-digits", "--epochs", "2", "--max-batches", "5", "--out",
                dir.toString(), "--no-progress");
        assertEquals(0, code, errText());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("epoch   1/2"), text);
        assertTrue(text.contains("FINISHED (COMPLETED)"), text);
        assertEquals(3, Files.readAllLines(dir.resolve("metrics.csv")).size());
        String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("\"stopReason\": \"COMPLETED\""), summary);
        assertTrue(summary.contains("\"diagnosis\""), summary);
        assertTrue(Files.readString(dir.resolve("run.json")).contains("\"preset\": \"cnn-digits\""),
                "run.json names the preset");
        assertEquals(2, run("train", "--preset", "cnn-digits", "--out", dir.toString()), "an existing --out");

        // Resuming from the last checkpoint says how many earlier epochs the run brings and appends to metrics.csv.
        out.reset();
        Path last = dev.tunebench.engine.checkpoint.Checkpoints.list(dir).stream()
                .filter(dev.tunebench.engine.checkpoint.CheckpointInfo::last).findFirst().orElseThrow().path();
        assertTrue(last.endsWith("epoch-0002"), "the run kept its last checkpoint: " + last);
        assertEquals(0, run("train", "--resume", last.toString(), "--epochs", "3", "--max-batches", "5",
                "--no-progress"), errText());
        text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("resuming at epoch 3; 2 earlier epochs in metrics.csv"), text);
        assertEquals(4, Files.readAllLines(dir.resolve("metrics.csv")).size(), "header and epochs 1-3");
    }
}
