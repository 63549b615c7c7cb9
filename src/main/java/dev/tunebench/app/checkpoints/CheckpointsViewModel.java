package dev.tunebench.app.checkpoints;

import dev.tunebench.app.common.Background;
import dev.tunebench.app.model.EngineServices;
import dev.tunebench.engine.backend.EvalResult;
import dev.tunebench.engine.checkpoint.CheckpointFailure;
import dev.tunebench.engine.checkpoint.CheckpointInfo;
import dev.tunebench.engine.checkpoint.CheckpointReport;
import dev.tunebench.engine.data.LoadedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Checkpoints panel: the best-k and last checkpoints of one run folder, which of them is the last good one (the
 * newest verified after writing), and beside them the writes that failed or were interrupted with their reasons;
 * evaluate, export and resume act on a kept checkpoint only. Listing and evaluating run in the background.
 */
public final class CheckpointsViewModel {
    private final EngineServices services;
    private final Background background;
    private final Supplier<LoadedData> loadedData;
    private final ObjectProperty<Path> runDir = new SimpleObjectProperty<>();
    private final ObservableList<CheckpointInfo> checkpoints = FXCollections.observableArrayList();
    private final ObservableList<CheckpointRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<CheckpointInfo> lastGood = new ReadOnlyObjectWrapper<>();
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

    /** Re-reads the checkpoint index and the record of failed writes of the run folder. */
    public void refresh() {
        Path dir = runDir.get();
        long r = ++request;
        if (dir == null) {
            show(CheckpointReport.empty());
            status.set("No run yet.");
            return;
        }
        background.run(() -> services.checkpoints(dir), report -> {
            if (r == request) {
                show(report);
                status.set(describe(report, dir));
            }
        }, e -> {
            if (r == request) {
                show(CheckpointReport.empty());
                status.set("Could not read the checkpoints: " + e);
            }
        });
    }

    private void show(CheckpointReport report) {
        checkpoints.setAll(report.checkpoints());
        lastGood.set(report.lastGood().orElse(null));
        List<CheckpointRow> all = new ArrayList<>();
        report.checkpoints().forEach(c -> all.add(CheckpointRow.kept(c, report.isLastGood(c))));
        report.unfinished().forEach(f -> all.add(CheckpointRow.failed(f)));
        report.failures().forEach(f -> all.add(CheckpointRow.failed(f)));
        rows.setAll(all);
    }

    /** Returns the status line of a report: how many are kept, the last good one, the failed writes. */
    static String describe(CheckpointReport report, Path dir) {
        List<CheckpointInfo> list = report.checkpoints();
        StringBuilder sb = new StringBuilder(list.isEmpty() ? "No checkpoint in " + dir + " yet."
                : list.size() + " checkpoint" + (list.size() == 1 ? "" : "s") + " in " + dir);
        report.lastGood().ifPresent(c -> sb.append("; last good: ").append(c.id()));
        int failed = report.failures().size();
        if (failed > 0) {
            CheckpointFailure newest = report.failures().get(0);
            sb.append("; ").append(failed).append(" write").append(failed == 1 ? "" : "s")
                    .append(" did not commit, newest ").append(newest.describe());
        }
        return sb.toString();
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

    /** Returns the panel's rows: the kept checkpoints best first, then unfinished and failed writes, newest first. */
    public ObservableList<CheckpointRow> rows() {
        return rows;
    }

    /** Returns the last good checkpoint (the newest verified after writing), or null. */
    public ReadOnlyObjectProperty<CheckpointInfo> lastGoodProperty() {
        return lastGood.getReadOnlyProperty();
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
