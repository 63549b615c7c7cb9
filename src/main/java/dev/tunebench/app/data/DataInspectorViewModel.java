package dev.tunebench.app.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tunebench.app.common.Background;
import dev.tunebench.app.model.EngineServices;
import dev.tunebench.engine.data.ArraySplit;
import dev.tunebench.engine.data.InputSpec;
import dev.tunebench.engine.data.LoadedData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The data inspector (tips 2 and 23): describe() of the columns, class balance, the sequence-length histogram with
 * the padding length that covers 90% of samples, the vocabulary, forecasting baselines, and a preview of what the
 * loader yields. The engine's inspector runs in the background.
 */
public final class DataInspectorViewModel {
    /** Columns of the describe table, in order. */
    public static final List<String> DESCRIBE_COLUMNS = List.of("name", "count", "mean", "std", "min", "25%", "50%",
            "75%", "max", "unique", "top", "missing");

    private final EngineServices services;
    private final Background background;
    private final ReadOnlyObjectWrapper<JsonObject> inspection = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No data inspected yet.");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ObservableList<Map<String, String>> describe = FXCollections.observableArrayList();
    private final ObservableList<String> preview = FXCollections.observableArrayList();
    private final ObservableList<PreviewImage> previewImages = FXCollections.observableArrayList();
    private final ObservableList<Sparkline> previewSparklines = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Histogram> lengths = new ReadOnlyObjectWrapper<>();
    private long request;

    /**
     * A length histogram.
     *
     * @param binStart  lower edge of each bin
     * @param binWidth  bin width
     * @param counts    samples per bin
     * @param padLength the padding length that covers 90% of the training samples (tip 23), or 0
     * @param note      what the histogram shows
     */
    public record Histogram(double[] binStart, double binWidth, int[] counts, int padLength, String note) {
    }

    /**
     * One image sample of the preview, ready to draw: its label and its pixels as opaque ARGB, each sample stretched
     * from its own minimum (black) to its maximum (white) so normalised inputs stay visible.
     *
     * @param caption "#index  label"
     * @param width   pixels per row
     * @param height  rows
     * @param argb    {@code width * height} pixels, row by row
     */
    public record PreviewImage(String caption, int width, int height, int[] argb) {
    }

    /**
     * One series window of the preview as a line: the first input column's values in original units, and the value
     * to forecast after them (NaN when the window has no target).
     */
    public record Sparkline(double[] values, double target) {
    }

    /** Creates the inspector's state. */
    public DataInspectorViewModel(EngineServices services, Background background) {
        this.services = services;
        this.background = background;
    }

    /** Inspects the data in the background; {@code loaded} (may be null) gives the token lengths. */
    public void inspect(String spec, LoadedData loaded) {
        long r = ++request;
        status.set("Inspecting " + spec + "...");
        background.run(() -> services.inspect(spec), json -> {
            if (r == request) {
                show(json, loaded);
                status.set("Inspected " + spec);
            }
        }, e -> {
            if (r == request) {
                status.set("Could not inspect " + spec + ": " + e);
            }
        });
    }

    /** Shows an inspection (public for tests). */
    public void show(JsonObject json, LoadedData loaded) {
        inspection.set(json);
        summary.set(summaryOf(json));
        describe.setAll(describeRows(json));
        previewSparklines.setAll(previewSparklines(json)); // before the lines, whose cells draw them
        preview.setAll(previewLines(json));
        previewImages.setAll(previewImages(json));
        lengths.set(loaded != null && loaded.input().kind() == InputSpec.Kind.TOKENS
                ? histogram(loaded.train(), padLength(json)) : null);
    }

    static int padLength(JsonObject json) {
        JsonObject s = obj(json, "sequenceLengths");
        if (s == null) {
            return 0;
        }
        JsonArray cov = s.has("coverage") ? s.getAsJsonArray("coverage") : new JsonArray();
        for (JsonElement e : cov) {
            JsonObject c = e.getAsJsonObject();
            if ("90%".equals(str(c, "covers"))) {
                return c.get("padLength").getAsInt();
            }
        }
        return s.has("padLength") ? s.get("padLength").getAsInt() : 0;
    }

