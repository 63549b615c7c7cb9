package dev.tunebench.cli;

import dev.tunebench.engine.checkpoint.CheckpointException;
import dev.tunebench.engine.checkpoint.CheckpointIndex;
import dev.tunebench.engine.checkpoint.CheckpointInfo;
import dev.tunebench.engine.checkpoint.Checkpoints;
import dev.tunebench.engine.checkpoint.Manifest;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Checks of the {@code --checkpoint} and {@code --run} options shared by the checkpoint commands. */
final class CheckpointArgs {
    private CheckpointArgs() {
    }

    /**
     * Returns the folder named by {@code --checkpoint}.
     *
     * @throws UsageException with one line naming the path when it is not a checkpoint folder
     */
    static Path checkpoint(Args args) {
        Path p = Path.of(args.require("checkpoint"));
        if (!Files.isDirectory(p)) {
            throw new UsageException("--checkpoint " + p + ": no such folder");
        }
        if (!Files.isRegularFile(p.resolve(Manifest.FILE_NAME))) {
            String hint = Files.isRegularFile(p.resolve(CheckpointIndex.FILE_NAME))
                    || Files.isDirectory(p.resolve("checkpoints"))
                    ? " (it holds a run's checkpoints: list them with 'checkpoints --run " + p + "' and name one"
                    + lastGoodHint(p) + ")"
                    : "";
            throw new UsageException("--checkpoint " + p + ": not a checkpoint folder, it has no "
                    + Manifest.FILE_NAME + hint);
        }
        return p.toAbsolutePath().normalize();
    }

    /**
     * Returns the checkpoint {@code train --resume} continues from: the folder itself when it is a checkpoint, or the
     * last good checkpoint of a run folder (the newest verified after writing whose files still match).
     *
     * @throws UsageException naming the folder when it is neither, or the run has no good checkpoint
     */
    static Path resumeTarget(Path p, PrintStream out) {
        if (Files.isRegularFile(p.resolve(Manifest.FILE_NAME)) || !Files.isDirectory(p)) {
            return p;
        }
        try {
            Optional<CheckpointInfo> good = Checkpoints.lastGood(p);
            if (good.isEmpty()) {
                throw new UsageException("--resume " + p + ": the run has no verified checkpoint to resume from; "
                        + "name a checkpoint folder (list them with 'checkpoints --run " + p + "')");
            }
            out.println("resuming from the last good checkpoint " + good.get().path());
            return good.get().path();
        } catch (CheckpointException e) {
            throw new UsageException("--resume " + e.getMessage());
        }
    }

    private static String lastGoodHint(Path run) {
        try {
            return Checkpoints.lastGood(run).map(c -> "; the last good one is " + c.path()).orElse("");
        } catch (CheckpointException e) {
            return "";
        }
    }
}
