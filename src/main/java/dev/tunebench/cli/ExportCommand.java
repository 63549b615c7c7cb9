package dev.tunebench.cli;

import com.google.gson.JsonObject;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.checkpoint.AtomicFiles;
import dev.tunebench.engine.checkpoint.CheckpointException;
import dev.tunebench.engine.checkpoint.CheckpointLoader;
import dev.tunebench.engine.checkpoint.LoadedCheckpoint;
import dev.tunebench.engine.checkpoint.Manifest;
import dev.tunebench.engine.djl.DjlBackend;
import dev.tunebench.engine.djl.DjlModelSession;
import dev.tunebench.engine.checkpoint.CheckpointSidecar;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code export --checkpoint <dir> --to <dir>}: writes a checkpoint's model with everything needed to use it
 * (weights, sidecar, vocabulary or normaliser, class names, a README) into a new folder, without the optimiser
 * state. The export is itself a checkpoint folder: {@code evaluate --checkpoint <export>} works on it.
 */
public final class ExportCommand implements Command {
    /** The preprocessing file of an export (vocabulary, tokenizer, normaliser, image size). */
    public static final String PREPROCESSING = "preprocessing.json";
    /** The class names file of an export, one per line by label index. */
    public static final String CLASSES = "classes.txt";
    /** The model description file of an export. */
    public static final String MODEL_JSON = "model.json";
    /** The instructions file of an export. */
    public static final String README = "README.txt";

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String usage() {
        return "export --checkpoint <dir> --to <dir>";
    }

