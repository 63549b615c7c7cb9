package dev.tunebench.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tunebench.cli.Args;
import dev.tunebench.cli.EvaluateCommand;
import dev.tunebench.cli.ExportCommand;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.EarlyStoppingSpec;
import dev.tunebench.engine.config.LossKind;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.ResNetModelSpec;
import dev.tunebench.engine.config.ResNetModelSpec.Activation;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.ScheduleSpec;
import dev.tunebench.engine.config.TrainingSpec;
import dev.tunebench.engine.data.DataLoader;
import dev.tunebench.engine.data.DataSpec;
import dev.tunebench.engine.data.LoadedData;
import dev.tunebench.engine.djl.DjlBackend;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.RunFinished;
import dev.tunebench.engine.diagnosis.DiagnosisTracker;
import dev.tunebench.engine.event.RunStarted;
import dev.tunebench.engine.event.RunStatus;
import dev.tunebench.engine.event.StopReason;
import dev.tunebench.engine.event.TrainingListener;
import dev.tunebench.engine.run.RunRequest;
import dev.tunebench.engine.run.TrainingRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole promise on the real DJL PyTorch engine with the built-in digits data and a tiny ResNet: early
 * stopping stops and its best checkpoint reproduces the logged best val_loss; a run interrupted after an epoch and
 * resumed from its last checkpoint repeats the uninterrupted run.
 */
