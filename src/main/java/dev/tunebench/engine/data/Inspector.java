package dev.tunebench.engine.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks at data before training (tips 2 and 23): describe() of numeric columns, class balance, the
 * sequence-length distribution and the padding lengths that cover 90/95/99% of samples, the vocabulary and its
 * OOV rate on validation, naive forecasting baselines, and a preview of exactly what the loader yields.
 */
public final class Inspector {
    /** Number of preview samples by default. */
    public static final int DEFAULT_PREVIEW = 5;

    private Inspector() {
    }

    /** Returns the inspection of the data, relative paths resolved against the working directory. */
    public static JsonObject inspect(DataSpec spec) {
        return inspect(spec, Path.of(""), DEFAULT_PREVIEW);
    }

    /**
     * Returns the inspection as JSON with these members: {@code spec}, {@code input} (kind, shape, task,
     * outputSize, vocabularySize), {@code splits} (sample counts), {@code notes}, {@code columns} (describe() per
     * column), {@code classes} (counts per split, imbalanceRatio), {@code sequenceLengths} (text),
     * {@code vocabulary} (text), {@code pixels} (images), {@code baselines} (series) and {@code preview}.
     *
     * @param preview number of training samples to show as the loader yields them
     */
    public static JsonObject inspect(DataSpec spec, Path baseDir, int preview) {
        Loaded l = DataLoader.loadDetailed(spec, baseDir);
        LoadedData d = l.data();
        JsonObject o = new JsonObject();
        o.addProperty("spec", d.source());
        JsonObject input = new JsonObject();
        input.addProperty("kind", d.input().kind().name());
        input.add("shape", ints(d.input().shape()));
        input.addProperty("task", d.input().task().name());
        input.addProperty("outputSize", d.input().outputSize());
        if (d.input().vocabularySize() > 0) {
            input.addProperty("vocabularySize", d.input().vocabularySize());
        }
        o.add("input", input);
        JsonObject splits = new JsonObject();
        splits.addProperty("train", d.train().size());
        splits.addProperty("validation", d.validation().size());
        splits.addProperty("test", d.test() == null ? 0 : d.test().size());
        o.add("splits", splits);
        JsonArray notes = new JsonArray();
        d.notes().forEach(notes::add);
        o.add("notes", notes);
        if (l.table() != null) {
            Described cols = describeTable(l.table());
            if (cols.truncated()) {
                notes.add("columns: statistics of the first " + DESCRIBE_ROWS + " rows of " + l.table().file()
                        + " (the loader read every row)");
            }
            o.add("columns", cols.columns());
        }
        if (d.train().isClassification()) {
            o.add("classes", classes(d));
        }
        switch (d.input().kind()) {
            case TOKENS -> {
                o.add("sequenceLengths", lengths(l.trainLengths(), d.input().shape()[0]));
                JsonObject v = new JsonObject();
                v.addProperty("size", d.input().vocabularySize());
                v.addProperty("validationTokens", l.valTokens());
                v.addProperty("validationOov", l.valOov());
                v.addProperty("oovRate", l.valTokens() == 0 ? 0.0 : (double) l.valOov() / l.valTokens());
                JsonArray head = new JsonArray();
                JsonArray vocab = d.preprocessing().getAsJsonArray("vocabulary");
                for (int i = 0; i < Math.min(30, vocab.size()); i++) {
                    head.add(vocab.get(i));
                }
                v.add("mostFrequent", head);
                o.add("vocabulary", v);
                o.add("preview", previewText(d, l.trainLengths(), preview));
            }
            case IMAGE -> {
                o.add("pixels", pixels(d));
                o.add("preview", previewImages(d, preview));
            }
            case SERIES -> {
                if (l.facts().has("baselines")) {
                    o.add("baselines", l.facts().get("baselines"));
                }
                o.add("preview", previewSeries(d, preview));
            }
        }
        return o;
    }

    // ---- statistics ----

    /** Returns pandas-style describe() statistics: count, mean, std (n-1), min, 25%, 50%, 75%, max. */
    static JsonObject describe(double[] values, double... extraPercentiles) {
        JsonObject o = new JsonObject();
        int n = values.length;
        o.addProperty("count", n);
        if (n == 0) {
            return o;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : s) {
            ss += (v - mean) * (v - mean);
        }
        o.add("mean", num(mean));
        o.add("std", n > 1 ? num(Math.sqrt(ss / (n - 1))) : JsonNull.INSTANCE);
        o.add("min", num(s[0]));
        o.add("25%", num(percentile(s, 25)));
        o.add("50%", num(percentile(s, 50)));
        o.add("75%", num(percentile(s, 75)));
        for (double p : extraPercentiles) {
            o.add(fmtPct(p) + "%", num(percentile(s, p)));
        }
        o.add("max", num(s[n - 1]));
        return o;
    }

