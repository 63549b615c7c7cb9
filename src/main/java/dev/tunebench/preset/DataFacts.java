package dev.tunebench.preset;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.data.ArraySplit;
import dev.tunebench.engine.data.InputSpec;
import dev.tunebench.engine.data.LoadedData;

/**
 * What the preset checks need to know about the chosen data.
 *
 * @param trainSize       training samples
 * @param inputKind       token ids, real-valued series or images; null when unknown
 * @param task            classification or regression; null when unknown
 * @param numClasses      classification: number of classes; otherwise 0
 * @param paddingCoverage TOKENS: fraction of training samples that fit the padding length without truncation, in
 *                        [0, 1]; NaN when unknown or not text
 */
public record DataFacts(int trainSize, InputSpec.Kind inputKind, Task task, int numClasses, double paddingCoverage) {

    /** Returns facts that say nothing (no data chosen yet): only config-only checks apply. */
    public static DataFacts unknown() {
        return new DataFacts(0, null, null, 0, Double.NaN);
    }

    /**
     * Returns the facts of loaded data. The padding coverage comes from the loader's note "N of M training samples
     * truncated", else from a number {@code paddingCoverage} or {@code coverage} in the preprocessing JSON, else it
     * is estimated as the fraction of training samples with PAD (token id 0) at the padded end ({@code padSide}
     * pre or post), i.e. that were certainly not truncated.
     */
    public static DataFacts of(LoadedData data) {
        InputSpec in = data.input();
        double coverage = Double.NaN;
        if (in.kind() == InputSpec.Kind.TOKENS) {
            coverage = notedCoverage(data.notes());
            if (Double.isNaN(coverage)) {
                coverage = recordedCoverage(data.preprocessing());
            }
            if (Double.isNaN(coverage)) {
                JsonElement side = data.preprocessing().get("padSide");
                boolean pre = side != null && side.isJsonPrimitive() && "pre".equals(side.getAsString());
                coverage = estimateCoverage(data.train(), pre);
            }
        }
        int classes = in.task() == Task.CLASSIFICATION ? in.outputSize() : 0;
        return new DataFacts(data.train().size(), in.kind(), in.task(), classes, coverage);
    }

    private static final java.util.regex.Pattern TRUNCATED =
            java.util.regex.Pattern.compile("(\\d+) of (\\d+) training samples truncated");

    private static double notedCoverage(java.util.List<String> notes) {
        for (String n : notes) {
            java.util.regex.Matcher m = TRUNCATED.matcher(n);
            if (m.find() && Long.parseLong(m.group(2)) > 0) {
                return 1 - Long.parseLong(m.group(1)) / (double) Long.parseLong(m.group(2));
            }
        }
        return Double.NaN;
    }

    /** Returns the fraction of samples with PAD (0) at the padded end: they were not truncated. */
    static double estimateCoverage(ArraySplit train, boolean padAtStart) {
        if (train.size() == 0 || train.rowSize() == 0) {
            return Double.NaN;
        }
        float[] f = train.features();
        int row = train.rowSize();
        int fit = 0;
        for (int i = 0; i < train.size(); i++) {
            if (f[padAtStart ? i * row : (i + 1) * row - 1] == 0f) {
                fit++;
            }
        }
        return fit / (double) train.size();
    }

    private static double recordedCoverage(JsonObject pre) {
        for (JsonObject o : new JsonObject[] {pre, pre.has("padding") && pre.get("padding").isJsonObject()
                ? pre.getAsJsonObject("padding") : null}) {
            if (o == null) {
                continue;
            }
            for (String key : new String[] {"paddingCoverage", "coverage"}) {
                JsonElement e = o.get(key);
                if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                    double v = e.getAsDouble();
                    return v > 1 ? v / 100.0 : v;
                }
            }
        }
        return Double.NaN;
    }

    /** Returns the data kind ({@code text}, {@code series}, {@code image}), or null when unknown. */
    public String dataKind() {
        return inputKind == null ? null : Preset.dataKindOf(inputKind);
    }
}
