package dev.tunebench.engine.study;

import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search space the window offers for a template, from the tuning playbook: which fields to vary, over which
 * values, and the tip that says so. Plain data; the window ticks {@link Suggestion#ticked} ones by default.
 */
public final class PlaybookSpaces {

    /**
     * One field to vary.
     *
     * @param path         the preset field path
     * @param distribution the values the playbook suggests
     * @param tips         the playbook tips that give them
     * @param why          a sentence for the window
     * @param ticked       whether the window varies it unless the user unticks it
     */
    public record Suggestion(String path, Distribution distribution, List<Integer> tips, String why,
                             boolean ticked) {
        public Suggestion {
            tips = List.copyOf(tips);
        }
    }

    private PlaybookSpaces() {
    }

    /**
     * Returns the suggestions for a template, in the order the window lists them.
     *
     * @param template {@code lstm}, {@code gru} or {@code resnet}
     * @param tokens   whether the input is tokens (text): only then is the embedding size searched
     */
    public static List<Suggestion> forTemplate(String template, boolean tokens) {
        List<Suggestion> out = new ArrayList<>();
        out.add(new Suggestion("optimizer.learningRate", new FloatDistribution(1e-4, 1e-2, null, true), List.of(7, 8),
                "Adam's good learning rates lie between 1e-4 and 1e-3 (tip 7); search 1e-4..1e-2 on a log scale; "
                        + "with cosine annealing the exact value matters less (tip 8).", true));
        out.add(new Suggestion("optimizer.kind", choice("ADAMW", "RADAM"), List.of(7, 18),
                "Adam first, then RAdam (tip 7); AdamW is the Adam whose weight decay (tip 18) is decoupled.", true));
        out.add(new Suggestion("schedule.tMax", choice(32, 64), List.of(8),
                "CosineAnnealingLR with T_max 32 or 64 works well on many tasks (tip 8).", false));
        out.add(new Suggestion("training.batchSize", choice(16, 32, 64), List.of(15),
                "A smaller batch often helps a little (tip 15).", true));
        out.add(new Suggestion("optimizer.weightDecay", choice(0, 0.0001), List.of(18),
                "Weight decay is worth a try; 1e-4 is a good value (tip 18).", true));
        boolean recurrent = template.equals("lstm") || template.equals("gru");
        if (recurrent) {
            out.add(new Suggestion("training.clipNorm", choice(0, 1.0), List.of(9),
                    "Recurrent nets often need gradient clipping (tip 9).", false));
            out.add(new Suggestion("model.hiddenSize", choice(256, 512), List.of(16),
                    "The LSTM or CNN after the embedding can be larger: 256 or 512 (tip 16).", false));
            if (tokens) {
                out.add(new Suggestion("model.embeddingSize", choice(64, 128), List.of(16),
                        "The embedding can be small: 64 or 128 (tip 16).", false));
            }
            out.add(new Suggestion("model.layers", choice(2, 3), List.of(17),
                    "A 2- or 3-layer LSTM is a good first try (tip 17).", false));
            out.add(new Suggestion("model.template", choice("gru", "lstm"), List.of(21),
                    "GRU and LSTM perform about the same on most tasks (tip 21): let the study say.", false));
        } else {
            out.add(new Suggestion("model.blocksPerStage", choice(1, 2, 3), List.of(20),
                    "Past some depth more CNN layers change little: treat depth as a hyperparameter (tip 20).",
                    false));
            out.add(new Suggestion("model.activation", choice("RELU", "LEAKY_RELU"), List.of(11),
                    "ReLU is usually enough; Leaky ReLU is worth a try (tip 11).", false));
        }
        return List.copyOf(out);
    }

    /** Returns the ticked suggestions of a template as a search space. */
    public static SearchSpace defaultSpace(String template, boolean tokens) {
        Map<String, Distribution> m = new LinkedHashMap<>();
        for (Suggestion s : forTemplate(template, tokens)) {
            if (s.ticked()) {
                m.put(s.path(), s.distribution());
            }
        }
        return new SearchSpace(m);
    }

    private static ChoiceDistribution choice(Object... values) {
        List<com.google.gson.JsonElement> l = new ArrayList<>();
        for (Object v : values) {
            l.add(v instanceof String s ? new JsonPrimitive(s) : new JsonPrimitive((Number) v));
        }
        return new ChoiceDistribution(l);
    }
}
