package dev.tunebench.app.model;

import com.google.gson.JsonObject;
import dev.tunebench.engine.backend.EvalResult;
import dev.tunebench.engine.checkpoint.CheckpointReport;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.lrfind.LrFindResult;
import dev.tunebench.engine.overfit.OverfitResult;
import dev.tunebench.engine.data.LoadedData;
import dev.tunebench.engine.event.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the window asks of the engine. Every method except {@link #start} may block (I/O, DJL start-up) and is
 * called on a background executor, never on the UI thread.
 */
public interface EngineServices {

    /** Returns the data sets the picker offers (built-ins). */
    List<DataChoice> dataChoices();

    /** Returns the bundled presets followed by the user's. */
    List<PresetChoice> presets();

    /**
     * Loads the engine (PyTorch native library) so the first Start does not wait for it, and returns its
     * description, e.g. "DJL 0.36.0 / PyTorch 2.7.1".
     */
    String warmUp();

    /**
     * Loads a data set.
     *
     * @throws Exception with a message naming the file, line and field when the data is bad
     */
    LoadedData loadData(String spec) throws Exception;

    /** Returns the invalid values of a config for the data (blocking: Start stays disabled), or an empty list. */
    List<String> validate(RunConfig config, LoadedData data);

    /**
     * Returns the preset checks' warnings for a config and data (never blocking), each citing its tip, with a
     * warning first when {@code preset} (may be null) was made for another kind of data.
     */
    List<String> checks(RunConfig config, PresetChoice preset, LoadedData data);

    /** Saves a user preset and returns it as the picker shows it. */
    PresetChoice savePreset(String name, String description, RunConfig config, DataChoice data) throws IOException;

    /**
     * Returns the inspection of a data set (tips 2 and 23) as the engine's inspector writes it: describe() of the
     * columns, class counts, sequence lengths with padding coverage, vocabulary, and a preview.
     */
    JsonObject inspect(String spec) throws Exception;

    /** Starts a run on its own thread; returns at once. Errors on the training thread end the run as FAILED. */
    RunHandle start(RunSetup setup, TrainingListener listener);

    /** Returns the folder that holds the run folders. */
    Path runsRoot();

    /** Returns the runs kept in {@link #runsRoot()}, newest first. */
    List<RunRecord> runs() throws IOException;

    /**
     * Returns the checkpoints of a run folder (best first, then the last), the last good one, and the writes that
     * failed or were interrupted, with their reasons.
     */
    CheckpointReport checkpoints(Path runDir) throws IOException;

    /**
     * Evaluates a checkpoint on the validation split, or the test split when {@code test}, of the data it was
     * trained on (rebuilt with the checkpoint's own preprocessing when the loaded data differs).
     *
     * @throws IllegalArgumentException when {@code test} is asked for and the data has no test split
     */
    EvalResult evaluate(Path checkpoint, LoadedData loaded, boolean test) throws IOException;

    /** Copies a checkpoint folder into {@code targetDir} and returns the copy. */
    Path export(Path checkpoint, Path targetDir) throws IOException;

    /** Runs the overfit check (tip 1) on a few batches of the data. */
    OverfitResult overfit(RunConfig config, LoadedData data);

    /** Runs the learning-rate range test on the model and data. */
    LrFindResult lrFind(RunConfig config, LoadedData data);
}