    @Override
    public String description() {
        return "write a checkpoint's model for use elsewhere: weights, sidecar, vocabulary/normaliser, class names "
                + "and a README on how to load it";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        Path ck = CheckpointArgs.checkpoint(args);
        Path to = Path.of(args.require("to")).toAbsolutePath().normalize();
        if (Files.exists(to) && !isEmptyDir(to)) {
            throw new UsageException("--to " + to + ": exists and is not an empty folder; choose a new one");
        }
        if (to.startsWith(ck)) {
            throw new UsageException("--to " + to + ": must not be inside the checkpoint folder");
        }
        try {
            CheckpointSidecar sidecar;
            Manifest source;
            // Loading proves the model rebuilds from the sidecar before anything is written.
            try (LoadedCheckpoint lc = CheckpointLoader.open(ck, new DjlBackend())) {
                sidecar = lc.sidecar();
                source = lc.manifest();
            }
            Files.createDirectories(to.getParent());
            Path tmp = AtomicFiles.tempSibling(to);
            Files.createDirectory(tmp);
            try {
                for (String f : source.files().keySet()) {
                    if (!f.equals(DjlModelSession.OPTIMIZER_FILE)) {
                        Path target = tmp.resolve(f);
                        Files.createDirectories(target.getParent());
                        Files.copy(ck.resolve(f), target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
                Files.writeString(tmp.resolve(PREPROCESSING), Json.gson().toJson(sidecar.preprocessing()) + "\n");
                if (sidecar.classNames() != null && !sidecar.classNames().isEmpty()) {
                    Files.writeString(tmp.resolve(CLASSES), String.join("\n", sidecar.classNames()) + "\n");
                }
                Files.writeString(tmp.resolve(MODEL_JSON), Json.gson().toJson(modelJson(sidecar, source, ck)) + "\n");
                Files.writeString(tmp.resolve(README), readme(sidecar, source, ck, to), StandardCharsets.UTF_8);
                writeManifest(tmp, source);
                AtomicFiles.forceTree(tmp);
                if (Files.exists(to)) {
                    Files.delete(to); // empty, checked above
                }
                AtomicFiles.moveAtomically(tmp, to);
                AtomicFiles.forceDirectory(to.getParent());
            } catch (IOException | RuntimeException e) {
                AtomicFiles.deleteQuietly(tmp);
                throw e;
            }
            // The export must load on its own, without the run folder.
            try (LoadedCheckpoint again = CheckpointLoader.open(to, new DjlBackend())) {
                out.println("exported " + source.id() + " (epoch " + sidecar.epoch() + ", " + sidecar.templateId()
                        + ", " + again.session().parameterCount() + " parameters) to " + to);
            }
            return 0;
        } catch (CheckpointException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("--to " + to + ": cannot write the export: " + e.getMessage());
        }
    }

    private static boolean isEmptyDir(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeManifest(Path dir, Manifest source) throws IOException {
        Map<String, Manifest.FileEntry> files = new LinkedHashMap<>();
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path p : all) {
            files.put(dir.relativize(p).toString().replace('\\', '/'),
                    new Manifest.FileEntry(AtomicFiles.sha256(p), Files.size(p)));
        }
        Manifest m = new Manifest(Manifest.FORMAT_VERSION, source.id(), source.epoch(), source.monitor(),
                source.value(), Instant.now(), files);
        Files.writeString(dir.resolve(Manifest.FILE_NAME), Json.gson().toJson(m.toJson()) + "\n");
    }

    private static JsonObject modelJson(CheckpointSidecar s, Manifest source, Path from) {
        JsonObject o = new JsonObject();
        o.addProperty("template", s.templateId());
        o.add("model", Json.gson().toJsonTree(s.config().model()));
        o.add("input", Json.gson().toJsonTree(s.input()));
        o.addProperty("weights", DjlModelSession.WEIGHTS_FILE);
        o.addProperty("exportedFrom", from.toString());
        o.addProperty("checkpoint", source.id());
        o.addProperty("epoch", s.epoch());
        o.addProperty("monitor", source.monitor());
        o.addProperty("monitorValue", source.value());
        o.add("metrics", Json.gson().toJsonTree(s.metrics()));
        o.add("versions", Json.gson().toJsonTree(s.versions()));
        return o;
    }

    private static String readme(CheckpointSidecar s, Manifest source, Path from, Path to) {
        String nl = System.lineSeparator();
        return String.join(nl,
                "TuneBench model export",
                "======================",
                "",
                "Model:      " + s.templateId() + " template, input " + s.input(),
                "Trained on: " + s.dataSource() + " (run " + s.runId() + ")",
                "Checkpoint: " + source.id() + ", epoch " + s.epoch() + ", " + source.monitor() + " = "
                        + source.value(),
                "Exported from " + from,
                "Versions:   " + s.versions(),
                "",
                "Files",
                "-----",
                DjlModelSession.WEIGHTS_FILE + "      weights, DJL Block.saveParameters format (PyTorch engine)",
                CheckpointSidecar.FILE_NAME + "   sidecar: template, every hyperparameter, input spec, data source,",
                "                  class names, preprocessing, metrics at save time, library versions",
                MODEL_JSON + "        the template, model hyperparameters and input spec alone",
                PREPROCESSING + " how raw data becomes model input (vocabulary, tokenizer, padding,",
                "                  normaliser, window, image size); apply it to new data, never refit it",
                CLASSES + "       class names by label index (classification only)",
                Manifest.FILE_NAME + "     SHA-256 of every file; TuneBench refuses a mismatch",
                "",
                "The optimiser state is not included: this folder is for using the model, not for resuming training",
                "(resume from the original checkpoint with 'train --resume').",
                "",
                "How to use it",
                "-------------",
                "Command line (JDK 17):",
                "  java -jar tunebench.jar evaluate --checkpoint " + to,
                "      loss and metrics on the data the run used",
                "  java -jar tunebench.jar evaluate --checkpoint " + to + " --data <spec>",
                "      on new data, prepared with " + PREPROCESSING,
                "",
                "Java, with tunebench.jar and its lib/ folder on the class path:",
                "  try (LoadedCheckpoint c = CheckpointLoader.open(Path.of(\"" + to + "\"), new DjlBackend())) {",
                "      LoadedData d = DataLoader.apply(c.sidecar().preprocessing(), DataSpec.parse(\"<spec>\"));",
                "      float[][] predictions = c.session().predict(d.test(), d.test().size());",
                "  }",
                "  (packages dev.tunebench.engine.checkpoint, .djl and .data). CheckpointLoader verifies the",
                "  checksums, rebuilds the model from " + CheckpointSidecar.FILE_NAME + " and loads "
                        + DjlModelSession.WEIGHTS_FILE + ".",
                "",
                "Plain DJL: build the same block as TuneBench's '" + s.templateId() + "' template with the",
                "hyperparameters in " + MODEL_JSON + ", initialise it for the input shape, then",
                "block.loadParameters(manager, new DataInputStream(Files.newInputStream(" + DjlModelSession.WEIGHTS_FILE
                        + "))).",
                "");
    }
}
