package dev.tunebench.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.tunebench.engine.Json;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigJsonTest {

    private static JsonObject json(String s) {
        return JsonParser.parseString(s).getAsJsonObject();
    }

    /** Returns a config of the template with a non-default value in every section. */
    private static RunConfig odd(String template) {
        RunConfig c = RunConfig.defaults(template, Task.REGRESSION);
        c = ConfigPaths.withText(c, "training.batchSize", "7");
        c = ConfigPaths.withText(c, "optimizer.learningRate", "3.7e-5");
        c = ConfigPaths.withText(c, "schedule.kind", "CONSTANT");
        c = ConfigPaths.withText(c, "earlyStopping.stoppingThreshold", "0.125");
        c = ConfigPaths.withText(c, "checkpoints.keepLast", "false");
        return "resnet".equals(template) ? ConfigPaths.withText(c, "model.stageChannels", "8, 16")
                : ConfigPaths.withText(c, "model.hiddenSize", "33");
    }

    @Test
    void everyTemplateRoundTripsAndWritesOnlyItsOwnFields() {
        for (String t : ModelSpec.TEMPLATES) {
            RunConfig c = odd(t);
            JsonObject full = ConfigJson.write(c);
            assertEquals(c, ConfigJson.read(full, Task.REGRESSION).config(), t);
            assertEquals(ConfigPaths.of(t).stream().filter(f -> f.section().equals("model")).map(ConfigField::name)
                    .toList(), List.copyOf(full.getAsJsonObject("model").keySet()), t);
            assertEquals(List.copyOf(ConfigPaths.SECTIONS), List.copyOf(full.keySet()));
            JsonObject chosen = ConfigJson.writeChosen(c, Task.REGRESSION, Set.of());
            assertEquals(c, ConfigJson.read(chosen, Task.REGRESSION).config(), t);
            assertTrue(ConfigJson.read(chosen, Task.REGRESSION).ignored().isEmpty());
        }
        JsonObject gru = ConfigJson.write(RunConfig.defaults("gru", null));
        assertFalse(gru.getAsJsonObject("model").has("forgetGateBias"), "a GRU has no forget gate to write");
    }

    @Test
    void writeChosenKeepsTheTemplateTheDifferencesAndTheNotedFields() {
        RunConfig c = odd("lstm");
        JsonObject chosen = ConfigJson.writeChosen(c, Task.REGRESSION, Set.of("training.seed"));
        assertEquals(json("""
                {"model": {"template": "lstm", "hiddenSize": 33},
                 "training": {"batchSize": 7, "seed": 42},
                 "optimizer": {"learningRate": 0.000037},
                 "schedule": {"kind": "CONSTANT"},
                 "earlyStopping": {"stoppingThreshold": 0.125},
                 "checkpoints": {"keepLast": false}}"""), chosen);
        assertEquals(json("{\"model\": {\"template\": \"resnet\"}}"),
                ConfigJson.writeChosen(RunConfig.defaults("resnet", Task.CLASSIFICATION), Task.CLASSIFICATION, null));
    }

    @Test
    void omittedFieldsTakeTheTemplatesDefaults() {
        ConfigJson.Read r = ConfigJson.read(json("{\"model\": {\"template\": \"gru\", \"layers\": 3}}"),
                Task.REGRESSION);
        RunConfig expected = ConfigPaths.withText(RunConfig.defaults("gru", Task.REGRESSION), "model.layers", "3");
        assertEquals(expected, r.config());
        assertEquals(LossKind.MSE, r.config().training().loss());
        assertEquals(1.0, r.config().training().clipNorm(), "recurrent templates clip by default (tip 9)");
        assertEquals(0.0, ConfigJson.read(json("{\"model\": {\"template\": \"resnet\"}}"), null).config().training()
                .clipNorm());
    }

    @Test
    void foreignAndUnknownFieldsAreNamedWithWhatIsAllowed() {
        ConfigPathException foreign = assertThrows(ConfigPathException.class, () -> ConfigJson.read(json(
                "{\"model\": {\"template\": \"lstm\", \"stageChannels\": [16]}}"), null));
        assertEquals("model.stageChannels", foreign.path());
        assertTrue(foreign.detail().startsWith("does not apply to lstm; its model fields are layers, embeddingSize,"),
                foreign.detail());
        ConfigPathException gru = assertThrows(ConfigPathException.class, () -> ConfigJson.read(json(
                "{\"model\": {\"template\": \"gru\", \"forgetGateBias\": true}}"), null));
        assertEquals("model.forgetGateBias", gru.path());
        ConfigPathException unknown = assertThrows(ConfigPathException.class, () -> ConfigJson.read(json(
                "{\"model\": {\"template\": \"resnet\"}, \"optimizer\": {\"lr\": 1}}"), null));
        assertEquals("optimizer.lr", unknown.path());
        assertTrue(unknown.detail().startsWith("unknown field; allowed: kind, learningRate,"), unknown.detail());
        ConfigPathException section = assertThrows(ConfigPathException.class, () -> ConfigJson.read(json(
                "{\"model\": {\"template\": \"resnet\"}, \"optimiser\": {}}"), null));
        assertEquals("optimiser", section.path());
        ConfigPathException noTemplate = assertThrows(ConfigPathException.class, () -> ConfigJson.read(json(
                "{\"model\": {\"layers\": 2}}"), null));
        assertEquals("model.template", noTemplate.path());
        assertTrue(noTemplate.detail().contains("[lstm, gru, resnet]"));
        assertEquals("training", assertThrows(ConfigPathException.class, () -> ConfigJson.read(json(
                "{\"model\": {\"template\": \"resnet\"}, \"training\": 3}"), null)).path());
    }

    @Test
    void theOlderEveryTemplateModelBlockIsReadWithTheForeignFieldsReported() {
        // As TuneBench wrote a ResNet before the model became one record per template.
        JsonObject old = json("""
                {"model": {"template": "resnet", "layers": 0, "embeddingSize": 0, "hiddenSize": 0,
                  "bidirectional": false, "sequenceOutput": "LAST", "layerNorm": false, "dropoutAfterEmbedding": 0.0,
                  "dropoutBeforeOutput": 0.1, "stageChannels": [16, 32], "blocksPerStage": 1, "shortcuts": true,
                  "batchNorm": true, "activation": "RELU", "leakyReluSlope": 0.01, "init": "HE_NORMAL",
                  "recurrentInit": "SAME_AS_INIT", "orthogonalGain": 1.0, "forgetGateBias": false},
                 "training": {"epochs": 20}}""");
        ConfigJson.Read r = ConfigJson.read(old, Task.CLASSIFICATION);
        assertEquals(new ResNetModelSpec(List.of(16, 32), 1, true, true, ResNetModelSpec.Activation.RELU, 0.01, 0.1,
                ModelSpec.InitScheme.HE_NORMAL), r.config().model());
        assertEquals(List.of("model.layers", "model.embeddingSize", "model.hiddenSize", "model.bidirectional",
                "model.sequenceOutput", "model.layerNorm", "model.dropoutAfterEmbedding", "model.recurrentInit",
                "model.orthogonalGain", "model.forgetGateBias"), r.ignored());
        assertTrue(r.legacy());
        // The same block less one field is not the older format: its foreign fields are errors again.
        old.getAsJsonObject("model").remove("orthogonalGain");
        assertThrows(ConfigPathException.class, () -> ConfigJson.read(old, Task.CLASSIFICATION));
    }

    @Test
    void gsonReadsAndWritesConfigsAndModelSpecsInThisForm() {
        record Holder(String name, RunConfig config, ModelSpec model) {
        }
        RunConfig c = odd("resnet");
        Holder h = new Holder("x", c, c.model());
        String text = Json.gson().toJson(h);
        JsonObject tree = json(text);
        assertEquals(ConfigJson.write(c), tree.getAsJsonObject("config"));
        assertEquals(ConfigJson.writeModel(c.model()), tree.getAsJsonObject("model"));
        assertFalse(tree.getAsJsonObject("model").has("layers"));
        assertEquals(h, Json.gson().fromJson(text, Holder.class));
        JsonParseException bad = assertThrows(JsonParseException.class, () -> Json.gson().fromJson(
                "{\"name\": \"x\", \"config\": {\"model\": {\"template\": \"lstm\", \"layers\": \"two\"}}}",
                Holder.class));
        assertTrue(bad.getMessage().startsWith("config.model.layers: expected an integer"), bad.getMessage());
    }
}
