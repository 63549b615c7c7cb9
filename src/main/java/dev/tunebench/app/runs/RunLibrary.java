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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            epochs = readMetrics(dir.resolve(RunFolder.METRICS_CSV));
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

    /** Returns the epochs of a metrics.csv (header: epoch, elapsed_seconds, train_loss, val_loss, ..., lr). */
    public static List<EpochMetrics> readMetrics(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return List.of();
        }
        String[] header = lines.get(0).split(",", -1);
        List<EpochMetrics> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.length) {
                throw new IOException(csv + " line " + (i + 1) + ": " + cells.length + " cells, header has "
                        + header.length);
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            int epoch = 0;
            double elapsed = Double.NaN;
            double lr = Double.NaN;
            for (int c = 0; c < header.length; c++) {
                double v = cells[c].isEmpty() ? Double.NaN : parse(cells[c], csv, i + 1, header[c]);
                switch (header[c]) {
                    case "epoch" -> epoch = (int) v;
                    case "elapsed_seconds" -> elapsed = v;
                    case "lr" -> lr = v;
                    default -> {
                        if (!cells[c].isEmpty()) {
                            metrics.put(header[c], v);
                        }
                    }
                }
            }
            double train = metrics.getOrDefault("train_loss", Double.NaN);
            double val = metrics.getOrDefault("val_loss", Double.NaN);
            double prev = out.isEmpty() ? 0 : out.get(out.size() - 1).elapsedSeconds();
            out.add(new EpochMetrics(epoch, train, val, metrics, lr, elapsed - prev, elapsed));
        }
        return out;
    }

    private static double parse(String s, Path file, int line, String column) throws IOException {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IOException(file + " line " + line + ", column " + column + ": '" + s + "' is not a number");
        }
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