@Tag("djl")
class CheckpointEndToEndTest {
    private static LoadedData digits;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        digits = DataLoader.load(DataSpec.parse("builtin:digits"));
    }

    private static ModelSpec tinyResNet() {
        return new ResNetModelSpec(List.of(4, 8), 1, true, true, Activation.RELU, 0.01, 0.1,
                ModelSpec.InitScheme.HE_NORMAL);
    }

    private static RunConfig config(int epochs, ScheduleSpec schedule, EarlyStoppingSpec es, MonitorSpec monitor) {
        return new RunConfig(tinyResNet(), new TrainingSpec(epochs, 32, 11, 1.0, LossKind.CROSS_ENTROPY, 1.0),
                OptimizerSpec.adamDefaults().withLearningRate(0.01), schedule, monitor, es,
                new CheckpointSpec(2, true));
    }

    private static final class Epochs implements TrainingListener {
        final List<EpochMetrics> list = new ArrayList<>();

        @Override
        public void onEpochEnd(EpochMetrics m) {
            list.add(m);
        }
    }

    private static JsonObject evaluate(Path checkpoint, String... more) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> argv = new java.util.ArrayList<>(List.of("--checkpoint", checkpoint.toString()));
        argv.addAll(List.of(more));
        int code = new EvaluateCommand().run(Args.parse(argv, Set.of()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        return Json.gson().fromJson(out.toString(StandardCharsets.UTF_8), JsonObject.class);
    }

    @Test
    void earlyStoppingStopsAndTheBestCheckpointReproducesTheBestValLoss() throws Exception {
        double minDelta = 0.15;
        RunConfig c = config(25, ScheduleSpec.constant(),
                new EarlyStoppingSpec(true, 1, null, null, true, 0, 0, true),
                new MonitorSpec("val_loss", MonitorSpec.Mode.MIN, minDelta));
        TrainingRun run = new TrainingRun(new RunRequest(c, digits, tmp.resolve("runs"), "es", null, 4),
                new DjlBackend());
        Epochs epochs = new Epochs();
        run.addListener(epochs);
        RunFinished fin = run.run();

        assertEquals(RunStatus.FINISHED, fin.status(), fin.message());
        assertEquals(StopReason.PATIENCE_EXHAUSTED, fin.reason(), fin.message());
        assertTrue(fin.epochs() < 25, "stopped early: " + fin.message());
        assertEquals(fin.epochs(), epochs.list.size());
        assertEquals(fin.epochs() - 1, fin.bestEpoch(), "patience 1: the best is the epoch before the stop");
        EpochMetrics bestEpoch = epochs.list.get(fin.bestEpoch() - 1);
        assertEquals(bestEpoch.valLoss(), fin.bestValue(), 0.0);
        for (EpochMetrics m : epochs.list) {
            assertTrue(m.valLoss() > fin.bestValue() - minDelta, "no later epoch improved by min_delta");
        }

        Path runDir = tmp.resolve("runs/es");
        CheckpointInfo best = Checkpoints.list(runDir).stream().filter(CheckpointInfo::best).findFirst()
                .orElseThrow();
        assertEquals(fin.bestCheckpoint(), best.path());
        assertEquals(fin.bestEpoch(), best.epoch());
        JsonObject summary = Json.gson().fromJson(Files.readString(runDir.resolve("summary.json")), JsonObject.class);
        assertEquals(fin.bestValue(), summary.get("bestValue").getAsDouble(), 0.0);
        List<String> csv = Files.readAllLines(runDir.resolve("metrics.csv"));
        assertEquals(fin.epochs() + 1, csv.size());
        double loggedBest = Double.parseDouble(csv.get(fin.bestEpoch()).split(",")[3]);
        assertEquals(fin.bestValue(), loggedBest, 0.0);

        JsonObject eval = evaluate(best.path());
        assertEquals("validation", eval.get("split").getAsString());
        assertEquals(digits.validation().size(), eval.get("samples").getAsInt());
        assertEquals(loggedBest, eval.get("loss").getAsDouble(), 1e-5, "evaluate reproduces the best val_loss");
        assertEquals(bestEpoch.metric("val_accuracy"), eval.getAsJsonObject("metrics").get("accuracy").getAsDouble(),
                1e-6);
        JsonObject test = evaluate(best.path(), "--split", "test");
        assertEquals("test", test.get("split").getAsString());
        assertEquals(digits.test().size(), test.get("samples").getAsInt());
        assertEquals(loggedBest, test.get("loss").getAsDouble(), 0.3, "the same model on held-out data: " + test);
        assertNotEquals(loggedBest, test.get("loss").getAsDouble(), "other samples than validation");
        assertThrows(dev.tunebench.cli.UsageException.class, () -> evaluate(best.path(), "--split", "train"));

        // The last checkpoint holds the last epoch's weights, not the best ones: it evaluates to its own loss.
        CheckpointInfo last = Checkpoints.list(runDir).stream().filter(CheckpointInfo::last).findFirst()
                .orElseThrow();
        assertEquals(fin.epochs(), last.epoch());
        double lastLoss = epochs.list.get(fin.epochs() - 1).valLoss();
        assertNotEquals(loggedBest, lastLoss);
        assertEquals(lastLoss, evaluate(last.path()).get("loss").getAsDouble(), 1e-5);
    }

    @Test
    void aResumedRunRepeatsTheUninterruptedOne() throws Exception {
        // Warm-up across the first epochs, cosine, plateau, dropout and Adam moments: every piece of state counts.
        ScheduleSpec schedule = new ScheduleSpec(ScheduleSpec.Kind.COSINE, 4, 0.0, 6, true, 0.5, 1, 0.0);
        RunConfig c = config(4, schedule, new EarlyStoppingSpec(true, 10, null, null, true, 0, 0, true),
                MonitorSpec.valLoss());
        DjlBackend backend = new DjlBackend();

        Epochs whole = new Epochs();
        TrainingRun a = new TrainingRun(new RunRequest(c, digits, tmp.resolve("a"), "whole", null, 4), backend);
        a.addListener(whole);
        assertEquals(RunStatus.FINISHED, a.run().status());

        TrainingRun b = new TrainingRun(new RunRequest(c, digits, tmp.resolve("b"), "cut", null, 4), backend);
        b.addListener(new TrainingListener() {
            @Override
            public void onEpochEnd(EpochMetrics m) {
                if (m.epoch() == 2) {
                    b.control().stop();
                }
            }
        });
        RunFinished cut = b.run();
        assertEquals(StopReason.USER_REQUESTED, cut.reason(), cut.message());
        assertEquals(2, cut.epochs());
        CheckpointInfo lastB = Checkpoints.list(tmp.resolve("b/cut")).stream().filter(CheckpointInfo::last)
                .findFirst().orElseThrow();
        assertEquals(2, lastB.epoch());

        Epochs resumed = new Epochs();
        TrainingRun r = new TrainingRun(new RunRequest(c, digits, null, null, lastB.path(), 4), backend);
        r.addListener(resumed);
        List<RunStarted> starts = new java.util.ArrayList<>();
        r.addListener(new TrainingListener() {
            @Override
            public void onRunStart(RunStarted s) {
                starts.add(s);
            }
        });
        DiagnosisTracker tracker = new DiagnosisTracker();
        r.addListener(tracker);
        RunFinished fin = r.run();
        assertEquals(RunStatus.FINISHED, fin.status(), fin.message());
        assertEquals(List.of(3, 4), resumed.list.stream().map(EpochMetrics::epoch).toList());
        // The resumed run announces the epochs trained before it, read back from metrics.csv, so the window's
        // chart and the diagnosis show the whole run.
        RunStarted start = starts.get(0);
        assertEquals(3, start.startEpoch());
        assertEquals(List.of(1, 2), start.history().stream().map(EpochMetrics::epoch).toList());
        for (EpochMetrics h : start.history()) {
            EpochMetrics w = whole.list.get(h.epoch() - 1);
            assertEquals(w.valLoss(), h.valLoss(), 1e-5 * Math.abs(w.valLoss()), "history val_loss " + h.epoch());
            assertEquals(w.metric("val_accuracy"), h.metric("val_accuracy"), 1e-9, "history val_accuracy");
        }
        assertEquals(List.of(1, 2, 3, 4), tracker.epochs().stream().map(EpochMetrics::epoch).toList());
        for (EpochMetrics m : resumed.list) {
            EpochMetrics w = whole.list.get(m.epoch() - 1);
            assertEquals(w.trainLoss(), m.trainLoss(), 1e-5 * Math.abs(w.trainLoss()), "train_loss " + m.epoch());
            assertEquals(w.valLoss(), m.valLoss(), 1e-5 * Math.abs(w.valLoss()), "val_loss " + m.epoch());
            assertEquals(w.learningRate(), m.learningRate(), 1e-12, "lr " + m.epoch());
        }
        List<String> csv = Files.readAllLines(tmp.resolve("b/cut/metrics.csv"));
        assertEquals(List.of("1", "2", "3", "4"), csv.subList(1, csv.size()).stream()
                .map(l -> l.split(",")[0]).toList(), "metrics.csv continues once per epoch");
    }

    @Test
    void exportHoldsEverythingToUseTheModelAndEvaluatesLikeTheCheckpoint() throws Exception {
        RunConfig c = config(2, ScheduleSpec.constant(), EarlyStoppingSpec.defaults(), MonitorSpec.valLoss());
        RunFinished fin = new TrainingRun(new RunRequest(c, digits, tmp.resolve("runs"), "x", null, 2),
                new DjlBackend()).run();
        assertEquals(RunStatus.FINISHED, fin.status(), fin.message());
        Path best = fin.bestCheckpoint();
        Path to = tmp.resolve("export/model");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new ExportCommand().run(Args.parse(List.of("--checkpoint", best.toString(), "--to",
                to.toString()), Set.of()), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("exported epoch-"), out.toString());
        try (var files = Files.list(to)) {
            assertEquals(List.of("README.txt", "checkpoint.json", "classes.txt", "manifest.json", "model.json",
                    "model.params", "preprocessing.json"), files.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no optimiser state in an export");
        }
        assertEquals(digits.classNames(), Files.readAllLines(to.resolve("classes.txt")));
        assertEquals(digits.preprocessing(), Json.gson().fromJson(Files.readString(to.resolve("preprocessing.json")),
                JsonObject.class));
        assertTrue(Files.readString(to.resolve("README.txt")).contains("evaluate --checkpoint " + to));
        Checkpoints.verify(to);

        JsonObject original = evaluate(best);
        JsonObject exported = evaluate(to);
        assertEquals(original.get("loss").getAsDouble(), exported.get("loss").getAsDouble(), 0.0);

        // New data goes through the saved preprocessing: the built-in digits read as new data.
        ByteArrayOutputStream out2 = new ByteArrayOutputStream();
        assertEquals(0, new EvaluateCommand().run(Args.parse(List.of("--checkpoint", to.toString(), "--data",
                "builtin:digits"), Set.of()), new PrintStream(out2, true, StandardCharsets.UTF_8), System.err));
        JsonObject fresh = Json.gson().fromJson(out2.toString(StandardCharsets.UTF_8), JsonObject.class);
        assertEquals("all", fresh.get("split").getAsString());
        assertTrue(fresh.get("samples").getAsInt() > digits.validation().size(), fresh.toString());
        assertTrue(Double.isFinite(fresh.get("loss").getAsDouble()));
    }
}
