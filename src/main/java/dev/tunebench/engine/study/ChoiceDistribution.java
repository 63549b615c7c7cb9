package dev.tunebench.engine.study;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * One of a list of JSON values (Optuna's CategoricalDistribution); the internal number is the index.
 *
 * @param values the choices in the order given, at least one, no two equal
 */
public record ChoiceDistribution(List<JsonElement> values) implements Distribution {

    public ChoiceDistribution {
        values = values.stream().map(JsonElement::deepCopy).toList();
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a choice needs at least one value");
        }
        for (int i = 0; i < values.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (values.get(i).equals(values.get(j))) {
                    throw new IllegalArgumentException("the value " + values.get(i) + " is given twice");
                }
            }
        }
    }

    @Override
    public String type() {
        return "choice";
    }

    @Override
    public boolean single() {
        return values.size() == 1;
    }

    @Override
    public boolean contains(JsonElement value) {
        return indexOf(value) >= 0;
    }

    /** Returns the index of a value, or -1. */
    public int indexOf(JsonElement value) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).equals(value)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public double toInternal(JsonElement value) {
        int i = indexOf(value);
        return i < 0 ? Double.NaN : i;
    }

    @Override
    public JsonElement toExternal(double internal) {
        return values.get((int) internal).deepCopy();
    }

    @Override
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("type", type());
        JsonArray a = new JsonArray();
        values.forEach(v -> a.add(v.deepCopy()));
        o.add("values", a);
        return o;
    }

    @Override
    public String describe() {
        return "choice " + values;
    }
}
