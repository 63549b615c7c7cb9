package dev.tunebench.cli;

import com.google.gson.JsonObject;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.djl.DjlBackend;
import dev.tunebench.engine.lrfind.LrFindOptions;
import dev.tunebench.engine.lrfind.LrFindResult;
import dev.tunebench.engine.lrfind.LrRangeTest;
import dev.tunebench.preset.Preset;
import dev.tunebench.preset.PresetLibrary;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code lr-find}: the learning-rate range test on the preset's model and data, as JSON; {@code --save-as} stores a
 * user preset with the suggested learning rate.
 */
final class LrFindCommand implements Command {

    @Override
    public String name() {
        return "lr-find";
    }

    @Override
    public String usage() {
        return "lr-find --preset <file|name> [--data <spec>] [--steps N] [--start 1e-7] [--end 1] [--batch-size B] "
                + Presets.SET_USAGE + " [--save-as <id>]";
    }

    @Override
    public String description() {
        return "learning-rate range test (debiased EMA, stop at 4x best; valley and steepest suggestions), JSON";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        LrFindOptions d = LrFindOptions.defaults();
        LrFindOptions o;
        try {
            o = new LrFindOptions(args.doubleOption("start", d.startLr()), args.doubleOption("end", d.endLr()),
                    args.intOption("steps", d.steps()), d.beta(), d.divergeFactor());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--start, --end, --steps: " + e.getMessage());
        }
        CheckCommand.Prepared p = CheckCommand.prepare(args, err);
        LrFindResult r = LrRangeTest.run(new DjlBackend(), p.config(), p.data(), o);
        JsonObject json = new JsonObject();
        json.addProperty("preset", p.preset().id());
        json.addProperty("data", p.dataSpec());
        json.addProperty("presetLr", p.config().optimizer().learningRate());
        Json.gson().toJsonTree(r).getAsJsonObject().entrySet().forEach(e -> json.add(e.getKey(), e.getValue()));
        if (args.has("save-as")) {
            if (!Double.isFinite(r.suggestedLr())) {
                throw new UsageException("--save-as: no suggestion to save (" + r.message() + ")");
            }
            RunConfig c = p.config().withOptimizer(p.config().optimizer().withLearningRate(r.suggestedLr()));
            String id = args.require("save-as");
            Preset saved = p.preset().withIdentity(id, p.preset().name() + " (lr-find)").withConfig(c)
                    .withData(p.dataSpec());
            Path file = PresetLibrary.standard().saveUserPreset(saved);
            json.addProperty("savedPreset", file.toString());
        }
        out.println(Json.gson().toJson(json));
        return 0;
    }
}
