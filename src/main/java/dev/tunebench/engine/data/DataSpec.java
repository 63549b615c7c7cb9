package dev.tunebench.engine.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What data to load and how: a format, a path and options. The compact string form is
 * {@code format:path?name=value&name=value}, for example {@code text:reviews.tsv?text=review&label=score},
 * {@code series:births.csv?target=births&window=28&horizon=1}, {@code idx:images.gz,labels.gz},
 * {@code images:photos/} or {@code builtin:fashion-mnist}. In presets the same spec is a JSON object
 * {@code {"format":"text","path":"reviews.tsv","options":{"text":"review"}}} or simply the string.
 * Characters {@code % & = ?} inside a path or value are written percent-encoded ({@code %25 %26 %3D %3F}).
 * Option values may not be empty: an option left out takes its default. Text and series files take
 * {@code quote=rfc4180|none} (CSV quotes by default, TSV does not) and {@code columns=a,b,...} for a file without a
 * header line.
 *
 * @param format  the importer
 * @param path    the file, folder, comma-separated file pair (IDX) or built-in name; relative paths are resolved
 *                against the working directory (or the base folder given to {@link DataLoader})
 * @param options option values by name, in the order given; see {@link Format#options()}
 */
public record DataSpec(Format format, String path, Map<String, String> options) {

    /** Options every format takes. */
    static final List<String> OPTIONS_COMMON = List.of("maxTrain", "maxVal", "maxTest", "valFraction", "seed", "skipBadRows",
            "validation", "test");
    static final List<String> OPTIONS_TEXT = List.of("text", "label", "tokenizer", "lowercase", "minFreq", "maxVocab",
            "padLength", "padSide", "truncateSide", "delimiter", "quote", "columns");
    static final List<String> OPTIONS_SERIES = List.of("target", "inputs", "window", "horizon", "normalize", "testFraction",
            "season", "delimiter", "quote", "columns");
    static final List<String> OPTIONS_IDX = List.of("classNames");
    static final List<String> OPTIONS_IMAGES = List.of("size", "grayscale");

    /** The importers. */
    public enum Format {
        /** CSV/TSV with a text column and a label column: token ids, classification. */
        TEXT("text"),
        /** CSV with numeric columns: sliding windows, forecasting (regression). */
        SERIES("series"),
        /** IDX (MNIST) image and label files, gzip or plain: images, classification. */
        IDX("idx"),
        /** A folder with one sub-folder of PNG/JPEG images per class: images, classification. */
        IMAGES("images"),
        /** One of TuneBench's built-in datasets, see {@link BuiltinDatasets}. */
        BUILTIN("builtin");

        private final String prefix;

        Format(String prefix) {
            this.prefix = prefix;
        }

        /** Returns the prefix of the string form, e.g. {@code text}. */
        public String prefix() {
            return prefix;
        }

        /** Returns the option names this format accepts. */
        public Set<String> options() {
            Set<String> s = new LinkedHashSet<>(OPTIONS_COMMON);
            switch (this) {
                case TEXT -> s.addAll(OPTIONS_TEXT);
                case SERIES -> s.addAll(OPTIONS_SERIES);
                case IDX -> s.addAll(OPTIONS_IDX);
                case IMAGES -> s.addAll(OPTIONS_IMAGES);
                case BUILTIN -> {
                    s.addAll(OPTIONS_TEXT);
                    s.addAll(OPTIONS_SERIES);
                    s.addAll(OPTIONS_IDX);
                    s.addAll(OPTIONS_IMAGES);
                }
            }
            return s;
        }

        /** Returns the format with this prefix. @throws DataException for an unknown prefix */
        public static Format ofPrefix(String prefix, String spec) {
            for (Format f : values()) {
                if (f.prefix.equalsIgnoreCase(prefix)) {
                    return f;
                }
            }
            throw new DataException("data spec '" + spec + "': unknown format '" + prefix
                    + "'; allowed: text, series, idx, images, builtin");
        }
    }

    /**
     * Validates and copies; option names are checked against the format and values may not be empty.
     *
     * @throws DataException when invalid
     */
    public DataSpec {
        if (format == null) {
            throw new DataException("data spec: format missing; allowed: text, series, idx, images, builtin");
        }
        if (path == null || path.isBlank()) {
            throw new DataException("data spec '" + format.prefix + ":': path missing (for example "
                    + format.prefix + ":" + example(format) + ")");
        }
        if (format == Format.BUILTIN) {
            path = BuiltinDatasets.info(path).name();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        if (options != null) {
            Set<String> allowed = format.options();
            for (Map.Entry<String, String> e : options.entrySet()) {
                if (!allowed.contains(e.getKey())) {
                    String near = allowed.stream().filter(a -> a.equalsIgnoreCase(e.getKey())).findFirst()
                            .map(a -> " (did you mean " + a + "?)").orElse("");
                    throw new DataException("data spec '" + format.prefix + ":" + path + "': unknown option '"
                            + e.getKey() + "'" + near + "; allowed for " + format.prefix + ": "
                            + String.join(", ", allowed));
                }
                if (e.getValue() == null || e.getValue().isBlank()) {
                    throw new DataException("data spec '" + format.prefix + ":" + path + "': option " + e.getKey()
                            + " has an empty value; give one (for example " + e.getKey() + "="
                            + exampleValue(e.getKey()) + ") or leave the option out for its default");
                }
                copy.put(e.getKey(), e.getValue());
            }
        }
        options = Collections.unmodifiableMap(copy);
    }

    private static String exampleValue(String option) {
        return switch (option) {
            case "text" -> "review";
            case "label" -> "score";
            case "target" -> "births";
            case "inputs" -> "births,temperature";
            case "tokenizer" -> "word";
            case "padSide", "truncateSide" -> "pre";
            case "delimiter" -> "tab";
            case "quote" -> "rfc4180";
            case "columns" -> "review,score";
            case "normalize" -> "zscore";
            case "valFraction", "testFraction" -> "0.1";
            case "skipBadRows", "lowercase", "grayscale" -> "true";
            case "validation", "test" -> "val.csv";
            case "classNames" -> "cat,dog";
            case "size" -> "28";
            case "maxTrain", "maxVal", "maxTest" -> "all";
            default -> "1";
        };
    }

    private static String example(Format f) {
        return switch (f) {
            case TEXT -> "reviews.tsv?text=review&label=score";
            case SERIES -> "births.csv?target=births&window=28";
            case IDX -> "images.gz,labels.gz";
            case IMAGES -> "photos/";
            case BUILTIN -> String.join("|", BuiltinDatasets.names());
        };
    }

    /** Returns a spec with no options. */
    public static DataSpec of(Format format, String path) {
        return new DataSpec(format, path, Map.of());
    }

    /**
     * Returns the spec written in the compact string form.
     *
     * @throws DataException naming what is wrong and what is allowed
     */
    public static DataSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new DataException("data spec is empty; expected format:path[?options], format one of text, "
                    + "series, idx, images, builtin");
        }
        String s = spec.strip();
        int colon = s.indexOf(':');
        if (colon <= 0) {
            throw new DataException("data spec '" + spec + "': expected format:path[?options], format one of text, "
                    + "series, idx, images, builtin");
        }
        Format format = Format.ofPrefix(s.substring(0, colon), spec);
        String rest = s.substring(colon + 1);
        int q = rest.indexOf('?');
        String path = decode(q < 0 ? rest : rest.substring(0, q), spec);
        Map<String, String> options = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new DataException("data spec '" + spec + "': option '" + pair
                            + "' must be written name=value");
                }
                String name = decode(pair.substring(0, eq), spec);
                if (options.containsKey(name)) {
                    throw new DataException("data spec '" + spec + "': option '" + name + "' given twice");
                }
                options.put(name, decode(pair.substring(eq + 1), spec));
            }
        }
        return new DataSpec(format, path, options);
    }

    /** Returns the spec from its JSON object ({@code format}, {@code path}, {@code options}) or {@code spec}. */
    public static DataSpec fromJson(JsonObject json) {
        if (json.has("spec") && json.get("spec").isJsonPrimitive()) {
            return parse(json.get("spec").getAsString());
        }
        if (!json.has("format") || !json.has("path")) {
            throw new DataException("data spec JSON " + json + ": needs \"format\" and \"path\" (or \"spec\")");
        }
        Format format = Format.ofPrefix(json.get("format").getAsString(), json.toString());
        Map<String, String> options = new LinkedHashMap<>();
        if (json.has("options") && json.get("options").isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : json.getAsJsonObject("options").entrySet()) {
                JsonElement v = e.getValue();
                if (!v.isJsonPrimitive()) {
                    throw new DataException("data spec JSON: option '" + e.getKey()
                            + "' must be a string, number or boolean");
                }
                options.put(e.getKey(), v.getAsString());
            }
        }
        return new DataSpec(format, json.get("path").getAsString(), options);
    }

    /** Returns the spec from a JSON string (compact form) or object, as presets may hold either. */
    public static DataSpec fromJson(JsonElement json) {
        if (json != null && json.isJsonPrimitive()) {
            return parse(json.getAsString());
        }
        if (json != null && json.isJsonObject()) {
            return fromJson(json.getAsJsonObject());
        }
        throw new DataException("data spec JSON: expected a string or an object, got " + json);
    }

    /** Returns the JSON object form: {@code {"format":..., "path":..., "options":{...}}}. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("format", format.prefix);
        o.addProperty("path", path);
        JsonObject opts = new JsonObject();
        options.forEach((k, v) -> opts.add(k, new JsonPrimitive(v)));
        o.add("options", opts);
        return o;
    }

    /** Returns the option's value, or null when not given. */
    public String option(String name) {
        return options.get(name);
    }

    /** Returns whether the option was given. */
    public boolean has(String name) {
        return options.containsKey(name);
    }

    /** Returns a copy with one option set (or replaced). */
    public DataSpec withOption(String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(options);
        m.put(name, value);
        return new DataSpec(format, path, m);
    }

    /** Returns a copy with another path. */
    public DataSpec withPath(String newPath) {
        return new DataSpec(format, newPath, options);
    }

    /** Returns the string form; {@code parse(toString())} gives an equal spec. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(format.prefix).append(':').append(encode(path));
        char sep = '?';
        for (Map.Entry<String, String> e : options.entrySet()) {
            sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    private static String encode(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '%' -> sb.append("%25");
                case '&' -> sb.append("%26");
                case '=' -> sb.append("%3D");
                case '?' -> sb.append("%3F");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String decode(String s, String spec) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new DataException("data spec '" + spec + "': '%' must be followed by two hex digits "
                            + "(write %25 for a literal %)");
                }
                try {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                } catch (NumberFormatException e) {
                    throw new DataException("data spec '" + spec + "': '%" + s.substring(i + 1, i + 3)
                            + "' is not a percent escape (write %25 for a literal %)");
                }
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    // ---- typed option access, used by the importers ----

    int intOption(String name, int dflt, int min) {
        String v = options.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        int x;
        try {
            x = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new DataException("data spec '" + this + "': option " + name + "='" + v
                    + "' is not a whole number");
        }
        if (x < min) {
            throw new DataException("data spec '" + this + "': option " + name + "=" + x + " must be at least " + min);
        }
        return x;
    }

    /** Caps: absent gives the default, {@code all} or 0 means no cap. */
    int capOption(String name, int dflt) {
        String v = options.get(name);
        if (v != null && (v.equalsIgnoreCase("all") || v.strip().equals("0"))) {
            return Integer.MAX_VALUE;
        }
        return intOption(name, dflt, 1);
    }

    double fractionOption(String name, double dflt, double max) {
        String v = options.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        Numbers.Parsed p = Numbers.parse(v);
        if (p.kind() != Numbers.Kind.NUMBER) {
            throw new DataException("data spec '" + this + "': option " + name + "='" + v + "' is not a number "
                    + "such as 0.1");
        }
        double x = p.value();
        if (!(x >= 0 && x < max)) {
            throw new DataException("data spec '" + this + "': option " + name + "=" + v + " must be in [0, " + max
                    + ")");
        }
        return x;
    }

    boolean boolOption(String name, boolean dflt) {
        String v = options.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        return switch (v.strip().toLowerCase()) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new DataException("data spec '" + this + "': option " + name + "='" + v
                    + "'; allowed: true, false");
        };
    }

    String choiceOption(String name, String dflt, String... allowed) {
        String v = options.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v.strip())) {
                return a;
            }
        }
        throw new DataException("data spec '" + this + "': option " + name + "='" + v + "'; allowed: "
                + String.join(", ", allowed));
    }

    long seed() {
        String v = options.get("seed");
        if (v == null || v.isBlank()) {
            return 42L;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new DataException("data spec '" + this + "': option seed='" + v + "' is not a whole number");
        }
    }
}
