package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields a sweep varies, by field path ({@code optimizer.learningRate}), in the order the sweep file gives them:
 * samplers draw them in this order, and trials list their parameters in it.
 *
 * @param distributions every field's distribution, insertion-ordered, at least one
 */
public record SearchSpace(Map<String, Distribution> distributions) {

    public SearchSpace {
        if (distributions.isEmpty()) {
            throw new IllegalArgumentException("a search space needs at least one field");
        }
        distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
    }

    /** Returns the field paths in order. */
    public List<String> names() {
        return List.copyOf(distributions.keySet());
    }

    /** Returns a field's distribution, or null when the space does not hold it. */
    public Distribution get(String name) {
        return distributions.get(name);
    }

    /** Returns the fields that are searched: neither fixed nor a single value. */
    public List<String> searched() {
        return distributions.entrySet().stream().filter(e -> !e.getValue().single()).map(Map.Entry::getKey)
                .toList();
    }

    /** Returns whether every field holds a value of its distribution. */
    public boolean contains(Map<String, JsonElement> params) {
        for (Map.Entry<String, Distribution> e : distributions.entrySet()) {
            if (!e.getValue().contains(params.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
