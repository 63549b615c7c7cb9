package dev.tunebench.engine.study;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes sweep files, strictly: an unknown field, a duplicate field, a value of the wrong type, a missing
 * required field or an invalid range fails with a {@link SweepException} naming the file, the line, the field path
 * and what is allowed.
 *
 * <pre>{@code
 * {
 *   "preset": "cnn-digits",                       required: a preset id or file
 *   "data": "builtin:digits",                     optional: the preset's data by default
 *   "objective": {"metric": "val_loss", "direction": "MIN"},   optional: the preset's monitor by default
 *   "budget": {"trials": 30, "timeoutSeconds": 3600},          trials and/or timeout; a grid needs neither
 *   "sampler": {"type": "tpe", "seed": 42},       or "tpe"; grid | random | tpe (default tpe)
 *   "pruner": {"type": "median"},                 or "median"; none | median | asha (default median, as Optuna)
 *   "parallelism": 1,                             trials at once (default 1)
 *   "retries": 0,                                 re-runs of a FAILED trial (default 0)
 *   "space": {
 *     "optimizer.learningRate": {"type": "float", "low": 0.0001, "high": 0.01, "log": true},
 *     "training.batchSize": {"type": "choice", "values": [16, 32, 64]},
 *     "model.layers": {"type": "int", "low": 2, "high": 3},
 *     "training.epochs": {"type": "fixed", "value": 20}
 *   }
 * }
 * }</pre>
 */
public final class SweepCodec {
    private static final Pattern LINE = Pattern.compile(" at line (\\d+) column");
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
            .create();

    /** Top-level fields, in the order {@link #write} writes them. */
    public static final List<String> FIELDS = List.of("preset", "data", "objective", "budget", "sampler", "pruner",
            "parallelism", "retries", "space");
    /** Sampler types. */
    public static final List<String> SAMPLERS = List.of("grid", "random", "tpe");
    /** Pruner types. */
    public static final List<String> PRUNERS = List.of("none", "median", "asha");
    /** Distribution types. */
    public static final List<String> DISTRIBUTIONS = List.of("choice", "int", "float", "fixed");

    private static final Map<String, List<String>> SAMPLER_FIELDS = Map.of(
            "grid", List.of("type"),
            "random", List.of("type", "seed"),
            "tpe", List.of("type", "seed", "startupTrials", "eiCandidates", "priorWeight", "considerPrior",
                    "magicClip", "considerEndpoints", "constantLiar"));
    private static final Map<String, List<String>> PRUNER_FIELDS = Map.of(
            "none", List.of("type"),
            "median", List.of("type", "startupTrials", "warmupEpochs", "intervalEpochs", "minTrials"),
            "asha", List.of("type", "minResource", "reductionFactor", "minEarlyStoppingRate", "bootstrapCount"));
    private static final Map<String, List<String>> DISTRIBUTION_FIELDS = Map.of(
            "choice", List.of("type", "values"),
            "int", List.of("type", "low", "high", "step", "log"),
            "float", List.of("type", "low", "high", "step", "log"),
            "fixed", List.of("type", "value"));

    private SweepCodec() {
    }

