package dev.tunebench.engine.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import dev.tunebench.engine.config.ConfigPaths;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The playbook's default spaces: every suggested path is a field of its template in the shared vocabulary
 * (ConfigPaths) with allowed values, every point applies to a config, and a default space survives the sweep file.
 */
class PlaybookSpacesTest {

    @Test
    void everySuggestionIsAFieldOfItsTemplateWithAllowedValues() {
        for (String template : List.of("lstm", "gru", "resnet")) {
            ConfigPathsVocabulary vocab = ConfigPathsVocabulary.forTemplate(template);
            for (boolean tokens : List.of(true, false)) {
                for (PlaybookSpaces.Suggestion s : PlaybookSpaces.forTemplate(template, tokens)) {
                    assertNull(vocab.checkPath(s.path()), template + ": " + s.path());
                    assertNull(vocab.checkDistribution(s.path(), s.distribution()), template + ": " + s.path());
                    assertFalse(s.tips().isEmpty());
                    assertTrue(s.why().contains("tip " + s.tips().get(0)), s.why());
                }
                // Every point of the space applies to the template's defaults as a valid config.
                List<PlaybookSpaces.Suggestion> all = PlaybookSpaces.forTemplate(template, tokens);
                Map<String, Distribution> m = new java.util.LinkedHashMap<>();
                all.stream().filter(x -> !(x.distribution() instanceof FloatDistribution))
                        .forEach(x -> m.put(x.path(), x.distribution()));
                SearchSpace grid = new SearchSpace(m);
                RunConfig base = RunConfig.defaults(template, Task.CLASSIFICATION);
                for (long k = 0; k < GridSampler.size(grid); k++) {
                    Map<String, JsonElement> p = GridSampler.point(grid, k);
                    RunConfig c = ConfigPathsVocabulary.applier().apply(base, p);
                    for (Map.Entry<String, JsonElement> e : p.entrySet()) {
                        assertEquals(ConfigPaths.field(e.getKey()).parse(e.getValue()), ConfigPaths.get(c,
                                e.getKey()), e.getKey());
                    }
                }
            }
        }
    }

    @Test
    void theVocabularyRefusesWhatConfigPathsRefuses() {
        ConfigPathsVocabulary lstm = ConfigPathsVocabulary.forTemplate("lstm");
        assertTrue(lstm.checkPath("optimizer.lr").startsWith("unknown field; allowed: "), lstm.checkPath("optimizer.lr"));
        assertTrue(lstm.checkPath("model.stageChannels").startsWith("does not apply to lstm"));
        assertTrue(lstm.checkValue("model.layers", new com.google.gson.JsonPrimitive(9)).startsWith("must be in"));
        assertTrue(lstm.checkDistribution("training.batchSize", new FloatDistribution(16, 64, null, false)) != null,
                "a continuous range on an integer field");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ConfigPathsVocabulary.applier().apply(RunConfig.defaults("lstm", Task.CLASSIFICATION),
                        Map.of("model.layers", new com.google.gson.JsonPrimitive(9))));
        assertTrue(e.getMessage().startsWith("model.layers: must be in"), e.getMessage());
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
