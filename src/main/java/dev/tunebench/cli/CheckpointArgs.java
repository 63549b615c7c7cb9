package dev.tunebench.cli;

import dev.tunebench.engine.checkpoint.CheckpointIndex;
import dev.tunebench.engine.checkpoint.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;

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
                    ? " (it holds a run's checkpoints: list them with 'checkpoints --run " + p + "' and name one)"
                    : "";
            throw new UsageException("--checkpoint " + p + ": not a checkpoint folder, it has no "
                    + Manifest.FILE_NAME + hint);
        }
        return p.toAbsolutePath().normalize();
    }
}
