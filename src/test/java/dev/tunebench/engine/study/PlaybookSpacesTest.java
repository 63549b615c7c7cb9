package dev.tunebench.engine.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import dev.tunebench.engine.config.RunConfig;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The playbook's default spaces: every suggested path is a field of the run config with values of its type (checked
 * by reflection here, until the shared field-path vocabulary is wired in), and a default space survives the sweep
 * file.
 */
class PlaybookSpacesTest {

    /** Returns the record component a dotted path names under RunConfig, or null. */
    private static RecordComponent component(String path) {
        Class<?> type = RunConfig.class;
        RecordComponent found = null;
        for (String part : path.split("\\.")) {
            found = null;
            if (type.getRecordComponents() == null) {
                return null;
            }
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getName().equals(part)) {
                    found = c;
                }
            }
            if (found == null) {
                return null;
            }
            type = found.getType();
        }
        return found;
    }

    private static boolean fits(Class<?> type, JsonElement v) {
        if (type.isEnum()) {
            for (Object c : type.getEnumConstants()) {
                if (((Enum<?>) c).name().equals(v.getAsString())) {
                    return true;
                }
            }
            return false;
        }
        if (type == int.class || type == long.class) {
            return IntDistribution.asLong(v) != null;
        }
        if (type == double.class) {
            return v.getAsJsonPrimitive().isNumber();
        }
        if (type == String.class) {
            return v.getAsJsonPrimitive().isString();
        }
        return false;
    }

    @Test
    void everySuggestionIsARunConfigFieldWithValuesOfItsType() {
        for (String template : List.of("lstm", "gru", "resnet")) {
            for (boolean tokens : List.of(true, false)) {
                for (PlaybookSpaces.Suggestion s : PlaybookSpaces.forTemplate(template, tokens)) {
                    RecordComponent c = component(s.path());
                    assertNotNull(c, template + ": " + s.path() + " is not a run config field");
                    List<JsonElement> values = new ArrayList<>();
                    if (s.distribution() instanceof ChoiceDistribution ch) {
                        values.addAll(ch.values());
                    } else if (s.distribution() instanceof FloatDistribution f) {
                        assertEquals(double.class, c.getType(), s.path());
                        values.add(f.toJson().get("low"));
                    }
                    for (JsonElement v : values) {
                        assertTrue(fits(c.getType(), v), s.path() + ": " + v + " is not a " + c.getType());
                    }
                    assertFalse(s.tips().isEmpty());
                    assertTrue(s.why().contains("tip " + s.tips().get(0)), s.why());
                }
            }
        }
    }

    @Test
    void theDefaultsAreThePlaybooks() {
        SearchSpace lstm = PlaybookSpaces.defaultSpace("lstm", true);
        assertEquals(new FloatDistribution(1e-4, 1e-2, null, true), lstm.get("optimizer.learningRate"));
        assertEquals(List.of("optimizer.learningRate", "optimizer.kind", "training.batchSize",
                "optimizer.weightDecay"), lstm.names());
        List<String> offered = PlaybookSpaces.forTemplate("lstm", true).stream().map(PlaybookSpaces.Suggestion::path)
                .toList();
        assertTrue(offered.containsAll(List.of("schedule.tMax", "model.hiddenSize", "model.embeddingSize",
                "model.layers", "model.template", "training.clipNorm")), offered.toString());
        assertFalse(PlaybookSpaces.forTemplate("gru", false).stream().anyMatch(s -> s.path()
                .equals("model.embeddingSize")), "real-valued input has no embedding");
        assertFalse(PlaybookSpaces.forTemplate("resnet", false).stream().anyMatch(s -> s.path()
                .equals("model.hiddenSize")), "the CNN has no recurrent hidden size");
    }

    @Test
    void aDefaultSpaceSurvivesTheSweepFile() {
        SearchSpace space = PlaybookSpaces.defaultSpace("resnet", false);
        SweepSpec sweep = new SweepSpec("cnn-digits", null, null, new SweepSpec.Budget(20, null),
                new SweepSpec.SamplerSpec("tpe", 1L, Map.of()), new SweepSpec.PrunerSpec("asha", Map.of()), 1, 0,
                space);
        assertEquals(sweep, SweepCodec.readString(SweepCodec.write(sweep), "x", ParamVocabulary.ANY));
    }
}
