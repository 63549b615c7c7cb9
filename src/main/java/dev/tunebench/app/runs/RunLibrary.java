package dev.tunebench.app.runs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tunebench.app.model.RunRecord;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.checkpoint.RunFolder;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.event.EpochMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reads the runs kept in a runs folder: run.json, summary.json and metrics.csv of each run folder. */
public final class RunLibrary {
    private RunLibrary() {
    }

    /** Returns the runs under {@code root}, newest first; folders without run.json are skipped. */
    public static List<RunRecord> list(Path root) throws IOException {
        if (root == null || !Files.isDirectory(root)) {
            return List.of();
        }
        List<RunRecord> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(p -> Files.isRegularFile(p.resolve(RunFolder.RUN_JSON))).toList()) {
                out.add(read(d));
            }
        }
        out.sort(Comparator.comparing(RunRecord::startedAt).reversed().thenComparing(RunRecord::id));
        return out;
    }

    /** Returns one run; unreadable parts are left empty and named in the message rather than thrown. */
    public static RunRecord read(Path dir) {
        String id = dir.getFileName().toString();
        List<String> problems = new ArrayList<>();
        JsonObject run = readJson(dir.resolve(RunFolder.RUN_JSON), problems);
        JsonObject summary = Files.isRegularFile(dir.resolve(RunFolder.SUMMARY_JSON))
                ? readJson(dir.resolve(RunFolder.SUMMARY_JSON), problems) : null;
        RunConfig config = null;
        if (run != null && run.has("config")) {
            try {
                config = Json.gson().fromJson(run.get("config"), RunConfig.class);
            } catch (RuntimeException e) {
                problems.add("run.json config: " + e.getMessage());
            }
        }
        List<EpochMetrics> epochs = List.of();
        try {
            epochs = RunFolder.readMetrics(dir.resolve(RunFolder.METRICS_CSV));
        } catch (IOException | RuntimeException e) {
            problems.add(RunFolder.METRICS_CSV + ": " + e.getMessage());
        }
        String status = summary == null ? "RUNNING OR INTERRUPTED" : str(summary, "status");
        String message = summary == null ? "" : str(summary, "message");
        if (!problems.isEmpty()) {
            message = (message.isEmpty() ? "" : message + "; ") + "could not read " + String.join("; ", problems);
        }
        String monitor = summary != null ? str(summary, "monitor")
                : config != null ? config.monitor().metric() : "";
        double best = summary == null ? Double.NaN : num(summary, "bestValue");
        int bestEpoch = summary == null ? 0 : (int) num(summary, "bestEpoch");
        if (summary == null && config != null) {
            // No summary yet: take the best from the metrics so a running or crashed run still ranks.
            String m = config.monitor().metric();
            for (EpochMetrics e : epochs) {
                double v = e.metric(m);
                boolean better = config.monitor().mode() == dev.tunebench.engine.config.MonitorSpec.Mode.MIN
                        ? v < best || Double.isNaN(best) : v > best || Double.isNaN(best);
                if (Double.isFinite(v) && better) {
                    best = v;
                    bestEpoch = e.epoch();
                }
            }
        }
        return new RunRecord(id, dir, config == null ? (run == null ? "" : str(run, "template"))
                : config.model().template(), run == null ? "" : str(run, "preset"),
                run == null ? "" : str(run, "data"),
                run == null ? "" : str(run, "startedAt"), status, message, monitor, best, bestEpoch, config, epochs);
    }

    private static JsonObject readJson(Path file, List<String> problems) {
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (IOException | RuntimeException e) {
            problems.add(file.getFileName() + ": " + e.getMessage());
            return null;
        }
    }

    private static String str(JsonObject o, String k) {
        JsonElement e = o.get(k);
        return e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    private static double num(JsonObject o, String k) {
        JsonElement e = o.get(k);
        try {
            return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
        } catch (RuntimeException ex) {
            return Double.NaN;
        }
    }
}