    /**
     * Returns the sweep in a file, its field paths checked against a vocabulary.
     *
     * @throws SweepException when the file cannot be read or holds an invalid sweep
     */
    public static SweepSpec read(Path file, ParamVocabulary vocabulary) {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SweepException(name, null, 0, "no such file");
        } catch (IOException e) {
            throw new SweepException(name, null, 0, "cannot read the file (" + e.getMessage() + ")");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SweepException(name, null, 0, "not UTF-8 text; a sweep is a UTF-8 JSON file");
        }
        return readString(text, name, vocabulary);
    }

    /**
     * Returns the sweep in a JSON text.
     *
     * @param sourceName file name or description used in error messages
     * @throws SweepException when the text holds an invalid sweep
     */
    public static SweepSpec readString(String json, String sourceName, ParamVocabulary vocabulary) {
        Map<String, Integer> lines = new HashMap<>();
        JsonElement root = parse(json, sourceName, lines);
        return new Binder(sourceName, lines, vocabulary).sweep(root.getAsJsonObject());
    }

    /** Returns a sweep from its JSON tree (as {@link #toJson} writes it, e.g. from a study journal). */
    public static SweepSpec fromJson(JsonObject tree, String sourceName) {
        return new Binder(sourceName, Map.of(), ParamVocabulary.ANY).sweep(tree);
    }

    /** Returns the sweep as pretty-printed JSON with every field. */
    public static String write(SweepSpec sweep) {
        return PRETTY.toJson(toJson(sweep)) + "\n";
    }

    /** Returns the sweep as a JSON tree with every field. */
    public static JsonObject toJson(SweepSpec s) {
        JsonObject o = new JsonObject();
        o.addProperty("preset", s.preset());
        if (s.data() != null) {
            o.addProperty("data", s.data());
        }
        if (s.objective() != null) {
            JsonObject obj = new JsonObject();
            obj.addProperty("metric", s.objective().metric());
            if (s.objective().direction() != null) {
                obj.addProperty("direction", s.objective().direction().name());
            }
            o.add("objective", obj);
        }
        JsonObject budget = new JsonObject();
        if (s.budget().trials() != null) {
            budget.addProperty("trials", s.budget().trials());
        }
        if (s.budget().timeoutSeconds() != null) {
            budget.addProperty("timeoutSeconds", s.budget().timeoutSeconds());
        }
        o.add("budget", budget);
        JsonObject sampler = new JsonObject();
        sampler.addProperty("type", s.sampler().type());
        if (s.sampler().seed() != null) {
            sampler.addProperty("seed", s.sampler().seed());
        }
        options(sampler, SAMPLER_FIELDS.get(s.sampler().type()), s.sampler().options());
        o.add("sampler", sampler);
        JsonObject pruner = new JsonObject();
        pruner.addProperty("type", s.pruner().type());
        options(pruner, PRUNER_FIELDS.get(s.pruner().type()), s.pruner().options());
        o.add("pruner", pruner);
        o.addProperty("parallelism", s.parallelism());
        o.addProperty("retries", s.retries());
        JsonObject space = new JsonObject();
        s.space().distributions().forEach((k, d) -> space.add(k, d.toJson()));
        o.add("space", space);
        return o;
    }

    private static void options(JsonObject into, List<String> order, Map<String, Object> options) {
        for (String k : order) {
            Object v = options.get(k);
            if (v instanceof Number n) {
                into.add(k, new JsonPrimitive(n));
            } else if (v instanceof Boolean b) {
                into.addProperty(k, b);
            } else if (v instanceof String str) {
                into.addProperty(k, str);
            }
        }
    }

    // ---- parsing to a tree that remembers the line of every field path ----

    private static JsonElement parse(String json, String source, Map<String, Integer> lines) {
        JsonReader reader = new JsonReader(new StringReader(json));
        try {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw new SweepException(source, null, lineOf(reader), "a sweep is a JSON object {...}");
            }
            JsonElement root = readValue(reader, "", source, lines);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new SweepException(source, null, lineOf(reader), "unexpected content after the JSON object");
            }
            return root;
        } catch (java.io.EOFException e) {
            throw new SweepException(source, null, lineOf(reader), "the JSON ends early (unclosed { or [ ?)");
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            int cut = msg.indexOf(" at line ");
            throw new SweepException(source, null, lineOf(reader), "malformed JSON: "
                    + (cut > 0 ? msg.substring(0, cut) : msg));
        }
    }

    private static JsonElement readValue(JsonReader r, String path, String source, Map<String, Integer> lines)
            throws IOException {
        JsonToken token = r.peek();
        lines.put(path, lineOf(r));
        switch (token) {
            case BEGIN_OBJECT -> {
                JsonObject o = new JsonObject();
                r.beginObject();
                while (r.hasNext()) {
                    String name = r.nextName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    if (o.has(name)) {
                        throw new SweepException(source, child, lineOf(r), "duplicate field; give each field once");
                    }
                    o.add(name, readValue(r, child, source, lines));
                }
                r.endObject();
                return o;
            }
            case BEGIN_ARRAY -> {
                JsonArray a = new JsonArray();
                r.beginArray();
                int i = 0;
                while (r.hasNext()) {
                    a.add(readValue(r, path + "[" + i++ + "]", source, lines));
                }
                r.endArray();
                return a;
            }
            case STRING -> {
                return new JsonPrimitive(r.nextString());
            }
            case NUMBER -> {
                return new JsonPrimitive(new BigDecimal(r.nextString()));
            }
            case BOOLEAN -> {
                return new JsonPrimitive(r.nextBoolean());
            }
            case NULL -> {
                r.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new SweepException(source, path, lineOf(r), "unexpected " + token);
        }
    }

    private static int lineOf(JsonReader r) {
        Matcher m = LINE.matcher(r.toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    // ---- binding, strictly ----

    private static final class Binder {
        private final String source;
        private final Map<String, Integer> lines;
        private final ParamVocabulary vocabulary;

        Binder(String source, Map<String, Integer> lines, ParamVocabulary vocabulary) {
            this.source = source;
            this.lines = lines;
            this.vocabulary = vocabulary;
        }

        SweepSpec sweep(JsonObject o) {
            known(o, "", FIELDS);
            String preset = string(require(o, "", "preset", "a preset id or file"), "preset");
            if (preset.isBlank()) {
                throw fail("preset", "must not be empty; give a preset id such as cnn-digits or a preset file");
            }
            String data = o.has("data") ? string(o.get("data"), "data") : null;
            if (data != null && data.isBlank()) {
                throw fail("data", "must not be empty; leave it out for the preset's own data");
            }
            SweepSpec.Objective objective = o.has("objective") ? objective(o.get("objective")) : null;
            SweepSpec.SamplerSpec sampler = o.has("sampler") ? sampler(o.get("sampler"))
                    : new SweepSpec.SamplerSpec("tpe", null, Map.of());
            SweepSpec.PrunerSpec pruner = o.has("pruner") ? pruner(o.get("pruner"))
                    : new SweepSpec.PrunerSpec("median", Map.of());
            int parallelism = o.has("parallelism") ? intIn(o.get("parallelism"), "parallelism", 1, 4096) : 1;
            int retries = o.has("retries") ? intIn(o.get("retries"), "retries", 0, 100) : 0;
            SearchSpace space = space(require(o, "", "space", "an object of field path to distribution"));
            SweepSpec.Budget budget = o.has("budget") ? budget(o.get("budget")) : new SweepSpec.Budget(null, null);
            if (sampler.type().equals("grid")) {
                String problem = GridSampler.problem(space);
                if (problem != null) {
                    String field = space.names().stream().filter(n -> problem.startsWith(n + " ")).findFirst()
                            .map(n -> "space." + n).orElse("space");
                    throw fail(field, "the grid sampler needs a finite set of values: " + problem);
                }
            } else if (budget.trials() == null && budget.timeoutSeconds() == null) {
                throw fail(o.has("budget") ? "budget" : "", (o.has("budget") ? "" : "budget: ")
                        + "give trials and/or timeoutSeconds (only a grid stops by itself)");
            }
            if (space.searched().isEmpty()) {
                throw fail("space", "every field is fixed; give at least one field to vary");
            }
            return new SweepSpec(preset, data, objective, budget, sampler, pruner, parallelism, retries, space);
        }

        private SweepSpec.Objective objective(JsonElement e) {
            JsonObject o = object(e, "objective", "an object with metric and direction");
            known(o, "objective", List.of("metric", "direction"));
            String metric = string(require(o, "objective", "metric", "a metric name such as val_loss"),
                    "objective.metric");
            if (metric.isBlank()) {
                throw fail("objective.metric", "must not be empty; e.g. val_loss or val_accuracy");
            }
            Direction d = null;
            if (o.has("direction")) {
                String s = string(o.get("direction"), "objective.direction");
                try {
                    d = Direction.valueOf(s.toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException x) {
                    throw fail("objective.direction", "expected MIN or MAX, got \"" + s + "\"");
                }
            }
            return new SweepSpec.Objective(metric, d);
        }

        private SweepSpec.Budget budget(JsonElement e) {
            JsonObject o = object(e, "budget", "an object with trials and/or timeoutSeconds");
            known(o, "budget", List.of("trials", "timeoutSeconds"));
            Integer trials = o.has("trials") ? intIn(o.get("trials"), "budget.trials", 1, 1_000_000) : null;
            Long timeout = null;
            if (o.has("timeoutSeconds")) {
                long t = longOf(o.get("timeoutSeconds"), "budget.timeoutSeconds");
                if (t < 1) {
                    throw fail("budget.timeoutSeconds", "must be at least 1, got " + t);
                }
                timeout = t;
            }
            return new SweepSpec.Budget(trials, timeout);
        }

        private SweepSpec.SamplerSpec sampler(JsonElement e) {
            JsonObject o = typed(e, "sampler", SAMPLERS);
            String type = o.get("type").getAsString();
            known(o, "sampler", SAMPLER_FIELDS.get(type));
            Long seed = o.has("seed") ? longOf(o.get("seed"), "sampler.seed") : null;
            Map<String, Object> opts = new LinkedHashMap<>();
            if (type.equals("tpe")) {
                intOption(o, "sampler", "startupTrials", 0, 100_000, opts);
                intOption(o, "sampler", "eiCandidates", 1, 100_000, opts);
                if (o.has("priorWeight")) {
                    double w = number(o.get("priorWeight"), "sampler.priorWeight").doubleValue();
                    if (!(w > 0) || !Double.isFinite(w)) {
                        throw fail("sampler.priorWeight", "must be a positive number, got " + w);
                    }
                    opts.put("priorWeight", w);
                }
                for (String b : List.of("considerPrior", "magicClip", "considerEndpoints", "constantLiar")) {
                    if (o.has(b)) {
                        opts.put(b, bool(o.get(b), "sampler." + b));
                    }
                }
            }
            return new SweepSpec.SamplerSpec(type, seed, opts);
        }

        private SweepSpec.PrunerSpec pruner(JsonElement e) {
            JsonObject o = typed(e, "pruner", PRUNERS);
            String type = o.get("type").getAsString();
            known(o, "pruner", PRUNER_FIELDS.get(type));
            Map<String, Object> opts = new LinkedHashMap<>();
            if (type.equals("median")) {
                intOption(o, "pruner", "startupTrials", 0, 1_000_000, opts);
                intOption(o, "pruner", "warmupEpochs", 0, 1_000_000, opts);
                intOption(o, "pruner", "intervalEpochs", 1, 1_000_000, opts);
                intOption(o, "pruner", "minTrials", 1, 1_000_000, opts);
            } else if (type.equals("asha")) {
                if (o.has("minResource")) {
                    JsonElement m = o.get("minResource");
                    if (m.isJsonPrimitive() && m.getAsJsonPrimitive().isString()) {
                        if (!m.getAsString().equals("auto")) {
                            throw fail("pruner.minResource", "expected \"auto\" or an integer >= 1, got \""
                                    + m.getAsString() + "\"");
                        }
                        opts.put("minResource", "auto");
                    } else {
                        opts.put("minResource", intIn(m, "pruner.minResource", 1, 1_000_000));
                    }
                }
                intOption(o, "pruner", "reductionFactor", 2, 1000, opts);
                intOption(o, "pruner", "minEarlyStoppingRate", 0, 30, opts);
                intOption(o, "pruner", "bootstrapCount", 0, 1_000_000, opts);
                if ((Integer) opts.getOrDefault("bootstrapCount", 0) > 0
                        && "auto".equals(opts.getOrDefault("minResource", "auto"))) {
                    throw fail("pruner.bootstrapCount", "needs a minResource (\"auto\" and bootstrapCount > 0 "
                            + "cannot be combined, as in Optuna)");
                }
            }
            return new SweepSpec.PrunerSpec(type, opts);
        }

        private SearchSpace space(JsonElement e) {
            JsonObject o = object(e, "space", "an object of field path to distribution");
            if (o.isEmpty()) {
                throw fail("space", "is empty; give at least one field to vary, e.g. \"optimizer.learningRate\"");
            }
            Map<String, Distribution> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> f : o.entrySet()) {
                String path = "space." + f.getKey();
                String pathProblem = vocabulary.checkPath(f.getKey());
                if (pathProblem != null) {
                    throw fail(path, pathProblem);
                }
                Distribution d = distribution(f.getValue(), path);
                String valueProblem = vocabulary.checkDistribution(f.getKey(), d);
                if (valueProblem != null) {
                    throw fail(path, valueProblem);
                }
                out.put(f.getKey(), d);
            }
            return new SearchSpace(out);
        }

        private Distribution distribution(JsonElement e, String path) {
            JsonObject o = typed(e, path, DISTRIBUTIONS);
            String type = o.get("type").getAsString();
            known(o, path, DISTRIBUTION_FIELDS.get(type));
            try {
                switch (type) {
                    case "choice" -> {
                        JsonElement v = require(o, path, "values", "a list of values");
                        if (!v.isJsonArray()) {
                            throw fail(path + ".values", "expected a list of values, got " + describe(v));
                        }
                        if (v.getAsJsonArray().isEmpty()) {
                            throw fail(path + ".values", "is empty; give at least one value");
                        }
                        List<JsonElement> values = new ArrayList<>();
                        for (int i = 0; i < v.getAsJsonArray().size(); i++) {
                            JsonElement x = v.getAsJsonArray().get(i);
                            if (values.contains(x)) {
                                throw fail(path + ".values[" + i + "]", "the value " + x + " is given twice");
                            }
                            values.add(x);
                        }
                        return new ChoiceDistribution(values);
                    }
                    case "fixed" -> {
                        return new FixedDistribution(require(o, path, "value", "the value every trial uses"));
                    }
                    case "int" -> {
                        long low = longOf(require(o, path, "low", "an integer"), path + ".low");
                        long high = longOf(require(o, path, "high", "an integer"), path + ".high");
                        long step = o.has("step") ? longOf(o.get("step"), path + ".step") : 1;
                        boolean log = o.has("log") && bool(o.get("log"), path + ".log");
                        rangeChecks(path, low, high, step, log, o.has("step"));
                        return new IntDistribution(low, high, step, log);
                    }
                    default -> {
                        double low = number(require(o, path, "low", "a number"), path + ".low").doubleValue();
                        double high = number(require(o, path, "high", "a number"), path + ".high").doubleValue();
                        Double step = o.has("step") ? number(o.get("step"), path + ".step").doubleValue() : null;
                        boolean log = o.has("log") && bool(o.get("log"), path + ".log");
                        if (!(low < high)) {
                            throw fail(path + ".high", "must be greater than low (" + FloatDistribution.shortest(low)
                                    .toPlainString() + "), got " + FloatDistribution.shortest(high).toPlainString()
                                    + "; use fixed for a single value");
                        }
                        if (log && low <= 0) {
                            throw fail(path + ".low", "a log range needs low > 0, got "
                                    + FloatDistribution.shortest(low).toPlainString());
                        }
                        if (step != null && log) {
                            throw fail(path + ".step", "a log range takes no step");
                        }
                        if (step != null && !(step > 0)) {
                            throw fail(path + ".step", "must be positive, got " + step);
                        }
                        try {
                            return new FloatDistribution(low, high, step, log);
                        } catch (IllegalArgumentException x) {
                            throw fail(path + ".step", x.getMessage());
                        }
                    }
                }
            } catch (IllegalArgumentException x) {
                throw fail(path, x.getMessage());
            }
        }

        private void rangeChecks(String path, long low, long high, long step, boolean log, boolean hasStep) {
            if (!(low < high)) {
                throw fail(path + ".high", "must be greater than low (" + low + "), got " + high
                        + "; use fixed for a single value");
            }
            if (step < 1) {
                throw fail(path + ".step", "must be at least 1, got " + step);
            }
            if (log && low < 1) {
                throw fail(path + ".low", "a log range needs low >= 1, got " + low);
            }
            if (log && hasStep && step != 1) {
                throw fail(path + ".step", "a log range takes every integer (no step), got step " + step);
            }
            if ((high - low) % step != 0) {
                throw fail(path + ".step", "step " + step + " does not divide high - low = " + (high - low)
                        + "; e.g. high " + (low + (high - low) / step * step));
            }
        }

        // ---- helpers ----

        private JsonObject typed(JsonElement e, String path, List<String> types) {
            JsonObject o;
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() && !path.startsWith("space.")) {
                o = new JsonObject();
                o.add("type", e);
                lines.putIfAbsent(path + ".type", lineFor(path));
            } else {
                o = object(e, path, "an object with type (one of " + String.join(", ", types) + ")");
            }
            JsonElement t = require(o, path, "type", "one of " + String.join(", ", types));
            if (!t.isJsonPrimitive() || !t.getAsJsonPrimitive().isString() || !types.contains(t.getAsString())) {
                throw fail(path + ".type", "expected one of " + String.join(", ", types) + ", got " + describe(t));
            }
            return o;
        }

        private void intOption(JsonObject o, String path, String name, int min, int max, Map<String, Object> out) {
            if (o.has(name)) {
                out.put(name, intIn(o.get(name), path + "." + name, min, max));
            }
        }

        private void known(JsonObject o, String path, List<String> allowed) {
            for (String k : o.keySet()) {
                if (!allowed.contains(k)) {
                    throw fail(path.isEmpty() ? k : path + "." + k, "unknown field; allowed: "
                            + String.join(", ", allowed));
                }
            }
        }

        private JsonElement require(JsonObject o, String path, String name, String what) {
            JsonElement e = o.get(name);
            String p = path.isEmpty() ? name : path + "." + name;
            if (e == null) {
                throw fail(p, "missing required field (" + what + ")");
            }
            return e;
        }

        private JsonObject object(JsonElement e, String path, String what) {
            if (!e.isJsonObject()) {
                throw fail(path, "expected " + what + ", got " + describe(e));
            }
            return e.getAsJsonObject();
        }

        private String string(JsonElement e, String path) {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
                return e.getAsString();
            }
            throw fail(path, "expected a string, got " + describe(e));
        }

        private boolean bool(JsonElement e, String path) {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
                return e.getAsBoolean();
            }
            throw fail(path, "expected true or false, got " + describe(e));
        }

        private BigDecimal number(JsonElement e, String path) {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                BigDecimal b = new BigDecimal(e.getAsString());
                if (!Double.isFinite(b.doubleValue())) {
                    throw fail(path, "number out of range");
                }
                return b;
            }
            throw fail(path, "expected a number, got " + describe(e));
        }

        private long longOf(JsonElement e, String path) {
            if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber())) {
                throw fail(path, "expected an integer, got " + describe(e));
            }
            try {
                BigDecimal b = new BigDecimal(e.getAsString()).stripTrailingZeros();
                if (b.scale() > 0) {
                    throw new ArithmeticException();
                }
                return b.longValueExact();
            } catch (ArithmeticException x) {
                throw fail(path, "expected an integer, got " + e.getAsString());
            }
        }

        private int intIn(JsonElement e, String path, int min, int max) {
            long v = longOf(e, path);
            if (v < min || v > max) {
                throw fail(path, "must be in " + min + ".." + max + ", got " + v);
            }
            return (int) v;
        }

        private SweepException fail(String path, String detail) {
            return new SweepException(source, path, lineFor(path), detail);
        }

        private int lineFor(String path) {
            String p = path;
            while (true) {
                Integer l = lines.get(p);
                if (l != null) {
                    return l;
                }
                if (p.isEmpty()) {
                    return 0;
                }
                int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
                p = cut < 0 ? "" : p.substring(0, cut);
            }
        }
    }

    private static String describe(JsonElement e) {
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "a list";
        }
        if (e.isJsonNull()) {
            return "null";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isString() ? "the string \"" + p.getAsString() + "\"" : p.getAsString();
    }
}
