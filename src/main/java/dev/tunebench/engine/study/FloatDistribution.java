package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Real numbers from low to high (Optuna's FloatDistribution): continuous, on a log scale, or on a grid of steps.
 *
 * @param low  smallest value
 * @param high largest value, at least low
 * @param step distance between values, or null for a continuous range; not with log
 * @param log  whether samplers work on log(value) (then low must be positive)
 */
public record FloatDistribution(double low, double high, Double step, boolean log) implements Distribution {

    public FloatDistribution {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("low and high must be finite numbers");
        }
        if (high < low) {
            throw new IllegalArgumentException("low must not exceed high, got low " + low + " and high " + high);
        }
        if (log && low <= 0) {
            throw new IllegalArgumentException("a log range needs low > 0, got " + low);
        }
        if (step != null) {
            if (log) {
                throw new IllegalArgumentException("a log range takes no step");
            }
            if (!(step > 0) || !Double.isFinite(step)) {
                throw new IllegalArgumentException("step must be a positive number, got " + step);
            }
            BigDecimal range = exact(high).subtract(exact(low));
            if (range.remainder(exact(step)).signum() != 0) {
                BigDecimal fit = range.divideToIntegralValue(exact(step)).multiply(exact(step)).add(exact(low));
                throw new IllegalArgumentException("step " + shortest(step) + " does not divide high - low = "
                        + range.stripTrailingZeros().toPlainString() + "; e.g. high "
                        + fit.stripTrailingZeros().toPlainString());
            }
        }
    }

    @Override
    public String type() {
        return "float";
    }

    @Override
    public boolean single() {
        return low == high;
    }

    /** Returns how many values a stepped range holds; a continuous range has no count. */
    public long count() {
        if (step == null) {
            throw new IllegalStateException("a continuous range has no count");
        }
        return exact(high).subtract(exact(low)).divideToIntegralValue(exact(step)).longValueExact() + 1;
    }

    /** Returns the k-th value of a stepped range, rounded as the step is written (0.1 * 3 is 0.3). */
    public double valueAt(long k) {
        return exact(low).add(exact(step).multiply(BigDecimal.valueOf(k))).doubleValue();
    }

    @Override
    public boolean contains(JsonElement value) {
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            return false;
        }
        double v = value.getAsDouble();
        if (!(v >= low && v <= high)) {
            return false;
        }
        if (step == null) {
            return true;
        }
        BigDecimal k = new BigDecimal(value.getAsString()).subtract(exact(low)).divide(exact(step),
                MathContext.DECIMAL64);
        double nearest = Math.rint(k.doubleValue());
        return Math.abs(k.doubleValue() - nearest) < 1e-9;
    }

    @Override
    public double toInternal(JsonElement value) {
        return contains(value) ? value.getAsDouble() : Double.NaN;
    }

    @Override
    public JsonElement toExternal(double internal) {
        return new JsonPrimitive(internal);
    }

    @Override
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("type", type());
        o.add("low", new JsonPrimitive(shortest(low)));
        o.add("high", new JsonPrimitive(shortest(high)));
        if (step != null) {
            o.add("step", new JsonPrimitive(shortest(step)));
        }
        if (log) {
            o.addProperty("log", true);
        }
        return o;
    }

    @Override
    public String describe() {
        return "float " + shortest(low).toPlainString() + ".." + shortest(high).toPlainString()
                + (step != null ? " step " + shortest(step).toPlainString() : "") + (log ? " log" : "");
    }

    private static BigDecimal exact(double d) {
        return new BigDecimal(Double.toString(d));
    }

    /** Returns 1e-4 as 0.0001 and 2.0 as 2: what a person would type. */
    static BigDecimal shortest(double d) {
        BigDecimal b = exact(d).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0) : b;
    }
}
