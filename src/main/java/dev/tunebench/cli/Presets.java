package dev.tunebench.cli;

import dev.tunebench.engine.Json;
import dev.tunebench.engine.config.ConfigPathException;
import dev.tunebench.engine.config.ConfigPaths;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.TrainingSpec;
import dev.tunebench.engine.checkpoint.CheckpointSidecar;
import dev.tunebench.preset.FieldError;
import dev.tunebench.preset.Preset;
import dev.tunebench.preset.PresetLibrary;
import dev.tunebench.preset.PresetValidator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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

    /**
     * Returns the preset named or stored at {@code fileOrName}, telling {@code err} in one line what an older file's
     * reading ignored.
     */
    static Preset resolve(String fileOrName, PrintStream err) {
        Preset p = resolve(fileOrName);
        if (!p.upgradeNote().isEmpty()) {
            err.println("note: " + p.upgradeNote());
        }
        return p;
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

    /** The option that sets any field by its path, repeatable. */
    static final String SET_USAGE = "[--set path=value ...]";

    /**
     * Applies --epochs, --seed, --batch-size and --lr, then each {@code --set path=value} (field paths as presets
     * name them: {@code --set model.hiddenSize=128 --set optimizer.learningRate=3e-4}; {@code model.template} first,
     * so that the other values apply to the new template).
     *
     * @throws UsageException naming the option, the path and what is allowed
     */
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
        c = c.withTraining(t).withOptimizer(o);
        List<String> sets = new ArrayList<>(args.values("set"));
        sets.sort(Comparator.comparing(s -> !s.startsWith(ConfigPaths.TEMPLATE + "=")));
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--set " + s + ": expected path=value, e.g. --set model.hiddenSize=128");
            }
            try {
                c = ConfigPaths.withText(c, s.substring(0, eq).trim(), s.substring(eq + 1));
            } catch (ConfigPathException e) {
                String path = s.substring(0, eq).trim();
                throw new UsageException("--set " + s + ": " + (e.path().equals(path) ? e.detail() : e.getMessage()));
            }
        }
        return c;
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
