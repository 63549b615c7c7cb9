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

    /** Raw labelled texts of one file. */
    record Rows(String file, List<String> texts, List<String> labels, long[] lines) {
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
        char delim = Csv.delimiter(spec.option("delimiter"), trainSrc.name());
        Csv.Table table = Csv.read(trainSrc, delim);
        Rows trainRows = rows(table, textCols, labelCol, null, bad);
        List<String> classNames = classNames(trainRows.labels());
        if (classNames.size() < 2) {
            throw new DataException(trainSrc.name(), 0, labelCol, "only one label (" + classNames
                    + "); classification needs at least two");
        }
        Rows valRows = null;
        Rows testRows = null;
        if (spec.has("validation")) {
            Source s = res.source(spec.option("validation"));
            valRows = rows(Csv.read(s, delim), textCols, labelCol, classNames, bad);
        }
        if (spec.has("test")) {
            Source s = res.source(spec.option("test"));
            testRows = rows(Csv.read(s, delim), textCols, labelCol, classNames, bad);
        }
        int[] trainLabels = labelIds(trainRows.labels(), classNames);
        int[] valLabels = valRows == null ? null : labelIds(valRows.labels(), classNames);
        int[] testLabels = testRows == null ? null : labelIds(testRows.labels(), classNames);
        ClassPlan plan = ClassPlan.of(spec, trainSrc.name(), trainLabels, valLabels, testLabels, classNames.size());

        // Tokenize the training split only to fit the vocabulary and the padding length.
        List<List<String>> trainTokens = new ArrayList<>(plan.train().length);
        int[] lengths = new int[plan.train().length];
        Map<String, Integer> counts = new HashMap<>();
        for (int k = 0; k < plan.train().length; k++) {
            List<String> t = tokenize(trainRows.texts().get(plan.train()[k]), charTokens, lowercase);
            trainTokens.add(t);
            lengths[k] = t.size();
            for (String tok : t) {
                counts.merge(tok, 1, Integer::sum);
            }
        }
        List<String> vocab = buildVocabulary(counts, minFreq, maxVocab);
        int padLength = spec.has("padLength") ? spec.intOption("padLength", 0, 1) : coverLength(lengths, 0.90);
        Codec codec = new Codec(textCols, labelCol, delim, charTokens, lowercase, padLength, padPre, truncPre,
                vocab, classNames);
        Map<String, Integer> index = codec.index();

        List<String> notes = new ArrayList<>(plan.notes());
        notes.addAll(bad.notes("row"));
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
        Rows vPool = plan.valFromTrain() ? trainRows : valRows;
        int[] vLabels = plan.valFromTrain() ? trainLabels : valLabels;
        long[] oov = new long[2];
        ArraySplit val = encode(vPool, vLabels, plan.validation(), codec, index, oov);
        ArraySplit test = testRows == null ? null : encode(testRows, testLabels, plan.test(), codec, index, null);
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
        char delim = spec.has("delimiter") ? Csv.delimiter(spec.option("delimiter"), src.name())
                : Csv.delimiter(null, src.name());
        Rows rows = rows(Csv.read(src, delim), textCols, labelCol, codec.classNames(), bad);
        int[] labels = labelIds(rows.labels(), codec.classNames());
        long[] oov = new long[2];
        ArraySplit all = encode(rows, labels, Splits.range(labels.length), codec, codec.index(), oov);
        List<String> notes = new ArrayList<>(bad.notes("row"));
        notes.add(String.format(Locale.ROOT, "encoded with the saved vocabulary (%d tokens): OOV rate %.2f%%",
                codec.vocabulary().size(), oov[0] == 0 ? 0.0 : 100.0 * oov[1] / oov[0]));
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

    /** Reads the text and label columns; in validation/test files ({@code known != null}) labels must be known. */
    static Rows rows(Csv.Table t, List<String> textCols, String labelCol, List<String> known, BadRows bad) {
        int[] ti = new int[textCols.size()];
        for (int k = 0; k < ti.length; k++) {
            ti[k] = t.column(textCols.get(k), "text");
        }
        int li = t.column(labelCol, "label");
        java.util.Set<String> knownSet = known == null ? null : new java.util.HashSet<>(known);
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        for (Csv.Row r : t.rows()) {
            if (!t.wellFormed(r, bad)) {
                continue;
            }
            String label = r.fields()[li].strip();
            if (label.isEmpty()) {
                bad.bad(t.file(), r.line(), labelCol, "label is empty");
                continue;
            }
            if (knownSet != null && !knownSet.contains(label)) {
                bad.bad(t.file(), r.line(), labelCol, "label " + Csv.quote(label)
                        + " does not occur in the training data; known labels: " + String.join(", ", known));
                continue;
            }
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < ti.length; k++) {
                if (k > 0) {
                    sb.append(' ');
                }
                sb.append(r.fields()[ti[k]]);
            }
            texts.add(sb.toString());
            labels.add(label);
            lines.add(r.line());
        }
        if (texts.isEmpty()) {
            throw new DataException(t.file(), 0, null, "no usable rows (all " + t.rows().size() + " were bad)");
        }
        return new Rows(t.file(), texts, labels, lines.stream().mapToLong(Long::longValue).toArray());
    }

    /** Returns the distinct labels sorted numerically when all are numbers, else alphabetically. */
    static List<String> classNames(List<String> labels) {
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

    private static ArraySplit encode(Rows rows, int[] labels, int[] idx, Codec codec, Map<String, Integer> index,
            long[] oov) {
        int len = codec.padLength();
        float[] f = new float[idx.length * len];
        int[] l = new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            List<String> t = tokenize(rows.texts().get(idx[k]), codec.charTokens(), codec.lowercase());
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
