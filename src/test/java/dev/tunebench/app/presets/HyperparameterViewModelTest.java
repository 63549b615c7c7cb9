package dev.tunebench.app.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.EarlyStoppingSpec;
import dev.tunebench.engine.config.LossKind;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.RecurrentModelSpec;
import dev.tunebench.engine.config.ResNetModelSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.ScheduleSpec;
import dev.tunebench.engine.config.TrainingSpec;
import dev.tunebench.engine.data.InputSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class HyperparameterViewModelTest {

    public static RunConfig lstm() {
        return new RunConfig(RecurrentModelSpec.lstmDefaults(),
                new TrainingSpec(10, 32, 42, 1.0, LossKind.CROSS_ENTROPY, 1.0),
                OptimizerSpec.adamDefaults(), ScheduleSpec.cosineDefaults(), MonitorSpec.valLoss(),
                EarlyStoppingSpec.defaults(), CheckpointSpec.defaults());
    }

    @Test
    void configRoundTripsThroughTheFields() {
        RunConfig c = lstm();
        assertEquals(c, ConfigFields.fromTexts("lstm", ConfigFields.toTexts(c)));
        RunConfig odd = c.withOptimizer(c.optimizer().withLearningRate(3.7e-5))
                .withEarlyStopping(new EarlyStoppingSpec(true, 3, 0.01, 9.5, true, 2, 60, false));
        assertEquals(odd, ConfigFields.fromTexts("lstm", ConfigFields.toTexts(odd)));
        assertEquals("3.7e-5", ConfigFields.toTexts(odd).get("learningRate"));
        RunConfig damped = c.withOptimizer(c.optimizer().withKind(OptimizerSpec.Kind.SGD).withDampening(0.3));
        assertEquals(damped, ConfigFields.fromTexts("lstm", ConfigFields.toTexts(damped)),
                "the editor keeps a preset's dampening");
    }

    @Test
    void invalidValueIsFlaggedWithItsReasonAndBlocksTheConfig() {
        HyperparameterViewModel vm = new HyperparameterViewModel();
        vm.load(lstm(), Map.of("learningRate", "tip 7"));
        assertTrue(vm.validProperty().get());
        assertNotNull(vm.configProperty().get());
        assertEquals("tip 7", vm.field("learningRate").noteProperty().get());

        vm.set("learningRate", "-1");
        assertFalse(vm.validProperty().get());
        assertNull(vm.configProperty().get());
        assertEquals("must be greater than 0", vm.field("learningRate").errorProperty().get());
        assertTrue(vm.errorSummaryProperty().get().contains("Learning rate must be greater than 0"));

        vm.set("learningRate", "abc");
        assertEquals("is not a number", vm.field("learningRate").errorProperty().get());
        vm.set("batchSize", "2.5");
        assertEquals("is not a whole number", vm.field("batchSize").errorProperty().get());
        vm.set("dropoutBeforeOutput", "1");
        assertEquals("must be less than 1", vm.field("dropoutBeforeOutput").errorProperty().get());

        vm.resetToPreset();
        assertTrue(vm.validProperty().get());
        assertFalse(vm.modifiedProperty().get());
        assertEquals(lstm(), vm.configProperty().get());
    }

    @Test
    void editedValueReachesTheConfigAndMarksModified() {
        HyperparameterViewModel vm = new HyperparameterViewModel();
        vm.load(lstm(), Map.of());
        vm.set("learningRate", "1e-4");
        vm.set("layers", "3");
        assertTrue(vm.modifiedProperty().get());
        RunConfig c = vm.configProperty().get();
        assertEquals(1e-4, c.optimizer().learningRate());
        assertEquals(3, ((RecurrentModelSpec) c.model()).layers());
    }

    @Test
    void fieldsOfAnotherTemplateAreIgnored() {
        HyperparameterViewModel vm = new HyperparameterViewModel();
        vm.load(lstm(), Map.of());
        ParamField stages = vm.field("stageChannels");
        assertFalse(stages.applicableProperty().get());
        assertFalse(stages.isValid(), "an LSTM has no stages: the empty list is invalid but does not apply");
        assertTrue(vm.validProperty().get());

        vm.setTemplate("resnet", HyperparameterViewModelTest.lstm().withModel(ResNetModelSpec.defaults()));
        assertTrue(stages.applicableProperty().get());
        assertFalse(vm.field("layers").applicableProperty().get());
        assertEquals(List.of(32, 64, 128), ((ResNetModelSpec) vm.configProperty().get().model()).stageChannels());
        assertEquals("resnet", vm.configProperty().get().model().template());
        vm.set("stageChannels", "32, x");
        assertEquals("'x' is not a whole number", stages.errorProperty().get());
        assertFalse(vm.validProperty().get());
    }

    @Test
    void fieldsTakeTheirRangesAndTemplatesFromTheSharedVocabulary() {
        HyperparameterViewModel vm = new HyperparameterViewModel();
        vm.load(lstm(), Map.of());
        assertEquals("model.hiddenSize", vm.field("hiddenSize").path());
        assertEquals("must be at most 4096", vm.field("hiddenSize").check("5000"), "as presets and --set allow");
        assertEquals("must be at most 16", vm.field("blocksPerStage").check("17"));
        assertEquals(List.of("LAST", "MEAN"), vm.field("sequenceOutput").choices());
        assertFalse(vm.field("activation").applicableProperty().get(), "an LSTM has no configurable activation");
        assertTrue(vm.field("forgetGateBias").applicableProperty().get());
        vm.setTemplate("gru", lstm().withModel(RecurrentModelSpec.gruDefaults()));
        assertFalse(vm.field("forgetGateBias").applicableProperty().get(), "a GRU has no forget gate");
        assertEquals("gru", vm.configProperty().get().model().template());
        vm.setTemplate("resnet", lstm().withModel(ResNetModelSpec.defaults()));
        assertTrue(vm.field("activation").applicableProperty().get());
        assertEquals(ResNetModelSpec.defaults(), vm.configProperty().get().model());
    }

    @Test
    void theTokenEmbeddingIsHiddenForSeriesAndImagesButKeepsItsValue() {
        HyperparameterViewModel vm = new HyperparameterViewModel();
        vm.load(lstm(), Map.of());
        ParamField embedding = vm.field("embeddingSize");
        assertTrue(embedding.applicableProperty().get(), "no data yet: nothing is hidden");
        vm.setInputKind(InputSpec.Kind.SERIES);
        assertFalse(embedding.applicableProperty().get(), "a series window has no tokens to embed");
        assertTrue(vm.field("hiddenSize").applicableProperty().get());
        assertTrue(vm.field("dropoutAfterEmbedding").applicableProperty().get(), "input dropout applies to series");
        assertEquals(RecurrentModelSpec.lstmDefaults().embeddingSize(),
                ((RecurrentModelSpec) vm.configProperty().get().model()).embeddingSize());
        vm.setInputKind(InputSpec.Kind.TOKENS);
        assertTrue(embedding.applicableProperty().get());
        vm.setTemplate("resnet", lstm().withModel(ResNetModelSpec.defaults()));
        assertFalse(embedding.applicableProperty().get(), "the template still decides too");
    }

    @Test
    void warningsNeverBlockButValidatorErrorsDo() {
        HyperparameterViewModel vm = new HyperparameterViewModel();
        vm.setRules(c -> c.training().batchSize() > 4096 ? List.of("batch larger than the data") : List.of(),
                c -> c.training().clipNorm() == 0 ? List.of("RNN without gradient clipping (tip 9)") : List.of());
        vm.load(lstm(), Map.of());
        assertTrue(vm.warnings().isEmpty());
        vm.set("clipNorm", "0");
        assertEquals(List.of("RNN without gradient clipping (tip 9)"), vm.warnings());
        assertTrue(vm.validProperty().get());
        vm.set("batchSize", "5000");
        assertFalse(vm.validProperty().get());
        assertEquals("batch larger than the data", vm.errorSummaryProperty().get());
    }
}
