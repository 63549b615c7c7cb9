package dev.tunebench.cli;

import dev.tunebench.engine.Json;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.TrainingSpec;
import dev.tunebench.engine.checkpoint.CheckpointSidecar;
import dev.tunebench.preset.FieldError;
import dev.tunebench.preset.Preset;
import dev.tunebench.preset.PresetLibrary;
import dev.tunebench.preset.PresetValidator;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Shared preset handling of the commands: resolve, override from options, validate. */
final class Presets {
    private Presets() {
    }

    /** A config and data source read back from a checkpoint. */
    record Resumed(RunConfig config, String dataSource) {
    }

    /** Returns the preset named or stored at {@code fileOrName}. */
    static Preset resolve(String fileOrName) {
        return PresetLibrary.standard().resolve(fileOrName);
    }

    /** Returns the config and data of the run that wrote a checkpoint. */
    static Resumed fromCheckpoint(Path checkpoint) throws IOException {
        Path file = checkpoint.resolve(CheckpointSidecar.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--resume " + checkpoint + ": not a checkpoint folder (no "
                    + CheckpointSidecar.FILE_NAME + ")");
        }
        dev.tunebench.engine.checkpoint.Checkpoints.verify(checkpoint);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CheckpointSidecar s = Json.gson().fromJson(r, CheckpointSidecar.class);
            return new Resumed(s.config(), s.dataSource());
        }
    }

    /** Applies --epochs, --seed, --batch-size and --lr to a config. */
    static RunConfig applyOverrides(RunConfig c, Args args) {
        TrainingSpec t = c.training();
        if (args.has("epochs")) {
            t = t.withEpochs(args.intOption("epochs", t.epochs()));
        }
        if (args.has("seed")) {
            t = t.withSeed(args.longOption("seed", t.seed()));
        }
        if (args.has("batch-size")) {
            t = t.withBatchSize(args.intOption("batch-size", t.batchSize()));
        }
        OptimizerSpec o = c.optimizer();
        if (args.has("lr")) {
            o = o.withLearningRate(args.doubleOption("lr", o.learningRate()));
        }
        return c.withTraining(t).withOptimizer(o);
    }

    /** Throws a UsageException listing every invalid field. */
    static void validateOrThrow(RunConfig c) {
        throwIfAny(PresetValidator.validate(c));
    }

    /** Throws a UsageException listing every invalid field, including those that do not fit the data. */
    static void validateOrThrow(RunConfig c, dev.tunebench.engine.data.InputSpec input) {
        throwIfAny(PresetValidator.validate(c, input));
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new UsageException(errors.stream().map(e -> e.field() + ": " + e.message())
                    .collect(Collectors.joining("; ")));
        }
    }
}
