package dev.tunebench.cli;

import com.google.gson.JsonObject;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.backend.EvalResult;
import dev.tunebench.engine.checkpoint.CheckpointException;
import dev.tunebench.engine.checkpoint.CheckpointLoader;
import dev.tunebench.engine.checkpoint.LoadedCheckpoint;
import dev.tunebench.engine.data.ArraySplit;
import dev.tunebench.engine.data.DataException;
import dev.tunebench.engine.data.DataLoader;
import dev.tunebench.engine.data.DataSpec;
import dev.tunebench.engine.data.LoadedData;
import dev.tunebench.engine.djl.DjlBackend;
import dev.tunebench.engine.checkpoint.CheckpointSidecar;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code evaluate --checkpoint <dir> [--data <spec>]}: loss and metrics of a checkpoint as JSON, on the validation
 * split the run used, or on new data prepared with the checkpoint's saved preprocessing.
 */
public final class EvaluateCommand implements Command {

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String usage() {
        return "evaluate --checkpoint <dir> [--split validation|test | --data <spec>] [--batch-size N]";
    }

    @Override
    public String description() {
        return "print a checkpoint's loss and metrics as JSON: on the run's validation data, or on --data "
                + "prepared with the checkpoint's vocabulary/normaliser";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        Path ck = CheckpointArgs.checkpoint(args);
        Optional<String> newData = args.get("data");
        int batchOption = args.intOption("batch-size", 0);
        if (batchOption < 0) {
            throw new UsageException("option --batch-size: must be at least 1");
        }
        try (LoadedCheckpoint lc = CheckpointLoader.open(ck, new DjlBackend())) {
            CheckpointSidecar s = lc.sidecar();
            ArraySplit split;
            String splitName;
            String source;
            if (newData.isEmpty()) {
                source = s.dataSource();
                LoadedData d = DataLoader.load(DataSpec.parse(source));
                if (!d.preprocessing().equals(s.preprocessing()) || !d.input().equals(s.input())) {
                    throw new UsageException("--checkpoint " + ck + ": the run's data '" + source + "' no longer "
                            + "loads as it did for training (changed file or vocabulary); evaluate new data with "
                            + "--data <spec>, which applies the checkpoint's saved preprocessing");
                }
                splitName = args.get("split").orElse("validation");
                if (splitName.equals("test")) {
                    split = d.testSplit().orElseThrow(() -> new UsageException("--split test: the data '" + source
                            + "' has no test split; give one with its 'test' option or evaluate --data <spec>"));
                } else if (splitName.equals("validation")) {
                    split = d.validation();
                } else {
                    throw new UsageException("option --split: '" + splitName + "' is not one of validation, test");
                }
            } else {
                if (args.has("split")) {
                    throw new UsageException("option --split: only without --data (new data is evaluated whole)");
                }
                source = newData.get();
                LoadedData d = DataLoader.apply(s.preprocessing(), DataSpec.parse(source));
                if (!d.input().equals(s.input())) {
                    throw new UsageException("--data " + source + ": gives input " + d.input() + ", the model of "
                            + ck + " expects " + s.input());
                }
                split = d.test();
                splitName = "all";
            }
            if (split == null || split.size() == 0) {
                throw new UsageException("--data " + source + ": no samples to evaluate");
            }
            // The training loop evaluates with this batch size; the same one reproduces its numbers exactly.
            int batch = batchOption > 0 ? batchOption : Math.max(s.config().training().batchSize(), 256);
            EvalResult r = lc.session().evaluate(split, batch);
            out.println(Json.gson().toJson(report(lc, source, splitName, split.size(), r)));
            return 0;
        } catch (CheckpointException | DataException e) {
            throw new UsageException(e.getMessage());
        } catch (java.io.IOException e) {
            throw new UsageException("--checkpoint " + ck + ": " + e.getMessage());
        }
    }

    private static JsonObject report(LoadedCheckpoint lc, String source, String split, int samples, EvalResult r) {
        CheckpointSidecar s = lc.sidecar();
        JsonObject o = new JsonObject();
        o.addProperty("checkpoint", lc.path().toString());
        o.addProperty("id", lc.manifest().id());
        o.addProperty("epoch", s.epoch());
        o.addProperty("template", s.templateId());
        o.addProperty("data", source);
        o.addProperty("split", split);
        o.addProperty("samples", samples);
        o.addProperty("loss", r.loss());
        JsonObject m = new JsonObject();
        r.metrics().forEach(m::addProperty);
        o.add("metrics", m);
        JsonObject saved = new JsonObject();
        if (s.metrics() != null) {
            s.metrics().forEach(saved::addProperty);
        }
        o.add("metricsAtSave", saved);
        return o;
    }
}
