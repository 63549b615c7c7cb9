package dev.tunebench.app.data;

import dev.tunebench.app.model.DataChoice;
import dev.tunebench.engine.data.DataException;
import dev.tunebench.engine.data.DataSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Import... dialog's state: a format, a path and the importer's options, turned into a data spec string that
 * the engine's parser accepts (the same string the CLI and presets use). The spec, or the reason it is invalid,
 * is recomputed on every edit.
 */
public final class ImportViewModel {

    /**
     * One option of an importer.
     *
     * @param name   option name in the spec
     * @param label  label in the dialog
     * @param prompt what an empty field means (the default) or an example
     * @param help   tooltip
     */
    public record Option(String name, String label, String prompt, String help) {
    }

    private static final List<Option> COMMON = List.of(
            new Option("valFraction", "Validation fraction", "0.1", "Seeded validation split, stratified for "
                    + "classification (tip 5)"),
            new Option("validation", "Validation file", "none: split from training", "Explicit validation file"),
            new Option("test", "Test file", "none", "Explicit test file (IDX: images,labels)"),
            new Option("maxTrain", "Max training samples", "20000", "Subset mode (tip 5): tune on about 20k first"),
            new Option("maxVal", "Max validation samples", "2000", "Subset mode (tip 5)"),
            new Option("skipBadRows", "Skip bad rows", "false", "true: skip malformed rows and count them in the "
                    + "notes; false: stop at the first with its file, line and column"));

    private static final String QUOTE_HELP = "rfc4180: quoted fields may hold delimiters and line breaks (the "
            + "CSV default); none: quote marks are data (the TSV default)";
    private static final String COLUMNS_HELP = "For a file without a header line: its column names, "
            + "comma-separated";

    private static final Map<DataSpec.Format, List<Option>> OPTIONS = Map.of(
            DataSpec.Format.TEXT, List.of(
                    new Option("text", "Text column(s)", "text", "Column(s) holding the text, comma-separated"),
                    new Option("label", "Label column", "label", "Column holding the class label"),
                    new Option("tokenizer", "Tokenizer", "word", "word or char"),
                    new Option("minFreq", "Min token frequency", "1", "Rarer training tokens become OOV"),
                    new Option("maxVocab", "Max vocabulary", "none", "Keep the most frequent tokens"),
                    new Option("padLength", "Padding length", "covers 90%", "Tip 23: cover at least 90% of samples"),
                    new Option("delimiter", "Delimiter", "by extension: , or tab", "Field separator"),
                    new Option("quote", "Quoting", "CSV: rfc4180, TSV: none", QUOTE_HELP),
                    new Option("columns", "Column names", "from the header line", COLUMNS_HELP)),
            DataSpec.Format.SERIES, List.of(
                    new Option("target", "Target column(s)", "required", "Column(s) to forecast"),
                    new Option("inputs", "Input columns", "the targets", "Columns the model reads"),
                    new Option("window", "Window length", "28", "Past steps per sample"),
                    new Option("horizon", "Horizon", "1", "Steps ahead to predict"),
                    new Option("normalize", "Normalisation", "zscore", "Fitted on the training part only"),
                    new Option("testFraction", "Test fraction", "0", "Chronological test part at the end"),
                    new Option("delimiter", "Delimiter", "by extension: , or tab", "Field separator"),
                    new Option("quote", "Quoting", "CSV: rfc4180, TSV: none", QUOTE_HELP),
                    new Option("columns", "Column names", "from the header line", COLUMNS_HELP)),
            DataSpec.Format.IDX, List.of(
                    new Option("classNames", "Class names", "0..N-1", "Comma-separated names by label")),
            DataSpec.Format.IMAGES, List.of(
                    new Option("size", "Image size", "28", "Images are resized to size x size"),
                    new Option("grayscale", "Grayscale", "true", "false keeps RGB")));

    private final ObjectProperty<DataSpec.Format> format = new SimpleObjectProperty<>(DataSpec.Format.TEXT);
    private final StringProperty path = new SimpleStringProperty("");
    private final StringProperty secondPath = new SimpleStringProperty("");
    private final Map<String, StringProperty> values = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper spec = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("choose a file");

