package dev.tunebench.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigPathsTest {

    private static RunConfig lstm() {
        return RunConfig.defaults("lstm", Task.CLASSIFICATION);
    }

    /** Returns a value of the field's type that differs from {@code v} and is allowed. */
    private static Object other(ConfigField f, Object v) {
        switch (f.type()) {
            case INT:
                for (long n : new long[] {1, 3, 0, 2}) {
                    if (n != ((Number) v).longValue() && f.range().map(r -> r.contains(n)).orElse(true)) {
                        return f.isLong() ? (Object) n : (Object) (int) n;
                    }
                }
                throw new AssertionError(f.path());
            case FLOAT:
                if (f.nullable()) {
                    return v == null ? 0.5 : null;
                }
                for (double d : new double[] {0.5, 0.25, 2.0}) {
                    if (d != (Double) v && f.range().orElseThrow().contains(d)) {
                        return d;
                    }
                }
                throw new AssertionError(f.path());
            case BOOL:
                return !(Boolean) v;
            case INT_LIST:
                return List.of(8, 16);
            default:
                List<String> c = new ArrayList<>(f.choices());
                c.remove(v.toString());
                return f.type() == ConfigField.Type.STRING ? c.get(0) : f.parseText(c.get(0));
        }
    }

    @Test
    void everyComponentOfEverySectionRecordHasAPath() {
        List<Class<?>> records = List.of(TrainingSpec.class, OptimizerSpec.class, ScheduleSpec.class,
                MonitorSpec.class, EarlyStoppingSpec.class, CheckpointSpec.class);
        for (int i = 0; i < records.size(); i++) {
            for (RecordComponent c : records.get(i).getRecordComponents()) {
                String path = ConfigPaths.SECTIONS.get(i + 1) + "." + c.getName();
                assertTrue(ConfigPaths.find(path).isPresent(), path);
            }
        }
        for (Class<?> spec : List.of(RecurrentModelSpec.class, ResNetModelSpec.class)) {
            for (RecordComponent c : spec.getRecordComponents()) {
                String path = c.getName().equals("cell") ? ConfigPaths.TEMPLATE : "model." + c.getName();
                assertTrue(ConfigPaths.find(path).isPresent(), path);
            }
        }
        assertEquals(ConfigPaths.all().size(), ConfigPaths.all().stream().map(ConfigField::path).distinct().count());
    }

    @Test
    void everyNumberDeclaresWhatIsAllowed() {
        // A new numeric component must get its range where the vocabulary declares ranges (ConfigPaths).
        for (ConfigField f : ConfigPaths.all()) {
            boolean numeric = f.type() == ConfigField.Type.INT || f.type() == ConfigField.Type.FLOAT
                    || f.type() == ConfigField.Type.INT_LIST;
            if (numeric && !f.path().equals("training.seed")) {
                assertTrue(f.range().isPresent(), f + " needs a range in ConfigPaths");
            }
        }
    }

    @Test
    void getAndWithRoundTripEveryPathOfEveryTemplate() {
        for (String t : ModelSpec.TEMPLATES) {
            RunConfig c = RunConfig.defaults(t, Task.CLASSIFICATION);
            for (ConfigField f : ConfigPaths.of(t)) {
                if (f.path().equals(ConfigPaths.TEMPLATE)) {
                    continue;
                }
                Object v = f.get(c);
                Object w = other(f, v);
                assertNotEquals(v, w, f.path());
                RunConfig changed = f.with(c, w);
                assertEquals(w, ConfigPaths.get(changed, f.path()), t + " " + f);
                // Every other field is untouched.
                for (ConfigField g : ConfigPaths.of(t)) {
                    if (g != f) {
                        assertEquals(g.get(c), g.get(changed), t + ": setting " + f + " changed " + g);
                    }
                }
                // The same through JSON and through text.
                assertEquals(changed, ConfigPaths.with(c, f.path(), f.getJson(changed)), f.path());
                assertEquals(changed, ConfigPaths.withText(c, f.path(), f.text(changed)), f.path());
            }
        }
    }

    @Test
    void templatesOwnTheirFields() {
        assertEquals(List.of("template", "layers", "embeddingSize", "hiddenSize", "bidirectional", "sequenceOutput",
                "layerNorm", "dropoutAfterEmbedding", "dropoutBeforeOutput", "init", "recurrentInit", "orthogonalGain",
                "forgetGateBias"), names("lstm"));
        assertEquals(List.of("template", "stageChannels", "blocksPerStage", "shortcuts", "batchNorm", "activation",
                "leakyReluSlope", "dropoutBeforeOutput", "init"), names("resnet"));
        assertFalse(names("gru").contains("forgetGateBias"), "a GRU has no forget gate");
        assertTrue(ConfigPaths.field("model.embeddingSize").appliesToData("text"));
        assertFalse(ConfigPaths.field("model.embeddingSize").appliesToData("series"));
        assertTrue(ConfigPaths.field("training.batchSize").appliesTo("resnet"));
    }

    private static List<String> names(String template) {
        return ConfigPaths.of(template).stream().filter(f -> f.section().equals("model")).map(ConfigField::name)
                .toList();
    }

    @Test
    void describesTypesRangesAndDefaultsPerTemplate() {
        ConfigField layers = ConfigPaths.field("model.layers");
        assertEquals(ConfigField.Type.INT, layers.type());
        assertEquals(new ConfigField.Range(1, true, 4, true), layers.range().orElseThrow());
        assertEquals("an integer in 1..4", layers.allowed());
        assertEquals(Set.of("lstm", "gru"), layers.templates());
        assertEquals(2, layers.defaultValue("lstm", null));
        ConfigField lr = ConfigPaths.field("optimizer.learningRate");
        assertEquals(ConfigField.Type.FLOAT, lr.type());
        assertTrue(lr.range().orElseThrow().contains(1e-9));
        assertFalse(lr.range().orElseThrow().contains(0));
        assertEquals("a number > 0", lr.allowed());
        assertEquals(List.of("ADAM", "ADAMW", "RADAM", "SGD", "EMA_MOMENTUM"),
                ConfigPaths.field("optimizer.kind").choices());
        assertEquals(List.of("lstm", "gru", "resnet"), ConfigPaths.field(ConfigPaths.TEMPLATE).choices());
        assertEquals(ConfigField.Type.INT_LIST, ConfigPaths.field("model.stageChannels").type());
        assertEquals(6, ConfigPaths.field("model.stageChannels").maxItems());
        assertTrue(ConfigPaths.field("earlyStopping.stoppingThreshold").nullable());
        assertTrue(ConfigPaths.field("training.seed").isLong());
        assertEquals(1.0, ConfigPaths.field("training.clipNorm").defaultValue("gru", null));
        assertEquals(0.0, ConfigPaths.field("training.clipNorm").defaultValue("resnet", null));
        assertEquals(LossKind.MSE, ConfigPaths.field("training.loss").defaultValue("lstm", Task.REGRESSION));
        assertEquals(List.of(32, 64, 128), ConfigPaths.field("model.stageChannels").defaultValue("resnet", null));
    }

    @Test
    void switchingTemplateCarriesRecurrentFieldsAndResetsAcrossFamilies() {
        RunConfig c = ConfigPaths.withText(lstm(), "model.layers", "3");
        c = ConfigPaths.withText(c, "model.hiddenSize", "64");
        c = ConfigPaths.withText(c, "optimizer.learningRate", "3e-4");
        RunConfig gru = ConfigPaths.with(c, ConfigPaths.TEMPLATE, new JsonPrimitive("gru"));
        assertEquals("gru", gru.model().template());
        assertEquals(3, ConfigPaths.get(gru, "model.layers"));
        assertEquals(64, ConfigPaths.get(gru, "model.hiddenSize"));
        assertEquals(3e-4, ConfigPaths.get(gru, "optimizer.learningRate"), "other sections are kept");
        RunConfig resnet = ConfigPaths.with(c, ConfigPaths.TEMPLATE, new JsonPrimitive("resnet"));
        assertEquals(ResNetModelSpec.defaults(), resnet.model());
        assertEquals(3e-4, ConfigPaths.get(resnet, "optimizer.learningRate"));
        RunConfig back = ConfigPaths.with(resnet, ConfigPaths.TEMPLATE, new JsonPrimitive("lstm"));
        assertEquals(RecurrentModelSpec.lstmDefaults(), back.model(), "resnet to lstm gives the lstm defaults");
        RunConfig lstmAgain = ConfigPaths.withText(gru, ConfigPaths.TEMPLATE, "lstm");
        assertEquals(true, ConfigPaths.get(lstmAgain, "model.forgetGateBias"), "the LSTM default, not a GRU's");
        assertEquals(c, ConfigPaths.withText(c, ConfigPaths.TEMPLATE, "lstm"), "the same template changes nothing");
    }

    @Test
    void errorsNameThePathAndWhatIsAllowed() {
        ConfigPathException foreign = assertThrows(ConfigPathException.class,
                () -> ConfigPaths.withText(lstm(), "model.stageChannels", "16, 32"));
        assertEquals("model.stageChannels", foreign.path());
        assertEquals("model.stageChannels: does not apply to lstm; its model fields are layers, embeddingSize, "
                + "hiddenSize, bidirectional, sequenceOutput, layerNorm, dropoutAfterEmbedding, dropoutBeforeOutput, "
                + "init, recurrentInit, orthogonalGain, forgetGateBias", foreign.getMessage());
        assertThrows(ConfigPathException.class, () -> ConfigPaths.get(lstm(), "model.shortcuts"));
        assertThrows(ConfigPathException.class,
                () -> ConfigPaths.field("model.forgetGateBias").get(RunConfig.defaults("gru", null)));

        ConfigPathException unknown = assertThrows(ConfigPathException.class,
                () -> ConfigPaths.field("optimizer.learningRat"));
        assertTrue(unknown.getMessage().startsWith("optimizer.learningRat: unknown field; allowed: kind, "
                + "learningRate, beta1"), unknown.getMessage());
        ConfigPathException section = assertThrows(ConfigPathException.class,
                () -> ConfigPaths.withText(lstm(), "optimiser.learningRate", "1"));
        assertTrue(section.getMessage().contains("allowed: model, training, optimizer, schedule, monitor, "
                + "earlyStopping, checkpoints"), section.getMessage());

        assertEquals("model.layers: must be in 1..4, got 7 (tip 17: 2 or 3)", assertThrows(ConfigPathException.class,
                () -> ConfigPaths.with(lstm(), "model.layers", new JsonPrimitive(7))).getMessage());
        assertEquals("model.layers: expected an integer, got 2.5", assertThrows(ConfigPathException.class,
                () -> ConfigPaths.with(lstm(), "model.layers", new JsonPrimitive(2.5))).getMessage());
        assertEquals("optimizer.learningRate: expected a number, got the string \"fast\"",
                assertThrows(ConfigPathException.class, () -> ConfigPaths.with(lstm(), "optimizer.learningRate",
                        new JsonPrimitive("fast"))).getMessage());
        assertEquals("optimizer.kind: expected one of ADAM, ADAMW, RADAM, SGD, EMA_MOMENTUM, got \"adagrad\"",
                assertThrows(ConfigPathException.class, () -> ConfigPaths.withText(lstm(), "optimizer.kind",
                        "adagrad")).getMessage());
        assertEquals("model.template: must be one of [lstm, gru, resnet], got \"transformer\"",
                assertThrows(ConfigPathException.class, () -> ConfigPaths.withText(lstm(), ConfigPaths.TEMPLATE,
                        "transformer")).getMessage());
        assertEquals("model.dropoutBeforeOutput: must be a probability in [0, 1) (0 = off), got 1.0 (tip 12)",
                assertThrows(ConfigPathException.class, () -> ConfigPaths.withText(lstm(),
                        "model.dropoutBeforeOutput", "1")).getMessage());
        assertEquals("training.epochs: must not be null; expected an integer", assertThrows(
                ConfigPathException.class, () -> ConfigPaths.with(lstm(), "training.epochs", JsonNull.INSTANCE))
                .getMessage());
        assertEquals("schedule.plateau: expected true or false, got \"yes\"", assertThrows(ConfigPathException.class,
                () -> ConfigPaths.withText(lstm(), "schedule.plateau", "yes")).getMessage());
    }

    @Test
    void listsAreCheckedElementByElement() {
        RunConfig cnn = RunConfig.defaults("resnet", Task.CLASSIFICATION);
        assertEquals(List.of(16, 32), ConfigPaths.get(ConfigPaths.withText(cnn, "model.stageChannels", "[16, 32]"),
                "model.stageChannels"));
        JsonArray bad = new JsonArray();
        bad.add(16);
        bad.add(0);
        ConfigPathException e = assertThrows(ConfigPathException.class,
                () -> ConfigPaths.with(cnn, "model.stageChannels", bad));
        assertEquals("model.stageChannels[1]", e.path());
        assertEquals("must be in 1..1024, got 0", e.detail());
        ConfigPathException empty = assertThrows(ConfigPathException.class,
                () -> ConfigPaths.withText(cnn, "model.stageChannels", ""));
        assertEquals("must list 1 to 6 stage widths, e.g. [32, 64, 128], got []", empty.detail());
        assertEquals(Map.of("model.stageChannels[0]", "must be in 1..1024, got 2000"),
                ConfigPaths.field("model.stageChannels").problems(List.of(2000)));
    }

    @Test
    void nullableThresholdsAndJavaValues() {
        RunConfig c = ConfigPaths.withText(lstm(), "earlyStopping.stoppingThreshold", "0.25");
        assertEquals(0.25, ConfigPaths.get(c, "earlyStopping.stoppingThreshold"));
        assertNull(ConfigPaths.get(ConfigPaths.withText(c, "earlyStopping.stoppingThreshold", "none"),
                "earlyStopping.stoppingThreshold"));
        assertEquals("", ConfigPaths.field("earlyStopping.stoppingThreshold").text(lstm()));
        // with(config, value) converts what loses nothing: an int for a float, 7L for an int, a name for an enum.
        ConfigField lr = ConfigPaths.field("optimizer.learningRate");
        assertEquals(1.0, lr.get(lr.with(lstm(), 1)));
        assertEquals(OptimizerSpec.Kind.SGD, ConfigPaths.field("optimizer.kind").get(
                ConfigPaths.field("optimizer.kind").with(lstm(), "sgd")));
        assertEquals(9L, ConfigPaths.field("training.seed").get(ConfigPaths.field("training.seed").with(lstm(), 9)));
        assertThrows(ConfigPathException.class, () -> ConfigPaths.field("training.epochs").with(lstm(), true));
        JsonElement json = ConfigPaths.field("optimizer.weightDecay").getJson(lstm());
        assertEquals("0.0001", json.toString(), "numbers are written as a person would type them");
        assertEquals("1e-4", ConfigPaths.field("optimizer.weightDecay").text(lstm()));
    }

    @Test
    void textsListTheTemplatesFieldsInFileOrder() {
        Map<String, String> t = ConfigPaths.texts(RunConfig.defaults("resnet", Task.CLASSIFICATION));
        assertEquals("resnet", t.get("model.template"));
        assertEquals("32, 64, 128", t.get("model.stageChannels"));
        assertFalse(t.containsKey("model.layers"));
        assertEquals(ConfigPaths.of("resnet").size(), t.size());
        assertEquals("model.template", t.keySet().iterator().next());
    }
}
