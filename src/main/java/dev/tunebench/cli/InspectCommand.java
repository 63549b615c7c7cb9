package dev.tunebench.cli;

import dev.tunebench.engine.Json;
import dev.tunebench.engine.data.BuiltinDatasets;
import dev.tunebench.engine.data.DataException;
import dev.tunebench.engine.data.DataSpec;
import dev.tunebench.engine.data.Inspector;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/** {@code inspect --data <spec>}: prints what the loader makes of the data as JSON (tips 2 and 23). */
public final class InspectCommand implements Command {

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String usage() {
        return "inspect --data <spec> [--preview N] [--base <dir>]";
    }

    @Override
    public String description() {
        return "Show the data as the loader yields it: column statistics, class balance, sequence lengths and "
                + "padding coverage, vocabulary, baselines and a preview (built-in: "
                + String.join(", ", BuiltinDatasets.names()) + ")";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        String spec = args.require("data");
        int preview = args.intOption("preview", Inspector.DEFAULT_PREVIEW);
        if (preview < 0) {
            throw new UsageException("option --preview: must be 0 or more");
        }
        Path base = Path.of(args.get("base").orElse(""));
        try {
            out.println(Json.gson().toJson(Inspector.inspect(DataSpec.parse(spec), base, preview)));
            return 0;
        } catch (DataException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Returns the options that take no value. */
    public static Set<String> flags() {
        return Set.of();
    }
}
