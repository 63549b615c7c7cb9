package dev.tunebench.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.event.EpochMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    @TempDir
    Path tmp;

    private static EpochMetrics epoch(int e, double train, double val, Map<String, Double> extra, double lr) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train_loss", train);
        m.put("val_loss", val);
        m.putAll(extra);
        return new EpochMetrics(e, train, val, m, lr, 1.5, 1.5 * e);
    }

    @Test
    void createMakesTheFolderAndRefusesAnExistingOne() throws IOException {
        RunFolder run = RunFolder.create(tmp.resolve("runs"), "20260101-120000-lstm");
        assertTrue(Files.isDirectory(run.checkpointsDir()));
        assertEquals(tmp.resolve("runs/20260101-120000-lstm").toAbsolutePath(), run.dir());
        IOException e = assertThrows(IOException.class, () -> RunFolder.create(tmp.resolve("runs"),
                "20260101-120000-lstm"));
        assertTrue(e.getMessage().contains("already exists") && e.getMessage().contains(run.dir().toString()),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunFolder.create(tmp, "../x"));
        assertThrows(IllegalArgumentException.class, () -> RunFolder.create(tmp, "a/b"));
        assertThrows(IOException.class, () -> RunFolder.open(tmp.resolve("nope")));
    }

    @Test
    void writesRunAndSummaryJsonWithoutTemporaries() throws IOException {
        RunFolder run = RunFolder.create(tmp, "r");
        JsonObject o = new JsonObject();
        o.addProperty("seed", 42);
        run.writeRunJson(o);
        o.addProperty("seed", 43);
        run.writeRunJson(o);
        JsonObject s = new JsonObject();
        s.addProperty("bestValue", Double.NaN);
        run.writeSummary(s);
        assertEquals(43, Json.gson().fromJson(Files.readString(run.dir().resolve("run.json")), JsonObject.class)
                .get("seed").getAsInt());
        assertTrue(Double.isNaN(Json.gson().fromJson(Files.readString(run.dir().resolve("summary.json")),
                JsonObject.class).get("bestValue").getAsDouble()));
        try (Stream<Path> st = Files.list(run.dir())) {
            assertEquals(List.of("checkpoints", "run.json", "summary.json"),
                    st.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void metricsCsvHasAFixedColumnOrderAndExtendsForNewMetrics() throws IOException {
        RunFolder run = RunFolder.create(tmp, "r");
        run.appendMetrics(epoch(1, 1.0, 0.9, Map.of("val_accuracy", 0.5), 0.01));
        run.appendMetrics(epoch(2, 0.8, Double.NaN, Map.of("val_accuracy", 0.6), 0.005));
        List<String> lines = Files.readAllLines(run.metricsCsv());
        assertEquals(List.of(
                "epoch,elapsed_seconds,train_loss,val_loss,val_accuracy,lr",
                "1,1.5,1.0,0.9,0.5,0.01",
                "2,3.0,0.8,NaN,0.6,0.005"), lines);
        // A metric that appears later extends the header instead of being dropped.
        run.appendMetrics(epoch(3, 0.7, 0.6, Map.of("val_accuracy", 0.7, "train_accuracy", 0.75), 0.001));
        lines = Files.readAllLines(run.metricsCsv());
        assertEquals(List.of(
                "epoch,elapsed_seconds,train_loss,val_loss,val_accuracy,train_accuracy,lr",
                "1,1.5,1.0,0.9,0.5,,0.01",
                "2,3.0,0.8,NaN,0.6,,0.005",
                "3,4.5,0.7,0.6,0.7,0.75,0.001"), lines);
    }

    @Test
    void openContinuesTheExistingHeaderAndTruncateDropsLaterEpochs() throws IOException {
        RunFolder run = RunFolder.create(tmp, "r");
        for (int e = 1; e <= 4; e++) {
            run.appendMetrics(epoch(e, 1.0 / e, 1.1 / e, Map.of("val_accuracy", 0.1 * e), 0.01));
        }
        RunFolder again = RunFolder.open(run.dir());
        again.truncateMetricsAfter(2);
        again.appendMetrics(epoch(3, 0.3, 0.31, Map.of("val_accuracy", 0.33), 0.01));
        List<String> lines = Files.readAllLines(run.metricsCsv());
        assertEquals(4, lines.size());
        assertEquals("epoch,elapsed_seconds,train_loss,val_loss,val_accuracy,lr", lines.get(0));
        assertEquals("3,4.5,0.3,0.31,0.33,0.01", lines.get(3));
    }

    @Test
    void truncateDropsARowTornByACrashSoTheHistoryReadsBack() throws IOException {
        RunFolder run = RunFolder.create(tmp, "r");
        for (int e = 1; e <= 2; e++) {
            run.appendMetrics(epoch(e, 1.0 / e, 1.1 / e, Map.of("val_accuracy", 0.1 * e), 0.01));
        }
        Files.writeString(run.metricsCsv(), "3,4.5,0.3", java.nio.file.StandardOpenOption.APPEND);
        IOException torn = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, run::readMetrics);
        assertTrue(torn.getMessage().contains("line 4") && torn.getMessage().contains("3 cells"), torn.getMessage());

        RunFolder.open(run.dir()).truncateMetricsAfter(3);
        assertEquals(List.of(1, 2), run.readMetrics().stream().map(EpochMetrics::epoch).toList());
        assertEquals(0.55, run.readMetrics().get(1).valLoss(), 1e-12);
    }
}
