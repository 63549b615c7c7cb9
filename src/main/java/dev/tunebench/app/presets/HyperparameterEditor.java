package dev.tunebench.app.presets;

import java.util.EnumMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The hyperparameter editor: one section per {@link ParamGroup}, one row per field with its editor and, under it,
 * the reason the value is invalid. Tooltips give the field's meaning, the tip behind it and the preset's note.
 * Fields that do not apply to the chosen template are hidden.
 */
public final class HyperparameterEditor extends VBox {
    private final HyperparameterViewModel model;
    private final Map<ParamGroup, GridPane> grids = new EnumMap<>(ParamGroup.class);
    private final Map<ParamGroup, TitledPane> sections = new EnumMap<>(ParamGroup.class);

    /** Creates the editor for the given state. */
    public HyperparameterEditor(HyperparameterViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        getStyleClass().add("hyperparameter-editor");
        for (ParamGroup g : ParamGroup.values()) {
            GridPane grid = new GridPane();
            grid.getStyleClass().add("param-grid");
            grid.setHgap(8);
            grid.setVgap(2);
            ColumnConstraints labels = new ColumnConstraints();
            labels.setMinWidth(130);
            ColumnConstraints editors = new ColumnConstraints();
            editors.setHgrow(Priority.ALWAYS);
            editors.setFillWidth(true);
            grid.getColumnConstraints().addAll(labels, editors);
            grids.put(g, grid);
            TitledPane pane = new TitledPane();
            pane.setId("section-" + g.name().toLowerCase());
            boolean open = g == ParamGroup.MODEL || g == ParamGroup.OPTIMISATION;
            pane.setExpanded(open);
            if (open) {
                pane.setContent(grid);
            } else {
                // Styling sixty editors costs seconds on a slow machine: a section is attached when first opened.
                pane.expandedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                    @Override
                    public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was,
                            Boolean now) {
                        if (now) {
                            pane.setContent(grid);
                            pane.expandedProperty().removeListener(this);
                        }
                    }
                });
            }
            sections.put(g, pane);
        }
    }

    private void layoutParts() {
        Map<ParamGroup, Integer> rows = new EnumMap<>(ParamGroup.class);
        for (ParamField f : model.fields()) {
            GridPane grid = grids.get(f.group());
            int row = rows.merge(f.group(), 0, (a, b) -> a + 2);
            Label label = new Label(f.label());
            label.getStyleClass().add("param-label");
            Node editor = editorFor(f);
            Label error = new Label();
            error.getStyleClass().add("param-error");
            error.setId("error-" + f.key());
            error.setWrapText(true);
            error.textProperty().bind(f.errorProperty());
            error.visibleProperty().bind(f.errorProperty().isNotEmpty().and(f.applicableProperty()));
            error.managedProperty().bind(error.visibleProperty());
            label.setLabelFor(editor);
            Tooltip tip = new Tooltip();
            tip.setShowDelay(Duration.millis(300));
            tip.setWrapText(true);
            tip.setMaxWidth(420);
            tip.textProperty().bind(Bindings.createStringBinding(() -> f.tip()
                    + (f.noteProperty().get().isEmpty() ? "" : "\nPreset: " + f.noteProperty().get()),
                    f.noteProperty()));
            Tooltip.install(label, tip);
            if (editor instanceof javafx.scene.control.Control c) {
                c.setTooltip(tip);
            }
            grid.add(label, 0, row);
            grid.add(editor, 1, row);
            grid.add(error, 1, row + 1);
            for (Node n : new Node[] {label, editor}) {
                n.visibleProperty().bind(f.applicableProperty());
                n.managedProperty().bind(f.applicableProperty());
            }
        }
        for (ParamGroup g : ParamGroup.values()) {
            getChildren().add(sections.get(g));
        }
        setPadding(new Insets(0));
    }

    private Node editorFor(ParamField f) {
        String id = "param-" + f.key();
        switch (f.type()) {
            case BOOL: {
                CheckBox box = new CheckBox();
                box.setId(id);
                box.setSelected(Boolean.parseBoolean(f.textProperty().get()));
                box.selectedProperty().addListener((o, a, b) -> f.textProperty().set(String.valueOf(b)));
                f.textProperty().addListener((o, a, t) -> box.setSelected(Boolean.parseBoolean(t)));
                return box;
            }
            case CHOICE: {
                ChoiceBox<String> combo = new ChoiceBox<>();
                combo.setId(id);
                combo.getItems().setAll(f.choices());
                combo.setValue(f.textProperty().get());
                combo.setMaxWidth(Double.MAX_VALUE);
                combo.valueProperty().addListener((o, a, v) -> {
                    if (v != null) {
                        f.textProperty().set(v);
                    }
                });
                f.textProperty().addListener((o, a, t) -> combo.setValue(t));
                return combo;
            }
            default: {
                TextField text = new TextField();
                text.setId(id);
                text.textProperty().bindBidirectional(f.textProperty());
                text.setPrefColumnCount(10);
                f.errorProperty().addListener((o, a, e) -> markInvalid(text, !e.isEmpty()));
                markInvalid(text, !f.isValid());
                return text;
            }
        }
    }

    private static void markInvalid(Node n, boolean invalid) {
        if (invalid) {
            if (!n.getStyleClass().contains("invalid")) {
                n.getStyleClass().add("invalid");
            }
        } else {
            n.getStyleClass().remove("invalid");
        }
    }

    private void setupBindings() {
        // A section title shows how many of its values are invalid, so a collapsed section still tells.
        for (ParamGroup g : ParamGroup.values()) {
            var fields = model.fields().stream().filter(f -> f.group() == g).toList();
            javafx.beans.Observable[] deps = fields.stream()
                    .flatMap(f -> java.util.stream.Stream.of(f.errorProperty(), f.applicableProperty()))
                    .toArray(javafx.beans.Observable[]::new);
            sections.get(g).textProperty().bind(Bindings.createStringBinding(() -> {
                long bad = fields.stream().filter(f -> f.applicableProperty().get() && !f.isValid()).count();
                return bad == 0 ? g.title() : g.title() + "  (" + bad + " invalid)";
            }, deps));
        }
    }

    private void setupEventHandlers() {
        // Expanding a section with an invalid value is what the user needs when Start is disabled.
        model.validProperty().addListener((o, a, valid) -> {
            if (!valid) {
                for (ParamField f : model.fields()) {
                    if (f.applicableProperty().get() && !f.isValid()) {
                        sections.get(f.group()).setExpanded(true);
                    }
                }
            }
        });
    }

    /** Returns the section pane of a group. */
    public TitledPane section(ParamGroup g) {
        return sections.get(g);
    }
}
