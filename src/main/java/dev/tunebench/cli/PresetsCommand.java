package dev.tunebench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tunebench.engine.Json;
import dev.tunebench.preset.Preset;
import dev.tunebench.preset.PresetCodec;
import dev.tunebench.preset.PresetLibrary;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code presets}: lists the bundled and user presets, or prints one as JSON ({@code --show}). */
final class PresetsCommand implements Command, Cli.FlagsAware {

    @Override
    public String name() {
        return "presets";
    }

    @Override
    public String usage() {
        return "presets [--json] [--show <file|name>]";
    }

    @Override
    public String description() {
        return "list the recommended and user presets, or print one (--show) to copy and edit";
    }

    @Override
    public Set<String> flags() {
        return Set.of("json");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        PresetLibrary lib = PresetLibrary.standard();
        if (args.has("show")) {
            out.print(PresetCodec.write(lib.resolve(args.require("show"))));
            return 0;
        }
        List<Preset> bundled = lib.bundled();
        List<Preset> user = lib.user();
        if (args.has("json")) {
            JsonArray a = new JsonArray();
            for (Preset p : bundled) {
                a.add(entry(p, "bundled"));
            }
            for (Preset p : user) {
                a.add(entry(p, "user"));
            }
            JsonObject o = new JsonObject();
            o.add("presets", a);
            o.addProperty("userFolder", lib.userFolder().toString());
            JsonArray problems = new JsonArray();
            lib.problems().forEach(problems::add);
            o.add("problems", problems);
            out.println(Json.gson().toJson(o));
            return 0;
        }
        out.printf("%-24s %-7s %-22s %s%n", "id", "data", "default data", "name");
        for (Preset p : bundled) {
            out.printf("%-24s %-7s %-22s %s%n", p.id(), p.dataKind(), p.data(), p.name());
        }
        if (!user.isEmpty()) {
            out.println("user presets in " + lib.userFolder() + ":");
            for (Preset p : user) {
                out.printf("%-24s %-7s %-22s %s%n", p.id(), p.dataKind(), p.data(), p.name());
            }
        }
        for (String problem : lib.problems()) {
            err.println("skipped " + problem);
        }
        return 0;
    }

    private static JsonObject entry(Preset p, String origin) {
        JsonObject o = new JsonObject();
        o.addProperty("id", p.id());
        o.addProperty("name", p.name());
        o.addProperty("origin", origin);
        o.addProperty("dataKind", p.dataKind());
        o.addProperty("data", p.data());
        o.addProperty("description", p.description());
        return o;
    }
}