    /**
     * Returns the histogram of token counts (non-PAD ids) per training sample, in at most 40 bins. Samples longer
     * than the padding length were truncated by the loader, so they pile up in the last bin.
     */
    public static Histogram histogram(ArraySplit train, int padLength90) {
        int rows = train.size();
        int len = train.rowSize();
        float[] f = train.features();
        int[] lengths = new int[rows];
        int max = 1;
        for (int i = 0; i < rows; i++) {
            int n = 0;
            for (int j = 0; j < len; j++) {
                if (f[i * len + j] != 0f) {
                    n++;
                }
            }
            lengths[i] = n;
            max = Math.max(max, n);
        }
        int bins = Math.min(40, max);
        double width = Math.ceil((double) (max + 1) / bins);
        int[] counts = new int[bins];
        for (int l : lengths) {
            counts[(int) Math.min(bins - 1, l / width)]++;
        }
        double[] start = new double[bins];
        for (int b = 0; b < bins; b++) {
            start[b] = b * width;
        }
        return new Histogram(start, width, counts, padLength90, String.format(Locale.ROOT,
                "Tokens per training sample after padding/truncation to %d (samples longer than that are cut and "
                        + "fall in the last bin); the line marks the length that covers 90%% of samples (tip 23).",
                len));
    }

    static String summaryOf(JsonObject j) {
        StringBuilder sb = new StringBuilder();
        JsonObject in = obj(j, "input");
        JsonObject splits = obj(j, "splits");
        if (in != null) {
            sb.append(str(in, "kind")).append(' ').append(in.get("shape")).append(" -> ").append(str(in, "task"))
                    .append(' ').append(str(in, "outputSize"));
            if (in.has("vocabularySize")) {
                sb.append(", vocabulary ").append(str(in, "vocabularySize"));
            }
            sb.append('\n');
        }
        if (splits != null) {
            sb.append(String.format(Locale.ROOT, "train %s, validation %s, test %s%n", str(splits, "train"),
                    str(splits, "validation"), str(splits, "test")));
        }
        JsonObject classes = obj(j, "classes");
        if (classes != null && classes.has("train")) {
            sb.append("classes (train): ");
            List<String> parts = new ArrayList<>();
            for (var e : classes.getAsJsonObject("train").entrySet()) {
                parts.add(e.getKey() + " " + e.getValue().getAsString());
            }
            sb.append(String.join(", ", parts));
            if (classes.has("imbalanceRatio")) {
                sb.append(String.format(Locale.ROOT, "; imbalance %.2f", classes.get("imbalanceRatio")
                        .getAsDouble()));
            }
            sb.append('\n');
        }
        JsonObject seq = obj(j, "sequenceLengths");
        if (seq != null && seq.has("coverage")) {
            sb.append("padding coverage: ");
            List<String> parts = new ArrayList<>();
            for (JsonElement e : seq.getAsJsonArray("coverage")) {
                JsonObject c = e.getAsJsonObject();
                parts.add(String.format(Locale.ROOT, "%s -> length %s (truncates %s)", str(c, "covers"),
                        str(c, "padLength"), str(c, "truncatedSamples")));
            }
            sb.append(String.join("; ", parts)).append('\n');
        }
        JsonObject vocab = obj(j, "vocabulary");
        if (vocab != null) {
            sb.append(String.format(Locale.ROOT, "vocabulary %s tokens, OOV rate on validation %.2f%%%n",
                    str(vocab, "size"), 100 * vocab.get("oovRate").getAsDouble()));
        }
        JsonObject base = obj(j, "baselines");
        if (base != null) {
            List<String> parts = new ArrayList<>();
            for (var e : base.entrySet()) {
                if (e.getValue().isJsonObject() && e.getValue().getAsJsonObject().has("mae")) {
                    parts.add(String.format(Locale.ROOT, "%s MAE %.4g", e.getKey(),
                            e.getValue().getAsJsonObject().get("mae").getAsDouble()));
                }
            }
            sb.append("naive baselines (").append(str(base, "on")).append("): ").append(String.join(", ", parts))
                    .append('\n');
        }
        if (j.has("notes")) {
            for (JsonElement n : j.getAsJsonArray("notes")) {
                sb.append("\u2022 ").append(n.getAsString()).append('\n');
            }
        }
        return sb.toString().strip();
    }

