package dev.tunebench.engine.checkpoint;

import com.google.gson.JsonObject;
import dev.tunebench.engine.event.EpochMetrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A run's folder {@code runs/<id>/}: {@code run.json} (preset, data spec, seed, versions), {@code metrics.csv}
 * (one row per epoch), {@code summary.json} (how it ended) and {@code checkpoints/}. JSON files are replaced
 * atomically; metrics rows are appended and forced to disk one by one, so a crash loses at most the row being
 * written.
 */
public final class RunFolder {
    /** The run description file. */
    public static final String RUN_JSON = "run.json";
    /** The per-epoch metrics file. */
    public static final String METRICS_CSV = "metrics.csv";
    /** The end-of-run summary file. */
    public static final String SUMMARY_JSON = "summary.json";
    /** The checkpoints sub-folder. */
    public static final String CHECKPOINTS = "checkpoints";

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String EPOCH = "epoch";
    private static final String ELAPSED = "elapsed_seconds";
    private static final String TRAIN_LOSS = "train_loss";
    private static final String VAL_LOSS = "val_loss";
    private static final String LR = "lr";

    private final Path dir;
    private List<String> header;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates {@code runsRoot/runId/} with its {@code checkpoints/} folder.
     *
     * @throws IllegalArgumentException when {@code runId} is not a plain folder name
     * @throws IOException              naming the folder when it already exists or cannot be created
     */
    public static RunFolder create(Path runsRoot, String runId) throws IOException {
        if (runId == null || !RUN_ID.matcher(runId).matches() || runId.contains("..")) {
            throw new IllegalArgumentException("run id '" + runId + "' is not a plain folder name (letters, digits, "
                    + "'.', '_', '-'; at most 128 characters)");
        }
        Path root = runsRoot.toAbsolutePath().normalize();
        Path dir = root.resolve(runId);
        try {
            Files.createDirectories(root);
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("Run folder " + dir + " already exists; choose another run id or delete it", e);
        } catch (IOException e) {
            throw new IOException("Cannot create run folder " + dir + ": " + AtomicFiles.describe(e), e);
        }
        Files.createDirectory(dir.resolve(CHECKPOINTS));
        AtomicFiles.forceDirectory(root);
        return new RunFolder(dir);
    }

