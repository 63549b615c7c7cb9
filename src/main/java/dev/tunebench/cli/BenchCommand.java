package dev.tunebench.cli;

import com.google.gson.JsonObject;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.DataLoader;
import dev.tunebench.engine.data.DataSpec;
import dev.tunebench.engine.data.InputSpec;
import dev.tunebench.engine.djl.DjlBackend;
import dev.tunebench.engine.djl.bench.EngineBenchmark;
import dev.tunebench.preset.FieldError;
import dev.tunebench.preset.Preset;
import dev.tunebench.preset.PresetCodec;
import dev.tunebench.preset.PresetException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code bench [--template lstm|gru|resnet | --preset <p> [--data <spec>]] [--blocks-per-stage N]
 * [--batch-size B] [--seconds N] [--rounds R]}: samples/s of the full engine (a {@code TrainingRun}) against a bare
 * DJL loop on synthetic data, alternating in the same process; prints JSON (see {@link EngineBenchmark}) with the
 * model's parameter count and its whole model block, so that the same model can be built in another framework.
 * With {@code --preset} the model, batch size and optimiser are the preset's and the data shape is its data's
 * (which is loaded once for its shape); otherwise a template's standard setup.
 */
public final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String usage() {
        return "bench [--template lstm|gru|resnet | --preset <file|name> [--data <spec>]] [--blocks-per-stage N] "
                + "[--batch-size B] [--seconds N] [--rounds R]";
    }

    @Override
    public String description() {
        return "compare training samples/s of the engine and a bare DJL loop on synthetic data of a template's "
                + "or a preset's shapes; prints the model's parameter count (JSON)";
    }

    private static final List<String> OPTIONS =
            List.of("template", "preset", "data", "blocks-per-stage", "batch-size", "seconds", "rounds");

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        for (String name : args.names()) {
            if (!OPTIONS.contains(name)) {
                throw new UsageException("unknown option --" + name + "; bench takes --"
                        + String.join(", --", OPTIONS));
            }
        }
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + args.positional().get(0) + "'; usage: " + usage());
        }
        int seconds = args.intOption("seconds", 30);
        if (seconds < 1 || seconds > 3600) {
            throw new UsageException("option --seconds: " + seconds + " is outside 1-3600");
        }
        int rounds = args.intOption("rounds", 5);
        if (rounds < 1 || rounds > 100) {
            throw new UsageException("option --rounds: " + rounds + " is outside 1-100");
        }
        EngineBenchmark.Setup setup;
        String presetId = null;
        if (args.has("preset")) {
            if (args.has("template")) {
                throw new UsageException("options --preset and --template: give one; a preset names its template");
            }
            Preset preset = Presets.resolve(args.require("preset"));
            presetId = preset.id();
            InputSpec input = DataLoader.load(DataSpec.parse(args.get("data").orElse(preset.data()))).input();
            RunConfig c = adjusted(preset.config(), args);
            Presets.validateOrThrow(c, input);
            setup = EngineBenchmark.of(c.model(), c.training().batchSize(), c.optimizer(), input);
        } else {
            if (args.has("data")) {
                throw new UsageException("option --data: needs --preset (a template's standard setup has its own "
                        + "synthetic data)");
            }
            String template = args.get("template").orElse("lstm");
            if (!List.of("lstm", "gru", "resnet").contains(template)) {
                throw new UsageException("option --template: '" + template + "' is not one of lstm, gru, resnet");
            }
            EngineBenchmark.Setup standard = EngineBenchmark.standard(template);
            RunConfig c = adjusted(standard.config(), args);
            Presets.validateOrThrow(c, standard.data().input());
            setup = EngineBenchmark.of(standard, c.model(), c.training().batchSize(), c.optimizer());
        }
        err.println("bench " + (presetId != null ? presetId : setup.template()) + ": " + seconds + " s in "
                + rounds + " alternating rounds per side...");
        EngineBenchmark.Result r = EngineBenchmark.run(setup, seconds, rounds);
        Map<String, Object> m = r.toMap(new DjlBackend().versions());
        m.put("preset", presetId);
        m.put("model", PresetCodec.toJson(setup.config()).get("model"));
        out.println(Json.gson().toJson(m));
        return 0;
    }

    /** Applies {@code --blocks-per-stage} and {@code --batch-size} to a config. */
    private static RunConfig adjusted(RunConfig c, Args args) {
        if (args.has("blocks-per-stage")) {
            int blocks = args.intOption("blocks-per-stage", 0);
            if (!"resnet".equals(c.model().template())) {
                throw new UsageException("option --blocks-per-stage: applies to the resnet template, not "
                        + c.model().template());
            }
            c = c.withModel(withModelField(c, "blocksPerStage", blocks, "--blocks-per-stage"));
        }
        if (args.has("batch-size")) {
            c = c.withTraining(c.training().withBatchSize(args.intOption("batch-size", c.training().batchSize())));
        }
        return c;
    }

    /**
     * Returns the config's model with one field changed, through the preset codec, so that the value is checked as
     * a preset file's would be (range and message) whatever shape the model record has.
     */
    private static ModelSpec withModelField(RunConfig c, String field, int value, String option) {
        JsonObject config = PresetCodec.toJson(c);
        config.getAsJsonObject("model").addProperty(field, value);
        JsonObject preset = new JsonObject();
        preset.addProperty("id", "bench");
        preset.addProperty("name", "bench");
        preset.addProperty("dataKind", "image");
        preset.addProperty("data", "builtin:digits");
        preset.add("config", config);
        try {
            return PresetCodec.readString(preset.toString(), option).config().model();
        } catch (PresetException e) {
            String why = e.errors().isEmpty() ? e.getMessage() : e.errors().stream()
                    .map(FieldError::message).collect(Collectors.joining("; "));
            throw new UsageException("option " + option + ": " + why);
        }
    }
}
