package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;

/**
 * Which preset fields a sweep may vary and which values each accepts. The study package does not know the preset
 * fields itself: the caller adapts the shared field-path vocabulary to this interface (see sweeps.md, "Wiring").
 */
public interface ParamVocabulary {

    /** Accepts every path and every value: for tests and for reading a study without its preset. */
    ParamVocabulary ANY = new ParamVocabulary() {
        @Override
        public String checkPath(String path) {
            return null;
        }

        @Override
        public String checkValue(String path, JsonElement value) {
            return null;
        }
    };

    /**
     * Returns null when the path names a field a sweep may vary, else a one-line message saying what is allowed
     * (e.g. "unknown field; allowed: optimizer.learningRate, ...").
     */
    String checkPath(String path);

    /**
     * Returns null when the value is allowed for the field, else a one-line message such as "must be in 1..4, got 7".
     */
    String checkValue(String path, JsonElement value);

    /**
     * Returns null when every value the distribution can produce is allowed for the field, else a one-line message.
     * The default checks the values a distribution is made of: the choices, the fixed value, a range's ends (and a
     * value between them for a continuous float range, so that an integer field refuses it).
     */
    default String checkDistribution(String path, Distribution distribution) {
        List<JsonElement> probes = new ArrayList<>();
        if (distribution instanceof ChoiceDistribution c) {
            probes.addAll(c.values());
        } else if (distribution instanceof FixedDistribution f) {
            probes.add(f.value());
        } else if (distribution instanceof IntDistribution i) {
            probes.add(new JsonPrimitive(i.low()));
            probes.add(new JsonPrimitive(i.high()));
        } else if (distribution instanceof FloatDistribution f) {
            probes.add(new JsonPrimitive(f.low()));
            probes.add(new JsonPrimitive(f.high()));
            if (f.step() == null && !f.single()) {
                double mid = f.log() ? Math.sqrt(f.low() * f.high()) : 0.5 * (f.low() + f.high());
                if (mid == Math.rint(mid)) {
                    mid = Math.nextUp(mid);
                }
                probes.add(new JsonPrimitive(mid));
            }
        }
        for (JsonElement v : probes) {
            String problem = checkValue(path, v);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
