package dev.tunebench.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tunebench.engine.config.ConfigPaths;
import dev.tunebench.engine.config.LossKind;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.RecurrentModelSpec;
import dev.tunebench.engine.config.RunConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresetCodecTest {

    private static final String MINIMAL = """
            {
              "id": "my-gru",
              "name": "My GRU",
              "dataKind": "text",
              "data": "builtin:spam",
              "config": {
                "model": { "template": "gru", "layers": 3 },
                "optimizer": { "learningRate": 0.0005 }
              }
            }
            """;

    @Test
    void minimalPresetTakesTemplateDefaultsForWhatItLeavesOut() {
        Preset p = PresetCodec.readString(MINIMAL, "my-gru.json");
        assertEquals("gru", p.config().model().template());
        RecurrentModelSpec model = (RecurrentModelSpec) p.config().model();
        assertEquals(3, model.layers());
        assertEquals(RecurrentModelSpec.gruDefaults().hiddenSize(), model.hiddenSize());
        assertEquals(5e-4, p.config().optimizer().learningRate());
        assertEquals(OptimizerSpec.Kind.ADAMW, p.config().optimizer().kind());
        assertEquals(1.0, p.config().training().clipNorm(), "recurrent templates clip by default (tip 9)");
        assertEquals(LossKind.CROSS_ENTROPY, p.config().training().loss());
        assertEquals("", p.description());
        assertTrue(p.notes().isEmpty());
    }

    @Test
    void seriesDefaultsToRegressionLoss() {
        Preset p = PresetCodec.readString(MINIMAL.replace("\"text\"", "\"series\"")
                .replace("builtin:spam", "builtin:births"), "s.json");
        assertEquals(LossKind.MSE, p.config().training().loss());
    }

    @Test
    void writeThenReadGivesTheSamePreset() {
        Preset p = PresetCodec.readString(MINIMAL, "my-gru.json");
        p = new Preset(p.id(), p.name(), "desc", p.dataKind(), p.data(),
                p.config().withOptimizer(p.config().optimizer().withLearningRate(1e-4)),
                Map.of("optimizer.learningRate", "tip 7"));
        String json = PresetCodec.write(p);
        assertTrue(json.contains("\"learningRate\": 0.0001"), json);
        Preset back = PresetCodec.readString(json, "x.json");
        assertEquals(p, back);
    }

    @Test
    void eachTemplateRoundTripsWritingOnlyWhatThePresetChooses() {
        for (String t : ModelSpec.TEMPLATES) {
            String kind = t.equals("resnet") ? "image" : "series";
            RunConfig c = PresetCodec.defaultConfig(t, kind);
            c = ConfigPaths.withText(c, t.equals("resnet") ? "model.blocksPerStage" : "model.hiddenSize", "3");
            c = ConfigPaths.withText(c, "optimizer.learningRate", "2e-4");
            Preset p = new Preset("p-" + t, "P", "d", kind, "builtin:births", c,
                    Map.of("optimizer.learningRate", "tip 7", "training.seed", "fixed"));
            String json = PresetCodec.write(p);
            assertEquals(p, PresetCodec.readString(json, "x.json"), t);
            JsonObject config = JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("config");
            assertEquals(Set.of("model", "training", "optimizer"), config.keySet(), t + ": " + json);
            assertEquals(2, config.getAsJsonObject("model").size(), "the template and the changed value: " + json);
            assertEquals(42, config.getAsJsonObject("training").get("seed").getAsInt(), "a noted value is kept");
            assertEquals(p, PresetCodec.readString(PresetCodec.writeFull(p), "full.json"), t);
            assertEquals(ConfigPaths.of(t).size(), JsonParser.parseString(PresetCodec.writeFull(p)).getAsJsonObject()
                    .getAsJsonObject("config").entrySet().stream()
                    .mapToInt(e -> e.getValue().getAsJsonObject().size()).sum(), t);
        }
    }

    @Test
    void aFieldOfAnotherTemplateIsNamedWithTheTemplatesFields() {
        String json = MINIMAL.replace("\"layers\": 3", "\"layers\": 3,\n    \"stageChannels\": [16]");
        PresetException e = assertThrows(PresetException.class, () -> PresetCodec.readString(json, "p.json"));
        assertEquals("config.model.stageChannels", e.field());
        assertEquals(8, e.line());
        assertEquals("p.json: line 8: config.model.stageChannels: does not apply to gru; its model fields are layers, "
                + "embeddingSize, hiddenSize, bidirectional, sequenceOutput, layerNorm, dropoutAfterEmbedding, "
                + "dropoutBeforeOutput, init, recurrentInit, orthogonalGain", e.getMessage());
    }

    @Test
    void olderFilesLoadAsBeforeWithOneLineOnWhatWasIgnored() throws Exception {
        PresetLibrary bundled = new PresetLibrary(Path.of("target/no-user-presets"));
        for (String id : List.of("cnn-digits", "gru-text", "lstm-text")) {
            Path old = Path.of(PresetCodecTest.class.getResource("/fixtures/legacy/preset-" + id + ".json").toURI());
            Preset p = PresetCodec.read(old);
            Preset now = bundled.resolve(id);
            assertEquals(now.config(), p.config(), id + " reads to the config the current file gives");
            assertTrue(p.notes().entrySet().containsAll(now.notes().entrySet()), id);
            assertEquals(1, p.upgradeNote().lines().count());
            assertTrue(p.upgradeNote().startsWith(old + ": older format (every template's fields); ignored the "),
                    p.upgradeNote());
            // Saved again, it is a current file.
            assertEquals("", PresetCodec.readString(PresetCodec.write(p), "again.json").upgradeNote());
        }
        Preset gru = PresetCodec.read(Path.of(PresetCodecTest.class.getResource(
                "/fixtures/legacy/preset-gru-text.json").toURI()));
        assertFalse(gru.notes().containsKey("model.forgetGateBias"), "a note on a field GRU does not have goes too");
        assertTrue(gru.upgradeNote().endsWith("forgetGateBias, and the notes on model.forgetGateBias; save it again "
                + "to drop them"), gru.upgradeNote());
    }

    @Test
    void unknownFieldNamesFileLineFieldAndAllowedNames() {
        String json = MINIMAL.replace("\"learningRate\": 0.0005", "\"learningRat\": 0.0005");
        PresetException e = assertThrows(PresetException.class, () -> PresetCodec.readString(json, "p.json"));
        assertEquals("config.optimizer.learningRat", e.field());
        assertEquals(8, e.line());
        assertTrue(e.getMessage().startsWith("p.json: line 8: config.optimizer.learningRat: unknown field; allowed: "
                + "kind, learningRate,"), e.getMessage());
    }

    @Test
    void unknownTopLevelField() {
        String json = MINIMAL.replace("\"name\": \"My GRU\",", "\"name\": \"My GRU\", \"colour\": 1,");
        PresetException e = assertThrows(PresetException.class, () -> PresetCodec.readString(json, "p.json"));
        assertEquals("colour", e.field());
        assertTrue(e.getMessage().contains("allowed: id, name, description, dataKind, data, config, notes"),
                e.getMessage());
    }

    @Test
    void wrongTypeSaysWhatIsExpected() {
        String json = MINIMAL.replace("0.0005", "\"fast\"");
        PresetException e = assertThrows(PresetException.class, () -> PresetCodec.readString(json, "p.json"));
        assertEquals("p.json: line 8: config.optimizer.learningRate: expected a number, got the string \"fast\"",
                e.getMessage());
    }

    @Test
    void fractionalIntegerIsRejected() {
        String json = MINIMAL.replace("\"layers\": 3", "\"layers\": 2.5");
        PresetException e = assertThrows(PresetException.class, () -> PresetCodec.readString(json, "p.json"));
        assertEquals("config.model.layers", e.field());
        assertTrue(e.getMessage().endsWith("expected an integer, got 2.5"), e.getMessage());
    }

    @Test
    void unknownEnumListsAllowedValues() {
        String json = MINIMAL.replace("\"learningRate\": 0.0005", "\"kind\": \"adagrad\"");
        PresetException e = assertThrows(PresetException.class, () -> PresetCodec.readString(json, "p.json"));
        assertTrue(e.getMessage().endsWith("expected one of ADAM, ADAMW, RADAM, SGD, EMA_MOMENTUM, got the string "
                + "\"adagrad\""), e.getMessage());
    }

    @Test
    void enumsAreCaseInsensitive() {
        String json = MINIMAL.replace("\"learningRate\": 0.0005", "\"kind\": \"radam\"");
        assertEquals(OptimizerSpec.Kind.RADAM, PresetCodec.readString(json, "p.json").config().optimizer().kind());
    }

    @Test
    void missingRequiredFields() {
        PresetException noData = assertThrows(PresetException.class,
                () -> PresetCodec.readString(MINIMAL.replace("\"data\": \"builtin:spam\",", ""), "p.json"));
        assertEquals("data", noData.field());
        assertTrue(noData.getMessage().contains("missing required field"), noData.getMessage());
        PresetException noTemplate = assertThrows(PresetException.class,
                () -> PresetCodec.readString(MINIMAL.replace("\"template\": \"gru\", ", ""), "p.json"));
        assertEquals("config.model.template", noTemplate.field());
        assertTrue(noTemplate.getMessage().contains("[lstm, gru, resnet]"), noTemplate.getMessage());
    }

    @Test
    void nullWhereAValueIsRequired() {
        String json = MINIMAL.replace("\"layers\": 3", "\"layers\": null");
        PresetException e = assertThrows(PresetException.class, () -> PresetCodec.readString(json, "p.json"));
        assertEquals("config.model.layers", e.field());
        assertTrue(e.getMessage().contains("must not be null; expected an integer"), e.getMessage());
    }

    @Test
    void nullableThresholdAcceptsNull() {
        String json = MINIMAL.replace("\"optimizer\"",
                "\"earlyStopping\": {\"stoppingThreshold\": null, \"divergenceThreshold\": 5.0}, \"optimizer\"");
        Preset p = PresetCodec.readString(json, "p.json");
        assertNull(p.config().earlyStopping().stoppingThreshold());
        assertEquals(5.0, p.config().earlyStopping().divergenceThreshold());
    }

    @Test
    void dampeningDefaultsToZeroAndRoundTrips() {
        assertEquals(0.0, PresetCodec.readString(MINIMAL, "my-gru.json").config().optimizer().dampening(),
                "a file without dampening gets torch's default");
        String sgd = MINIMAL.replace("{ \"learningRate\": 0.0005 }",
                "{ \"kind\": \"SGD\", \"learningRate\": 0.05, \"momentum\": 0.9, \"dampening\": 0.25 }");
        Preset p = PresetCodec.readString(sgd, "sgd.json");
        assertEquals(0.25, p.config().optimizer().dampening());
        String json = PresetCodec.write(p);
        assertTrue(json.contains("\"dampening\": 0.25"), json);
        assertEquals(p, PresetCodec.readString(json, "x.json"));
        PresetException e = assertThrows(PresetException.class,
                () -> PresetCodec.readString(sgd.replace("0.25", "1.5"), "sgd.json"));
        assertEquals("config.optimizer.dampening", e.field());
        assertTrue(e.getMessage().contains("must be in [0, 1]"), e.getMessage());
    }

    @Test
    void invalidValueIsReportedWithItsLine() {
        String json = MINIMAL.replace("\"layers\": 3", "\"layers\": 7");
        PresetException e = assertThrows(PresetException.class, () -> PresetCodec.readString(json, "p.json"));
        assertEquals("config.model.layers", e.field());
        assertEquals(7, e.line());
        assertTrue(e.getMessage().contains("must be in 1..4, got 7"), e.getMessage());
        assertEquals(1, e.errors().size());
    }

    @Test
    void lossThatDoesNotFitTheDataKind() {
        String json = MINIMAL.replace("\"optimizer\"", "\"training\": {\"loss\": \"MSE\"}, \"optimizer\"");
        PresetException e = assertThrows(PresetException.class, () -> PresetCodec.readString(json, "p.json"));
        assertEquals("config.training.loss", e.field());
        assertTrue(e.getMessage().contains("allowed: CROSS_ENTROPY"), e.getMessage());
    }

    @Test
    void unknownDataKindAndNoteKey() {
        PresetException kind = assertThrows(PresetException.class,
                () -> PresetCodec.readString(MINIMAL.replace("\"text\"", "\"audio\""), "p.json"));
        assertEquals("dataKind", kind.field());
        assertTrue(kind.getMessage().contains("[text, series, image]"), kind.getMessage());
        String typo = MINIMAL.replace("\"config\"", "\"notes\": {\"optimiser.learningRate\": \"x\"}, \"config\"");
        PresetException note = assertThrows(PresetException.class, () -> PresetCodec.readString(typo, "p.json"));
        assertEquals("notes.optimiser.learningRate", note.field());
    }

    @Test
    void dataSpecAsStringOrObjectIsChecked() {
        String object = MINIMAL.replace("\"builtin:spam\"",
                "{\"format\": \"text\", \"path\": \"mails.tsv\", \"options\": {\"text\": \"body\"}}");
        assertEquals("text:mails.tsv?text=body", PresetCodec.readString(object, "p.json").data());
        PresetException bad = assertThrows(PresetException.class,
                () -> PresetCodec.readString(MINIMAL.replace("builtin:spam", "csv:x.csv"), "p.json"));
        assertEquals("data", bad.field());
        assertEquals(5, bad.line());
        assertTrue(bad.getMessage().contains("allowed: text, series, idx, images, builtin"), bad.getMessage());
        PresetException number = assertThrows(PresetException.class,
                () -> PresetCodec.readString(MINIMAL.replace("\"builtin:spam\"", "7"), "p.json"));
        assertEquals("data", number.field());
    }

    @Test
    void malformedJsonGivesLine() {
        String json = MINIMAL.replace("\"name\": \"My GRU\",", "\"name\": \"My GRU\"");
        PresetException e = assertThrows(PresetException.class, () -> PresetCodec.readString(json, "p.json"));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().startsWith("p.json: line 4: malformed JSON"), e.getMessage());
        PresetException dup = assertThrows(PresetException.class,
                () -> PresetCodec.readString(MINIMAL.replace("\"name\": \"My GRU\",",
                        "\"name\": \"a\", \"name\": \"b\","), "p.json"));
        assertEquals("name", dup.field());
        PresetException notObject = assertThrows(PresetException.class, () -> PresetCodec.readString("[1]", "p.json"));
        assertTrue(notObject.getMessage().contains("a preset is a JSON object"));
        assertThrows(PresetException.class, () -> PresetCodec.readString(MINIMAL.substring(0, 60), "p.json"));
    }

    @Test
    void fileErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.json");
        PresetException e = assertThrows(PresetException.class, () -> PresetCodec.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        Path latin = dir.resolve("latin.json");
        Files.write(latin, MINIMAL.replace("My GRU", "M\u00fc").getBytes(StandardCharsets.ISO_8859_1));
        PresetException enc = assertThrows(PresetException.class, () -> PresetCodec.read(latin));
        assertTrue(enc.getMessage().contains("not UTF-8"), enc.getMessage());
        Path ok = dir.resolve("ok.json");
        Files.writeString(ok, MINIMAL);
        assertEquals("my-gru", PresetCodec.read(ok).id());
    }
}