    /**
     * Opens an existing run folder (to resume a run or read it). Appending metrics continues the existing
     * {@code metrics.csv} with its header.
     *
     * @throws IOException naming the folder when it does not exist or is not a directory
     */
    public static RunFolder open(Path runDir) throws IOException {
        Path dir = runDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(dir.toString(), null, "no run folder here");
        }
        return new RunFolder(dir);
    }

    /** Returns the run folder. */
    public Path dir() {
        return dir;
    }

    /** Returns the run id (the folder name). */
    public String id() {
        return dir.getFileName().toString();
    }

    /** Returns the checkpoints folder ({@code <run>/checkpoints}); it may not exist yet for an opened folder. */
    public Path checkpointsDir() {
        return dir.resolve(CHECKPOINTS);
    }

    /** Returns the metrics file path. */
    public Path metricsCsv() {
        return dir.resolve(METRICS_CSV);
    }

    /** Writes {@code run.json} atomically. */
    public void writeRunJson(JsonObject runJson) throws IOException {
        AtomicFiles.writeJson(dir.resolve(RUN_JSON), runJson);
    }

    /** Writes {@code summary.json} atomically. */
    public void writeSummary(JsonObject summary) throws IOException {
        AtomicFiles.writeJson(dir.resolve(SUMMARY_JSON), summary);
    }

    /**
     * Appends one epoch to {@code metrics.csv}: {@code epoch, elapsed_seconds, train_loss, val_loss}, every other
     * metric in the epoch's order, then {@code lr}. The header comes from the first row; a metric that appears
     * later extends the header (the file is rewritten atomically, earlier rows get an empty cell), so no value is
     * ever dropped. Each row is forced to disk.
     */
    public synchronized void appendMetrics(EpochMetrics m) throws IOException {
        Path file = metricsCsv();
        if (header == null) {
            header = readHeader(file);
        }
        List<String> wanted = columnsOf(m);
        if (header == null) {
            header = wanted;
            appendLine(file, String.join(",", quoteAll(header)) + "\n");
        } else if (!header.containsAll(wanted)) {
            List<String> extended = new ArrayList<>(header.subList(0, header.size() - 1));
            for (String c : wanted) {
                if (!header.contains(c)) {
                    extended.add(c);
                }
            }
            extended.add(LR);
            rewriteWithHeader(file, extended);
            header = extended;
        }
        appendLine(file, row(m, header) + "\n");
    }

    /**
     * Removes metric rows after {@code epoch} (a run resumed from an earlier checkpoint trains those epochs again),
     * and rows a crash left torn (not as many cells as the header).
     */
    public synchronized void truncateMetricsAfter(int epoch) throws IOException {
        Path file = metricsCsv();
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        int columns = lines.isEmpty() ? 0 : lines.get(0).split(",", -1).length;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            if (i > 0) {
                String first = line.split(",", 2)[0];
                try {
                    if (Integer.parseInt(first) > epoch) {
                        continue;
                    }
                } catch (NumberFormatException e) {
                    // A torn last row from a crash: drop it.
                    continue;
                }
                if (line.split(",", -1).length != columns) {
                    continue; // torn after its epoch number: the epoch is trained and written again
                }
            }
            sb.append(line).append('\n');
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the epochs recorded in this run's {@code metrics.csv} (empty when it has none yet). */
    public List<EpochMetrics> readMetrics() throws IOException {
        return readMetrics(metricsCsv());
    }

    /**
     * Returns the epochs of a metrics.csv (header: epoch, elapsed_seconds, train_loss, val_loss, ..., lr), an empty
     * list when the file does not exist.
     *
     * @throws IOException naming the file, line and column of a row that does not fit the header or a cell that is
     *                     not a number
     */
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
                double v = cells[c].isEmpty() ? Double.NaN : parseCell(cells[c], csv, i + 1, header[c]);
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

    private static double parseCell(String s, Path file, int line, String column) throws IOException {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IOException(file + " line " + line + ", column " + column + ": '" + s + "' is not a number");
        }
    }

    private static List<String> columnsOf(EpochMetrics m) {
        List<String> cols = new ArrayList<>(List.of(EPOCH, ELAPSED, TRAIN_LOSS, VAL_LOSS));
        for (String k : m.metrics().keySet()) {
            if (!cols.contains(k) && !k.equals(LR)) {
                cols.add(k);
            }
        }
        cols.add(LR);
        return cols;
    }

    private static String row(EpochMetrics m, List<String> header) {
        List<String> cells = new ArrayList<>();
        for (String c : header) {
            cells.add(switch (c) {
                case EPOCH -> Integer.toString(m.epoch());
                case ELAPSED -> Double.toString(m.elapsedSeconds());
                case TRAIN_LOSS -> Double.toString(m.has(TRAIN_LOSS) ? m.metric(TRAIN_LOSS) : m.trainLoss());
                case VAL_LOSS -> Double.toString(m.has(VAL_LOSS) ? m.metric(VAL_LOSS) : m.valLoss());
                case LR -> Double.toString(m.learningRate());
                default -> m.has(c) ? Double.toString(m.metric(c)) : "";
            });
        }
        return String.join(",", cells);
    }

    private static List<String> quoteAll(List<String> cells) {
        return cells.stream().map(RunFolder::quote).toList();
    }

    private static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    private static List<String> readHeader(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            if (line == null || line.isBlank()) {
                return null;
            }
            return List.of(line.split(",", -1));
        }
    }

    private static void rewriteWithHeader(Path file, List<String> extended) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int added = extended.size() - lines.get(0).split(",", -1).length;
        StringBuilder sb = new StringBuilder(String.join(",", quoteAll(extended))).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            // Old rows: cells before lr, then empty new cells, then lr.
            int cut = line.lastIndexOf(',');
            sb.append(line, 0, cut).append(",".repeat(added)).append(line.substring(cut)).append('\n');
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void appendLine(Path file, String line) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        } catch (IOException e) {
            throw new IOException("Cannot append to " + file + ": " + AtomicFiles.describe(e), e);
        }
    }
}
