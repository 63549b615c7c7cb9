package dev.tunebench.cli;

import com.google.gson.JsonObject;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.djl.DjlBackend;
import dev.tunebench.engine.overfit.OverfitCheck;
import dev.tunebench.engine.overfit.OverfitOptions;
import dev.tunebench.engine.overfit.OverfitResult;
import java.io.PrintStream;
import java.util.Set;

/**
 * {@code overfit}: the playbook's first tip. Trains the preset's model on a few batches and reports, as JSON, whether
 * it could overfit them. Exit 0 when it passed, 1 when it failed.
 */
final class OverfitCommand implements Command, Cli.FlagsAware {

    @Override
    public String name() {
        return "overfit";
    }

    @Override
    public String usage() {
        return "overfit --preset <file|name> [--data <spec>] [--steps N] [--batches N] [--lr X] [--batch-size B] "
                + Presets.SET_USAGE + " [--keep-regularisation]";
    }

    @Override
    public String description() {
        return "check that the model can overfit a few batches (tip 1); JSON, exit 0 pass / 1 fail";
    }

    @Override
    public Set<String> flags() {
        return Set.of("keep-regularisation");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        OverfitOptions d = OverfitOptions.defaults();
        int steps = args.intOption("steps", d.maxSteps());
        int batches = args.intOption("batches", d.batches());
        if (steps < 1 || batches < 1) {
            throw new UsageException("--steps and --batches must be >= 1, got " + steps + " and " + batches);
        }
        CheckCommand.Prepared p = CheckCommand.prepare(args, err);
        OverfitOptions o = new OverfitOptions(batches, steps, d.evalEvery(), !args.has("keep-regularisation"));
        OverfitResult r = OverfitCheck.run(new DjlBackend(), p.config(), p.data(), o);
        JsonObject json = new JsonObject();
        json.addProperty("preset", p.preset().id());
        json.addProperty("data", p.dataSpec());
        json.addProperty("regularisation", o.withoutRegularisation() ? "off (dropout 0, weight decay 0)" : "as preset");
        Json.gson().toJsonTree(r).getAsJsonObject().entrySet().forEach(e -> json.add(e.getKey(), e.getValue()));
        out.println(Json.gson().toJson(json));
        return r.passed() ? 0 : 1;
    }
}
