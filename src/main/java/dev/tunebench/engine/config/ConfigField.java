package dev.tunebench.engine.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One hyperparameter of a {@link RunConfig}, named by its dotted path ({@code optimizer.learningRate}): its type, the
 * values allowed, the templates and data kinds it applies to, its default per template, and typed access. Get one
 * from {@link ConfigPaths#field(String)}; every instance is immutable and thread-safe.
 *
 * <p>Values are plain Java objects: {@code Integer} or {@code Long} for {@link Type#INT} (as the record component
 * is {@code int} or {@code long}), {@code Double} for {@link Type#FLOAT} (null where {@link #nullable()}),
 * {@code Boolean}, the enum constant for {@link Type#ENUM}, {@code List<Integer>} and {@code String}.
 */
public final class ConfigField {

    /** The kind of value a field holds. */
    public enum Type {
        /** A whole number. */
        INT,
        /** A real number. */
        FLOAT,
        /** {@code true} or {@code false}. */
        BOOL,
        /** One of the names of an enum ({@link #choices()}), case-insensitive. */
        ENUM,
        /** A list of whole numbers, each in {@link #range()}. */
        INT_LIST,
        /** A string, limited to {@link #choices()} when that is not empty. */
        STRING
    }

    /**
     * The interval a number must lie in (each element's, for {@link Type#INT_LIST}). Non-finite numbers are never
     * inside.
     *
     * @param min          lower bound; {@code -Infinity} for none
     * @param minInclusive whether {@code min} itself is allowed
     * @param max          upper bound; {@code +Infinity} for none
     * @param maxInclusive whether {@code max} itself is allowed
     */
    public record Range(double min, boolean minInclusive, double max, boolean maxInclusive) {

        /** Returns whether the value lies inside. */
        public boolean contains(double v) {
            return Double.isFinite(v) && (minInclusive ? v >= min : v > min) && (maxInclusive ? v <= max : v < max);
        }
    }

    private final String path;
    private final String section;
    private final String name;
    private final Type type;
    private final Class<?> javaType;
    private final boolean nullable;
    private final Range range;
    private final String rangeText;
    private final String hint;
    private final int minItems;
    private final int maxItems;
    private final String itemsText;
    private final List<String> choices;
    private final Set<String> templates;
    private final Set<String> dataKinds;

    ConfigField(String path, Class<?> javaType, boolean nullable, Rule rule, Set<String> templates) {
        this.path = path;
        int dot = path.indexOf('.');
        this.section = path.substring(0, dot);
        this.name = path.substring(dot + 1);
        this.javaType = javaType;
        this.nullable = nullable;
        this.type = typeOf(javaType);
        this.range = rule.range;
        this.rangeText = rule.rangeText;
        this.hint = rule.hint;
        this.minItems = rule.minItems;
        this.maxItems = rule.maxItems;
        this.itemsText = rule.itemsText;
        this.choices = javaType.isEnum() ? Arrays.stream(javaType.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                .toList() : List.copyOf(rule.choices);
        this.templates = Set.copyOf(rule.templates != null ? rule.templates : templates);
        this.dataKinds = Set.copyOf(rule.dataKinds);
    }

    private static Type typeOf(Class<?> t) {
        if (t == int.class || t == long.class) {
            return Type.INT;
        }
        if (t == double.class || t == Double.class) {
            return Type.FLOAT;
        }
        if (t == boolean.class) {
            return Type.BOOL;
        }
        if (t.isEnum()) {
            return Type.ENUM;
        }
        if (t == List.class) {
            return Type.INT_LIST;
        }
        if (t == String.class) {
            return Type.STRING;
        }
        throw new IllegalStateException("no field type for " + t);
    }

    // ---- description ----

    /** Returns the dotted path, e.g. {@code model.hiddenSize}. */
    public String path() {
        return path;
    }

    /** Returns the section: {@code model}, {@code training}, {@code optimizer}, ... */
    public String section() {
        return section;
    }

    /** Returns the name inside the section, e.g. {@code hiddenSize}. */
    public String name() {
        return name;
    }

    /** Returns the kind of value. */
    public Type type() {
        return type;
    }

    /** Returns whether null is a value ("none"): only the early-stopping thresholds. */
    public boolean nullable() {
        return nullable;
    }

    /** Returns whether an {@link Type#INT} field holds a {@code long} (the seed, the time limit). */
    public boolean isLong() {
        return javaType == long.class;
    }

    /**
     * Returns the interval a number must lie in (each element's for {@link Type#INT_LIST}), or empty when any value
     * of the type is allowed (booleans, enums, strings, the seed).
     */
    public Optional<Range> range() {
        return Optional.ofNullable(range);
    }

    /** Returns the smallest number of elements of an {@link Type#INT_LIST}; 0 for other types. */
    public int minItems() {
        return minItems;
    }

    /** Returns the largest number of elements of an {@link Type#INT_LIST}; 0 for other types. */
    public int maxItems() {
        return maxItems;
    }

    /** Returns the values allowed for {@link Type#ENUM} and closed {@link Type#STRING} fields, else an empty list. */
    public List<String> choices() {
        return choices;
    }

    /** Returns what a valid value is, for messages: "an integer in 1..4", "one of LAST, MEAN", "true or false". */
    public String allowed() {
        switch (type) {
            case BOOL:
                return "true or false";
            case ENUM:
                return "one of " + String.join(", ", choices);
            case STRING:
                return choices.isEmpty() ? "a string" : "one of " + String.join(", ", choices);
            case INT_LIST:
                return "a list of " + minItems + " to " + maxItems + " " + itemsText + ", each an integer "
                        + rangeText;
            default:
                String what = type == Type.INT ? "an integer" : nullable ? "a number or null" : "a number";
                if (rangeText == null) {
                    return what;
                }
                return rangeText.startsWith("a ") ? rangeText : what + " " + rangeText;
        }
    }

    /** Returns the playbook's advice on the value, e.g. "(tip 17: 2 or 3)", or "". */
    public String hint() {
        return hint;
    }

    /** Returns the template ids the field applies to. */
    public Set<String> templates() {
        return templates;
    }

    /** Returns whether the field applies to a template ({@code model.stageChannels} only to {@code resnet}). */
    public boolean appliesTo(String template) {
        return templates.contains(template);
    }

    /** Returns the data kinds ({@code text}, {@code series}, {@code image}) the field means something for. */
    public Set<String> dataKinds() {
        return dataKinds;
    }

    /**
     * Returns whether the field means something for a data kind (the token embedding only for {@code text}). A
     * field that does not is still read and kept; it changes nothing. Null (unknown data) is every kind.
     */
    public boolean appliesToData(String dataKind) {
        return dataKind == null || dataKinds.contains(dataKind);
    }

    @Override
    public String toString() {
        return path;
    }

    // ---- access ----

    /**
     * Returns the field's value in a config.
     *
     * @throws ConfigPathException when the field does not apply to the config's template
     */
    public Object get(RunConfig c) {
        requireApplies(c.model().template());
        if (ConfigPaths.TEMPLATE.equals(path)) {
            return c.model().template();
        }
        Record r = section(c);
        try {
            return component(r.getClass()).getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /** Returns the value as JSON: numbers in their shortest form (0.0001, 1), enums by name, null as JSON null. */
    public JsonElement getJson(RunConfig c) {
        return toJson(get(c));
    }

    /** Returns the value as text a person types back: "1e-4", "0.001", "32, 64, 128", "LAST", "" for null. */
    public String text(RunConfig c) {
        return toText(get(c));
    }

    /**
     * Returns the field's default for a template: its value in {@link RunConfig#defaults(String, Task)}.
     *
     * @param task null takes classification's (only {@code training.loss} depends on it)
     * @throws ConfigPathException when the field does not apply to the template
     */
    public Object defaultValue(String template, Task task) {
        return get(RunConfig.defaults(template, task));
    }

    /**
     * Returns a copy of the config with the field set to a value, after checking its type and range.
     * {@code model.template} switches the model: between {@code lstm} and {@code gru} the recurrent fields carry
     * over, to or from {@code resnet} the new template's defaults apply. Cross-field rules (a loss that fits the
     * task, Nesterov needing SGD) are {@code PresetValidator}'s.
     *
     * @throws ConfigPathException when the field does not apply to the config's template or the value is invalid
     */
    public RunConfig with(RunConfig c, Object value) {
        requireApplies(c.model().template());
        Object v = cast(value);
        check(v);
        return set(c, v);
    }

    /** Returns {@link #with(RunConfig, Object)} of {@link #parse(JsonElement)}. */
    public RunConfig withJson(RunConfig c, JsonElement value) {
        requireApplies(c.model().template());
        return set(c, parse(value));
    }

    /** Returns {@link #with(RunConfig, Object)} of {@link #parseText(String)}. */
    public RunConfig withText(RunConfig c, String text) {
        requireApplies(c.model().template());
        return set(c, parseText(text));
    }

    RunConfig set(RunConfig c, Object v) {
        if (ConfigPaths.TEMPLATE.equals(path)) {
            return c.withModel(switchTemplate(c.model(), (String) v));
        }
        requireApplies(c.model().template());
        Record r = copyWith(section(c), v);
        return switch (section) {
            case "model" -> c.withModel((ModelSpec) r);
            case "training" -> c.withTraining((TrainingSpec) r);
            case "optimizer" -> c.withOptimizer((OptimizerSpec) r);
            case "schedule" -> c.withSchedule((ScheduleSpec) r);
            case "monitor" -> c.withMonitor((MonitorSpec) r);
            case "earlyStopping" -> c.withEarlyStopping((EarlyStoppingSpec) r);
            case "checkpoints" -> c.withCheckpoints((CheckpointSpec) r);
            default -> throw new IllegalStateException(section);
        };
    }

    private static ModelSpec switchTemplate(ModelSpec m, String template) {
        if (template.equals(m.template())) {
            return m;
        }
        if (m instanceof RecurrentModelSpec r && !"resnet".equals(template)) {
            return r.withCell(RecurrentModelSpec.Cell.ofId(template));
        }
        return ModelSpec.defaults(template);
    }

    private void requireApplies(String template) {
        if (!appliesTo(template)) {
            throw new ConfigPathException(path, "does not apply to " + template + "; its " + section + " fields are "
                    + ConfigPaths.names(section, template));
        }
    }

    private Record section(RunConfig c) {
        return switch (section) {
            case "model" -> (Record) c.model();
            case "training" -> c.training();
            case "optimizer" -> c.optimizer();
            case "schedule" -> c.schedule();
            case "monitor" -> c.monitor();
            case "earlyStopping" -> c.earlyStopping();
            case "checkpoints" -> c.checkpoints();
            default -> throw new IllegalStateException(section);
        };
    }

    private RecordComponent component(Class<?> record) {
        for (RecordComponent rc : record.getRecordComponents()) {
            if (rc.getName().equals(name)) {
                return rc;
            }
        }
        throw new IllegalStateException(record.getSimpleName() + " has no " + name);
    }

    private Record copyWith(Record r, Object value) {
        RecordComponent[] comps = r.getClass().getRecordComponents();
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        try {
            for (int i = 0; i < comps.length; i++) {
                types[i] = comps[i].getType();
                args[i] = comps[i].getName().equals(name) ? value : comps[i].getAccessor().invoke(r);
            }
            Constructor<?> ctor = r.getClass().getDeclaredConstructor(types);
            return (Record) ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new ConfigPathException(path, String.valueOf(e.getCause().getMessage()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set " + path, e);
        }
    }

    // ---- reading values ----

    /**
     * Returns the value a JSON element gives, checked for type and range.
     *
     * @throws ConfigPathException naming the path (an element's, {@code model.stageChannels[1]}) and what is allowed
     */
    public Object parse(JsonElement e) {
        Object v = decode(e);
        check(v);
        return v;
    }

    /**
     * Returns the value a text gives ("1e-4", "true", "32, 64, 128" or "[32, 64, 128]", "last"; "" or "none" is null
     * where {@link #nullable()}), checked for type and range.
     *
     * @throws ConfigPathException naming the path and what is allowed
     */
    public Object parseText(String text) {
        Object v = decodeText(text);
        check(v);
        return v;
    }

    /**
     * Checks a value's range.
     *
     * @throws ConfigPathException with the first problem of {@link #problems(Object)}
     */
    public void check(Object value) {
        Map<String, String> p = problems(value);
        if (!p.isEmpty()) {
            Map.Entry<String, String> first = p.entrySet().iterator().next();
            throw new ConfigPathException(first.getKey(), first.getValue());
        }
    }

    /**
     * Returns every problem of a value of the right type, by path (an element of a list has its own,
     * {@code model.stageChannels[1]}), each saying what is allowed: "must be in 1..4, got 7 (tip 17: 2 or 3)".
     * Empty when the value is allowed.
     */
    public Map<String, String> problems(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            if (!nullable) {
                out.put(path, "missing");
            }
            return out;
        }
        switch (type) {
            case STRING -> {
                if (!choices.isEmpty() && !choices.contains((String) value)) {
                    out.put(path, "must be one of " + choices + ", got \"" + value + "\"");
                }
            }
            case INT, FLOAT -> {
                if (range != null && !range.contains(((Number) value).doubleValue())) {
                    out.put(path, "must be " + rangeText + ", got " + value + (hint.isEmpty() ? "" : " " + hint));
                }
            }
            case INT_LIST -> {
                List<?> list = (List<?>) value;
                if (list.size() < minItems || list.size() > maxItems) {
                    out.put(path, "must list " + minItems + " to " + maxItems + " " + itemsText + ", got " + list);
                }
                for (int i = 0; i < list.size(); i++) {
                    Object x = list.get(i);
                    if (!(x instanceof Integer n) || !range.contains(n)) {
                        out.put(path + "[" + i + "]", "must be " + rangeText + ", got " + x);
                    }
                }
            }
            default -> {
            }
        }
        return out;
    }

    /** Returns the value of a JSON element of the right type, without the range check. */
    Object decode(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            if (nullable) {
                return null;
            }
            throw new ConfigPathException(path, "must not be null; expected " + expectation());
        }
        switch (type) {
            case INT:
                return integer(e, path);
            case FLOAT: {
                double d = number(e, path).doubleValue();
                if (!Double.isFinite(d)) {
                    throw new ConfigPathException(path, "number out of range");
                }
                return d;
            }
            case BOOL:
                if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
                    return e.getAsBoolean();
                }
                throw new ConfigPathException(path, "expected true or false, got " + describe(e));
            case ENUM:
                if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
                    Object c = constant(e.getAsString());
                    if (c != null) {
                        return c;
                    }
                }
                throw new ConfigPathException(path, "expected " + expectation() + ", got " + describe(e));
            case STRING:
                if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
                    return e.getAsString();
                }
                throw new ConfigPathException(path, "expected a string, got " + describe(e));
            default: {
                if (!e.isJsonArray()) {
                    throw new ConfigPathException(path, "expected " + expectation() + ", got " + describe(e));
                }
                JsonArray a = e.getAsJsonArray();
                List<Integer> out = new ArrayList<>();
                for (int i = 0; i < a.size(); i++) {
                    String p = path + "[" + i + "]";
                    if (a.get(i).isJsonNull()) {
                        throw new ConfigPathException(p, "must not be null; expected an integer");
                    }
                    out.add((Integer) integer(a.get(i), p));
                }
                return List.copyOf(out);
            }
        }
    }

    Object decodeText(String text) {
        String s = text == null ? "" : text.trim();
        switch (type) {
            case INT:
                try {
                    return isLong() ? (Object) Long.parseLong(s) : (Object) Integer.parseInt(s);
                } catch (NumberFormatException e) {
                    throw new ConfigPathException(path, "expected an integer, got \"" + s + "\"");
                }
            case FLOAT: {
                if (nullable && (s.isEmpty() || s.equalsIgnoreCase("none") || s.equalsIgnoreCase("null"))) {
                    return null;
                }
                double d;
                try {
                    d = Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new ConfigPathException(path, "expected " + expectation() + ", got \"" + s + "\"");
                }
                if (!Double.isFinite(d)) {
                    throw new ConfigPathException(path, "number out of range");
                }
                return d;
            }
            case BOOL:
                if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(s);
                }
                throw new ConfigPathException(path, "expected true or false, got \"" + s + "\"");
            case ENUM: {
                Object c = constant(s);
                if (c == null) {
                    throw new ConfigPathException(path, "expected " + expectation() + ", got \"" + s + "\"");
                }
                return c;
            }
            case STRING:
                return s;
            default: {
                String body = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1).trim() : s;
                List<Integer> out = new ArrayList<>();
                if (!body.isEmpty()) {
                    String[] parts = body.split("[,\\s]+");
                    for (int i = 0; i < parts.length; i++) {
                        try {
                            out.add(Integer.parseInt(parts[i]));
                        } catch (NumberFormatException e) {
                            throw new ConfigPathException(path + "[" + i + "]", "expected an integer, got \""
                                    + parts[i] + "\"");
                        }
                    }
                }
                return List.copyOf(out);
            }
        }
    }

    /** Returns the value converted to this field's Java type where that loses nothing (7 to 7L, 1 to 1.0). */
    private Object cast(Object v) {
        if (v == null || v instanceof String && type != Type.STRING) {
            return v == null ? null : decodeText((String) v);
        }
        boolean fits = switch (type) {
            case INT, FLOAT -> v instanceof Number;
            case BOOL -> v instanceof Boolean;
            case ENUM -> javaType.isInstance(v);
            case INT_LIST -> v instanceof List<?>;
            case STRING -> v instanceof String;
        };
        if (!fits) {
            throw new ConfigPathException(path, "expected " + expectation() + ", got " + v);
        }
        if (v instanceof Number n) {
            return decode(new JsonPrimitive(n instanceof Double || n instanceof Float
                    ? new BigDecimal(n.toString()) : n));
        }
        if (v instanceof List<?> list) {
            JsonArray a = new JsonArray();
            for (Object x : list) {
                a.add(x instanceof Number n ? new JsonPrimitive(n) : x == null ? JsonNull.INSTANCE
                        : new JsonPrimitive(x.toString()));
            }
            return decode(a);
        }
        return v;
    }

    private Object constant(String s) {
        for (Object c : javaType.getEnumConstants()) {
            if (((Enum<?>) c).name().equalsIgnoreCase(s)) {
                return c;
            }
        }
        return null;
    }

    private Object integer(JsonElement e, String p) {
        BigDecimal n = number(e, p);
        try {
            BigDecimal whole = n.stripTrailingZeros();
            if (whole.scale() > 0) {
                throw new ArithmeticException();
            }
            return isLong() ? (Object) whole.longValueExact() : (Object) whole.intValueExact();
        } catch (ArithmeticException x) {
            throw new ConfigPathException(p, "expected an integer, got " + n.toPlainString());
        }
    }

    private BigDecimal number(JsonElement e, String p) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return e.getAsBigDecimal();
        }
        throw new ConfigPathException(p, "expected " + (p.equals(path) ? expectation() : "an integer") + ", got "
                + describe(e));
    }

    /** Returns what a value of the type looks like, for type errors: "an integer", "one of LAST, MEAN". */
    String expectation() {
        return switch (type) {
            case INT -> "an integer";
            case FLOAT -> nullable ? "a number or null" : "a number";
            case BOOL -> "true or false";
            case ENUM -> "one of " + String.join(", ", choices);
            case INT_LIST -> "a list of integers";
            case STRING -> "a string";
        };
    }

    static String describe(JsonElement e) {
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

    // ---- writing values ----

    static JsonElement toJson(Object v) {
        if (v == null) {
            return JsonNull.INSTANCE;
        }
        if (v instanceof Double d) {
            return new JsonPrimitive(shortest(d));
        }
        if (v instanceof Number n) {
            return new JsonPrimitive(n);
        }
        if (v instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (v instanceof Enum<?> en) {
            return new JsonPrimitive(en.name());
        }
        if (v instanceof List<?> list) {
            JsonArray a = new JsonArray();
            list.forEach(x -> a.add(toJson(x)));
            return a;
        }
        return new JsonPrimitive(v.toString());
    }

    static String toText(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return formatNumber(d);
        }
        if (v instanceof Enum<?> en) {
            return en.name();
        }
        if (v instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return String.valueOf(v);
    }

    /** Returns a number as short text that parses back to the same value: "0.001", "1e-4", "3.7e-5", "32". */
    public static String formatNumber(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e9) {
            return String.valueOf((long) d);
        }
        // Java's shortest round-trip form, written the way people type it: 1e-4, 3.7e-5, 0.001.
        return String.valueOf(d).replace(".0E", "E").replace('E', 'e');
    }

    /** Returns 1e-4 as 0.0001 and 1.0 as 1: what a person would type in JSON. */
    static BigDecimal shortest(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("a config holds finite numbers only, got " + d);
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0) : b;
    }

    // ---- declaration ----

    /** What {@link ConfigPaths} declares about a field beyond its Java type. */
    static final class Rule {
        private Range range;
        private String rangeText;
        private String hint = "";
        private int minItems;
        private int maxItems;
        private String itemsText = "";
        private List<String> choices = List.of();
        private Set<String> templates;
        private Set<String> dataKinds = Set.of("text", "series", "image");

        Rule ints(long lo, long hi) {
            range = new Range(lo, true, hi, true);
            rangeText = hi >= Integer.MAX_VALUE ? ">= " + lo : "in " + lo + ".." + hi;
            return this;
        }

        Rule atLeast(double lo, String note) {
            range = new Range(lo, true, Double.POSITIVE_INFINITY, false);
            rangeText = ">= " + formatNumber(lo) + (note.isEmpty() ? "" : " " + note);
            return this;
        }

        Rule above(double lo) {
            range = new Range(lo, false, Double.POSITIVE_INFINITY, false);
            rangeText = "> " + formatNumber(lo);
            return this;
        }

        /** [0, 1): betas, momentum, slopes. */
        Rule unit() {
            range = new Range(0, true, 1, false);
            rangeText = "in [0, 1)";
            return this;
        }

        /** [0, 1]: SGD's dampening. */
        Rule closedUnit(String note) {
            range = new Range(0, true, 1, true);
            rangeText = "in [0, 1]" + (note.isEmpty() ? "" : " " + note);
            return this;
        }

        /** (0, 1): the plateau factor. */
        Rule openUnit() {
            range = new Range(0, false, 1, false);
            rangeText = "in (0, 1)";
            return this;
        }

        /** [0, 1) as a dropout probability (tip 12). */
        Rule probability() {
            unit();
            rangeText = "a probability in [0, 1) (0 = off)";
            hint = "(tip 12)";
            return this;
        }

        /** Any finite number, or null (none). */
        Rule finite() {
            range = new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
            rangeText = "a finite number or null";
            return this;
        }

        /** Any value of the type, deliberately (the seed). */
        Rule any() {
            return this;
        }

        Rule items(int min, int max, String what) {
            minItems = min;
            maxItems = max;
            itemsText = what;
            return this;
        }

        Rule hint(String h) {
            hint = h;
            return this;
        }

        Rule choices(List<String> c) {
            choices = c;
            return this;
        }

        Rule templates(String... ids) {
            templates = Set.of(ids);
            return this;
        }

        Rule dataKinds(String... kinds) {
            dataKinds = Set.of(kinds);
            return this;
        }
    }
}