    /** Creates the dialog state for a text import. */
    public ImportViewModel() {
        for (DataSpec.Format f : List.of(DataSpec.Format.TEXT, DataSpec.Format.SERIES, DataSpec.Format.IDX,
                DataSpec.Format.IMAGES)) {
            for (Option o : options(f)) {
                values.computeIfAbsent(o.name(), k -> {
                    StringProperty p = new SimpleStringProperty("");
                    p.addListener((ob, a, b) -> recompute());
                    return p;
                });
            }
        }
        format.addListener((o, a, b) -> recompute());
        path.addListener((o, a, b) -> recompute());
        secondPath.addListener((o, a, b) -> recompute());
        recompute();
    }

    /** Returns the options of a format: its own, then the common ones. */
    public static List<Option> options(DataSpec.Format f) {
        List<Option> l = new java.util.ArrayList<>(OPTIONS.getOrDefault(f, List.of()));
        l.addAll(COMMON);
        return l;
    }

    private void recompute() {
        DataSpec.Format f = format.get();
        String p = path.get().strip();
        if (f == DataSpec.Format.IDX && !secondPath.get().isBlank()) {
            p = p + "," + secondPath.get().strip();
        }
        if (p.isEmpty()) {
            spec.set("");
            error.set(f == DataSpec.Format.IMAGES ? "choose a folder" : "choose a file");
            return;
        }
        Map<String, String> opts = new LinkedHashMap<>();
        for (Option o : options(f)) {
            String v = values.get(o.name()).get().strip();
            if (!v.isEmpty()) {
                String problem = checkValue(o.name(), v);
                if (!problem.isEmpty()) {
                    spec.set("");
                    error.set(o.label() + " (" + o.name() + "): '" + v + "' " + problem);
                    return;
                }
                opts.put(o.name(), v);
            }
        }
        try {
            String s = new DataSpec(f, p, opts).toString();
            DataSpec.parse(s);
            spec.set(s);
            error.set("");
        } catch (DataException e) {
            spec.set("");
            error.set(e.getMessage());
        }
    }

    private static final java.util.Set<String> WHOLE = java.util.Set.of("window", "horizon", "minFreq", "maxVocab",
            "padLength", "maxTrain", "maxVal", "size");
    private static final java.util.Set<String> FRACTION = java.util.Set.of("valFraction", "testFraction");

    /** Returns why an option value is not allowed, or "" (the loader checks the rest when it reads the data). */
    static String checkValue(String name, String v) {
        try {
            if (WHOLE.contains(name) && Integer.parseInt(v) < 1) {
                return "must be at least 1";
            }
            if (FRACTION.contains(name)) {
                double d = Double.parseDouble(v);
                if (!(d >= 0 && d < 1)) {
                    return "must be a fraction from 0 to below 1";
                }
            }
        } catch (NumberFormatException e) {
            return WHOLE.contains(name) ? "is not a whole number" : "is not a number";
        }
        if ((name.equals("skipBadRows") || name.equals("grayscale")) && !v.equals("true") && !v.equals("false")) {
            return "must be true or false";
        }
        if (name.equals("tokenizer") && !v.equals("word") && !v.equals("char")) {
            return "must be word or char";
        }
        return "";
    }

    /** Returns the choice the data picker shows for the spec, or null while invalid. */
    public DataChoice toChoice() {
        if (spec.get().isEmpty()) {
            return null;
        }
        String kind = switch (format.get()) {
            case TEXT -> "text";
            case SERIES -> "series";
            default -> "image";
        };
        String name = Path.of(path.get().strip()).getFileName() + " (" + format.get().prefix() + ")";
        return new DataChoice(spec.get(), name, "Imported: " + spec.get(), kind, false);
    }

    /** Returns the importer. */
    public ObjectProperty<DataSpec.Format> formatProperty() {
        return format;
    }

    /** Returns the file or folder (IDX: the images file). */
    public StringProperty pathProperty() {
        return path;
    }

    /** Returns the IDX labels file. */
    public StringProperty secondPathProperty() {
        return secondPath;
    }

    /** Returns the text of an option field. */
    public StringProperty value(String option) {
        return values.get(option);
    }

    /** Returns the spec string, or "" while invalid. */
    public ReadOnlyStringProperty specProperty() {
        return spec.getReadOnlyProperty();
    }

    /** Returns why the spec is invalid, or "". */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
