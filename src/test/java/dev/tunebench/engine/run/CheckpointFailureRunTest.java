package dev.tunebench.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.checkpoint.CheckpointFailure;
import dev.tunebench.engine.checkpoint.CheckpointReport;
import dev.tunebench.engine.checkpoint.Checkpoints;
import dev.tunebench.engine.checkpoint.SmallFileSystem;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.RunFinished;
import dev.tunebench.engine.event.RunStatus;
import dev.tunebench.engine.event.RunWarning;
import dev.tunebench.engine.event.StopReason;
import dev.tunebench.engine.event.TrainingListener;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose checkpoint write fails goes on, with a warning, from the last good checkpoint (disk full, on a real
 * small tmpfs); a run whose checkpoints can never be written (permission denied) ends FAILED, saying why.
 */
class CheckpointFailureRunTest {
    @TempDir
    Path tmp;

    private static final class Warnings implements TrainingListener {
        final List<RunWarning> warnings = new ArrayList<>();
        final List<EpochMetrics> epochs = new ArrayList<>();

        @Override
        public void onEpochEnd(EpochMetrics m) {
            epochs.add(m);
        }

        @Override
        public void onWarning(RunWarning w) {
            warnings.add(w);
        }
    }

    @Test
    void aFullDiskCostsOneCheckpointWithAWarningAndTheRunGoesOn() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(tmp.resolve("small"), 640)) {
            double[] val = {9, 0.8, 0.6, 0.5, 0.4};
            FakeBackend backend = new FakeBackend(e -> val[e], s -> 1.0 / s);
            // Epoch 2's checkpoint is bigger than the disk.
            backend.saveHook = (epochs, folder) -> {
                if (epochs == 2) {
                    byte[] big = new byte[1_000_000];
                    new SplittableRandom(2).nextBytes(big);
                    Files.write(folder.resolve("optimizer.bin"), big);
                }
            };
            Warnings rec = new Warnings();
            TrainingRun run = new TrainingRun(new RunRequest(TrainingRunTest.config(4, 5, 10),
                    TrainingRunTest.data(10), fs.dir(), "r1", null, 0), backend);
            run.addListener(rec);
            RunFinished fin = run.run();

            assertEquals(RunStatus.FINISHED, fin.status(), fin.message());
            assertEquals(StopReason.COMPLETED, fin.reason());
            assertEquals(4, fin.epochs());
            assertEquals(1, rec.warnings.size(), rec.warnings.toString());
            RunWarning w = rec.warnings.get(0);
            assertEquals(RunWarning.Kind.CHECKPOINT_NOT_SAVED, w.kind());
            assertEquals(2, w.epoch());
            assertTrue(w.message().contains("epoch-0002") && w.message().contains("No space left on device")
                    && w.message().contains("the last good checkpoint is epoch-0001")
                    && w.message().contains("the run goes on"), w.message());
            assertTrue(fin.message().contains("1 checkpoint write failed"), fin.message());
            Path dir = fs.dir().resolve("r1");
            assertTrue(Files.isRegularFile(dir.resolve("summary.json")));
            assertEquals(5, Files.readAllLines(dir.resolve("metrics.csv")).size(), "every epoch recorded");
            CheckpointReport report = Checkpoints.report(dir);
            assertEquals("epoch-0004", report.lastGood().orElseThrow().id());
            CheckpointFailure f = report.failures().get(0);
            assertEquals("epoch-0002", f.id());
            assertEquals(CheckpointFailure.Stage.WRITE, f.stage());
            // What resumes from the last good checkpoint is what the run saved there.
            Checkpoints.verify(report.lastGood().get().path());
        }
    }

    @Test
    void checkpointsThatCanNeverBeWrittenEndTheRunWithTheReason() {
        double[] val = {9, 0.8, 0.6, 0.5, 0.4};
        FakeBackend backend = new FakeBackend(e -> val[e], s -> 1.0 / s);
        backend.saveHook = (epochs, folder) -> {
            if (epochs == 2) {
                throw new AccessDeniedException(folder.resolve("optimizer.bin").toString());
            }
        };
        Warnings rec = new Warnings();
        TrainingRun run = new TrainingRun(new RunRequest(TrainingRunTest.config(4, 5, 10), TrainingRunTest.data(10),
                tmp, "r2", null, 0), backend);
        run.addListener(rec);
        RunFinished fin = run.run();
        assertEquals(RunStatus.FAILED, fin.status(), fin.message());
        assertEquals(2, fin.epochs(), "stopped after the epoch whose checkpoint could not be written");
        assertTrue(fin.message().contains("permission denied"), fin.message());
        assertEquals(1, rec.warnings.size());
        assertTrue(rec.warnings.get(0).message().contains("the run stops"), rec.warnings.get(0).message());
        assertEquals(2, rec.epochs.size(), "epoch 2 was still reported before the run ended");
    }
}
