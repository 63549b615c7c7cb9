package dev.tunebench.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.ResNetModelSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.data.ArraySplit;
import dev.tunebench.engine.data.InputSpec;
import dev.tunebench.engine.data.LoadedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresetChecksTest {
    private static final DataFacts TEXT = new DataFacts(5000, InputSpec.Kind.TOKENS, Task.CLASSIFICATION, 2, 0.95);

    private static List<String> tips(List<Warning> w) {
        return w.stream().map(x -> x.field() + "/" + x.tip()).toList();
    }

    @Test
    void everyBundledPresetExceptTheSgdBaselineIsClean() {
        for (Preset p : new PresetLibrary(Path.of("target/no-user-presets")).bundled()) {
            Task task = p.task();
            InputSpec.Kind kind = switch (p.dataKind()) {
                case "text" -> InputSpec.Kind.TOKENS;
                case "series" -> InputSpec.Kind.SERIES;
                default -> InputSpec.Kind.IMAGE;
            };
            List<Warning> w = PresetChecks.check(p, new DataFacts(5000, kind, task, 2, Double.NaN));
            if (p.id().equals("lstm-text-sgd-baseline")) {
                assertEquals(List.of("optimizer.kind/7"), tips(w));
            } else {
                assertEquals(List.of(), w, p.id());
            }
        }
    }

    @Test
    void rnnWithoutClipping() {
        RunConfig c = PresetCodec.defaultConfig("gru", "text");
        c = c.withTraining(new dev.tunebench.engine.config.TrainingSpec(5, 32, 1, 0, c.training().loss(), 1));
        assertEquals(List.of("training.clipNorm/9"), tips(PresetChecks.check(c, TEXT)));
        RunConfig cnn = PresetCodec.defaultConfig("resnet", "image");
        assertEquals(List.of(), PresetChecks.check(cnn, DataFacts.unknown()), "a CNN needs no clipping warning");
    }

    @Test
    void optimizerWarnings() {
        RunConfig base = PresetCodec.defaultConfig("lstm", "text");
        OptimizerSpec adamL2 = base.optimizer().withKind(OptimizerSpec.Kind.ADAM);
        assertEquals(List.of("optimizer.weightDecay/18"), tips(PresetChecks.check(base.withOptimizer(adamL2), TEXT)));
        OptimizerSpec adamw = adamL2.withKind(OptimizerSpec.Kind.ADAMW);
        assertEquals(List.of(), tips(PresetChecks.check(base.withOptimizer(adamw), TEXT)));
        assertEquals(List.of("optimizer.learningRate/7"),
                tips(PresetChecks.check(base.withOptimizer(adamw.withLearningRate(0.05)), TEXT)));
        assertEquals(List.of("optimizer.learningRate/7"),
                tips(PresetChecks.check(base.withOptimizer(adamw.withLearningRate(1e-6)), TEXT)));
        assertEquals(List.of(), tips(PresetChecks.check(base.withOptimizer(adamw.withLearningRate(1e-2)), TEXT)));
        assertEquals(List.of(), tips(PresetChecks.check(base.withOptimizer(adamw.withLearningRate(1e-5)), TEXT)));
        List<Warning> sgd = PresetChecks.check(base.withOptimizer(adamw.withKind(OptimizerSpec.Kind.SGD)
                .withLearningRate(0.1)), TEXT);
        assertEquals(List.of("optimizer.kind/7"), tips(sgd), "SGD's lr is not judged by the Adam range");
        assertEquals(List.of("optimizer.kind/7"), tips(PresetChecks.check(base.withOptimizer(
                adamw.withKind(OptimizerSpec.Kind.EMA_MOMENTUM)), TEXT)));
    }

    @Test
    void batchPaddingSubsetAndShortcuts() {
        RunConfig c = PresetCodec.defaultConfig("lstm", "text");
        c = c.withOptimizer(c.optimizer().withKind(OptimizerSpec.Kind.ADAMW));
        assertEquals(List.of("training.batchSize/15"),
                tips(PresetChecks.check(c.withTraining(c.training().withBatchSize(512)), TEXT)));
        assertEquals(List.of(), tips(PresetChecks.check(c.withTraining(c.training().withBatchSize(256)), TEXT)));
        DataFacts poorPadding = new DataFacts(5000, InputSpec.Kind.TOKENS, Task.CLASSIFICATION, 2, 0.8);
        List<Warning> w = PresetChecks.check(c, poorPadding);
        assertEquals(List.of("data/23"), tips(w));
        assertTrue(w.get(0).message().contains("80%"), w.get(0).message());
        assertTrue(PresetChecks.check(c.withOptimizer(c.optimizer().withLearningRate(0.5)), TEXT).get(0).message()
                .contains("outside 1e-5..0.01"));
        DataFacts big = new DataFacts(60_000, InputSpec.Kind.TOKENS, Task.CLASSIFICATION, 2, 0.95);
        assertEquals(List.of("data/5"), tips(PresetChecks.check(c, big)));
        assertEquals(List.of(), tips(PresetChecks.check(c, new DataFacts(20_000, InputSpec.Kind.TOKENS,
                Task.CLASSIFICATION, 2, 0.9))));
        RunConfig plain = PresetCodec.defaultConfig("resnet", "image");
        ResNetModelSpec m = (ResNetModelSpec) plain.model();
        ModelSpec noShort = new ResNetModelSpec(m.stageChannels(), 2, false, true, m.activation(), 0.01, 0.2, m.init());
        plain = plain.withOptimizer(plain.optimizer().withKind(OptimizerSpec.Kind.ADAMW));
        assertEquals(List.of("model.shortcuts/19"), tips(PresetChecks.check(plain.withModel(noShort),
                DataFacts.unknown())));
    }

    @Test
    void presetForOtherDataIsFlagged() {
        Preset resnet = new PresetLibrary(Path.of("target/no-user-presets")).resolve("resnet-image");
        List<Warning> w = PresetChecks.check(resnet, TEXT);
        assertEquals(List.of("dataKind/6"), tips(w));
        List<FieldError> errors = PresetValidator.validate(resnet.config(),
                new InputSpec(InputSpec.Kind.TOKENS, new int[] {20}, 100, Task.CLASSIFICATION, 2));
        assertEquals("model.template", errors.get(0).field(), "a CNN cannot read tokens: an error, not a warning");
        assertTrue(errors.get(0).message().contains("allowed: lstm, gru"), errors.get(0).message());
        assertTrue(w.get(0).message().contains("for image data but the chosen data is text"), w.get(0).message());
    }

    @Test
    void factsFromLoadedDataEstimatePaddingCoverage() {
        // 4 samples of length 3: one padded at the end, one padded at the start, two fill the row.
        float[] f = {5, 6, 0, 7, 8, 9, 0, 0, 4, 3, 3, 3};
        ArraySplit train = ArraySplit.classification(f, 3, new int[] {0, 1, 0, 1});
        InputSpec in = new InputSpec(InputSpec.Kind.TOKENS, new int[] {3}, 10, Task.CLASSIFICATION, 2);
        LoadedData d = new LoadedData("test", in, train, train, null, List.of("a", "b"), null, null);
        DataFacts facts = DataFacts.of(d);
        assertEquals(0.25, facts.paddingCoverage(), "post padding: only the first row ends with PAD");
        assertEquals(4, facts.trainSize());
        assertEquals(2, facts.numClasses());
        assertEquals("text", facts.dataKind());
        JsonObject pre = new JsonObject();
        pre.addProperty("paddingCoverage", 0.93);
        LoadedData recorded = new LoadedData("test", in, train, train, null, List.of("a", "b"), pre, null);
        assertEquals(0.93, DataFacts.of(recorded).paddingCoverage());
        JsonObject prePad = new JsonObject();
        prePad.addProperty("padSide", "pre");
        LoadedData front = new LoadedData("test", in, train, train, null, List.of("a", "b"), prePad, null);
        assertEquals(0.25, DataFacts.of(front).paddingCoverage(), "pre padding: only the third row starts with PAD");
        LoadedData noted = new LoadedData("test", in, train, train, null, List.of("a", "b"), prePad,
                List.of("padLength 3 (covers 90% of training samples): 330 of 3312 training samples truncated"));
        assertEquals(1 - 330 / 3312.0, DataFacts.of(noted).paddingCoverage(), 1e-12);
    }
}
