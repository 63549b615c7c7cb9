package dev.tunebench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.config.ConfigField;
import dev.tunebench.engine.config.ConfigPaths;
import dev.tunebench.preset.Preset;
import dev.tunebench.preset.PresetCodec;
import dev.tunebench.preset.PresetLibrary;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code presets}: lists the bundled and user presets, or prints one ({@code --show}): readable, the values it
 * chooses with their reasons and the template's defaults marked; with {@code --json}, plain JSON with every field.
 */
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
        return "list the recommended and user presets, or print one (--show; with --json every field, to copy and "
                + "edit)";
    }

    @Override
    public Set<String> flags() {
        return Set.of("json");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        PresetLibrary lib = PresetLibrary.standard();
        if (args.has("show")) {
            Preset p = Presets.resolve(args.require("show"), err);
            out.print(args.has("json") ? PresetCodec.writeFull(p) : describe(p));
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
        for (Preset p : user) {
            if (!p.upgradeNote().isEmpty()) {
                err.println("note: " + p.upgradeNote());
            }
        }
        return 0;
    }

    /**
     * Returns a preset as a person reads it: its description, then every field of its template by section, each
     * with the preset's reason where it chooses the value, or "(default)" where the template's default applies.
     */
    static String describe(Preset p) {
        StringBuilder b = new StringBuilder();
        String nl = System.lineSeparator();
        String template = p.config().model().template();
        b.append(p.id()).append(": ").append(p.name()).append(nl);
        if (!p.description().isEmpty()) {
            b.append("  ").append(p.description()).append(nl);
        }
        b.append("  for ").append(p.dataKind()).append(" data; default data ").append(p.data()).append(nl);
        if (p.note("data") != null) {
            b.append("    ").append(p.note("data")).append(nl);
        }
        b.append(nl).append("Values marked (default) are the ").append(template).append(" template's; the others are "
                + "this preset's choices, with its reasons.").append(nl);
        List<ConfigField> fields = ConfigPaths.of(template);
        int width = fields.stream().mapToInt(f -> f.name().length()).max().orElse(0) + 2;
        String section = "";
        for (ConfigField f : fields) {
            if (!f.section().equals(section)) {
                section = f.section();
                b.append(section).append(nl);
            }
            Object v = f.get(p.config());
            String value = f.type() == ConfigField.Type.INT_LIST ? v.toString() : f.text(p.config());
            String why = p.sets(f.path()) ? p.notes().getOrDefault(f.path(), "") : "(default)";
            String line = String.format("  %-" + width + "s %-15s %s", f.name(), value.isEmpty() ? "none" : value,
                    why);
            b.append(line.stripTrailing()).append(nl);
        }
        b.append(nl).append("Every field as JSON, to copy and edit: presets --show ").append(p.id()).append(" --json")
                .append(nl);
        return b.toString();
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
