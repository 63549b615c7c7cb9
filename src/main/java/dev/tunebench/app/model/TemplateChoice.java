package dev.tunebench.app.model;

import dev.tunebench.engine.config.ModelSpec;
import java.util.List;

/**
 * A model template as the window offers it.
 *
 * @param id          template id used in presets ({@code lstm}, {@code gru}, {@code resnet})
 * @param name        display name
 * @param description one line
 * @param tips        the playbook tips behind the template, as sentences citing their numbers
 * @param defaults    the template's default architecture
 * @param dataKind    the input kinds it fits: "tokens/series" or "image"
 */
public record TemplateChoice(String id, String name, String description, List<String> tips, ModelSpec defaults,
        String dataKind) {

    public TemplateChoice {
        tips = List.copyOf(tips);
    }

    /** Returns the three built-in templates. */
    public static List<TemplateChoice> builtIns() {
        return List.of(
                new TemplateChoice("lstm", "LSTM",
                        "Stacked LSTM over token embeddings or series windows; a good first try for sequences.",
                        List.of("Tip 17: a 2- or 3-layer LSTM is a good first try and usually works well.",
                                "Tip 10: orthogonal hidden-to-hidden weights, He or Xavier elsewhere.",
                                "Tip 9: RNNs often need gradient clipping (clip_grad_norm).",
                                "Tip 16: embedding 64 or 128, hidden 256 or 512."),
                        ModelSpec.defaults("lstm"), "tokens/series"),
                new TemplateChoice("gru", "GRU",
                        "Stacked GRU: fewer gates than the LSTM, usually as good and a little faster.",
                        List.of("Tip 21: GRU and LSTM perform about the same on most tasks.",
                                "Tip 13: LayerNorm between layers is worth a try; on some tasks it hurts.",
                                "Tip 9: clip the gradient norm."),
                        ModelSpec.defaults("gru"), "tokens/series"),
                new TemplateChoice("resnet", "ResNet-style CNN",
                        "Residual convolutional stages with BatchNorm and shortcuts, for images.",
                        List.of("Tip 19: use shortcut (residual) connections wherever there is a CNN.",
                                "Tip 20: past some depth more layers change little; depth is a hyperparameter.",
                                "Tip 10: He initialisation for ReLU networks.",
                                "Tip 12: BatchNorm and Dropout before the output layer are worth trying."),
                        ModelSpec.defaults("resnet"), "image"));
    }

    /** Returns whether the template fits data of the given input kind name (TOKENS, SERIES, IMAGE). */
    public boolean fits(String inputKind) {
        return "IMAGE".equalsIgnoreCase(inputKind) == "image".equals(dataKind);
    }

    @Override
    public String toString() {
        return name;
    }
}