    static List<Map<String, String>> describeRows(JsonObject j) {
        List<Map<String, String>> rows = new ArrayList<>();
        if (j.has("columns")) {
            for (JsonElement e : j.getAsJsonArray("columns")) {
                rows.add(row(e.getAsJsonObject(), str(e.getAsJsonObject(), "name")));
            }
        }
        JsonObject seq = obj(j, "sequenceLengths");
        if (seq != null && seq.has("describe")) {
            rows.add(row(seq.getAsJsonObject("describe"), "sequence length (tokens)"));
        }
        return rows;
    }

    private static Map<String, String> row(JsonObject o, String name) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String c : DESCRIBE_COLUMNS) {
            m.put(c, c.equals("name") ? name : fmt(o.get(c)));
        }
        return m;
    }

    /** Returns the samples of an inspection's preview (none when it has no preview). */
    private static List<JsonObject> previewSamples(JsonObject j) {
        List<JsonObject> out = new ArrayList<>();
        if (j.has("preview")) {
            for (JsonElement e : j.getAsJsonArray("preview")) {
                out.add(e.getAsJsonObject());
            }
        }
        return out;
    }

    static List<String> previewLines(JsonObject j) {
        List<String> out = new ArrayList<>();
        for (JsonObject p : previewSamples(j)) {
            StringBuilder sb = new StringBuilder("#" + str(p, "index"));
            if (p.has("label")) {
                sb.append("  label ").append(str(p, "label"));
            }
            if (p.has("decoded")) {
                sb.append(String.format(Locale.ROOT, "  (%s tokens%s)%n", str(p, "tokens"),
                        p.has("truncated") && p.get("truncated").getAsBoolean() ? ", truncated" : ""))
                        .append(str(p, "decoded"));
            } else if (p.has("ascii")) {
                for (JsonElement line : p.getAsJsonArray("ascii")) {
                    sb.append('\n').append(line.getAsString());
                }
            } else if (p.has("inputs")) {
                for (var in : p.getAsJsonObject("inputs").entrySet()) {
                    JsonArray a = in.getValue().getAsJsonArray();
                    sb.append(String.format(Locale.ROOT, "%n%s: %d values, %s ... %s", in.getKey(), a.size(),
                            fmt(a.get(0)), fmt(a.get(a.size() - 1))));
                }
                if (p.has("target") && p.get("target").isJsonObject()) {
                    sb.append("\n-> target");
                    for (var t : p.getAsJsonObject("target").entrySet()) {
                        sb.append(' ').append(t.getKey()).append(' ').append(fmt(t.getValue()));
                    }
                } else if (p.has("target")) {
                    sb.append("\n-> target ").append(fmt(p.get("target")));
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static String fmt(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "";
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            double d = e.getAsDouble();
            if (!Double.isFinite(d)) {
                return String.valueOf(d);
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e12) {
                return String.valueOf((long) d);
            }
            // Four significant digits, but never an exponent for values a person reads as whole numbers.
            return Math.abs(d) >= 1000 && Math.abs(d) < 1e12 ? String.format(Locale.ROOT, "%.0f", d)
                    : String.format(Locale.ROOT, "%.4g", d);
        }
        return e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    private static JsonObject obj(JsonObject j, String k) {
        return j.has(k) && j.get(k).isJsonObject() ? j.getAsJsonObject(k) : null;
    }

    private static String str(JsonObject o, String k) {
        JsonElement e = o.get(k);
        return e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    /** Returns the raw inspection JSON, or null. */
    public ReadOnlyObjectProperty<JsonObject> inspectionProperty() {
        return inspection.getReadOnlyProperty();
    }

    /** Returns the status line. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Returns the summary: input, splits, classes, padding coverage, vocabulary, baselines, notes. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Returns the describe() rows, one per column, keyed by {@link #DESCRIBE_COLUMNS}. */
    public ObservableList<Map<String, String>> describe() {
        return describe;
    }

    /** Returns a line per series window of the preview, in the order of {@link #preview()} (empty otherwise). */
    public ObservableList<Sparkline> previewSparklines() {
        return previewSparklines;
    }

    /** Returns the series windows of an inspection's preview as lines (none for text and images). */
    static List<Sparkline> previewSparklines(JsonObject j) {
        List<Sparkline> out = new ArrayList<>();
        for (JsonObject p : previewSamples(j)) {
            JsonObject inputs = obj(p, "inputs");
            if (inputs == null || inputs.size() == 0) {
                continue;
            }
            var first = inputs.entrySet().iterator().next();
            double[] v = doubles(first.getValue().getAsJsonArray());
            JsonObject targets = obj(p, "target");
            double target = Double.NaN;
            if (targets != null && targets.size() > 0) {
                // The target of the same column when there is one, else the first target.
                var t = targets.has(first.getKey()) ? targets.get(first.getKey())
                        : targets.entrySet().iterator().next().getValue();
                target = t.getAsDouble();
            }
            out.add(new Sparkline(v, target));
        }
        return out;
    }

    private static double[] doubles(JsonArray a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsDouble();
        }
        return v;
    }

    /** Returns the image samples of the preview (empty for text and series data). */
    public ObservableList<PreviewImage> previewImages() {
        return previewImages;
    }

    /** Returns the image samples of an inspection's preview, drawn from their values. */
    static List<PreviewImage> previewImages(JsonObject j) {
        List<PreviewImage> out = new ArrayList<>();
        for (JsonObject p : previewSamples(j)) {
            if (!p.has("values") || !p.has("shape")) {
                continue;
            }
            JsonArray shape = p.getAsJsonArray("shape");
            int c = shape.get(0).getAsInt();
            int h = shape.get(1).getAsInt();
            int w = shape.get(2).getAsInt();
            JsonArray values = p.getAsJsonArray("values");
            if (c < 1 || h < 1 || w < 1 || values.size() != c * h * w) {
                continue;
            }
            double[] v = doubles(values);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                if (Double.isFinite(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
            double span = hi > lo ? hi - lo : 1;
            int[] argb = new int[h * w];
            for (int i = 0; i < h * w; i++) {
                int[] rgb = new int[3];
                for (int k = 0; k < 3; k++) {
                    // One channel: grey; three: RGB; otherwise the mean of the channels.
                    double x;
                    if (c == 3) {
                        x = v[k * h * w + i];
                    } else {
                        double sum = 0;
                        for (int ch = 0; ch < c; ch++) {
                            sum += v[ch * h * w + i];
                        }
                        x = sum / c;
                    }
                    double t = Double.isFinite(x) ? (x - lo) / span : 0;
                    rgb[k] = (int) Math.round(255 * Math.max(0, Math.min(1, t)));
                }
                argb[i] = 0xFF000000 | rgb[0] << 16 | rgb[1] << 8 | rgb[2];
            }
            String caption = "#" + str(p, "index") + (p.has("label") ? "  " + str(p, "label") : "");
            out.add(new PreviewImage(caption, w, h, argb));
        }
        return out;
    }

    /** Returns the preview samples as text, as the loader yields them. */
    public ObservableList<String> preview() {
        return preview;
    }

    /** Returns the token-length histogram for text data, else null. */
    public ReadOnlyObjectProperty<Histogram> lengthsProperty() {
        return lengths.getReadOnlyProperty();
    }
}
