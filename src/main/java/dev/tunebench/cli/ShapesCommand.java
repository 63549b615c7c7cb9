package dev.tunebench.cli;

import dev.tunebench.engine.backend.LayerShape;
import dev.tunebench.engine.backend.ModelSession;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.DataLoader;
import dev.tunebench.engine.data.DataSpec;
import dev.tunebench.engine.data.LoadedData;
import dev.tunebench.engine.djl.DjlBackend;
import dev.tunebench.preset.Preset;
import java.io.PrintStream;

/** {@code shapes}: the shape trace of a preset's model on its data, before any training (tip 2). */
final class ShapesCommand implements Command {

    @Override
    public String name() {
        return "shapes";
    }

    @Override
    public String usage() {
        return "shapes --preset <file|name> [--data <spec>] [--batch-size B] " + Presets.SET_USAGE;
    }

    @Override
    public String description() {
        return "print every layer with its output shape and parameter count (tip 2)";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        Preset p = Presets.resolve(args.require("preset"), err);
        RunConfig c = Presets.applyOverrides(p.config(), args);
        Presets.validateOrThrow(c);
        LoadedData data = DataLoader.load(DataSpec.parse(args.get("data").orElse(p.data())));
        Presets.validateOrThrow(c, data.input());
        int batch = c.training().batchSize();
        try (ModelSession s = new DjlBackend().open(c, data.input())) {
            out.println("template " + c.model().template() + ", input " + data.input() + ", batch " + batch);
            out.printf("%-44s %-24s %12s%n", "layer", "output shape", "parameters");
            for (LayerShape l : s.shapeTrace(batch)) {
                out.printf("%-44s %-24s %,12d%n", "  ".repeat(l.depth()) + l.name(), l.outputShape(),
                        l.parameters());
            }
            out.printf("%-44s %-24s %,12d%n", "total", "", s.parameterCount());
        }
        return 0;
    }
}
