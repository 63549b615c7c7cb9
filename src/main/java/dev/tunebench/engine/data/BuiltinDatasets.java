package dev.tunebench.engine.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real datasets shipped on the class path under {@code /assets/datasets/<name>/}, usable with no user data
 * as {@code builtin:<name>}. Options given after the name override the built-in ones, for example
 * {@code builtin:spam?padLength=200}.
 */
public final class BuiltinDatasets {

    /**
     * One built-in dataset.
     *
     * @param name        the name after {@code builtin:}
     * @param title       a human-readable title
     * @param spec        the spec it stands for (paths relative to its resource folder)
     * @param size        what it holds, in words
     * @param licence     its licence
     * @param description what it is for
     */
    public record Info(String name, String title, String spec, String size, String licence, String description) {
    }

    private static final Map<String, Info> ALL = new LinkedHashMap<>();

    static {
        add(new Info("fashion-mnist", "Fashion-MNIST subset",
                "idx:train-images-idx3-ubyte.gz,train-labels-idx1-ubyte.gz"
                        + "?test=test-images-idx3-ubyte.gz,test-labels-idx1-ubyte.gz&valFraction=0.1",
                "9,000 train (8,100 train + 900 validation) and 2,000 test 28x28 grayscale images, 10 classes",
                "MIT (Zalando SE)", "clothing images; a CNN reaches about 85-90% validation accuracy"));
        add(new Info("digits", "scikit-learn 8x8 digits",
                "idx:train-images-idx3-ubyte.gz,train-labels-idx1-ubyte.gz"
                        + "?test=test-images-idx3-ubyte.gz,test-labels-idx1-ubyte.gz&valFraction=0.15",
                "1,438 train (1,222 + 216 validation) and 359 test 8x8 grayscale images, 10 classes",
                "CC BY 4.0 (UCI, Alpaydin & Kaynak)", "tiny handwritten digits; trains in seconds (tip 1: overfit "
                        + "a small set first)"));
        add(new Info("spam", "SpamAssassin public corpus",
                "text:train.tsv.gz?text=subject,body&label=label&quote=rfc4180&tokenizer=word&minFreq=2"
                        + "&maxVocab=20000"
                        + "&test=test.tsv.gz&valFraction=0.1",
                "3,680 train (3,312 + 368 validation) and 920 test mails (subject and body, no headers), ham/spam",
                "PDDL 1.0 / CC0 1.0", "text classification with an LSTM/GRU or CNN over word ids"));
        add(new Info("births", "US daily births 2000-2014",
                "series:births.csv?target=births&window=28&horizon=1&valFraction=0.1&testFraction=0.1&season=7",
                "5,479 days; 28-day windows predict the next day (80/10/10 chronological split)",
                "PDDL 1.0 / CC0 1.0", "forecasting with a weekly pattern; beat the same-weekday-last-week baseline"));
    }

    private BuiltinDatasets() {
    }

    private static void add(Info i) {
        ALL.put(i.name(), i);
    }

    /** Returns the names, e.g. {@code fashion-mnist, digits, spam, births}. */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** Returns every built-in dataset's description. */
    public static List<Info> all() {
        return List.copyOf(ALL.values());
    }

    /** Returns one built-in dataset's description. @throws DataException for an unknown name */
    public static Info info(String name) {
        Info i = ALL.get(name.strip().toLowerCase(java.util.Locale.ROOT));
        if (i == null) {
            throw new DataException("data spec 'builtin:" + name + "': no such built-in dataset; allowed: "
                    + String.join(", ", names()));
        }
        return i;
    }

    /** Returns the spec {@code builtin:<name>}. */
    public static DataSpec spec(String name) {
        return DataSpec.of(DataSpec.Format.BUILTIN, info(name).name());
    }

    /** Returns the class-path folder of a built-in dataset, e.g. {@code /assets/datasets/spam/}. */
    static String resourceDir(String name) {
        return "/assets/datasets/" + info(name).name() + "/";
    }

    /** Returns the underlying spec with the user's options laid over the built-in ones. */
    static DataSpec expand(DataSpec builtin) {
        DataSpec base = DataSpec.parse(info(builtin.path()).spec());
        Map<String, String> opts = new LinkedHashMap<>(base.options());
        opts.putAll(builtin.options());
        return new DataSpec(base.format(), base.path(), opts);
    }

    /** Returns the class names listed in the dataset's classes.txt, or null when it has none. */
    static List<String> classNames(String name) {
        String r = resourceDir(name) + "classes.txt";
        try (InputStream in = BuiltinDatasets.class.getResourceAsStream(r)) {
            if (in == null) {
                return null;
            }
            List<String> out = new ArrayList<>();
            BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = br.readLine(); line != null; line = br.readLine()) {
                if (!line.isBlank()) {
                    out.add(line.strip());
                }
            }
            return out;
        } catch (IOException e) {
            throw new DataException(r, 0, null, "cannot read: " + e.getMessage());
        }
    }
}
