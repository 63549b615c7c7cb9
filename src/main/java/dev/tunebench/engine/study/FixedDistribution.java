package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * One value every trial uses: a field the sweep sets but does not search.
 *
 * @param value the value, any JSON
 */
public record FixedDistribution(JsonElement value) implements Distribution {

    public FixedDistribution {
        value = value.deepCopy();
    }

    @Override
    public String type() {
        return "fixed";
    }

    @Override
    public boolean single() {
        return true;
    }

    @Override
    public boolean contains(JsonElement v) {
        return value.equals(v);
    }

    @Override
    public double toInternal(JsonElement v) {
        return contains(v) ? 0 : Double.NaN;
    }

    @Override
    public JsonElement toExternal(double internal) {
        return value.deepCopy();
    }

    @Override
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("type", type());
        o.add("value", value.deepCopy());
        return o;
    }

    @Override
    public String describe() {
        return "fixed " + value;
    }
}
