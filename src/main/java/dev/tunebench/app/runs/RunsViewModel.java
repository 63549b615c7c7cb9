package dev.tunebench.app.runs;

import dev.tunebench.app.common.Background;
import dev.tunebench.app.model.EngineServices;
import dev.tunebench.app.model.RunRecord;
import dev.tunebench.engine.config.ConfigPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The Runs panel: every run kept in the runs folder; the selected runs are overlaid in one chart with a table of
 * the hyperparameters that differ between them.
 */
public final class RunsViewModel {
    private final EngineServices services;
    private final Background background;
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObservableList<RunRecord> selected = FXCollections.observableArrayList();
    private final ObservableList<DiffRow> differences = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    /**
     * One hyperparameter that differs between the selected runs.
     *
     * @param name   field path as presets name it ({@code optimizer.learningRate}), or "data"
     * @param values its value in each selected run, in selection order
     */
    public record DiffRow(String name, List<String> values) {
    }

    /** Creates the panel's state. */
    public RunsViewModel(EngineServices services, Background background) {
        this.services = services;
        this.background = background;
        selected.addListener((ListChangeListener<RunRecord>) c -> differences.setAll(differences(selected)));
    }

    /** Re-reads the runs folder. */
    public void refresh() {
        background.run(services::runs, list -> {
            List<String> keep = selected.stream().map(RunRecord::id).toList();
            runs.setAll(list);
            status.set(list.size() + " run" + (list.size() == 1 ? "" : "s") + " in " + services.runsRoot());
            selected.setAll(list.stream().filter(r -> keep.contains(r.id())).toList());
        }, e -> status.set("Could not read the runs: " + e));
    }

    /** Returns the hyperparameters (and data) whose values are not all equal across {@code runs}. */
    public static List<DiffRow> differences(List<RunRecord> runs) {
        if (runs.size() < 2) {
            return List.of();
        }
        List<Map<String, String>> texts = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        keys.add(ConfigPaths.TEMPLATE);
        keys.add("data");
        for (RunRecord r : runs) {
            Map<String, String> t = new LinkedHashMap<>();
            t.put(ConfigPaths.TEMPLATE, r.template());
            t.put("data", r.data());
            if (r.config() != null) {
                t.putAll(ConfigPaths.texts(r.config()));
            }
            keys.addAll(t.keySet());
            texts.add(t);
        }
        List<DiffRow> out = new ArrayList<>();
        for (String k : keys) {
            List<String> values = texts.stream().map(t -> t.getOrDefault(k, "")).toList();
            if (values.stream().distinct().count() > 1) {
                out.add(new DiffRow(k, values));
            }
        }
        return out;
    }

    /** Returns every run, newest first. */
    public ObservableList<RunRecord> runs() {
        return runs;
    }

    /** Returns the selected runs (set by the view). */
    public ObservableList<RunRecord> selected() {
        return selected;
    }

    /** Returns the hyperparameters that differ between the selected runs. */
    public ObservableList<DiffRow> differences() {
        return differences;
    }

    /** Returns the status line. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
