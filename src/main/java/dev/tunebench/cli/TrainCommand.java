package dev.tunebench.cli;

import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.DataLoader;
import dev.tunebench.engine.data.DataSpec;
import dev.tunebench.engine.data.LoadedData;
import dev.tunebench.engine.djl.DjlBackend;
import dev.tunebench.engine.event.RunFinished;
import dev.tunebench.engine.event.RunStatus;
import dev.tunebench.engine.run.RunRequest;
import dev.tunebench.engine.run.TrainingRun;
import dev.tunebench.preset.Preset;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** {@code train}: trains a preset headless, writing a run folder with metrics, summary and checkpoints. */
final class TrainCommand implements Command, Cli.FlagsAware {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String usage() {
        return "train --preset <file|name> [--data <spec>] [--epochs N] [--seed S] [--batch-size B] [--lr X] "
                + "[--set path=value ...] [--max-batches N] [--out DIR] [--resume <checkpoint|run>] [--no-progress]";
    }

    @Override
    public String description() {
        return "train a preset on its default data (or --data), a line per epoch; writes metrics.csv, "
                + "summary.json and checkpoints to the run folder";
    }

    @Override
    public Set<String> flags() {
        return Set.of("no-progress");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        // A run folder resumes from its last good checkpoint; a checkpoint folder from itself.
        Path resume = args.get("resume").map(r -> CheckpointArgs.resumeTarget(Path.of(r), out)).orElse(null);
        Preset preset = null;
        RunConfig config;
        String dataSpec;
        if (resume != null && !args.has("preset")) {
            Presets.Resumed r = Presets.fromCheckpoint(resume);
            config = r.config();
            dataSpec = args.get("data").orElse(r.dataSource());
        } else {
            preset = Presets.resolve(args.require("preset"), err);
            config = preset.config();
            dataSpec = args.get("data").orElse(preset.data());
        }
        config = Presets.applyOverrides(config, args);
        Presets.validateOrThrow(config);
        LoadedData data = DataLoader.load(DataSpec.parse(dataSpec));
        Presets.validateOrThrow(config, data.input());
        Path outDir = args.get("out").map(Path::of).orElse(null);
        RunRequest req;
        if (resume != null) {
            if (outDir != null) {
                throw new UsageException("--out cannot be combined with --resume: a resumed run continues in the "
                        + "folder of its checkpoint");
            }
            req = new RunRequest(config, data, null, null, resume, args.intOption("max-batches", 0));
        } else {
            Path root = outDir == null ? Path.of("runs") : outDir.toAbsolutePath().getParent();
            String id = outDir == null ? null : outDir.getFileName().toString();
            if (outDir != null && Files.exists(outDir)) {
                throw new UsageException("--out " + outDir + ": the folder exists already; choose a new one");
            }
            req = new RunRequest(config, data, root, id, null, args.intOption("max-batches", 0));
        }
        TrainingRun run = new TrainingRun(req, new DjlBackend());
        run.setPresetId(preset == null ? null : preset.id());
        run.addListener(new ConsoleProgress(out, err, !args.has("no-progress") && System.console() != null));
        RunFinished fin = run.run();
        return fin.status() == RunStatus.FAILED ? 1 : 0;
    }
}
