package dev.tunebench.engine.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tunebench.engine.config.Task;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Forecasting from a CSV of numeric columns: sliding windows of {@code window} rows of the input columns predict
 * the target columns {@code horizon} rows after the window's last row. The split is chronological and the
 * normaliser is fitted on the training rows only, so nothing from the future leaks into training.
 */
final class SeriesImporter {
    static final int DEFAULT_WINDOW = 28;

    private SeriesImporter() {
    }

    /** Numeric values of the used columns, row-major, with each row's line number. */
    record Matrix(String file, double[][] rows, long[] lines) {
    }

    /** Column-wise (x - center) / scale. */
    record Normaliser(String kind, List<String> columns, double[] center, double[] scale) {
        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("normalize", kind);
            JsonObject c = new JsonObject();
            JsonObject s = new JsonObject();
            for (int i = 0; i < columns.size(); i++) {
                c.addProperty(columns.get(i), center[i]);
                s.addProperty(columns.get(i), scale[i]);
            }
            o.add("center", c);
            o.add("scale", s);
            return o;
        }
    }

    static Matrix matrix(Csv.Table t, List<String> columns, BadRows bad) {
        int[] ci = new int[columns.size()];
        for (int k = 0; k < ci.length; k++) {
            ci[k] = t.column(columns.get(k), "target/inputs");
        }
        List<double[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        outer:
        for (Csv.Row r : t.rows()) {
            if (!t.wellFormed(r, bad)) {
                continue;
            }
            double[] v = new double[ci.length];
            for (int k = 0; k < ci.length; k++) {
                String cell = r.fields()[ci[k]].strip();
                double x;
                try {
                    x = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    x = Double.NaN;
                }
                if (!Double.isFinite(x)) {
                    bad.bad(t.file(), r.line(), columns.get(k), (cell.isEmpty() ? "empty cell" : Csv.quote(cell)
                            + " is not a number") + "; numeric columns need finite numbers such as 12 or -3.5e2");
                    continue outer;
                }
                v[k] = x;
            }
            rows.add(v);
            lines.add(r.line());
        }
        return new Matrix(t.file(), rows.toArray(new double[0][]), lines.stream().mapToLong(Long::longValue)
                .toArray());
    }

    static Normaliser fit(String kind, List<String> columns, double[][] rows, int n) {
        int f = columns.size();
        double[] center = new double[f];
        double[] scale = new double[f];
        for (int j = 0; j < f; j++) {
            if (kind.equals("none")) {
                scale[j] = 1;
                continue;
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double x = rows[i][j];
                sum += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            double mean = sum / n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                ss += (rows[i][j] - mean) * (rows[i][j] - mean);
            }
            double std = Math.sqrt(ss / n);
            if (kind.equals("zscore")) {
                center[j] = mean;
                scale[j] = std > 0 ? std : 1;
            } else {
                center[j] = min;
                scale[j] = max > min ? max - min : 1;
            }
        }
        return new Normaliser(kind, columns, center, scale);
    }

    /** Window starts whose target row lies in [from, to). */
    static List<Integer> starts(int from, int to, int window, int horizon) {
        List<Integer> s = new ArrayList<>();
        for (int t = Math.max(from, window - 1 + horizon); t < to; t++) {
            s.add(t - window + 1 - horizon);
        }
        return s;
    }

    static ArraySplit windows(double[][] rows, List<Integer> starts, int window, int[] inCols, int[] tgtCols,
            Normaliser norm) {
        int f = inCols.length;
        int ts = tgtCols.length;
        float[] x = new float[starts.size() * window * f];
        float[] y = new float[starts.size() * ts];
        for (int k = 0; k < starts.size(); k++) {
            int s = starts.get(k);
            for (int i = 0; i < window; i++) {
                double[] r = rows[s + i];
                for (int j = 0; j < f; j++) {
                    int c = inCols[j];
                    x[(k * window + i) * f + j] = (float) ((r[c] - norm.center()[c]) / norm.scale()[c]);
                }
            }
        }
        return ArraySplit.regression(x, window * f, y, ts);
    }

    static Loaded load(DataSpec spec, Resolver res) {
        if (!spec.has("target")) {
            throw new DataException(spec.path(), 0, null, "series data needs option target=<column>[,<column>...] "
                    + "(for example series:" + spec.path() + "?target=births&window=28&horizon=1)");
        }
        List<String> targets = TextImporter.splitList(spec.option("target"));
        List<String> inputs = spec.has("inputs") ? TextImporter.splitList(spec.option("inputs")) : targets;
        int window = spec.intOption("window", DEFAULT_WINDOW, 1);
        int horizon = spec.intOption("horizon", 1, 1);
        String kind = spec.choiceOption("normalize", "zscore", "zscore", "minmax", "none");
        double valFrac = spec.fractionOption("valFraction", 0.1, 1.0);
        double testFrac = spec.fractionOption("testFraction", 0.0, 1.0);
        BadRows bad = new BadRows(spec.boolOption("skipBadRows", false));
        LinkedHashSet<String> used = new LinkedHashSet<>(inputs);
        used.addAll(targets);
        List<String> columns = new ArrayList<>(used);
        int[] inCols = inputs.stream().mapToInt(columns::indexOf).toArray();
        int[] tgtCols = targets.stream().mapToInt(columns::indexOf).toArray();

        Source src = res.source(spec.path());
        char delim = Csv.delimiter(spec.option("delimiter"), src.name());
        Csv.Table table = Csv.read(src, delim);
        Matrix m = matrix(table, columns, bad);
        Matrix valFile = spec.has("validation") ? matrix(Csv.read(res.source(spec.option("validation")), delim),
                columns, bad) : null;
        Matrix testFile = spec.has("test") ? matrix(Csv.read(res.source(spec.option("test")), delim), columns, bad)
                : null;
        int n = m.rows().length;
        int nTest = testFile != null ? 0 : (int) Math.round(n * testFrac);
        int nVal = valFile != null ? 0 : (int) Math.round(n * valFrac);
        int nTrain = n - nVal - nTest;
        if (nTrain < window + horizon) {
            throw new DataException(src.name(), 0, null, "only " + nTrain + " training rows (of " + n + "): need at "
                    + "least window + horizon = " + (window + horizon) + "; lower window, valFraction or testFraction");
        }
        Normaliser norm = fit(kind, columns, m.rows(), nTrain);
        List<Integer> trS = starts(0, nTrain, window, horizon);
        List<Integer> vaS = starts(nTrain, nTrain + nVal, window, horizon);
        List<Integer> teS = starts(nTrain + nVal, n, window, horizon);
        List<String> notes = new ArrayList<>(bad.notes("row"));
        if (bad.total() > 0) {
            notes.add("note: skipped rows join their neighbours, so some windows span a gap in time");
        }
        notes.add(String.format(Locale.ROOT, "chronological split of %d rows: train rows 1-%d, validation %s, test %s; "
                + "%s normaliser fitted on the training rows only", n, nTrain,
                valFile != null ? "from " + valFile.file() : nVal + " rows",
                testFile != null ? "from " + testFile.file() : nTest + " rows", kind));
        int maxTrain = spec.capOption("maxTrain", ClassPlan.DEFAULT_MAX_TRAIN);
        int maxVal = spec.capOption("maxVal", ClassPlan.DEFAULT_MAX_VAL);
        int maxTest = spec.capOption("maxTest", Integer.MAX_VALUE);
        if (trS.size() > maxTrain) {
            notes.add("subset mode (tip 5): training capped at the latest " + maxTrain + " of " + trS.size()
                    + " windows");
            trS = trS.subList(trS.size() - maxTrain, trS.size());
        }
        ArraySplit train = windows(m.rows(), trS, window, inCols, tgtCols, norm);
        fillTargets(train, m.rows(), trS, window, horizon, tgtCols, norm);
        double[][] vRows = valFile != null ? valFile.rows() : m.rows();
        if (valFile != null) {
            vaS = starts(0, vRows.length, window, horizon);
        }
        if (vaS.size() > maxVal) {
            notes.add("subset mode (tip 5): validation capped at the first " + maxVal + " of " + vaS.size()
                    + " windows");
            vaS = vaS.subList(0, maxVal);
        }
        if (vaS.isEmpty()) {
            throw new DataException(valFile != null ? valFile.file() : src.name(), 0, null, "no validation windows: "
                    + "the validation part needs more rows than window + horizon - 1 = " + (window + horizon - 1)
                    + (valFile != null ? "" : "; raise valFraction"));
        }
        ArraySplit val = windows(vRows, vaS, window, inCols, tgtCols, norm);
        fillTargets(val, vRows, vaS, window, horizon, tgtCols, norm);
        ArraySplit test = null;
        double[][] tRows = testFile != null ? testFile.rows() : m.rows();
        if (testFile != null) {
            teS = starts(0, tRows.length, window, horizon);
        }
        if (testFile != null || nTest > 0) {
            if (teS.size() > maxTest) {
                teS = teS.subList(0, maxTest);
            }
            test = windows(tRows, teS, window, inCols, tgtCols, norm);
            fillTargets(test, tRows, teS, window, horizon, tgtCols, norm);
        }
        JsonObject pre = norm.toJson();
        pre.addProperty("format", "series");
        pre.add("inputs", array(inputs));
        pre.add("targets", array(targets));
        pre.addProperty("window", window);
        pre.addProperty("horizon", horizon);
        pre.addProperty("delimiter", String.valueOf(delim));
        pre.addProperty("targetsNormalized", true);
        InputSpec input = new InputSpec(InputSpec.Kind.SERIES, new int[] {window, inputs.size()}, 0, Task.REGRESSION,
                targets.size());
        LoadedData data = new LoadedData(spec.toString(), input, train, val, test, List.of(), pre, notes);
        JsonObject facts = new JsonObject();
        facts.add("baselines", baselines(spec, vRows, vaS, m.lines(), window, horizon, tgtCols, targets, norm));
        facts.addProperty("trainRows", nTrain);
        return new Loaded(data, table, null, 0, 0, facts);
    }

    /** Writes the normalised targets of each window (the split's target array is filled in place). */
    private static void fillTargets(ArraySplit split, double[][] rows, List<Integer> starts, int window, int horizon,
            int[] tgtCols, Normaliser norm) {
        float[] y = split.targets();
        int ts = tgtCols.length;
        for (int k = 0; k < starts.size(); k++) {
            double[] r = rows[starts.get(k) + window - 1 + horizon];
            for (int j = 0; j < ts; j++) {
                int c = tgtCols[j];
                y[k * ts + j] = (float) ((r[c] - norm.center()[c]) / norm.scale()[c]);
            }
        }
    }

    /**
     * Naive forecasts on the validation windows in original units: the last value seen, and (with season=S)
     * the value S rows before the target. A model must beat these to be useful.
     */
    private static JsonObject baselines(DataSpec spec, double[][] rows, List<Integer> starts, long[] lines,
            int window, int horizon, int[] tgtCols, List<String> targets, Normaliser norm) {
        JsonObject o = new JsonObject();
        o.addProperty("on", "validation windows; mae/rmse in original units, *Normalized in the units of the "
                + "training loss and metrics");
        o.add("lastValue", naive(rows, starts, window, horizon, tgtCols, horizon, norm));
        if (spec.has("season")) {
            int season = spec.intOption("season", 1, 1);
            o.add("seasonal" + season, naive(rows, starts, window, horizon, tgtCols, season, norm));
        }
        return o;
    }

    private static JsonObject naive(double[][] rows, List<Integer> starts, int window, int horizon, int[] tgtCols,
            int lag, Normaliser norm) {
        // A lag shorter than the horizon is not known at forecast time: use its first multiple that is.
        int effective = (int) Math.ceil((double) horizon / lag) * lag;
        double abs = 0;
        double sq = 0;
        double absN = 0;
        double sqN = 0;
        long count = 0;
        for (int s : starts) {
            int t = s + window - 1 + horizon;
            int from = t - effective;
            if (from < 0) {
                continue;
            }
            for (int c : tgtCols) {
                double e = rows[t][c] - rows[from][c];
                abs += Math.abs(e);
                sq += e * e;
                double en = e / norm.scale()[c];
                absN += Math.abs(en);
                sqN += en * en;
                count++;
            }
        }
        JsonObject o = new JsonObject();
        o.addProperty("lag", effective);
        o.addProperty("mae", count == 0 ? Double.NaN : abs / count);
        o.addProperty("rmse", count == 0 ? Double.NaN : Math.sqrt(sq / count));
        o.addProperty("maeNormalized", count == 0 ? Double.NaN : absN / count);
        o.addProperty("mseNormalized", count == 0 ? Double.NaN : sqN / count);
        o.addProperty("windows", count);
        return o;
    }

    static JsonArray array(List<String> l) {
        JsonArray a = new JsonArray();
        l.forEach(a::add);
        return a;
    }

    /** All windows of a new CSV with the saved columns, window and normaliser; everything goes to test. */
    static LoadedData apply(JsonObject pre, DataSpec spec, Resolver res) {
        List<String> inputs = new ArrayList<>();
        pre.getAsJsonArray("inputs").forEach(e -> inputs.add(e.getAsString()));
        List<String> targets = new ArrayList<>();
        pre.getAsJsonArray("targets").forEach(e -> targets.add(e.getAsString()));
        LinkedHashSet<String> used = new LinkedHashSet<>(inputs);
        used.addAll(targets);
        List<String> columns = new ArrayList<>(used);
        double[] center = new double[columns.size()];
        double[] scale = new double[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            center[i] = pre.getAsJsonObject("center").get(columns.get(i)).getAsDouble();
            scale[i] = pre.getAsJsonObject("scale").get(columns.get(i)).getAsDouble();
        }
        Normaliser norm = new Normaliser(pre.get("normalize").getAsString(), columns, center, scale);
        int window = pre.get("window").getAsInt();
        int horizon = pre.get("horizon").getAsInt();
        BadRows bad = new BadRows(spec.boolOption("skipBadRows", false));
        Source src = res.source(spec.path());
        Matrix m = matrix(Csv.read(src, Csv.delimiter(spec.option("delimiter"), src.name())), columns, bad);
        List<Integer> s = starts(0, m.rows().length, window, horizon);
        if (s.isEmpty()) {
            throw new DataException(src.name(), 0, null, "only " + m.rows().length + " rows: the model needs at least "
                    + "window + horizon = " + (window + horizon));
        }
        int[] inCols = inputs.stream().mapToInt(columns::indexOf).toArray();
        int[] tgtCols = targets.stream().mapToInt(columns::indexOf).toArray();
        ArraySplit all = windows(m.rows(), s, window, inCols, tgtCols, norm);
        fillTargets(all, m.rows(), s, window, horizon, tgtCols, norm);
        int rs = window * inputs.size();
        InputSpec input = new InputSpec(InputSpec.Kind.SERIES, new int[] {window, inputs.size()}, 0, Task.REGRESSION,
                targets.size());
        ArraySplit empty = ArraySplit.regression(new float[0], rs, new float[0], targets.size());
        return new LoadedData(spec.toString(), input, empty, empty, all, List.of(), pre, bad.notes("row"));
    }
}
