package dev.tunebench.app.checkpoints;

import dev.tunebench.engine.checkpoint.CheckpointManager;
import dev.tunebench.engine.checkpoint.CheckpointWriteException;
import dev.tunebench.engine.checkpoint.Checkpoints;
import dev.tunebench.engine.checkpoint.RunFolder;
import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.MonitorSpec;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real run folder for the panel's tests: epochs 1-3 saved and verified, epoch 4's write failed (disk full). */
final class CheckpointRuns {
    private CheckpointRuns() {
    }

    static Path withAFailedWrite(Path runsRoot) throws IOException {
        RunFolder run = RunFolder.create(runsRoot, "r1");
        CheckpointManager m = new CheckpointManager(run.checkpointsDir(), new CheckpointSpec(2, true),
                MonitorSpec.valLoss());
        double[] values = {0.9, 0.5, 0.7};
        for (int i = 0; i < values.length; i++) {
            int e = i + 1;
            m.onEpochEnd(e, values[i], f -> Files.writeString(f.resolve(Checkpoints.SIDECAR),
                    "{\"formatVersion\": 1, \"templateId\": \"lstm\", \"epoch\": " + e + "}"));
        }
        try {
            m.onEpochEnd(4, 0.4, f -> {
                Files.writeString(f.resolve("model-0000.params"), "half");
                throw new FileSystemException(f.resolve("model-0000.params").toString(), null,
                        "No space left on device");
            });
            throw new IllegalStateException("the write should have failed");
        } catch (CheckpointWriteException expected) {
            // Recorded in the run's checkpoints folder, as in a real run.
        }
        return run.dir();
    }
}
