package dev.tunebench.app.checkpoints;

import dev.tunebench.app.common.Background;
import dev.tunebench.app.model.EngineServices;
import dev.tunebench.engine.backend.EvalResult;
import dev.tunebench.engine.checkpoint.CheckpointInfo;
import dev.tunebench.engine.data.LoadedData;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Checkpoints panel: the best-k and last checkpoints of one run folder, with evaluate, export and resume.
 * Listing and evaluating run in the background.
 */
public final class CheckpointsViewModel {
    private final EngineServices services;
    private final Background background;
    private final Supplier<LoadedData> loadedData;
    private final ObjectProperty<Path> runDir = new SimpleObjectProperty<>();
    private final ObservableList<CheckpointInfo> checkpoints = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No run yet.");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private Consumer<Path> resumer = p -> { };
    private long request;

    /**
     * Creates the panel's state.
     *
     * @param loadedData the data currently loaded (used to evaluate without reloading when it matches)
     */
    public CheckpointsViewModel(EngineServices services, Background background, Supplier<LoadedData> loadedData) {
        this.services = services;
        this.background = background;
        this.loadedData = loadedData;
        runDir.addListener((o, a, d) -> refresh());
    }

    /** Re-reads the checkpoint index of the run folder. */
    public void refresh() {
        Path dir = runDir.get();
        long r = ++request;
        if (dir == null) {
            checkpoints.clear();
            status.set("No run yet.");
            return;
        }
        background.run(() -> services.checkpoints(dir), list -> {
            if (r == request) {
                checkpoints.setAll(list);
                status.set(list.isEmpty() ? "No checkpoint in " + dir + " yet."
                        : list.size() + " checkpoint" + (list.size() == 1 ? "" : "s") + " in " + dir);
            }
        }, e -> {
            if (r == request) {
                checkpoints.clear();
                status.set("Could not read the checkpoints: " + e);
            }
        });
    }

    /** Evaluates a checkpoint on the validation split, or on the test split when {@code test}. */
    public void evaluate(CheckpointInfo cp, boolean test) {
        busy.set(true);
        status.set("Evaluating " + cp.id() + " on the " + (test ? "test" : "validation") + " split...");
        LoadedData d = loadedData.get();
        background.run(() -> services.evaluate(cp.path(), d, test), r -> {
            busy.set(false);
            status.set(cp.id() + " on the " + (test ? "test" : "validation") + " split: " + format(r));
        }, e -> {
            busy.set(false);
            status.set("Could not evaluate " + cp.id() + ": " + e);
        });
    }

    /** Returns "loss 0.4123, accuracy 0.9170". */
    static String format(EvalResult r) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "loss %.4f", r.loss()));
        for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
            sb.append(String.format(Locale.ROOT, ", %s %.4f", m.getKey(), m.getValue()));
        }
        return sb.toString();
    }

    /** Copies a checkpoint into a folder. */
    public void export(CheckpointInfo cp, Path targetDir) {
        background.run(() -> services.export(cp.path(), targetDir), p -> status.set("Exported " + cp.id() + " to " + p),
                e -> status.set("Could not export " + cp.id() + ": " + e));
    }

    /** Resumes training from a checkpoint (through the workbench). */
    public void resume(CheckpointInfo cp) {
        resumer.accept(cp.path());
    }

    /** Sets what resume does. */
    public void setResumer(Consumer<Path> r) {
        this.resumer = r;
    }

    /** Sets the status line (used by the view for open-folder results). */
    public void setStatus(String s) {
        status.set(s);
    }

    /** Returns the run folder whose checkpoints are shown. */
    public ObjectProperty<Path> runDirProperty() {
        return runDir;
    }

    /** Returns the checkpoints, best first. */
    public ObservableList<CheckpointInfo> checkpoints() {
        return checkpoints;
    }

    /** Returns the status line. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Returns whether an evaluation is running. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
