package dev.tunebench.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.ConfigPathException;
import dev.tunebench.engine.config.ConfigPaths;
import dev.tunebench.engine.config.EarlyStoppingSpec;
import dev.tunebench.engine.config.LossKind;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.RecurrentModelSpec;
import dev.tunebench.engine.config.ResNetModelSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.ScheduleSpec;
import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.config.TrainingSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresetValidatorTest {

    private static RunConfig lstm() {
        return PresetCodec.defaultConfig("lstm", "text");
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void defaultsAreValid() {
        for (String t : PresetValidator.TEMPLATES) {
            for (String kind : Preset.DATA_KINDS) {
                assertEquals(List.of(), PresetValidator.validate(PresetCodec.defaultConfig(t, kind),
                        Preset.taskOf(kind)), t + "/" + kind);
            }
        }
    }

    @Test
    void rangesAreEnforced() {
        RecurrentModelSpec m = (RecurrentModelSpec) lstm().model();
        ModelSpec bad = new RecurrentModelSpec(RecurrentModelSpec.Cell.LSTM, 5, 128, 256, false, m.sequenceOutput(),
                false, 1.0, -0.1, m.init(), m.recurrentInit(), 1.0, true);
        RunConfig c = lstm().withModel(bad)
                .withTraining(new TrainingSpec(0, 0, 1, -1, LossKind.CROSS_ENTROPY, 1.0))
                .withOptimizer(OptimizerSpec.adamDefaults().withLearningRate(0))
                .withSchedule(new ScheduleSpec(ScheduleSpec.Kind.COSINE, 0, 0, 0, false, 0.1, -1, 0))
                .withEarlyStopping(new EarlyStoppingSpec(true, -1, null, null, true, 0, 0, true))
                .withCheckpoints(new CheckpointSpec(0, true));
        List<String> f = fields(PresetValidator.validate(c));
        assertEquals(List.of("model.layers", "model.dropoutAfterEmbedding", "model.dropoutBeforeOutput",
                "training.epochs", "training.batchSize", "training.clipNorm", "optimizer.learningRate",
                "schedule.tMax", "schedule.plateauPatience", "earlyStopping.patience", "checkpoints.keepBest"), f);
    }

    @Test
    void boundaryValuesAreAllowed() {
        RecurrentModelSpec m = (RecurrentModelSpec) lstm().model();
        ModelSpec edge = new RecurrentModelSpec(RecurrentModelSpec.Cell.GRU, 4, 1, 1, true, m.sequenceOutput(), true,
                0.0, 0.99, m.init(), m.recurrentInit(), 1.0, false);
        RunConfig c = lstm().withModel(edge).withTraining(new TrainingSpec(1, 1, 0, 0, LossKind.CROSS_ENTROPY, 1.0))
                .withEarlyStopping(new EarlyStoppingSpec(true, 0, null, null, true, 0, 0, true));
        assertEquals(List.of(), PresetValidator.validate(c, Task.CLASSIFICATION));
    }

    @Test
    void cnnNeedsStages() {
        ResNetModelSpec r = ResNetModelSpec.defaults();
        ModelSpec bad = new ResNetModelSpec(List.of(32, 0), 0, true, true, r.activation(), 0.01, 0.2, r.init());
        assertEquals(List.of("model.stageChannels[1]", "model.blocksPerStage"),
                fields(PresetValidator.validate(lstm().withModel(bad))));
    }

    @Test
    void unknownTemplate() {
        // A config cannot hold an unknown template any more: the one way in, the field path, refuses it.
        ConfigPathException e = assertThrows(ConfigPathException.class,
                () -> ConfigPaths.with(lstm(), "model.template", new JsonPrimitive("transformer")));
        assertEquals("model.template", e.path());
        assertTrue(e.getMessage().contains("[lstm, gru, resnet]"), e.getMessage());
    }

    @Test
    void noteOnAFieldOfAnotherTemplateIsAnError() {
        Preset p = new Preset("p", "P", "", "text", "builtin:spam", lstm(),
                java.util.Map.of("model.stageChannels", "why"));
        List<FieldError> e = PresetValidator.validate(p);
        assertEquals(List.of("notes.model.stageChannels"), fields(e));
        assertTrue(e.get(0).message().contains("does not apply to lstm"), e.get(0).message());
    }

    @Test
    void lossAndMonitorMustFitTheTask() {
        RunConfig c = lstm().withMonitor(new MonitorSpec("val_accuracy", MonitorSpec.Mode.MAX, 0));
        assertEquals(List.of("training.loss", "monitor.metric"), fields(PresetValidator.validate(c, Task.REGRESSION)));
        assertEquals(List.of(), fields(PresetValidator.validate(c, Task.CLASSIFICATION)));
        RunConfig wrongMode = lstm().withMonitor(new MonitorSpec("val_accuracy", MonitorSpec.Mode.MIN, 0));
        assertEquals(List.of("monitor.mode"), fields(PresetValidator.validate(wrongMode)));
    }

    @Test
    void nesterovNeedsSgdMomentum() {
        OptimizerSpec o = new OptimizerSpec(OptimizerSpec.Kind.ADAM, 1e-3, 0.9, 0.999, 1e-8, 0, 0.9, true);
        assertEquals(List.of("optimizer.nesterov"), fields(PresetValidator.validate(lstm().withOptimizer(o))));
        assertEquals(List.of(), fields(PresetValidator.validate(lstm().withOptimizer(o.withKind(
                OptimizerSpec.Kind.SGD)))));
    }

    @Test
    void dampeningIsTorchsSgdOption() {
        OptimizerSpec sgd = new OptimizerSpec(OptimizerSpec.Kind.SGD, 0.1, 0.9, 0.999, 1e-8, 0, 0.9, 0.5, false);
        assertEquals(List.of(), PresetValidator.validate(lstm().withOptimizer(sgd)));
        assertEquals(List.of(), PresetValidator.validate(lstm().withOptimizer(sgd.withDampening(1))));
        List<FieldError> e = PresetValidator.validate(lstm().withOptimizer(sgd.withDampening(-0.1)));
        assertEquals(List.of("optimizer.dampening"), fields(e));
        assertEquals("must be in [0, 1] (0 = none, torch's default), got -0.1", e.get(0).message());
        assertEquals(List.of("optimizer.dampening"),
                fields(PresetValidator.validate(lstm().withOptimizer(sgd.withDampening(Double.NaN)))));
        e = PresetValidator.validate(lstm().withOptimizer(sgd.withKind(OptimizerSpec.Kind.ADAMW)));
        assertEquals(List.of("optimizer.dampening"), fields(e));
        assertTrue(e.get(0).message().startsWith("needs kind SGD with momentum > 0"), e.get(0).message());
        OptimizerSpec noMomentum = new OptimizerSpec(OptimizerSpec.Kind.SGD, 0.1, 0.9, 0.999, 1e-8, 0, 0, 0.5, false);
        assertEquals(List.of("optimizer.dampening"), fields(PresetValidator.validate(lstm().withOptimizer(noMomentum))));
    }

    @Test
    void nesterovNeedsZeroDampening() {
        OptimizerSpec o = new OptimizerSpec(OptimizerSpec.Kind.SGD, 0.1, 0.9, 0.999, 1e-8, 0, 0.9, 0.1, true);
        List<FieldError> e = PresetValidator.validate(lstm().withOptimizer(o));
        assertEquals(List.of("optimizer.nesterov"), fields(e));
        assertEquals("needs optimizer.dampening 0 (as torch.optim.SGD), got 0.1", e.get(0).message());
        assertEquals(List.of(), PresetValidator.validate(lstm().withOptimizer(o.withDampening(0))));
    }

    @Test
    void fieldPaths() {
        assertTrue(PresetValidator.isField("optimizer.learningRate"));
        assertTrue(PresetValidator.isField("model"));
        assertTrue(!PresetValidator.isField("optimizer.learningRate.x"));
        assertTrue(!PresetValidator.isField("optimiser.learningRate"));
    }
}
