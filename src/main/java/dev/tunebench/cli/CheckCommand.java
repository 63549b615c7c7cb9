package dev.tunebench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.DataLoader;
import dev.tunebench.engine.data.DataSpec;
import dev.tunebench.engine.data.LoadedData;
import dev.tunebench.preset.DataFacts;
import dev.tunebench.preset.FieldError;
import dev.tunebench.preset.Preset;
import dev.tunebench.preset.PresetChecks;
import dev.tunebench.preset.PresetValidator;
import dev.tunebench.preset.Warning;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code check}: the playbook's checks before Start. Prints invalid values (errors, exit 2) and warnings with the tip
 * behind each (never blocking, exit 0).
 */
final class CheckCommand implements Command, Cli.FlagsAware {

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String usage() {
        return "check --preset <file|name> [--data <spec>] [--no-data] [--epochs N] [--batch-size B] [--lr X] "
                + Presets.SET_USAGE + " [--json]";
    }

    @Override
    public String description() {
        return "check a preset against the playbook before training: errors block, warnings cite the tip";
    }

    @Override
    public Set<String> flags() {
        return Set.of("json", "no-data");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        Preset preset = Presets.resolve(args.require("preset"), err);
        RunConfig config = Presets.applyOverrides(preset.config(), args);
        Preset checked = preset.withConfig(config);
        String spec = args.get("data").orElse(preset.data());
        LoadedData data = args.has("no-data") ? null : DataLoader.load(DataSpec.parse(spec));
        DataFacts facts = data == null ? DataFacts.unknown() : DataFacts.of(data);
        List<FieldError> errors = data == null ? PresetValidator.validate(config, preset.task())
                : PresetValidator.validate(config, data.input());
        List<Warning> warnings = PresetChecks.check(checked, facts);
        if (args.has("json")) {
            JsonObject o = new JsonObject();
            o.addProperty("preset", preset.id());
            o.addProperty("data", data == null ? null : spec);
            JsonArray e = new JsonArray();
            errors.forEach(x -> e.add(Json.gson().toJsonTree(x)));
            JsonArray w = new JsonArray();
            warnings.forEach(x -> w.add(Json.gson().toJsonTree(x)));
            o.add("errors", e);
            o.add("warnings", w);
            out.println(Json.gson().toJson(o));
        } else {
            out.println("preset " + preset.id() + " (" + preset.dataKind() + ")" + (data == null ? ", no data loaded"
                    : " on " + spec + ": " + data.input() + ", " + data.train().size() + " training samples"));
            for (FieldError x : errors) {
                out.println("ERROR " + x.field() + ": " + x.message());
            }
            for (Warning x : warnings) {
                out.println("WARN  " + x.field() + (x.tip() > 0 ? " (tip " + x.tip() + ")" : "") + ": " + x.message());
            }
            out.println(errors.isEmpty()
                    ? "OK: no invalid values, " + warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s")
                    : errors.size() + " invalid value" + (errors.size() == 1 ? "" : "s") + ": fix before training");
        }
        return errors.isEmpty() ? 0 : 2;
    }

    /** A preset prepared for a command: overrides applied, data loaded, config valid for the data's task. */
    record Prepared(Preset preset, RunConfig config, String dataSpec, LoadedData data) {
    }

    /**
     * Returns the preset named by --preset with --epochs/--seed/--batch-size/--lr/--set applied and its data (--data
     * or the preset's default) loaded; what reading an older preset file ignored goes to {@code err}.
     *
     * @throws UsageException when a value is invalid for the data's task
     */
    static Prepared prepare(Args args, PrintStream err) {
        Preset preset = Presets.resolve(args.require("preset"), err);
        RunConfig config = Presets.applyOverrides(preset.config(), args);
        String spec = args.get("data").orElse(preset.data());
        LoadedData data = DataLoader.load(DataSpec.parse(spec));
        List<FieldError> errors = PresetValidator.validate(config, data.input());
        if (!errors.isEmpty()) {
            throw new UsageException("preset " + preset.id() + ": " + errors.stream().map(FieldError::toString)
                    .collect(Collectors.joining("; ")));
        }
        return new Prepared(preset, config, spec, data);
    }
}
