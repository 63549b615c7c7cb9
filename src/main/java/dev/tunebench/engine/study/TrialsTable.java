package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The trials as a table with the columns of Optuna's {@code study.trials_dataframe()} written by pandas'
 * {@code to_csv(index=False)}: number, value, datetime_start, datetime_complete, duration, params_&lt;field&gt;
 * (sorted), user_attrs_* (run, worker, pruned_epoch, prune_reason), system_attrs_* (completed_rung_k, fail_reason,
 * failed_trial), state (Optuna's names: COMPLETE, PRUNED, FAIL, RUNNING), and optionally intermediate_values_&lt;epoch&gt;
 * after them (Optuna's attrs plus "intermediate_values"). Values are written as pandas writes them: Python's
 * float repr, a column of integers with a gap as floats ("2.0"), True/False, an empty cell for a missing value.
 */
public final class TrialsTable {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private TrialsTable() {
    }

    /**
     * Returns the trials as CSV text, one header line and one line per trial, each ending in a newline.
     *
     * @param trials       the trials, by number
     * @param intermediate whether to add the intermediate_values_&lt;epoch&gt; columns
     * @param zone         the time zone of the datetime columns (Optuna writes local time)
     */
    public static String csv(List<TrialSnapshot> trials, boolean intermediate, ZoneId zone) {
        TreeSet<String> params = new TreeSet<>();
        TreeSet<String> user = new TreeSet<>();
        TreeSet<String> system = new TreeSet<>();
        TreeSet<Integer> epochs = new TreeSet<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TrialSnapshot t : trials) {
            Map<String, Object> r = new TreeMap<>();
            t.params().forEach((k, v) -> {
                params.add(k);
                r.put("params_" + k, v);
            });
            userAttrs(t).forEach((k, v) -> {
                user.add(k);
                r.put("user_attrs_" + k, v);
            });
            systemAttrs(t).forEach((k, v) -> {
                system.add(k);
                r.put("system_attrs_" + k, v);
            });
            t.intermediate().forEach((k, v) -> {
                epochs.add(k);
                r.put("intermediate_values_" + k, new JsonPrimitive(v));
            });
            rows.add(r);
        }
        List<String> columns = new ArrayList<>(List.of("number", "value", "datetime_start", "datetime_complete",
                "duration"));
        params.forEach(p -> columns.add("params_" + p));
        user.forEach(p -> columns.add("user_attrs_" + p));
        system.forEach(p -> columns.add("system_attrs_" + p));
        columns.add("state");
        if (intermediate) {
            epochs.forEach(e -> columns.add("intermediate_values_" + e));
        }
        boolean millis = trials.stream().anyMatch(t -> t.startedMillis() % 1000 != 0
                || t.finishedMillis() != null && t.finishedMillis() % 1000 != 0);
        StringBuilder b = new StringBuilder();
        b.append(String.join(",", columns.stream().map(TrialsTable::cell).toList())).append('\n');
        Map<String, Kind> kinds = new TreeMap<>();
        for (String c : columns) {
            kinds.put(c, kindOf(rows, c));
        }
        for (int i = 0; i < trials.size(); i++) {
            TrialSnapshot t = trials.get(i);
            Map<String, Object> r = rows.get(i);
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(switch (c) {
                    case "number" -> Integer.toString(t.number());
                    case "value" -> t.value() == null ? "" : pythonFloat(t.value());
                    case "datetime_start" -> datetime(t.startedMillis(), zone, millis);
                    case "datetime_complete" -> t.finishedMillis() == null ? ""
                            : datetime(t.finishedMillis(), zone, millis);
                    case "duration" -> t.finishedMillis() == null ? ""
                            : timedelta(t.finishedMillis() - t.startedMillis());
                    case "state" -> t.state().optunaName();
                    default -> cell(format(r.get(c), kinds.get(c)));
                });
            }
            b.append(String.join(",", cells)).append('\n');
        }
        return b.toString();
    }

    private static Map<String, Object> userAttrs(TrialSnapshot t) {
        Map<String, Object> m = new TreeMap<>();
        m.put("run", new JsonPrimitive(t.runFolder()));
        m.put("worker", new JsonPrimitive(t.worker()));
        if (t.prunedEpoch() != null) {
            m.put("pruned_epoch", new JsonPrimitive(t.prunedEpoch()));
            m.put("prune_reason", new JsonPrimitive(t.pruneReason()));
        }
        return m;
    }

    private static Map<String, Object> systemAttrs(TrialSnapshot t) {
        Map<String, Object> m = new TreeMap<>();
        t.attrs().forEach((k, v) -> m.put(k, new JsonPrimitive(v)));
        if (t.error() != null) {
            m.put("fail_reason", new JsonPrimitive(t.error()));
        }
        if (t.retryOf() != null) {
            m.put("failed_trial", new JsonPrimitive(t.retryOf()));
        }
        return m;
    }

    /** How pandas would type a column: all integers, numbers (floats), booleans, or anything (object). */
    private enum Kind { INT, FLOAT, BOOL, OBJECT }

    private static Kind kindOf(List<Map<String, Object>> rows, String column) {
        boolean missing = false;
        boolean allInt = true;
        boolean allNumber = true;
        boolean allBool = true;
        boolean any = false;
        for (Map<String, Object> r : rows) {
            Object o = r.get(column);
            if (!(o instanceof JsonElement e) || e.isJsonNull()) {
                missing = true;
                continue;
            }
            any = true;
            boolean num = e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber();
            boolean bool = e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean();
            allNumber &= num;
            allBool &= bool;
            allInt &= num && IntDistribution.asLong(e) != null && !e.getAsString().contains(".")
                    && !e.getAsString().toLowerCase().contains("e");
        }
        if (!any) {
            return Kind.OBJECT;
        }
        if (allNumber) {
            return allInt && !missing ? Kind.INT : Kind.FLOAT;
        }
        return allBool && !missing ? Kind.BOOL : Kind.OBJECT;
    }

    private static String format(Object o, Kind kind) {
        if (!(o instanceof JsonElement e) || e.isJsonNull()) {
            return "";
        }
        if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isNumber()) {
                boolean isInt = IntDistribution.asLong(p) != null && !p.getAsString().contains(".")
                        && !p.getAsString().toLowerCase().contains("e");
                if (kind == Kind.FLOAT || !isInt) {
                    return pythonFloat(p.getAsDouble());
                }
                return Long.toString(p.getAsLong());
            }
            if (p.isBoolean()) {
                return p.getAsBoolean() ? "True" : "False";
            }
            return p.getAsString();
        }
        return pythonRepr(e);
    }

    /** Returns a JSON list or object as Python's str() prints the equivalent value. */
    private static String pythonRepr(JsonElement e) {
        if (e.isJsonNull()) {
            return "None";
        }
        if (e.isJsonArray()) {
            List<String> parts = new ArrayList<>();
            e.getAsJsonArray().forEach(x -> parts.add(pythonRepr(x)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (e.isJsonObject()) {
            List<String> parts = new ArrayList<>();
            e.getAsJsonObject().entrySet().forEach(x -> parts.add("'" + x.getKey() + "': " + pythonRepr(x.getValue())));
            return "{" + String.join(", ", parts) + "}";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isString()) {
            return "'" + p.getAsString() + "'";
        }
        if (p.isBoolean()) {
            return p.getAsBoolean() ? "True" : "False";
        }
        return format(p, Kind.INT);
    }

    /** Returns a CSV cell, quoted when it holds a comma, a quote or a line break. */
    private static String cell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    private static String datetime(long millis, ZoneId zone, boolean withMillis) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone);
        return (withMillis ? MILLIS : SECONDS).format(t);
    }

    /** Returns a duration as pandas writes a Timedelta: {@code 0 days 00:00:21.500000}. */
    static String timedelta(long millis) {
        long days = Math.floorDiv(millis, 86_400_000L);
        long rest = millis - days * 86_400_000L;
        long h = rest / 3_600_000;
        long m = rest / 60_000 % 60;
        long s = rest / 1000 % 60;
        long ms = rest % 1000;
        String base = days + " days " + String.format("%02d:%02d:%02d", h, m, s);
        return ms == 0 ? base : base + String.format(".%03d000", ms);
    }

    /** Returns a double as Python's repr prints it: shortest round-trip digits, 1e-05 and 1e+16 beyond range. */
    static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal shortest = null;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, java.math.RoundingMode.HALF_EVEN));
            if (r.doubleValue() == d) {
                shortest = r;
                break;
            }
        }
        BigDecimal s = shortest.stripTrailingZeros();
        String digits = s.unscaledValue().abs().toString();
        int decpt = digits.length() - s.scale();
        String sign = d < 0 ? "-" : "";
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                return sign + "0." + "0".repeat(-decpt) + digits;
            }
            if (decpt >= digits.length()) {
                return sign + digits + "0".repeat(decpt - digits.length()) + ".0";
            }
            return sign + digits.substring(0, decpt) + "." + digits.substring(decpt);
        }
        int exp = decpt - 1;
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }
}
