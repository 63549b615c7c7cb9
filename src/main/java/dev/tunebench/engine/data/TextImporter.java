package dev.tunebench.engine.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tunebench.engine.config.Task;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Text classification from CSV/TSV: tokenizer, vocabulary fitted on the training split, padding. */
final class TextImporter {
    static final String PAD = "<pad>";
    static final String OOV = "<oov>";
    static final int DEFAULT_MAX_VOCAB = 20_000;

    private TextImporter() {
    }

    /** How texts become token ids; also the preprocessing JSON. */
    record Codec(List<String> textColumns, String labelColumn, char delimiter, boolean charTokens,
            boolean lowercase, int padLength, boolean padPre, boolean truncatePre, List<String> vocabulary,
            List<String> classNames) {

        Map<String, Integer> index() {
            Map<String, Integer> m = new HashMap<>(vocabulary.size() * 2);
            for (int i = 0; i < vocabulary.size(); i++) {
                m.put(vocabulary.get(i), i);
            }
            return m;
        }

        JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("format", "text");
            JsonArray tc = new JsonArray();
            textColumns.forEach(tc::add);
            o.add("textColumns", tc);
            o.addProperty("labelColumn", labelColumn);
            o.addProperty("delimiter", String.valueOf(delimiter));
            o.addProperty("tokenizer", charTokens ? "char" : "word");
            o.addProperty("lowercase", lowercase);
            o.addProperty("padLength", padLength);
            o.addProperty("padSide", padPre ? "pre" : "post");
            o.addProperty("truncateSide", truncatePre ? "pre" : "post");
            o.addProperty("padId", 0);
            o.addProperty("oovId", 1);
            JsonArray v = new JsonArray();
            vocabulary.forEach(v::add);
            o.add("vocabulary", v);
            JsonArray c = new JsonArray();
            classNames.forEach(c::add);
            o.add("classNames", c);
            return o;
        }

