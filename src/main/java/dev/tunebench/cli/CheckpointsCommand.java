package dev.tunebench.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.checkpoint.CheckpointException;
import dev.tunebench.engine.checkpoint.CheckpointFailure;
import dev.tunebench.engine.checkpoint.CheckpointIndex;
import dev.tunebench.engine.checkpoint.CheckpointInfo;
import dev.tunebench.engine.checkpoint.CheckpointReport;
import dev.tunebench.engine.checkpoint.Checkpoints;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code checkpoints --run <dir>}: lists a run's kept checkpoints, best first, whether each was verified after
 * writing and which is the last good one, then the writes that failed or were interrupted with their reasons; as a
 * table or JSON.
 */
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
        return "list a run's checkpoints (best k and last) with epoch, monitored value, verified after writing, the "
                + "last good one and the writes that failed; --verify checks every file's SHA-256 again now";
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
        CheckpointReport report;
        String monitor;
        try {
            Path dir = Checkpoints.checkpointsDirOf(run);
            report = Checkpoints.report(dir);
            monitor = Files.isDirectory(dir) ? CheckpointIndex.monitor(dir).orElse("value") : "value";
        } catch (CheckpointException e) {
            throw new UsageException("--run " + e.getMessage());
        }
        List<CheckpointInfo> list = report.checkpoints();
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
        // Checked now: the last good is the newest verified after writing that still matches.
        String good = report.lastGood().map(CheckpointInfo::id).orElse(null);
        if (verify) {
            good = null;
            int bestEpoch = Integer.MIN_VALUE;
            for (int i = 0; i < list.size(); i++) {
                CheckpointInfo c = list.get(i);
                if (c.verified() && "ok".equals(status[i]) && c.epoch() > bestEpoch) {
                    bestEpoch = c.epoch();
                    good = c.id();
                }
            }
        }
        List<CheckpointFailure> notCommitted = new ArrayList<>(report.unfinished());
        notCommitted.addAll(report.failures());
        if (args.has("json")) {
            out.println(Json.gson().toJson(json(report, good, monitor, verify ? status : null)));
        } else {
            table(out, run, report, good, monitor, verify ? status : null, notCommitted);
        }
        return damaged > 0 ? 1 : 0;
    }

    private static void table(PrintStream out, Path run, CheckpointReport report, String good, String monitor,
                              String[] status, List<CheckpointFailure> notCommitted) {
        List<CheckpointInfo> list = report.checkpoints();
        if (list.isEmpty()) {
            out.println("no checkpoints committed yet in " + run);
        } else {
            String fmt = "%-12s %6s %14s %5s %5s %-9s  %-24s %s%n";
            out.printf(Locale.ROOT, fmt, "ID", "EPOCH", monitor.toUpperCase(Locale.ROOT), "BEST", "LAST",
                    "VERIFIED", "SAVED AT", status != null ? "CHECKED NOW" : "PATH");
            int rank = 0;
            for (int i = 0; i < list.size(); i++) {
                CheckpointInfo c = list.get(i);
                String verified = c.id().equals(good) ? "last good" : c.verified() ? "yes" : "no";
                out.printf(Locale.ROOT, fmt, c.id(), c.epoch(), String.format(Locale.ROOT, "%.6g", c.value()),
                        c.best() ? "#" + (++rank) : "", c.last() ? "yes" : "", verified, c.savedAt().toString(),
                        status != null ? status[i] : c.path().toString());
            }
        }
        if (!notCommitted.isEmpty()) {
            out.println();
            out.println("writes that did not commit (newest first; none replaced a checkpoint above):");
            for (CheckpointFailure f : notCommitted) {
                out.printf(Locale.ROOT, "  %-12s %6d  %-24s %s%n", f.id(), f.epoch(), f.at().toString(),
                        reason(f));
            }
        }
    }

    private static String reason(CheckpointFailure f) {
        return switch (f.stage()) {
            case INTERRUPTED -> "interrupted: " + f.reason();
            case UNFINISHED -> "unfinished: " + f.reason();
            default -> "failed while " + f.stage().text() + ": " + f.reason();
        };
    }

    private static JsonObject json(CheckpointReport report, String good, String monitor, String[] status) {
        JsonObject root = new JsonObject();
        root.addProperty("monitor", monitor);
        root.addProperty("lastGood", good);
        JsonArray arr = new JsonArray();
        int rank = 0;
        List<CheckpointInfo> list = report.checkpoints();
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
            o.addProperty("verifiedAt", c.verifiedAt() == null ? null : c.verifiedAt().toString());
            o.addProperty("lastGood", c.id().equals(good));
            o.addProperty("path", c.path().toString());
            if (status != null) {
                o.addProperty("verified", status[i]);
            }
            arr.add(o);
        }
        root.add("checkpoints", arr);
        root.add("failedWrites", failures(report.failures()));
        root.add("unfinished", failures(report.unfinished()));
        return root;
    }

    private static JsonArray failures(List<CheckpointFailure> list) {
        JsonArray arr = new JsonArray();
        for (CheckpointFailure f : list) {
            JsonObject o = new JsonObject();
            o.addProperty("id", f.id());
            o.addProperty("epoch", f.epoch());
            o.addProperty("value", f.value());
            o.addProperty("stage", f.stage().name());
            o.addProperty("reason", f.reason());
            o.addProperty("at", f.at().toString());
            arr.add(o);
        }
        return arr;
    }
}
