package dev.tunebench.app.workbench;

import com.google.gson.JsonObject;
import dev.tunebench.app.common.AppSettings;
import dev.tunebench.app.model.DataChoice;
import dev.tunebench.app.model.EngineServices;
import dev.tunebench.app.model.PresetChoice;
import dev.tunebench.app.model.RunHandle;
import dev.tunebench.app.model.RunSetup;
import dev.tunebench.app.presets.ConfigFields;
import dev.tunebench.engine.backend.TrainingBackend;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.BuiltinDatasets;
import dev.tunebench.engine.data.DataLoader;
import dev.tunebench.engine.data.DataSpec;
import dev.tunebench.engine.data.Inspector;
import dev.tunebench.engine.data.LoadedData;
import dev.tunebench.engine.djl.DjlBackend;
import dev.tunebench.engine.event.TrainingListener;
import dev.tunebench.preset.DataFacts;
import dev.tunebench.preset.FieldError;
import dev.tunebench.preset.Preset;
import dev.tunebench.preset.PresetChecks;
import dev.tunebench.preset.PresetLibrary;
import dev.tunebench.preset.PresetValidator;
import dev.tunebench.preset.Warning;
import dev.tunebench.app.model.RunRecord;
import dev.tunebench.app.runs.RunLibrary;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.backend.EvalResult;
import dev.tunebench.engine.backend.ModelSession;
import dev.tunebench.engine.checkpoint.CheckpointReport;
import dev.tunebench.engine.checkpoint.Checkpoints;
import dev.tunebench.engine.data.ArraySplit;
import dev.tunebench.engine.lrfind.LrFindOptions;
import dev.tunebench.engine.lrfind.LrFindResult;
import dev.tunebench.engine.lrfind.LrRangeTest;
import dev.tunebench.engine.overfit.OverfitCheck;
import dev.tunebench.engine.overfit.OverfitOptions;
import dev.tunebench.engine.overfit.OverfitResult;
import dev.tunebench.engine.checkpoint.CheckpointSidecar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The window's engine: built-in data and importers, the preset library, validation and checks, and training. */
public final class DefaultEngineServices implements EngineServices {
    private final TrainingBackend backend;
    private final PresetLibrary library;
    private final Path runsRoot;

    /** Creates the services on the DJL backend, the standard preset library and the standard runs folder. */
    public DefaultEngineServices() {
        this(new DjlBackend(), PresetLibrary.standard(), AppSettings.runsRoot());
    }

    /** Creates services on the given backend, preset library and runs folder (null: runs write no files). */
    public DefaultEngineServices(TrainingBackend backend, PresetLibrary library, Path runsRoot) {
        this.backend = backend;
        this.library = library;
        this.runsRoot = runsRoot;
    }

    @Override
    public List<DataChoice> dataChoices() {
        List<DataChoice> out = new ArrayList<>();
        for (BuiltinDatasets.Info i : BuiltinDatasets.all()) {
            out.add(new DataChoice("builtin:" + i.name(), i.title(), i.size() + ". " + i.description()
                    + " Licence: " + i.licence() + ".", kindOf(i.spec()), true));
        }
        return out;
    }

