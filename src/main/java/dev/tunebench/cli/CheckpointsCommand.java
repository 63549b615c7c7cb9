package dev.tunebench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.checkpoint.CheckpointException;
import dev.tunebench.engine.checkpoint.CheckpointIndex;
import dev.tunebench.engine.checkpoint.CheckpointInfo;
import dev.tunebench.engine.checkpoint.Checkpoints;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code checkpoints --run <dir>}: lists a run's kept checkpoints, best first, as a table or JSON. */
public final class CheckpointsCommand implements Command, Cli.FlagsAware {

    @Override
    public String name() {
        return "checkpoints";
    }

    @Override
    public String usage() {
        return "checkpoints --run <dir> [--json] [--verify]";
    }

    @Override
    public String description() {
        return "list a run's checkpoints (best k and last) with epoch, monitored value and path; --verify "
                + "checks every file's SHA-256";
    }

    @Override
    public Set<String> flags() {
        return Set.of("json", "verify");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        Path run = Path.of(args.require("run"));
        if (!Files.isDirectory(run)) {
            throw new UsageException("--run " + run + ": no such folder");
        }
        List<CheckpointInfo> list;
        String monitor;
        try {
            Path dir = Checkpoints.checkpointsDirOf(run);
            list = Checkpoints.list(dir);
            monitor = CheckpointIndex.monitor(dir).orElse("value");
        } catch (CheckpointException e) {
            throw new UsageException("--run " + e.getMessage());
        }
        boolean verify = args.has("verify");
        String[] status = new String[list.size()];
        int damaged = 0;
        for (int i = 0; i < list.size(); i++) {
            if (verify) {
                try {
                    Checkpoints.verify(list.get(i).path());
                    status[i] = "ok";
                } catch (CheckpointException e) {
                    status[i] = e.getMessage();
                    damaged++;
                }
            }
        }
        if (args.has("json")) {
            JsonArray arr = new JsonArray();
            int rank = 0;
            for (int i = 0; i < list.size(); i++) {
                CheckpointInfo c = list.get(i);
                JsonObject o = new JsonObject();
                o.addProperty("id", c.id());
                o.addProperty("epoch", c.epoch());
                o.addProperty("monitor", monitor);
                o.addProperty("value", c.value());
                o.addProperty("best", c.best());
                if (c.best()) {
                    o.addProperty("rank", ++rank);
                }
                o.addProperty("last", c.last());
                o.addProperty("savedAt", c.savedAt().toString());
                o.addProperty("path", c.path().toString());
                if (verify) {
                    o.addProperty("verified", status[i]);
                }
                arr.add(o);
            }
            out.println(Json.gson().toJson(arr));
        } else if (list.isEmpty()) {
            out.println("no checkpoints committed yet in " + run);
        } else {
            String fmt = "%-12s %6s %14s %5s %5s  %-24s %s%n";
            out.printf(Locale.ROOT, fmt, "ID", "EPOCH", monitor.toUpperCase(Locale.ROOT), "BEST", "LAST",
                    "SAVED AT", verify ? "VERIFIED" : "PATH");
            int rank = 0;
            for (int i = 0; i < list.size(); i++) {
                CheckpointInfo c = list.get(i);
                out.printf(Locale.ROOT, fmt, c.id(), c.epoch(), String.format(Locale.ROOT, "%.6g", c.value()),
                        c.best() ? "#" + (++rank) : "", c.last() ? "yes" : "", c.savedAt().toString(),
                        verify ? status[i] : c.path().toString());
            }
        }
        return damaged > 0 ? 1 : 0;
    }
}
