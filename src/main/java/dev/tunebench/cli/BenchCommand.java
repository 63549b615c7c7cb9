package dev.tunebench.cli;

import dev.tunebench.engine.Json;
import dev.tunebench.engine.djl.DjlBackend;
import dev.tunebench.engine.djl.bench.EngineBenchmark;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code bench [--template lstm|gru|resnet] [--seconds N] [--rounds R]}: samples/s of the full engine (a
 * {@code TrainingRun}) against a bare DJL loop on synthetic data of the standard shapes, alternating in the same
 * process; prints JSON (see {@link EngineBenchmark}).
 */
public final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String usage() {
        return "bench [--template lstm|gru|resnet] [--seconds N] [--rounds R]";
    }

    @Override
    public String description() {
        return "compare training samples/s of the engine and a bare DJL loop on synthetic data (JSON)";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        String template = args.get("template").orElse("lstm");
        if (!List.of("lstm", "gru", "resnet").contains(template)) {
            throw new UsageException("option --template: '" + template + "' is not one of lstm, gru, resnet");
        }
        int seconds = args.intOption("seconds", 30);
        if (seconds < 1 || seconds > 3600) {
            throw new UsageException("option --seconds: " + seconds + " is outside 1-3600");
        }
        int rounds = args.intOption("rounds", 5);
        if (rounds < 1 || rounds > 100) {
            throw new UsageException("option --rounds: " + rounds + " is outside 1-100");
        }
        err.println("bench " + template + ": " + seconds + " s in " + rounds + " alternating rounds per side...");
        EngineBenchmark.Result r = EngineBenchmark.run(EngineBenchmark.standard(template), seconds, rounds);
        out.println(Json.gson().toJson(r.toMap(new DjlBackend().versions())));
        return 0;
    }
}
