package dev.tunebench.app.data;

import dev.tunebench.app.model.DataChoice;
import dev.tunebench.engine.data.DataSpec;
import java.io.File;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** Import...: choose an importer, its file and options; shows the resulting data spec or why it is invalid. */
public final class ImportDialog extends Dialog<DataChoice> {
    private final ImportViewModel model = new ImportViewModel();
    private ChoiceBox<DataSpec.Format> format;
    private TextField path;
    private Button browse;
    private TextField labels;
    private Button browseLabels;
    private HBox labelsRow;
    private GridPane options;
    private Label spec;
    private Label error;

    /** Creates the dialog. */
    public ImportDialog(Window owner) {
        initOwner(owner);
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        setTitle("Import data");
        setHeaderText("Import your own data: CSV/TSV text, a numeric CSV series, IDX files or an image folder");
        format = new ChoiceBox<>();
        format.getItems().setAll(DataSpec.Format.TEXT, DataSpec.Format.SERIES, DataSpec.Format.IDX,
                DataSpec.Format.IMAGES);
        format.setConverter(new StringConverter<>() {
            @Override
            public String toString(DataSpec.Format f) {
                return f == null ? "" : switch (f) {
                    case TEXT -> "Text classification (CSV/TSV)";
                    case SERIES -> "Sequence forecasting (CSV)";
                    case IDX -> "Images: IDX files (MNIST format)";
                    case IMAGES -> "Images: folder of class sub-folders";
                    default -> f.prefix();
                };
            }

            @Override
            public DataSpec.Format fromString(String s) {
                return null;
            }
        });
        format.setValue(DataSpec.Format.TEXT);
        path = new TextField();
        path.setId("import-path");
        path.setPrefColumnCount(30);
        browse = new Button("Browse...");
        labels = new TextField();
        labels.setPromptText("labels file (IDX)");
        browseLabels = new Button("Browse...");
        options = new GridPane();
        options.setHgap(8);
        options.setVgap(4);
        spec = new Label();
        spec.setId("import-spec");
        spec.setWrapText(true);
        error = new Label();
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    }

    private void layoutParts() {
        HBox pathRow = new HBox(6, path, browse);
        HBox.setHgrow(path, Priority.ALWAYS);
        labelsRow = new HBox(6, labels, browseLabels);
        HBox.setHgrow(labels, Priority.ALWAYS);
        VBox box = new VBox(8, format, pathRow, labelsRow, options, new Label("Data spec:"), spec, error);
        box.setPadding(new Insets(10));
        box.setPrefWidth(620);
        getDialogPane().setContent(box);
        rebuildOptions();
    }

    private void rebuildOptions() {
        options.getChildren().clear();
        List<ImportViewModel.Option> list = ImportViewModel.options(format.getValue());
        for (int i = 0; i < list.size(); i++) {
            ImportViewModel.Option o = list.get(i);
            Label l = new Label(o.label());
            TextField f = new TextField();
            f.setPromptText(o.prompt());
            f.textProperty().bindBidirectional(model.value(o.name()));
            Tooltip t = new Tooltip(o.name() + ": " + o.help());
            l.setTooltip(t);
            f.setTooltip(t);
            l.setLabelFor(f);
            GridPane.setHgrow(f, Priority.ALWAYS);
            options.addRow(i, l, f);
        }
    }

    private void setupBindings() {
        model.formatProperty().bind(format.valueProperty());
        model.pathProperty().bind(path.textProperty());
        model.secondPathProperty().bind(labels.textProperty());
        spec.textProperty().bind(model.specProperty());
        error.textProperty().bind(model.errorProperty());
        labelsRow.visibleProperty().bind(format.valueProperty().isEqualTo(DataSpec.Format.IDX));
        labelsRow.managedProperty().bind(labelsRow.visibleProperty());
        getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(model.specProperty().isEmpty());
    }

    private void setupEventHandlers() {
        format.valueProperty().addListener((o, a, f) -> {
            rebuildOptions();
            getDialogPane().getScene().getWindow().sizeToScene();
        });
        browse.setOnAction(e -> choose(path));
        browseLabels.setOnAction(e -> choose(labels));
        setResultConverter(b -> b == ButtonType.OK ? model.toChoice() : null);
    }

    private void choose(TextField target) {
        File f;
        if (format.getValue() == DataSpec.Format.IMAGES) {
            f = new DirectoryChooser().showDialog(getOwner());
        } else {
            f = new FileChooser().showOpenDialog(getOwner());
        }
        if (f != null) {
            target.setText(f.getAbsolutePath());
        }
    }

    /** Returns the dialog's state. */
    public ImportViewModel model() {
        return model;
    }
}
