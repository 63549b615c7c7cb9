package dev.tunebench.engine.data;

import com.google.gson.JsonObject;
import java.nio.file.Path;

/**
 * Loads a {@link DataSpec} into memory: built-in datasets, text CSV/TSV, numeric series CSV, IDX files and image
 * folders. Bad input raises a {@link DataException} naming the file, line and column, unless the spec says
 * {@code skipBadRows=true}, in which case the count of skipped rows is in {@link LoadedData#notes()}.
 */
public final class DataLoader {
    private DataLoader() {
    }

    /** Returns the data, resolving relative paths against the working directory. */
    public static LoadedData load(DataSpec spec) {
        return load(spec, Path.of(""));
    }

    /** Returns the data, resolving relative paths against {@code baseDir} (for example a preset's folder). */
    public static LoadedData load(DataSpec spec, Path baseDir) {
        return loadDetailed(spec, baseDir).data();
    }

    /**
     * Returns an out-of-memory error that says which data ran out of memory and what to do; the original one's
     * arrays are gone by now, so there is room to build the message.
     */
    static OutOfMemoryError outOfMemory(DataSpec spec, OutOfMemoryError e) {
        if (e.getMessage() != null && e.getMessage().startsWith("out of memory while")) {
            return e;
        }
        OutOfMemoryError o = new OutOfMemoryError("out of memory while loading " + spec.path() + " ("
                + spec.format().prefix() + " data; the Java heap has " + Memory.human(Runtime.getRuntime().maxMemory())
                + " at most): " + Memory.capAdvice());
        o.initCause(e);
        return o;
    }

    /**
     * Returns new labelled data prepared exactly as a model was trained: the saved vocabulary and padding
     * (text), normaliser and window (series), or size and channels (images) from {@code preprocessing}
     * ({@link LoadedData#preprocessing()} of the training data, as kept beside a checkpoint). Nothing is fitted
     * again. All samples are in {@link LoadedData#test()}; train and validation are empty.
     *
     * @param preprocessing the training data's preprocessing JSON
     * @param newData       the new data; its format must match (text, series, or idx/images for images)
     */
    public static LoadedData apply(JsonObject preprocessing, DataSpec newData) {
        return apply(preprocessing, newData, Path.of(""));
    }

    /** Returns new data prepared as in {@link #apply(JsonObject, DataSpec)}, with relative paths under baseDir. */
    public static LoadedData apply(JsonObject preprocessing, DataSpec newData, Path baseDir) {
        try {
            return applyUnguarded(preprocessing, newData, baseDir);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(newData, e);
        }
    }

    private static LoadedData applyUnguarded(JsonObject preprocessing, DataSpec newData, Path baseDir) {
        DataSpec spec = newData;
        Resolver res = Resolver.files(baseDir);
        if (spec.format() == DataSpec.Format.BUILTIN) {
            res = Resolver.resources(BuiltinDatasets.resourceDir(spec.path()));
            spec = BuiltinDatasets.expand(spec);
        }
        String kind = preprocessing.has("format") ? preprocessing.get("format").getAsString() : "?";
        LoadedData d = switch (spec.format()) {
            case TEXT -> {
                expect(kind, "text", newData);
                yield TextImporter.apply(preprocessing, spec, res);
            }
            case SERIES -> {
                expect(kind, "series", newData);
                yield SeriesImporter.apply(preprocessing, spec, res);
            }
            case IDX -> {
                expect(kind, "image", newData);
                yield IdxImporter.apply(preprocessing, spec, res);
            }
            case IMAGES -> {
                expect(kind, "image", newData);
                yield ImageFolderImporter.apply(preprocessing, spec, res);
            }
            case BUILTIN -> throw new IllegalStateException();
        };
        return withSource(d, newData.toString());
    }

    private static void expect(String kind, String wanted, DataSpec spec) {
        if (!kind.equals(wanted)) {
            throw new DataException("data spec '" + spec + "': the model was trained on " + kind
                    + " data; give " + wanted + " data");
        }
    }

    /** Returns the data with the inspector's raw facts. */
    static Loaded loadDetailed(DataSpec spec, Path baseDir) {
        try {
            return loadUnguarded(spec, baseDir);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(spec, e);
        }
    }

    private static Loaded loadUnguarded(DataSpec spec, Path baseDir) {
        Resolver res = Resolver.files(baseDir);
        DataSpec s = spec;
        java.util.List<String> classNames = null;
        if (spec.format() == DataSpec.Format.BUILTIN) {
            res = Resolver.resources(BuiltinDatasets.resourceDir(spec.path()));
            classNames = BuiltinDatasets.classNames(spec.path());
            s = BuiltinDatasets.expand(spec);
        }
        Loaded l = switch (s.format()) {
            case TEXT -> TextImporter.load(s, res);
            case SERIES -> SeriesImporter.load(s, res);
            case IDX -> IdxImporter.load(s, res, classNames);
            case IMAGES -> ImageFolderImporter.load(s, res);
            case BUILTIN -> throw new IllegalStateException();
        };
        return new Loaded(withSource(l.data(), spec.toString()), l.table(), l.trainLengths(), l.valTokens(),
                l.valOov(), l.facts());
    }

    private static LoadedData withSource(LoadedData d, String source) {
        return new LoadedData(source, d.input(), d.train(), d.validation(), d.test(), d.classNames(),
                d.preprocessing(), d.notes());
    }
}