    /** Returns "text", "series" or "image" for a data spec string. */
    public static String kindOf(String spec) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("builtin:")) {
            String name = s.substring(8).split("\\?")[0];
            return kindOf(BuiltinDatasets.info(name).spec());
        }
        if (s.startsWith("text:")) {
            return "text";
        }
        if (s.startsWith("series:")) {
            return "series";
        }
        return "image";
    }

    @Override
    public List<PresetChoice> presets() {
        List<PresetChoice> out = new ArrayList<>();
        for (Preset p : library.bundled()) {
            out.add(choice(p, false, null));
        }
        for (Preset p : library.user()) {
            out.add(choice(p, true, library.userFolder().resolve(p.id() + ".json")));
        }
        return out;
    }

    private static PresetChoice choice(Preset p, boolean user, Path file) {
        return new PresetChoice(p.id(), p.name(), p.description(), user, p.config(), p.data(), p.dataKind(),
                ConfigFields.notesByKey(p.notes()), file, p.upgradeNote());
    }

    @Override
    public String warmUp() {
        return backend.description();
    }

    @Override
    public LoadedData loadData(String spec) {
        return DataLoader.load(DataSpec.parse(spec));
    }

    @Override
    public JsonObject inspect(String spec) {
        return Inspector.inspect(DataSpec.parse(spec));
    }

    @Override
    public List<String> validate(RunConfig config, LoadedData data) {
        // With data, the validator also knows whether the template can read the input at all.
        List<FieldError> errors = data == null ? PresetValidator.validate(config)
                : PresetValidator.validate(config, data.input());
        return errors.stream().map(FieldError::toString).toList();
    }

    @Override
    public List<String> checks(RunConfig config, PresetChoice preset, LoadedData data) {
        DataFacts facts = data == null ? DataFacts.unknown() : DataFacts.of(data);
        List<Warning> warnings = new ArrayList<>();
        if (preset != null) {
            PresetChecks.dataKindMismatch(preset.id(), preset.dataKind(), facts).ifPresent(warnings::add);
        }
        warnings.addAll(PresetChecks.check(config, facts));
        List<String> out = new ArrayList<>();
        if (preset != null && !preset.upgradeNote().isEmpty()) {
            out.add(preset.upgradeNote());
        }
        warnings.forEach(w -> out.add(w.toString()));
        return out;
    }

    @Override
    public PresetChoice savePreset(String name, String description, RunConfig config, DataChoice data)
            throws IOException {
        String id = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("preset name '" + name + "' needs at least one letter or digit");
        }
        String kind = data != null ? data.kind() : "resnet".equals(config.model().template()) ? "image" : "text";
        Preset p = new Preset(id, name.strip(), description, kind, data == null ? null : data.spec(), config, null);
        Path file = library.saveUserPreset(p);
        return choice(p, true, file);
    }

    @Override
    public RunHandle start(RunSetup setup, TrainingListener listener) {
        return RunStarter.start(setup, listener, backend);
    }

    @Override
    public Path runsRoot() {
        return runsRoot;
    }

    @Override
    public List<RunRecord> runs() throws IOException {
        return RunLibrary.list(runsRoot);
    }

    @Override
    public CheckpointReport checkpoints(Path runDir) throws IOException {
        return Checkpoints.report(runDir);
    }

    @Override
    public EvalResult evaluate(Path checkpoint, LoadedData loaded, boolean test) throws IOException {
        Checkpoints.verify(checkpoint);
        CheckpointSidecar side = Json.gson().fromJson(Checkpoints.readSidecarJson(checkpoint),
                CheckpointSidecar.class);
        LoadedData data = loaded != null && side.input().equals(loaded.input())
                && Objects.equals(side.dataSource(), loaded.source()) ? loaded
                : DataLoader.apply(side.preprocessing(), DataSpec.parse(side.dataSource()));
        ArraySplit split = test ? data.testSplit().orElseThrow(() -> new IllegalArgumentException(
                "the data " + data.source() + " has no test split")) : data.validation();
        try (ModelSession session = backend.open(side.config(), side.input())) {
            session.load(checkpoint, false);
            return session.evaluate(split, side.config().training().batchSize());
        }
    }

    @Override
    public Path export(Path checkpoint, Path targetDir) throws IOException {
        Checkpoints.verify(checkpoint);
        String run = checkpoint.getParent() != null && checkpoint.getParent().getParent() != null
                ? checkpoint.getParent().getParent().getFileName() + "-" : "";
        Path target = targetDir.resolve(run + checkpoint.getFileName());
        if (Files.exists(target)) {
            throw new IOException(target + " already exists; choose another folder");
        }
        Files.createDirectories(target);
        try (var files = Files.list(checkpoint)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return target;
    }

    @Override
    public OverfitResult overfit(RunConfig config, LoadedData data) {
        return OverfitCheck.run(backend, config, data, OverfitOptions.defaults());
    }

    @Override
    public LrFindResult lrFind(RunConfig config, LoadedData data) {
        return LrRangeTest.run(backend, config, data, LrFindOptions.defaults());
    }

    /** Returns the preset library. */
    public PresetLibrary library() {
        return library;
    }

    /** Returns the backend. */
    public TrainingBackend backend() {
        return backend;
    }
}
