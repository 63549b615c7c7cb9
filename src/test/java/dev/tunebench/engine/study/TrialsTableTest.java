package dev.tunebench.engine.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The CSV export against pandas' {@code study.trials_dataframe().to_csv(index=False)} on the same trials. */
class TrialsTableTest {

    @Test
    void csvEqualsOptunasTrialsDataframe() throws IOException {
        JsonObject fixture = StudyFixtures.load("trials_dataframe.json");
        List<TrialSnapshot> trials = new ArrayList<>();
        int i = 0;
        for (JsonElement e : fixture.getAsJsonArray("trials")) {
            JsonObject t = e.getAsJsonObject();
            TrialState state = switch (t.get("state").getAsString()) {
                case "FAIL" -> TrialState.FAILED;
                default -> TrialState.valueOf(t.get("state").getAsString());
            };
            Map<String, JsonElement> params = new LinkedHashMap<>();
            t.getAsJsonObject("params").entrySet().forEach(p -> params.put(p.getKey(), p.getValue()));
            TreeMap<Integer, Double> iv = new TreeMap<>();
            t.getAsJsonObject("intermediate").entrySet().forEach(p -> iv.put(Integer.parseInt(p.getKey()),
                    p.getValue().getAsDouble()));
            JsonObject user = t.getAsJsonObject("user_attrs");
            JsonObject system = t.getAsJsonObject("system_attrs");
            Map<String, Double> attrs = new LinkedHashMap<>();
            system.entrySet().stream().filter(x -> x.getKey().startsWith("completed_rung_"))
                    .forEach(x -> attrs.put(x.getKey(), x.getValue().getAsDouble()));
            long start = millis(t.get("start").getAsString());
            Long end = t.get("complete").isJsonNull() ? null : millis(t.get("complete").getAsString());
            trials.add(new TrialSnapshot(i++, state, params, t.get("value").isJsonNull() ? null
                    : t.get("value").getAsDouble(), iv, attrs, user.get("worker").getAsString(),
                    user.get("run").getAsString(), start, end, start,
                    system.has("fail_reason") ? system.get("fail_reason").getAsString() : null,
                    user.has("pruned_epoch") ? user.get("pruned_epoch").getAsInt() : null,
                    user.has("prune_reason") ? user.get("prune_reason").getAsString() : null, null));
        }
        assertEquals(fixture.get("csv").getAsString(), TrialsTable.csv(trials, false, ZoneOffset.UTC));
        assertEquals(fixture.get("csv_with_intermediate").getAsString(), TrialsTable.csv(trials, true,
                ZoneOffset.UTC));
    }

    private static long millis(String iso) {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Test
    void floatsPrintAsPythonReprDoes() {
        assertEquals("0.0001", TrialsTable.pythonFloat(1e-4));
        assertEquals("1e-05", TrialsTable.pythonFloat(1e-5));
        assertEquals("1.5e-05", TrialsTable.pythonFloat(1.5e-5));
        assertEquals("0.1", TrialsTable.pythonFloat(0.1));
        assertEquals("0.30000000000000004", TrialsTable.pythonFloat(0.1 + 0.2));
        assertEquals("2.0", TrialsTable.pythonFloat(2));
        assertEquals("1e+16", TrialsTable.pythonFloat(1e16));
        assertEquals("1000000000000000.0", TrialsTable.pythonFloat(1e15));
        assertEquals("-3.32237", TrialsTable.pythonFloat(-3.32237));
        assertEquals("0 days 00:01:00", TrialsTable.timedelta(60_000));
        assertEquals("1 days 00:00:00.001000", TrialsTable.timedelta(86_400_001));
    }
}
