package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;

/**
 * Integers from low to high inclusive in steps (Optuna's IntDistribution); on a log scale the step must be 1.
 *
 * @param low  smallest value
 * @param high largest value, at least low; high - low is a multiple of step
 * @param step distance between values, at least 1
 * @param log  whether samplers work on log(value) (then low must be at least 1)
 */
public record IntDistribution(long low, long high, long step, boolean log) implements Distribution {

    public IntDistribution {
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1, got " + step);
        }
        if (high < low) {
            throw new IllegalArgumentException("low must not exceed high, got low " + low + " and high " + high);
        }
        if (log && low < 1) {
            throw new IllegalArgumentException("a log range needs low >= 1, got " + low);
        }
        if (log && step != 1) {
            throw new IllegalArgumentException("a log range takes no step (every integer), got step " + step);
        }
        if ((high - low) % step != 0) {
            throw new IllegalArgumentException("step " + step + " does not divide high - low = " + (high - low)
                    + "; e.g. high " + (low + (high - low) / step * step));
        }
    }

    @Override
    public String type() {
        return "int";
    }

    @Override
    public boolean single() {
        return low == high;
    }

    /** Returns how many values the range holds. */
    public long count() {
        return (high - low) / step + 1;
    }

    @Override
    public boolean contains(JsonElement value) {
        Long v = asLong(value);
        return v != null && v >= low && v <= high && (v - low) % step == 0;
    }

    @Override
    public double toInternal(JsonElement value) {
        return contains(value) ? asLong(value).doubleValue() : Double.NaN;
    }

    @Override
    public JsonElement toExternal(double internal) {
        return new JsonPrimitive((long) internal);
    }

    @Override
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("type", type());
        o.addProperty("low", low);
        o.addProperty("high", high);
        if (step != 1) {
            o.addProperty("step", step);
        }
        if (log) {
            o.addProperty("log", true);
        }
        return o;
    }

    @Override
    public String describe() {
        return "int " + low + ".." + high + (step != 1 ? " step " + step : "") + (log ? " log" : "");
    }

    /** Returns a JSON number as a long when it is a whole number, else null. */
    static Long asLong(JsonElement value) {
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        try {
            BigDecimal b = new BigDecimal(value.getAsString()).stripTrailingZeros();
            return b.scale() > 0 ? null : b.longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }
}