        static Codec fromJson(JsonObject o) {
            List<String> tc = new ArrayList<>();
            o.getAsJsonArray("textColumns").forEach(e -> tc.add(e.getAsString()));
            List<String> vocab = new ArrayList<>();
            o.getAsJsonArray("vocabulary").forEach(e -> vocab.add(e.getAsString()));
            List<String> cls = new ArrayList<>();
            o.getAsJsonArray("classNames").forEach(e -> cls.add(e.getAsString()));
            return new Codec(tc, o.get("labelColumn").getAsString(), o.get("delimiter").getAsString().charAt(0),
                    o.get("tokenizer").getAsString().equals("char"), o.get("lowercase").getAsBoolean(),
                    o.get("padLength").getAsInt(), o.get("padSide").getAsString().equals("pre"),
                    o.get("truncateSide").getAsString().equals("pre"), vocab, cls);
        }
    }

    static Loaded load(DataSpec spec, Resolver res) {
        String textOpt = spec.option("text");
        String labelCol = spec.option("label");
        if (textOpt == null || labelCol == null) {
            throw new DataException(spec.path(), 0, null, "text data needs options text=<column> and label=<column> "
                    + "(for example text:" + spec.path() + "?text=review&label=score)");
        }
        List<String> textCols = splitList(textOpt);
        boolean charTokens = spec.choiceOption("tokenizer", "word", "word", "char").equals("char");
        boolean lowercase = spec.boolOption("lowercase", true);
        int minFreq = spec.intOption("minFreq", 1, 1);
        int maxVocab = spec.capOption("maxVocab", DEFAULT_MAX_VOCAB);
        if (maxVocab < 3) {
            throw new DataException("data spec '" + spec + "': maxVocab must be at least 3 (PAD, OOV, one token)");
        }
        boolean padPre = spec.choiceOption("padSide", "pre", "pre", "post").equals("pre");
        boolean truncPre = spec.choiceOption("truncateSide", "post", "pre", "post").equals("pre");
        BadRows bad = new BadRows(spec.boolOption("skipBadRows", false));

        Source trainSrc = res.source(spec.path());
        Csv.Dialect dialect = Csv.dialect(spec, trainSrc.name());
        List<String> columns = Csv.columnsOption(spec);
        Csv.Table table = Csv.open(trainSrc, dialect, columns);
        // First pass over each file: check every row and keep only its label.
        Scan trainScan = scan(table, textCols, labelCol, null, bad);
        List<String> classNames = classNames(trainScan.names());
        if (classNames.size() < 2) {
            throw new DataException(trainSrc.name(), 0, labelCol, "only one label (" + classNames
                    + ") in " + trainScan.labels().length + " rows; classification needs at least two");
        }
        Scan valScan = spec.has("validation") ? scan(Csv.open(res.source(spec.option("validation")), dialect,
                columns), textCols, labelCol, classNames, bad) : null;
        Scan testScan = spec.has("test") ? scan(Csv.open(res.source(spec.option("test")), dialect, columns),
                textCols, labelCol, classNames, bad) : null;
        int[] trainLabels = trainScan.ids(classNames);
        int[] valLabels = valScan == null ? null : valScan.ids(classNames);
        int[] testLabels = testScan == null ? null : testScan.ids(classNames);
        ClassPlan plan = ClassPlan.of(spec, trainSrc.name(), trainLabels, valLabels, testLabels, classNames.size());
        // Second pass: the texts of the rows the plan keeps, and no others.
        String[] trainTexts = trainScan.texts(plan.valFromTrain() ? union(plan.train(), plan.validation())
                : plan.train());
        String[] valTexts = plan.valFromTrain() ? trainTexts : valScan.texts(plan.validation());
        String[] testTexts = testScan == null ? null : testScan.texts(plan.test());

        // Tokenize the training split only to fit the vocabulary and the padding length.
        List<List<String>> trainTokens = new ArrayList<>(plan.train().length);
        int[] lengths = new int[plan.train().length];
        Map<String, Integer> counts = new HashMap<>();
        for (int k = 0; k < plan.train().length; k++) {
            List<String> t = tokenize(trainTexts[plan.train()[k]], charTokens, lowercase);
            trainTokens.add(t);
            lengths[k] = t.size();
            for (String tok : t) {
                counts.merge(tok, 1, Integer::sum);
            }
        }
        List<String> vocab = buildVocabulary(counts, minFreq, maxVocab);
        int padLength = spec.has("padLength") ? spec.intOption("padLength", 0, 1) : coverLength(lengths, 0.90);
        long samples = (long) plan.train().length + plan.validation().length + (plan.test() == null ? 0
                : plan.test().length);
        Memory.require(trainSrc.name(), "the " + samples + " samples of " + padLength + " token ids", samples
                * padLength * 4, "lower padLength, or " + Memory.capAdvice());
        Codec codec = new Codec(textCols, labelCol, dialect.delimiter(), charTokens, lowercase, padLength, padPre,
                truncPre, vocab, classNames);
        Map<String, Integer> index = codec.index();

        List<String> notes = new ArrayList<>(plan.notes());
        notes.addAll(bad.notes("row"));
        for (Scan sc : new Scan[] {trainScan, valScan, testScan}) {
            if (sc != null && sc.table().source().file() != null) {
                String n = sc.table().source().compressionNote();
                if (n != null) {
                    notes.add(n);
                }
            }
        }
        int truncated = 0;
        for (int len : lengths) {
            truncated += len > padLength ? 1 : 0;
        }
        notes.add(String.format(Locale.ROOT, "vocabulary: %d tokens incl. PAD=0 and OOV=1 (from %d distinct training "
                + "tokens, minFreq=%d, maxVocab=%s)", vocab.size(), counts.size(), minFreq,
                maxVocab == Integer.MAX_VALUE ? "all" : String.valueOf(maxVocab)));
        notes.add(String.format(Locale.ROOT, "padLength %d%s: %d of %d training samples truncated (tip 23)",
                padLength, spec.has("padLength") ? "" : " (covers 90% of training samples)", truncated,
                lengths.length));

        ArraySplit train = encodeTokens(trainTokens, trainLabels, plan.train(), codec, index);
        int[] vLabels = plan.valFromTrain() ? trainLabels : valLabels;
        long[] oov = new long[2];
        ArraySplit val = encode(valTexts, vLabels, plan.validation(), codec, index, oov);
        ArraySplit test = testTexts == null ? null : encode(testTexts, testLabels, plan.test(), codec, index, null);
        InputSpec input = new InputSpec(InputSpec.Kind.TOKENS, new int[] {padLength}, vocab.size(),
                Task.CLASSIFICATION, classNames.size());
        LoadedData data = new LoadedData(spec.toString(), input, train, val, test, classNames, codec.toJson(), notes);
        return new Loaded(data, table, lengths, oov[0], oov[1], new JsonObject());
    }

    /** Encodes a new labelled file with a saved codec (vocabulary, padding, classes); all rows go to test. */
    static LoadedData apply(JsonObject pre, DataSpec spec, Resolver res) {
        Codec codec = Codec.fromJson(pre);
        BadRows bad = new BadRows(spec.boolOption("skipBadRows", false));
        Source src = res.source(spec.path());
        List<String> textCols = spec.has("text") ? splitList(spec.option("text")) : codec.textColumns();
        String labelCol = spec.has("label") ? spec.option("label") : codec.labelColumn();
        Csv.Table t = Csv.open(src, Csv.dialect(spec, src.name()), Csv.columnsOption(spec));
        RowCheck check = new RowCheck(t, textCols, labelCol, codec.classNames());
        Map<String, Integer> index = codec.index();
        Map<String, Integer> classIndex = new HashMap<>();
        for (int i = 0; i < codec.classNames().size(); i++) {
            classIndex.put(codec.classNames().get(i), i);
        }
        int len = codec.padLength();
        long[] oov = new long[2];
        Memory.Floats features = new Memory.Floats();
        Memory.Ints labels = new Memory.Ints();
        long rows = 0;
        // One streamed pass: each row is encoded as it is read, so only the encoded samples take memory.
        try (Csv.Reader r = t.rows()) {
            for (Csv.Row row = r.next(); row != null; row = r.next()) {
                rows++;
                String label = check.label(row, bad);
                if (label == null) {
                    continue;
                }
                List<String> tokens = tokenize(check.text(row), codec.charTokens(), codec.lowercase());
                write(tokens, features.array(), features.extend(len), codec, index, oov);
                labels.add(classIndex.get(label));
            }
        }
        if (labels.size() == 0) {
            throw new DataException(src.name(), 0, null, "no usable rows (all " + rows + " were bad)");
        }
        ArraySplit all = ArraySplit.classification(features.toArray(), len, labels.toArray());
        List<String> notes = new ArrayList<>(bad.notes("row"));
        notes.add(String.format(Locale.ROOT, "encoded with the saved vocabulary (%d tokens): OOV rate %.2f%%",
                codec.vocabulary().size(), oov[0] == 0 ? 0.0 : 100.0 * oov[1] / oov[0]));
        String cn = src.file() == null ? null : src.compressionNote();
        if (cn != null) {
            notes.add(cn);
        }
        InputSpec input = new InputSpec(InputSpec.Kind.TOKENS, new int[] {codec.padLength()},
                codec.vocabulary().size(), Task.CLASSIFICATION, codec.classNames().size());
        return new LoadedData(spec.toString(), input, empty(codec.padLength()), empty(codec.padLength()), all,
                codec.classNames(), pre, notes);
    }

    static ArraySplit empty(int rowSize) {
        return ArraySplit.classification(new float[0], rowSize, new int[0]);
    }

    static List<String> splitList(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(",")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }

    /** Checks one file's rows: well formed, a label that is present, not missing and (when known) known. */
    static final class RowCheck {
        private final Csv.Table table;
        private final int[] textIdx;
        private final int labelIdx;
        private final String labelCol;
        private final List<String> known;
        private final java.util.Set<String> knownSet;

        RowCheck(Csv.Table t, List<String> textCols, String labelCol, List<String> known) {
            this.table = t;
            this.textIdx = new int[textCols.size()];
            for (int k = 0; k < textIdx.length; k++) {
                textIdx[k] = t.column(textCols.get(k), "text");
            }
            this.labelIdx = t.column(labelCol, "label");
            this.labelCol = labelCol;
            this.known = known;
            this.knownSet = known == null ? null : new java.util.HashSet<>(known);
        }

        /** Returns the row's label, or null after reporting the row to {@code bad}. */
        String label(Csv.Row r, BadRows bad) {
            if (!table.wellFormed(r, bad)) {
                return null;
            }
            String label = r.fields()[labelIdx].strip();
            if (label.isEmpty()) {
                bad.bad(table.file(), r.line(), labelCol, "label is empty");
                return null;
            }
            if (Numbers.MISSING_MARKERS.contains(label)) {
                bad.bad(table.file(), r.line(), labelCol, "label " + Csv.quote(label) + " marks a missing value "
                        + "(as in pandas); give the row a class, or skipBadRows=true to skip such rows");
                return null;
            }
            if (knownSet != null && !knownSet.contains(label)) {
                bad.bad(table.file(), r.line(), labelCol, "label " + Csv.quote(label)
                        + " does not occur in the training data; known labels: " + String.join(", ", known));
                return null;
            }
            return label;
        }

        /** Returns the row's text columns joined by a space. */
        String text(Csv.Row r) {
            if (textIdx.length == 1) {
                return r.fields()[textIdx[0]];
            }
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < textIdx.length; k++) {
                if (k > 0) {
                    sb.append(' ');
                }
                sb.append(r.fields()[textIdx[k]]);
            }
            return sb.toString();
        }
    }

    /**
     * The first pass over a file: every row checked, each usable row's label kept as a number.
     *
     * @param labels each usable row's label, as an index into {@code names}
     * @param names  the labels in order of first appearance (or the known classes)
     */
    record Scan(Csv.Table table, RowCheck check, int[] labels, List<String> names, long bytes) {

        /** Returns the labels as indices into {@code classNames}. */
        int[] ids(List<String> classNames) {
            int[] remap = new int[names.size()];
            for (int i = 0; i < remap.length; i++) {
                remap[i] = classNames.indexOf(names.get(i));
            }
            int[] out = new int[labels.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = remap[labels[i]];
            }
            return out;
        }

        /**
         * Reads the file again and returns the texts of the usable rows at {@code keep} (sorted indices), with null
         * for the others.
         */
        String[] texts(int[] keep) {
            // Java strings take up to two bytes a character, plus the object: refuse what cannot fit, before reading.
            long estimate = (long) ((double) bytes * keep.length / labels.length * 2) + 64L * keep.length;
            Memory.require(table.file(), "the texts of " + keep.length + " rows", estimate, Memory.capAdvice());
            String[] out = new String[labels.length];
            BadRows quiet = new BadRows(true); // the first pass reported every bad row already
            int k = 0;
            int next = 0;
            try (Csv.Reader r = table.rows()) {
                for (Csv.Row row = r.next(); row != null; row = r.next()) {
                    if (check.label(row, quiet) == null) {
                        continue;
                    }
                    if (k < out.length && next < keep.length && keep[next] == k) {
                        out[k] = check.text(row);
                        next++;
                    }
                    k++;
                }
            }
            if (k != out.length || next != keep.length) {
                throw new DataException(table.file(), 0, null, "changed while it was being read (" + labels.length
                        + " usable rows in the first pass, then " + k + "); read it when nothing writes to it");
            }
            return out;
        }
    }

    /** Reads every row of a file once, keeping only the labels; in validation/test files labels must be known. */
    static Scan scan(Csv.Table t, List<String> textCols, String labelCol, List<String> known, BadRows bad) {
        RowCheck check = new RowCheck(t, textCols, labelCol, known);
        Map<String, Integer> ids = new HashMap<>();
        List<String> names = new ArrayList<>();
        if (known != null) {
            for (String k : known) {
                ids.put(k, names.size());
                names.add(k);
            }
        }
        Memory.Ints labels = new Memory.Ints();
        long rows = 0;
        long bytes;
        try (Csv.Reader r = t.rows()) {
            for (Csv.Row row = r.next(); row != null; row = r.next()) {
                rows++;
                String label = check.label(row, bad);
                if (label == null) {
                    continue;
                }
                Integer id = ids.get(label);
                if (id == null) {
                    id = names.size();
                    ids.put(label, id);
                    names.add(label);
                }
                labels.add(id);
            }
            bytes = r.offset();
        }
        if (labels.size() == 0) {
            throw new DataException(t.file(), 0, null, "no usable rows (all " + rows + " were bad)");
        }
        return new Scan(t, check, labels.toArray(), names, bytes);
    }

    /** Returns the sorted union of two sorted index arrays. */
    static int[] union(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            int v = j >= b.length || i < a.length && a[i] <= b[j] ? a[i++] : b[j++];
            if (n == 0 || out[n - 1] != v) {
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Returns the distinct labels sorted numerically when all are numbers, else alphabetically. */
    static List<String> classNames(java.util.Collection<String> labels) {
        TreeSet<String> distinct = new TreeSet<>(labels);
        boolean numeric = distinct.stream().allMatch(TextImporter::isNumber);
        List<String> out = new ArrayList<>(distinct);
        if (numeric) {
            out.sort(Comparator.comparing(BigDecimal::new));
        }
        return out;
    }

    private static boolean isNumber(String s) {
        try {
            new BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static int[] labelIds(List<String> labels, List<String> classNames) {
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < classNames.size(); i++) {
            idx.put(classNames.get(i), i);
        }
        int[] out = new int[labels.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx.get(labels.get(i));
        }
        return out;
    }

    /** Splits text into tokens: words and single punctuation marks, or characters. */
    static List<String> tokenize(String text, boolean chars, boolean lowercase) {
        String s = lowercase ? text.toLowerCase(Locale.ROOT) : text;
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        if (chars) {
            while (i < n) {
                int cp = s.codePointAt(i);
                out.add(new String(Character.toChars(cp)));
                i += Character.charCount(cp);
            }
            return out;
        }
        while (i < n) {
            int cp = s.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                int j = i;
                while (j < n) {
                    int c = s.codePointAt(j);
                    if (Character.isLetterOrDigit(c)) {
                        j += Character.charCount(c);
                    } else if (c == '\'' && j + 1 < n && Character.isLetter(s.codePointAt(j + 1))) {
                        j++; // keep contractions such as don't together
                    } else {
                        break;
                    }
                }
                out.add(s.substring(i, j));
                i = j;
            } else {
                if (!Character.isWhitespace(cp)) {
                    out.add(new String(Character.toChars(cp)));
                }
                i += Character.charCount(cp);
            }
        }
        return out;
    }

    /** Returns PAD, OOV, then tokens by falling frequency (ties alphabetical), at least minFreq, at most maxVocab. */
    static List<String> buildVocabulary(Map<String, Integer> counts, int minFreq, int maxVocab) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= minFreq) {
                entries.add(e);
            }
        }
        entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> vocab = new ArrayList<>();
        vocab.add(PAD);
        vocab.add(OOV);
        for (Map.Entry<String, Integer> e : entries) {
            if (vocab.size() >= maxVocab) {
                break;
            }
            vocab.add(e.getKey());
        }
        return vocab;
    }

    /** Returns the smallest length that at least {@code fraction} of the samples fit in (at least 1). */
    static int coverLength(int[] lengths, double fraction) {
        if (lengths.length == 0) {
            return 1;
        }
        int[] s = lengths.clone();
        Arrays.sort(s);
        int k = (int) Math.ceil(fraction * s.length) - 1;
        return Math.max(1, s[Math.max(0, Math.min(k, s.length - 1))]);
    }

    private static ArraySplit encodeTokens(List<List<String>> tokens, int[] labels, int[] idx, Codec codec,
            Map<String, Integer> index) {
        int len = codec.padLength();
        float[] f = new float[tokens.size() * len];
        int[] l = new int[tokens.size()];
        for (int k = 0; k < tokens.size(); k++) {
            write(tokens.get(k), f, k * len, codec, index, null);
            l[k] = labels[idx[k]];
        }
        return ArraySplit.classification(f, len, l);
    }

    private static ArraySplit encode(String[] texts, int[] labels, int[] idx, Codec codec,
            Map<String, Integer> index, long[] oov) {
        int len = codec.padLength();
        float[] f = new float[idx.length * len];
        int[] l = new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            List<String> t = tokenize(texts[idx[k]], codec.charTokens(), codec.lowercase());
            write(t, f, k * len, codec, index, oov);
            l[k] = labels[idx[k]];
        }
        return ArraySplit.classification(f, len, l);
    }

    /** Writes one padded/truncated row of ids; counts tokens and OOV tokens (before truncation) into oov. */
    static void write(List<String> tokens, float[] f, int off, Codec codec, Map<String, Integer> index, long[] oov) {
        int len = codec.padLength();
        int n = tokens.size();
        if (oov != null) {
            oov[0] += n;
            for (String t : tokens) {
                if (!index.containsKey(t)) {
                    oov[1]++;
                }
            }
        }
        int from = n > len && codec.truncatePre() ? n - len : 0;
        int count = Math.min(n, len);
        int dst = codec.padPre() ? off + len - count : off;
        for (int j = 0; j < count; j++) {
            Integer id = index.get(tokens.get(from + j));
            f[dst + j] = id == null ? 1f : id;
        }
    }

    /** Returns the tokens of an encoded row, without padding. */
    static List<String> decode(float[] f, int off, int len, List<String> vocab) {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < len; j++) {
            int id = (int) f[off + j];
            if (id != 0) {
                out.add(id < vocab.size() ? vocab.get(id) : "<" + id + "?>");
            }
        }
        return out;
    }

    static Map<String, Integer> classCounts(int[] labels, List<String> names) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, 0);
        }
        for (int l : labels) {
            m.merge(names.get(l), 1, Integer::sum);
        }
        return m;
    }
}
