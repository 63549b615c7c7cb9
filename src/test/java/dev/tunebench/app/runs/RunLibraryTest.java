package dev.tunebench.app.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tunebench.app.model.RunRecord;
import dev.tunebench.app.presets.HyperparameterViewModelTest;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.checkpoint.RunFolder;
import dev.tunebench.engine.config.ConfigPaths;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.event.EpochMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads run folders written by the engine's own RunFolder. */
class RunLibraryTest {

    private static Path writeRun(Path root, String id, RunConfig c, String started, double[] val, boolean summary)
            throws IOException {
        RunFolder f = RunFolder.create(root, id);
        JsonObject run = new JsonObject();
        run.addProperty("runId", id);
        run.add("config", Json.gson().toJsonTree(c));
        run.addProperty("data", "builtin:digits");
        run.addProperty("preset", summary ? "cnn-digits" : null);
        run.addProperty("startedAt", started);
        f.writeRunJson(run);
        for (int e = 1; e <= val.length; e++) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("train_loss", 1.0 / e);
            m.put("val_loss", val[e - 1]);
            m.put("val_accuracy", 0.5 + e / 100.0);
            f.appendMetrics(new EpochMetrics(e, 1.0 / e, val[e - 1], m, 1e-3, 2, 2.0 * e));
        }
        if (summary) {
            JsonObject s = new JsonObject();
            s.addProperty("status", "FINISHED");
            s.addProperty("message", "completed");
            s.addProperty("monitor", "val_loss");
            s.addProperty("bestValue", 0.4);
            s.addProperty("bestEpoch", 2);
            f.writeSummary(s);
        }
        return f.dir();
    }

    @Test
    void listsRunsNewestFirstWithCurvesAndOutcome(@TempDir Path root) throws Exception {
        RunConfig c = HyperparameterViewModelTest.lstm();
        writeRun(root, "a", c, "2026-01-01T10:00:00Z", new double[] {0.6, 0.4, 0.5}, true);
        writeRun(root, "b", c.withOptimizer(c.optimizer().withLearningRate(1e-4)), "2026-01-02T10:00:00Z",
                new double[] {0.9, 0.7}, false);
        Files.createDirectories(root.resolve("not-a-run"));
        List<RunRecord> runs = RunLibrary.list(root);
        assertEquals(List.of("b", "a"), runs.stream().map(RunRecord::id).toList());
        RunRecord a = runs.get(1);
        assertEquals("FINISHED", a.status());
        assertEquals("cnn-digits", a.preset());
        assertEquals(3, a.epochs().size());
        assertEquals(0.5, a.epochs().get(2).valLoss());
        assertEquals(0.53, a.epochs().get(2).metric("val_accuracy"), 1e-12);
        assertEquals(0.4, a.bestValue());
        RunRecord b = runs.get(0);
        assertEquals("RUNNING OR INTERRUPTED", b.status());
        assertEquals("", b.preset(), "a run without a preset id");
        assertEquals(0.7, b.bestValue(), "best taken from the metrics when there is no summary");
        assertEquals(2, b.bestEpoch());

        List<RunsViewModel.DiffRow> diffs = RunsViewModel.differences(runs);
        assertEquals(List.of(new RunsViewModel.DiffRow("optimizer.learningRate", List.of("1e-4", "0.001"))), diffs);
        assertEquals(List.of(), RunsViewModel.differences(List.of(a)));
    }

    @Test
    void runsOfOlderVersionsAndOfDifferentTemplatesCompareByFieldPath() throws Exception {
        Path resnet = Path.of(RunLibraryTest.class.getResource("/fixtures/legacy/runs/resnet").toURI());
        Path lstm = Path.of(RunLibraryTest.class.getResource("/fixtures/legacy/runs/lstm").toURI());
        RunRecord r = RunLibrary.read(resnet);
        RunRecord l = RunLibrary.read(lstm);
        assertEquals("resnet", r.template());
        assertEquals(List.of(4), ConfigPaths.get(r.config(), "model.stageChannels"), r.message());
        assertEquals(4, ConfigPaths.get(l.config(), "model.hiddenSize"), l.message());
        assertFalse(r.message().contains("could not read"), r.message());
        List<RunsViewModel.DiffRow> diffs = RunsViewModel.differences(List.of(r, l));
        List<String> names = diffs.stream().map(RunsViewModel.DiffRow::name).toList();
        assertEquals(List.of("resnet", "lstm"), diffs.get(0).values());
        assertEquals("model.template", names.get(0));
        assertTrue(names.containsAll(List.of("data", "model.stageChannels", "model.hiddenSize", "training.loss",
                "training.clipNorm")), names.toString());
        assertFalse(names.contains("optimizer.learningRate"), "the same in both");
    }

    @Test
    void aDamagedMetricsFileNamesTheLine(@TempDir Path root) throws Exception {
        Path dir = writeRun(root, "x", HyperparameterViewModelTest.lstm(), "2026", new double[] {0.5}, true);
        Files.writeString(dir.resolve(RunFolder.METRICS_CSV), "epoch,train_loss\n1,abc\n");
        IOException e = assertThrows(IOException.class, () -> RunFolder.readMetrics(dir.resolve("metrics.csv")));
        assertTrue(e.getMessage().contains("line 2, column train_loss"), e.getMessage());
        RunRecord r = RunLibrary.read(dir);
        assertTrue(r.message().contains("could not read metrics.csv"), r.message());
    }
}
