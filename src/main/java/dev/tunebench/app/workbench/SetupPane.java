package dev.tunebench.app.workbench;

import dev.tunebench.app.model.DataChoice;
import dev.tunebench.app.model.PresetChoice;
import dev.tunebench.app.model.TemplateChoice;
import dev.tunebench.app.presets.HyperparameterEditor;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The left side of the window: template, data and preset pickers, the preset checks' warnings and the
 * hyperparameter editor with "Save as preset" and "Reset to preset".
 */
public final class SetupPane extends ScrollPane {
    private final WorkbenchViewModel model;
    private ComboBox<TemplateChoice> templatePicker;
    private Label templateDescription;
    private Label templateTips;
    private ComboBox<DataChoice> dataPicker;
    private Button importData;
    private Label dataStatus;
    private ComboBox<PresetChoice> presetPicker;
    private Label presetDescription;
    private Button savePreset;
    private Button resetPreset;
    private ListView<String> warnings;
    private Label warningsTitle;
    private Label errors;
    private HyperparameterEditor editor;
    private Runnable onImport = () -> { };
    private Runnable onSavePreset = () -> { };

    /** Creates the pane. */
    public SetupPane(WorkbenchViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        getStyleClass().add("setup-pane");
        templatePicker = new ComboBox<>(model.templates());
        templatePicker.setId("template-picker");
        templateDescription = wrapped("template-description");
        templateTips = wrapped("template-tips");
        templateTips.getStyleClass().add("tips");
        dataPicker = new ComboBox<>(model.dataChoices());
        dataPicker.setId("data-picker");
        importData = new Button("Import...");
        importData.setId("import-data");
        importData.setTooltip(new Tooltip("Import your own CSV/TSV text, series, IDX or image folder (Ctrl+I)"));
        dataStatus = wrapped("data-status");
        presetPicker = new ComboBox<>(model.presets());
        presetPicker.setId("preset-picker");
        presetDescription = wrapped("preset-description");
        savePreset = new Button("Save as preset...");
        savePreset.setId("save-preset");
        resetPreset = new Button("Reset to preset");
        resetPreset.setId("reset-preset");
        warningsTitle = new Label("Preset checks");
        warningsTitle.getStyleClass().add("section-title");
        warnings = new ListView<>(model.hyperparameters().warnings());
        warnings.setId("warnings");
        warnings.getStyleClass().add("warnings");
        warnings.setPrefHeight(90);
        warnings.setPlaceholder(new Label("No warnings: the values follow the playbook."));
        warnings.setCellFactory(lv -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : "\u26A0 " + item);
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        errors = wrapped("param-errors");
        errors.getStyleClass().add("error-text");
        editor = new HyperparameterEditor(model.hyperparameters());
        for (ComboBox<?> c : new ComboBox<?>[] {templatePicker, dataPicker, presetPicker}) {
            c.setMaxWidth(Double.MAX_VALUE);
        }
    }

    private static Label wrapped(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        return l;
    }

    private void layoutParts() {
        GridPane pickers = new GridPane();
        pickers.setHgap(8);
        pickers.setVgap(6);
        javafx.scene.layout.ColumnConstraints labelColumn = new javafx.scene.layout.ColumnConstraints();
        labelColumn.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints pickerColumn = new javafx.scene.layout.ColumnConstraints();
        pickerColumn.setHgrow(Priority.ALWAYS);
        pickers.getColumnConstraints().addAll(labelColumn, pickerColumn);
        Label t = new Label("_Template");
        t.setMnemonicParsing(true);
        t.setLabelFor(templatePicker);
        Label d = new Label("_Data");
        d.setMnemonicParsing(true);
        d.setLabelFor(dataPicker);
        Label p = new Label("Pre_set");
        p.setMnemonicParsing(true);
        p.setLabelFor(presetPicker);
        HBox dataRow = new HBox(6, dataPicker, importData);
        HBox.setHgrow(dataPicker, Priority.ALWAYS);
        GridPane.setHgrow(templatePicker, Priority.ALWAYS);
        GridPane.setHgrow(dataRow, Priority.ALWAYS);
        GridPane.setHgrow(presetPicker, Priority.ALWAYS);
        pickers.addRow(0, t, templatePicker);
        pickers.add(templateDescription, 1, 1);
        pickers.add(templateTips, 1, 2);
        pickers.addRow(3, d, dataRow);
        pickers.add(dataStatus, 1, 4);
        pickers.addRow(5, p, presetPicker);
        pickers.add(presetDescription, 1, 6);
        HBox presetButtons = new HBox(6, savePreset, resetPreset);
        presetButtons.setAlignment(Pos.CENTER_LEFT);
        pickers.add(presetButtons, 1, 7);
        VBox box = new VBox(8, pickers, warningsTitle, warnings, errors, editor);
        box.setPadding(new Insets(8));
        setContent(box);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setPrefWidth(440);
        setMinWidth(360);
    }

    private void setupBindings() {
        templatePicker.valueProperty().bindBidirectional(model.templateProperty());
        dataPicker.valueProperty().bindBidirectional(model.dataProperty());
        presetPicker.valueProperty().bindBidirectional(model.presetProperty());
        templateDescription.textProperty().bind(Bindings.createStringBinding(
                () -> model.templateProperty().get() == null ? "" : model.templateProperty().get().description(),
                model.templateProperty()));
        templateTips.textProperty().bind(Bindings.createStringBinding(
                () -> model.templateProperty().get() == null ? ""
                        : String.join("\n", model.templateProperty().get().tips()),
                model.templateProperty()));
        presetDescription.textProperty().bind(Bindings.createStringBinding(
                () -> model.presetProperty().get() == null ? "" : model.presetProperty().get().description(),
                model.presetProperty()));
        dataStatus.textProperty().bind(model.dataStatusProperty());
        errors.textProperty().bind(model.hyperparameters().errorSummaryProperty());
        errors.visibleProperty().bind(errors.textProperty().isNotEmpty());
        errors.managedProperty().bind(errors.visibleProperty());
        resetPreset.disableProperty().bind(model.hyperparameters().modifiedProperty().not());
        savePreset.disableProperty().bind(model.hyperparameters().validProperty().not());
        var active = model.training().stateProperty();
        // The setup cannot change under a running run: it would not apply and would mislead.
        for (javafx.scene.Node n : new javafx.scene.Node[] {templatePicker, dataPicker, importData, presetPicker,
                editor}) {
            n.disableProperty().bind(Bindings.createBooleanBinding(() -> active.get().isActive(), active));
        }
    }

    private void setupEventHandlers() {
        importData.setOnAction(e -> onImport.run());
        savePreset.setOnAction(e -> onSavePreset.run());
        resetPreset.setOnAction(e -> model.hyperparameters().resetToPreset());
    }

    /** Sets what Import... does. */
    public void setOnImport(Runnable r) {
        this.onImport = r;
    }

    /** Sets what Save as preset... does. */
    public void setOnSavePreset(Runnable r) {
        this.onSavePreset = r;
    }

    /** Returns the editor. */
    public HyperparameterEditor editor() {
        return editor;
    }

    /** Focuses the template picker (keyboard navigation). */
    public void focusTemplate() {
        templatePicker.requestFocus();
    }
}