    private static String fmtPct(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }

    /** Returns the percentile of sorted values with linear interpolation (pandas' and NumPy's default). */
    static double percentile(double[] sorted, double p) {
        double pos = (sorted.length - 1) * p / 100.0;
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    private static JsonElement num(double v) {
        if (!Double.isFinite(v)) {
            return new JsonPrimitive(v);
        }
        double r = Math.round(v * 1e6) / 1e6;
        return r == Math.rint(r) && Math.abs(r) < 1e15 ? new JsonPrimitive((long) r) : new JsonPrimitive(r);
    }

    private static JsonArray ints(int[] a) {
        JsonArray arr = new JsonArray();
        for (int x : a) {
            arr.add(x);
        }
        return arr;
    }

    /** Rows of a text or series file that the column statistics describe; the loader itself reads them all. */
    static final int DESCRIBE_ROWS = 200_000;

    /** Column statistics and whether they stop short of the end of the file. */
    record Described(JsonArray columns, boolean truncated) {
    }

    /**
     * Describes each column of the well-formed rows among the first {@link #DESCRIBE_ROWS}: numeric columns (every
     * cell a finite number or a missing-value marker, by {@link Numbers}) as describe(), others by distinct values.
     */
    static Described describeTable(Csv.Table t) {
        int width = t.header().size();
        List<List<String>> cells = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            cells.add(new ArrayList<>());
        }
        boolean truncated = false;
        try (Csv.Reader r = t.rows()) {
            int seen = 0;
            for (Csv.Row row = r.next(); row != null; row = r.next()) {
                if (seen++ == DESCRIBE_ROWS) {
                    truncated = true;
                    break;
                }
                if (row.error() == null && row.fields().length == width) {
                    for (int c = 0; c < width; c++) {
                        cells.get(c).add(row.fields()[c]);
                    }
                }
            }
        }
        JsonArray cols = new JsonArray();
        for (int c = 0; c < width; c++) {
            List<String> column = cells.get(c);
            double[] nums = new double[column.size()];
            int numeric = 0;
            int missing = 0;
            for (String cell : column) {
                Numbers.Parsed p = Numbers.parse(cell);
                if (p.kind() == Numbers.Kind.MISSING || cell.isBlank()) {
                    missing++;
                } else if (p.kind() == Numbers.Kind.NUMBER) {
                    nums[numeric++] = p.value();
                }
            }
            JsonObject col = new JsonObject();
            col.addProperty("name", t.header().get(c));
            boolean isNumeric = numeric > 0 && numeric == column.size() - missing;
            col.addProperty("numeric", isNumeric);
            if (isNumeric) {
                JsonObject d = describe(Arrays.copyOf(nums, numeric));
                d.entrySet().forEach(e -> col.add(e.getKey(), e.getValue()));
            } else {
                Map<String, Integer> freq = new HashMap<>();
                for (String cell : column) {
                    if (!cell.isBlank() && !Numbers.MISSING_MARKERS.contains(cell)) {
                        freq.merge(cell.strip(), 1, Integer::sum);
                    }
                }
                col.addProperty("count", column.size() - missing);
                col.addProperty("unique", freq.size());
                String top = null;
                int topFreq = 0;
                for (Map.Entry<String, Integer> e : freq.entrySet()) {
                    // Most frequent; ties go to the alphabetically first, so the output is deterministic.
                    if (e.getValue() > topFreq || (e.getValue() == topFreq && e.getKey().compareTo(top) < 0)) {
                        top = e.getKey();
                        topFreq = e.getValue();
                    }
                }
                if (top != null) {
                    col.addProperty("top", top.length() > 60 ? top.substring(0, 57) + "..." : top);
                    col.addProperty("freq", topFreq);
                }
                if (numeric > 0) {
                    col.addProperty("numericCells", numeric);
                }
            }
            col.addProperty("missing", missing);
            cols.add(col);
        }
        return new Described(cols, truncated);
    }

