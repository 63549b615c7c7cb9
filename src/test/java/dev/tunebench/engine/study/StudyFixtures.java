package dev.tunebench.engine.study;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Loads the Optuna fixtures written by {@code src/test/resources/fixtures/study/generate_optuna_fixtures.py}. */
final class StudyFixtures {
    private StudyFixtures() {
    }

    static JsonObject load(String name) throws IOException {
        try (InputStream in = StudyFixtures.class.getResourceAsStream("/fixtures/study/" + name)) {
            assertNotNull(in, "missing fixture /fixtures/study/" + name + "; run generate_optuna_fixtures.py");
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return JsonParser.parseReader(reader).getAsJsonObject();
            }
        }
    }

    /** Returns a number the generator wrote as a number or as "NaN" / "Infinity" / "-Infinity". */
    static double num(JsonElement e) {
        return e.getAsDouble();
    }

    static double[] doubles(JsonElement e) {
        JsonArray a = e.getAsJsonArray();
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = num(a.get(i));
        }
        return out;
    }

    static int[] ints(JsonElement e) {
        JsonArray a = e.getAsJsonArray();
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }

    /** Returns a distribution as the generator describes it (Optuna's fields). */
    static Distribution distribution(JsonObject d) {
        switch (d.get("type").getAsString()) {
            case "float" -> {
                Double step = d.get("step").isJsonNull() ? null : d.get("step").getAsDouble();
                return new FloatDistribution(d.get("low").getAsDouble(), d.get("high").getAsDouble(), step,
                        d.get("log").getAsBoolean());
            }
            case "int" -> {
                return new IntDistribution(d.get("low").getAsLong(), d.get("high").getAsLong(),
                        d.get("step").getAsLong(), d.get("log").getAsBoolean());
            }
            default -> {
                List<JsonElement> values = new ArrayList<>();
                d.getAsJsonArray("values").forEach(values::add);
                return new ChoiceDistribution(values);
            }
        }
    }

    /** Returns a finished trial for sampler tests. */
    static TrialSnapshot trial(int number, TrialState state, Double value, Map<Integer, Double> intermediate,
                               Map<String, JsonElement> params) {
        return new TrialSnapshot(number, state, params, value, new TreeMap<>(intermediate), Map.of(), "test",
                Study.runFolderName(number), 0, state == TrialState.RUNNING ? null : 1L, 0, null, null, null, null);
    }

    static Map<String, JsonElement> params(String name, JsonElement value) {
        Map<String, JsonElement> m = new LinkedHashMap<>();
        m.put(name, value);
        return m;
    }

    static JsonPrimitive json(double v) {
        return new JsonPrimitive(v);
    }
}
