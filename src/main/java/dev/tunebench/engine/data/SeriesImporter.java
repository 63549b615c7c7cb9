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

    /**
     * Values of the used columns of a file's usable rows {@code [first, first + count)}, row-major.
     *
     * @param file  the file
     * @param first index of the first row held, among the file's usable rows
     * @param count rows held
     * @param width values per row (the used columns)
     * @param total usable rows in the whole file
     */
    record Block(String file, int first, int count, int width, double[] values, int total) {
        double get(int row, int col) {
            return values[(row - first) * width + col];
        }
    }

    /** Consecutive window starts {@code [first, first + count)}. */
    record Starts(int first, int count) {
        Starts latest(int max) {
            return count <= max ? this : new Starts(first + count - max, max);
        }

        Starts head(int max) {
            return count <= max ? this : new Starts(first, max);
        }

        int get(int k) {
            return first + k;
        }
    }

    /** Sums, minima and maxima of each column over the training rows, gathered while streaming. */
    private static final class Moments {
        final double[] sum;
        final double[] min;
        final double[] max;

        Moments(int width) {
            sum = new double[width];
            min = new double[width];
            max = new double[width];
            java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        }

        void add(double[] v) {
            for (int j = 0; j < v.length; j++) {
                sum[j] += v[j];
                min[j] = Math.min(min[j], v[j]);
                max[j] = Math.max(max[j], v[j]);
            }
        }
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

    /** The used columns of a table and the check of their cells. */
    private record Columns(Csv.Table table, List<String> names, int[] index) {
        static Columns of(Csv.Table t, List<String> names) {
            int[] ci = new int[names.size()];
            for (int k = 0; k < ci.length; k++) {
                ci[k] = t.column(names.get(k), "target/inputs");
            }
            return new Columns(t, names, ci);
        }

        /** Parses a row's used cells into {@code v}; returns false after reporting a bad row to {@code bad}. */
        boolean parse(Csv.Row r, double[] v, BadRows bad) {
            if (!table.wellFormed(r, bad)) {
                return false;
            }
            for (int k = 0; k < index.length; k++) {
                Numbers.Parsed p = Numbers.parse(r.fields()[index[k]]);
                if (p.kind() != Numbers.Kind.NUMBER) {
                    bad.bad(table.file(), r.line(), names.get(k), p.problem() + "; numeric columns need finite "
                            + "numbers such as 12 or -3.5e2 in every used cell (skipBadRows=true skips such rows)");
                    return false;
                }
                v[k] = p.value();
            }
            return true;
        }
    }

    /** The first pass: checks every row and returns how many are usable. */
    private static int count(Columns c, BadRows bad) {
        double[] v = new double[c.index().length];
        long n = 0;
        try (Csv.Reader r = c.table().rows()) {
            for (Csv.Row row = r.next(); row != null; row = r.next()) {
                if (c.parse(row, v, bad)) {
                    n++;
                }
            }
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new DataException(c.table().file(), 0, null, "has " + n + " rows; at most " + (Integer.MAX_VALUE - 8)
                    + " are read");
        }
        return (int) n;
    }

    /**
     * Streams the file, keeping the usable rows {@code [from, to)} and adding rows {@code [0, momentsTo)} to
     * {@code moments} (when not null).
     *
     * @param expected the usable rows the first pass counted, or -1 when there was none (then rows at and after
     *                 {@code to} are still checked but not kept)
     */
    private static Block read(Columns c, int from, int to, int expected, Moments moments, int momentsTo,
            BadRows bad) {
        int w = c.index().length;
        Memory.Doubles kept = new Memory.Doubles();
        double[] v = new double[w];
        int k = 0;
        try (Csv.Reader r = c.table().rows()) {
            for (Csv.Row row = r.next(); row != null; row = r.next()) {
                if (!c.parse(row, v, bad)) {
                    continue;
                }
                if (moments != null && k < momentsTo) {
                    moments.add(v);
                }
                if (k >= from && k < to) {
                    for (double x : v) {
                        kept.add(x);
                    }
                }
                k++;
            }
        }
        if (expected >= 0 && k != expected) {
            throw new DataException(c.table().file(), 0, null, "changed while it was being read (" + expected
                    + " usable rows in the first pass, then " + k + "); read it when nothing writes to it");
        }
        int count = Math.max(0, Math.min(to, k) - from);
        return new Block(c.table().file(), from, count, w, kept.toArray(), k);
    }

    static Normaliser fit(String kind, List<String> columns, Moments m, Block rows, int n, Columns c) {
        int f = columns.size();
        double[] center = new double[f];
        double[] scale = new double[f];
        if (kind.equals("none")) {
            java.util.Arrays.fill(scale, 1);
            return new Normaliser(kind, columns, center, scale);
        }
        double[] mean = new double[f];
        for (int j = 0; j < f; j++) {
            mean[j] = m.sum[j] / n;
        }
        double[] ss = new double[f];
        if (kind.equals("zscore")) {
            if (rows.first() == 0 && rows.count() >= n) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < f; j++) {
                        double d = rows.get(i, j) - mean[j];
                        ss[j] += d * d;
                    }
                }
            } else {
                // A third pass: the squared deviations need the mean, and the training rows were not all kept.
                double[] v = new double[f];
                BadRows quiet = new BadRows(true);
                int k = 0;
                try (Csv.Reader r = c.table().rows()) {
                    for (Csv.Row row = r.next(); row != null && k < n; row = r.next()) {
                        if (!c.parse(row, v, quiet)) {
                            continue;
                        }
                        for (int j = 0; j < f; j++) {
                            double d = v[j] - mean[j];
                            ss[j] += d * d;
                        }
                        k++;
                    }
                }
            }
        }
        for (int j = 0; j < f; j++) {
            double std = Math.sqrt(ss[j] / n);
            if (kind.equals("zscore")) {
                center[j] = mean[j];
                scale[j] = std > 0 ? std : 1;
            } else {
                center[j] = m.min[j];
                scale[j] = m.max[j] > m.min[j] ? m.max[j] - m.min[j] : 1;
            }
        }
        return new Normaliser(kind, columns, center, scale);
    }

    /** Window starts whose target row lies in [from, to). */
    static Starts starts(int from, int to, int window, int horizon) {
        int lead = window - 1 + horizon;
        int first = Math.max(from, lead) - lead;
        return new Starts(first, Math.max(0, to - lead - first));
    }

    static ArraySplit windows(Block rows, Starts starts, int window, int[] inCols, int[] tgtCols,
            Normaliser norm) {
        int f = inCols.length;
        int ts = tgtCols.length;
        float[] x = new float[starts.count() * window * f];
        float[] y = new float[starts.count() * ts];
        for (int k = 0; k < starts.count(); k++) {
            int s = starts.get(k);
            for (int i = 0; i < window; i++) {
                for (int j = 0; j < f; j++) {
                    int c = inCols[j];
                    x[(k * window + i) * f + j] = (float) ((rows.get(s + i, c) - norm.center()[c]) / norm.scale()[c]);
                }
            }
        }
        return ArraySplit.regression(x, window * f, y, ts);
    }

    /** Returns the rows {@code [from, to)} the windows use, and baselines reaching {@code lookBack} rows back. */
    private static int[] span(Starts s, int window, int horizon, int lookBack) {
        if (s.count() == 0) {
            return null;
        }
        int lead = window - 1 + horizon;
        return new int[] {Math.max(0, Math.min(s.first(), s.first() + lead - lookBack)), s.first() + s.count() + lead};
    }

    private static int[] cover(int[]... spans) {
        int lo = Integer.MAX_VALUE;
        int hi = 0;
        for (int[] sp : spans) {
            if (sp != null) {
                lo = Math.min(lo, sp[0]);
                hi = Math.max(hi, sp[1]);
            }
        }
        return lo == Integer.MAX_VALUE ? new int[] {0, 0} : new int[] {lo, hi};
    }

    private static void requireMemory(String file, int rows, int width, long windows, int window, int f, int ts) {
        long bytes = (long) rows * width * 8 + windows * ((long) window * f + ts) * 4;
        Memory.require(file, windows + " windows of " + window + " rows", bytes, Memory.capAdvice());
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
        int season = spec.has("season") ? spec.intOption("season", 1, 1) : 0;
        BadRows bad = new BadRows(spec.boolOption("skipBadRows", false));
        LinkedHashSet<String> used = new LinkedHashSet<>(inputs);
        used.addAll(targets);
        List<String> columns = new ArrayList<>(used);
        int[] inCols = inputs.stream().mapToInt(columns::indexOf).toArray();
        int[] tgtCols = targets.stream().mapToInt(columns::indexOf).toArray();
        int maxTrain = spec.capOption("maxTrain", ClassPlan.DEFAULT_MAX_TRAIN);
        int maxVal = spec.capOption("maxVal", ClassPlan.DEFAULT_MAX_VAL);
        int maxTest = spec.capOption("maxTest", Integer.MAX_VALUE);
        int lead = window - 1 + horizon;
        int lookBack = Math.max(horizon, season == 0 ? 0 : (int) Math.ceil((double) horizon / season) * season);

        Source src = res.source(spec.path());
        Csv.Dialect dialect = Csv.dialect(spec, src.name());
        List<String> names = Csv.columnsOption(spec);
        Csv.Table table = Csv.open(src, dialect, names);
        Columns main = Columns.of(table, columns);
        int n = count(main, bad);
        // Separate validation and test files: one pass each, keeping only the rows their capped windows use.
        Block valFile = null;
        Block testFile = null;
        if (spec.has("validation")) {
            Columns vc = Columns.of(Csv.open(res.source(spec.option("validation")), dialect, names), columns);
            valFile = read(vc, 0, (int) Math.min(Integer.MAX_VALUE, (long) maxVal + lead), -1, null, 0, bad);
        }
        if (spec.has("test")) {
            Columns tc = Columns.of(Csv.open(res.source(spec.option("test")), dialect, names), columns);
            testFile = read(tc, 0, (int) Math.min(Integer.MAX_VALUE, (long) maxTest + lead), -1, null, 0, bad);
        }
        int nTest = testFile != null ? 0 : (int) Math.round(n * testFrac);
        int nVal = valFile != null ? 0 : (int) Math.round(n * valFrac);
        int nTrain = n - nVal - nTest;
        if (nTrain < window + horizon) {
            throw new DataException(src.name(), 0, null, "only " + nTrain + " training rows (of " + n + "): need at "
                    + "least window + horizon = " + (window + horizon) + "; lower window, valFraction or testFraction");
        }
        Starts trS = starts(0, nTrain, window, horizon);
        Starts vaS = valFile != null ? starts(0, valFile.total(), window, horizon)
                : starts(nTrain, nTrain + nVal, window, horizon);
        Starts teS = testFile != null ? starts(0, testFile.total(), window, horizon)
                : starts(nTrain + nVal, n, window, horizon);
        List<String> notes = new ArrayList<>(bad.notes("row"));
        if (bad.total() > 0) {
            notes.add("note: skipped rows join their neighbours, so some windows span a gap in time");
        }
        notes.add(String.format(Locale.ROOT, "chronological split of %d rows: train rows 1-%d, validation %s, test %s; "
                + "%s normaliser fitted on the training rows only", n, nTrain,
                valFile != null ? "from " + valFile.file() : nVal + " rows",
                testFile != null ? "from " + testFile.file() : nTest + " rows", kind));
        if (trS.count() > maxTrain) {
            notes.add("subset mode (tip 5): training capped at the latest " + maxTrain + " of " + trS.count()
                    + " windows");
            trS = trS.latest(maxTrain);
        }
        if (vaS.count() > maxVal) {
            notes.add("subset mode (tip 5): validation capped at the first " + maxVal + " of " + vaS.count()
                    + " windows");
            vaS = vaS.head(maxVal);
        }
        if (vaS.count() == 0) {
            throw new DataException(valFile != null ? valFile.file() : src.name(), 0, null, "no validation windows: "
                    + "the validation part needs more rows than window + horizon - 1 = " + (window + horizon - 1)
                    + (valFile != null ? "" : "; raise valFraction"));
        }
        boolean hasTest = testFile != null || nTest > 0;
        teS = teS.head(maxTest);
        // The second pass keeps only the rows the capped windows use, and gathers the normaliser's moments.
        int[] span = cover(span(trS, window, horizon, 0), valFile == null ? span(vaS, window, horizon, lookBack)
                : null, hasTest && testFile == null ? span(teS, window, horizon, 0) : null);
        long windowCount = (long) trS.count() + vaS.count() + (hasTest ? teS.count() : 0);
        requireMemory(src.name(), span[1] - span[0], columns.size(), windowCount, window, inCols.length,
                tgtCols.length);
        Moments moments = new Moments(columns.size());
        Block rows = read(main, span[0], span[1], n, moments, nTrain, new BadRows(true));
        Normaliser norm = fit(kind, columns, moments, rows, nTrain, main);
        ArraySplit train = windows(rows, trS, window, inCols, tgtCols, norm);
        fillTargets(train, rows, trS, window, horizon, tgtCols, norm);
        Block vRows = valFile != null ? valFile : rows;
        ArraySplit val = windows(vRows, vaS, window, inCols, tgtCols, norm);
        fillTargets(val, vRows, vaS, window, horizon, tgtCols, norm);
        ArraySplit test = null;
        if (hasTest) {
            Block tRows = testFile != null ? testFile : rows;
            test = windows(tRows, teS, window, inCols, tgtCols, norm);
            fillTargets(test, tRows, teS, window, horizon, tgtCols, norm);
        }
        String cn = src.file() == null ? null : src.compressionNote();
        if (cn != null) {
            notes.add(cn);
        }
        JsonObject pre = norm.toJson();
        pre.addProperty("format", "series");
        pre.add("inputs", array(inputs));
        pre.add("targets", array(targets));
        pre.addProperty("window", window);
        pre.addProperty("horizon", horizon);
        pre.addProperty("delimiter", String.valueOf(dialect.delimiter()));
        pre.addProperty("targetsNormalized", true);
        InputSpec input = new InputSpec(InputSpec.Kind.SERIES, new int[] {window, inputs.size()}, 0, Task.REGRESSION,
                targets.size());
        LoadedData data = new LoadedData(spec.toString(), input, train, val, test, List.of(), pre, notes);
        JsonObject facts = new JsonObject();
        facts.add("baselines", baselines(spec, vRows, vaS, window, horizon, tgtCols, norm));
        facts.addProperty("trainRows", nTrain);
        return new Loaded(data, table, null, 0, 0, facts);
    }

    /** Writes the normalised targets of each window (the split's target array is filled in place). */
    private static void fillTargets(ArraySplit split, Block rows, Starts starts, int window, int horizon,
            int[] tgtCols, Normaliser norm) {
        float[] y = split.targets();
        int ts = tgtCols.length;
        for (int k = 0; k < starts.count(); k++) {
            int t = starts.get(k) + window - 1 + horizon;
            for (int j = 0; j < ts; j++) {
                int c = tgtCols[j];
                y[k * ts + j] = (float) ((rows.get(t, c) - norm.center()[c]) / norm.scale()[c]);
            }
        }
    }

    /**
     * Naive forecasts on the validation windows in original units: the last value seen, and (with season=S)
     * the value S rows before the target. A model must beat these to be useful.
     */
    private static JsonObject baselines(DataSpec spec, Block rows, Starts starts, int window, int horizon,
            int[] tgtCols, Normaliser norm) {
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

    private static JsonObject naive(Block rows, Starts starts, int window, int horizon, int[] tgtCols, int lag,
            Normaliser norm) {
        // A lag shorter than the horizon is not known at forecast time: use its first multiple that is.
        int effective = (int) Math.ceil((double) horizon / lag) * lag;
        double abs = 0;
        double sq = 0;
        double absN = 0;
        double sqN = 0;
        long count = 0;
        for (int k = 0; k < starts.count(); k++) {
            int t = starts.get(k) + window - 1 + horizon;
            int from = t - effective;
            if (from < rows.first()) {
                continue;
            }
            for (int c : tgtCols) {
                double e = rows.get(t, c) - rows.get(from, c);
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
        Columns c = Columns.of(Csv.open(src, Csv.dialect(spec, src.name()), Csv.columnsOption(spec)), columns);
        Block rows = read(c, 0, Integer.MAX_VALUE, -1, null, 0, bad);
        Starts s = starts(0, rows.count(), window, horizon);
        if (s.count() == 0) {
            throw new DataException(src.name(), 0, null, "only " + rows.count() + " rows: the model needs at least "
                    + "window + horizon = " + (window + horizon));
        }
        int[] inCols = inputs.stream().mapToInt(columns::indexOf).toArray();
        int[] tgtCols = targets.stream().mapToInt(columns::indexOf).toArray();
        ArraySplit all = windows(rows, s, window, inCols, tgtCols, norm);
        fillTargets(all, rows, s, window, horizon, tgtCols, norm);
        int rs = window * inputs.size();
        InputSpec input = new InputSpec(InputSpec.Kind.SERIES, new int[] {window, inputs.size()}, 0, Task.REGRESSION,
                targets.size());
        ArraySplit empty = ArraySplit.regression(new float[0], rs, new float[0], targets.size());
        return new LoadedData(spec.toString(), input, empty, empty, all, List.of(), pre, bad.notes("row"));
    }
}