    private static JsonObject classes(LoadedData d) {
        JsonObject o = new JsonObject();
        JsonArray names = new JsonArray();
        d.classNames().forEach(names::add);
        o.add("names", names);
        int[] train = counts(d.train(), d.classNames().size());
        o.add("train", countsJson(train, d.classNames()));
        o.add("validation", countsJson(counts(d.validation(), d.classNames().size()), d.classNames()));
        if (d.test() != null) {
            o.add("test", countsJson(counts(d.test(), d.classNames().size()), d.classNames()));
        }
        int max = Arrays.stream(train).max().orElse(0);
        int min = Arrays.stream(train).min().orElse(0);
        o.add("imbalanceRatio", min == 0 ? JsonNull.INSTANCE : num((double) max / min));
        if (min == 0) {
            List<String> empty = new ArrayList<>();
            for (int c = 0; c < train.length; c++) {
                if (train[c] == 0) {
                    empty.add(d.classNames().get(c));
                }
            }
            o.addProperty("warning", "classes without training samples: " + String.join(", ", empty));
        }
        return o;
    }

    private static int[] counts(ArraySplit s, int k) {
        int[] c = new int[k];
        for (int l : s.labels()) {
            c[l]++;
        }
        return c;
    }

    private static JsonObject countsJson(int[] c, List<String> names) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < c.length; i++) {
            o.addProperty(names.get(i), c[i]);
        }
        return o;
    }

    private static JsonObject lengths(int[] lengths, int padLength) {
        double[] v = new double[lengths.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = lengths[i];
        }
        JsonObject o = new JsonObject();
        o.add("describe", describe(v, 90, 95, 99));
        JsonArray cover = new JsonArray();
        for (double p : new double[] {0.90, 0.95, 0.99}) {
            int len = TextImporter.coverLength(lengths, p);
            JsonObject c = new JsonObject();
            c.addProperty("covers", (int) Math.round(p * 100) + "%");
            c.addProperty("padLength", len);
            c.addProperty("truncatedSamples", truncated(lengths, len));
            cover.add(c);
        }
        o.add("coverage", cover);
        o.addProperty("padLength", padLength);
        o.addProperty("truncatedAtPadLength", truncated(lengths, padLength));
        return o;
    }

    private static int truncated(int[] lengths, int len) {
        int n = 0;
        for (int x : lengths) {
            n += x > len ? 1 : 0;
        }
        return n;
    }

    private static JsonObject pixels(LoadedData d) {
        ArraySplit t = d.train();
        int[] shape = d.input().shape();
        int c = shape[0];
        int plane = shape[1] * shape[2];
        float[] f = t.features();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[] sum = new double[c];
        double[] sq = new double[c];
        for (int i = 0; i < t.size(); i++) {
            for (int ch = 0; ch < c; ch++) {
                int off = i * c * plane + ch * plane;
                for (int j = 0; j < plane; j++) {
                    double x = f[off + j];
                    sum[ch] += x;
                    sq[ch] += x * x;
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
            }
        }
        long n = (long) t.size() * plane;
        JsonObject o = new JsonObject();
        o.add("min", num(min));
        o.add("max", num(max));
        JsonArray mean = new JsonArray();
        JsonArray std = new JsonArray();
        for (int ch = 0; ch < c; ch++) {
            double m = sum[ch] / n;
            mean.add(num(m));
            std.add(num(Math.sqrt(Math.max(0, sq[ch] / n - m * m))));
        }
        o.add("channelMean", mean);
        o.add("channelStd", std);
        o.addProperty("scale", "0..1 (pixel / 255)");
        return o;
    }

    // ---- previews: exactly what the loader yields ----

    private static JsonArray previewText(LoadedData d, int[] lengths, int n) {
        JsonArray a = new JsonArray();
        List<String> vocab = new ArrayList<>();
        d.preprocessing().getAsJsonArray("vocabulary").forEach(e -> vocab.add(e.getAsString()));
        int len = d.input().shape()[0];
        for (int i = 0; i < Math.min(n, d.train().size()); i++) {
            JsonObject s = new JsonObject();
            s.addProperty("index", i);
            s.addProperty("label", d.classNames().get(d.train().label(i)));
            s.addProperty("labelId", d.train().label(i));
            s.addProperty("tokens", lengths[i]);
            s.addProperty("truncated", lengths[i] > len);
            List<String> toks = TextImporter.decode(d.train().features(), i * len, len, vocab);
            s.addProperty("decoded", String.join(" ", toks.size() > 80 ? toks.subList(0, 80) : toks)
                    + (toks.size() > 80 ? " ..." : ""));
            JsonArray ids = new JsonArray();
            for (int j = 0; j < len && ids.size() < 24; j++) {
                int id = (int) d.train().features()[i * len + j];
                if (id != 0) {
                    ids.add(id);
                }
            }
            s.add("firstIds", ids);
            s.addProperty("padding", len - toks.size());
            a.add(s);
        }
        return a;
    }

    private static final String SHADES = " .:-=+*#%@";

    private static JsonArray previewImages(LoadedData d, int n) {
        JsonArray a = new JsonArray();
        int[] shape = d.input().shape();
        int c = shape[0];
        int h = shape[1];
        int w = shape[2];
        int step = Math.max(1, (int) Math.ceil(Math.max(h, w) / 28.0));
        float[] f = d.train().features();
        int row = c * h * w;
        for (int i = 0; i < Math.min(n, d.train().size()); i++) {
            JsonObject s = new JsonObject();
            s.addProperty("index", i);
            s.addProperty("label", d.classNames().get(d.train().label(i)));
            s.addProperty("labelId", d.train().label(i));
            double sum = 0;
            double mn = Double.POSITIVE_INFINITY;
            double mx = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < row; j++) {
                double x = f[i * row + j];
                sum += x;
                mn = Math.min(mn, x);
                mx = Math.max(mx, x);
            }
            s.add("mean", num(sum / row));
            s.add("min", num(mn));
            s.add("max", num(mx));
            JsonArray art = new JsonArray();
            for (int y = 0; y < h; y += step) {
                StringBuilder sb = new StringBuilder();
                for (int x = 0; x < w; x += step) {
                    double v = 0;
                    for (int ch = 0; ch < c; ch++) {
                        v += f[i * row + ch * h * w + y * w + x];
                    }
                    v /= c;
                    sb.append(SHADES.charAt((int) Math.min(SHADES.length() - 1, Math.max(0, v * SHADES.length()))));
                }
                art.add(sb.toString());
            }
            s.add("ascii", art);
            // The same sample as numbers, channel-major and strided like the ASCII art, so a window can draw it.
            JsonArray values = new JsonArray();
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y += step) {
                    for (int x = 0; x < w; x += step) {
                        values.add(num(f[i * row + ch * h * w + y * w + x]));
                    }
                }
            }
            JsonArray shown = new JsonArray();
            shown.add(c);
            shown.add((h + step - 1) / step);
            shown.add((w + step - 1) / step);
            s.add("shape", shown);
            s.add("values", values);
            a.add(s);
        }
        return a;
    }

    private static JsonArray previewSeries(LoadedData d, int n) {
        JsonArray a = new JsonArray();
        JsonObject pre = d.preprocessing();
        List<String> inputs = new ArrayList<>();
        pre.getAsJsonArray("inputs").forEach(e -> inputs.add(e.getAsString()));
        List<String> targets = new ArrayList<>();
        pre.getAsJsonArray("targets").forEach(e -> targets.add(e.getAsString()));
        JsonObject center = pre.getAsJsonObject("center");
        JsonObject scale = pre.getAsJsonObject("scale");
        int[] shape = d.input().shape();
        int window = shape[0];
        int f = shape[1];
        ArraySplit t = d.train();
        for (int i = 0; i < Math.min(n, t.size()); i++) {
            JsonObject s = new JsonObject();
            s.addProperty("index", i);
            JsonObject in = new JsonObject();
            for (int j = 0; j < f; j++) {
                String col = inputs.get(j);
                JsonArray vals = new JsonArray();
                for (int k = 0; k < window; k++) {
                    double z = t.features()[(i * window + k) * f + j];
                    vals.add(num(z * scale.get(col).getAsDouble() + center.get(col).getAsDouble()));
                }
                in.add(col, vals);
            }
            s.add("inputs", in);
            JsonObject tg = new JsonObject();
            JsonObject tgz = new JsonObject();
            for (int j = 0; j < targets.size(); j++) {
                String col = targets.get(j);
                double z = t.targets()[i * targets.size() + j];
                tg.add(col, num(z * scale.get(col).getAsDouble() + center.get(col).getAsDouble()));
                tgz.add(col, num(z));
            }
            s.add("target", tg);
            s.add("targetNormalized", tgz);
            a.add(s);
        }
        return a;
    }
}
