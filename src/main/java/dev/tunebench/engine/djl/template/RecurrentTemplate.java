package dev.tunebench.engine.djl.template;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.RecurrentModelSpec;
import dev.tunebench.engine.data.InputSpec;
import java.util.List;
import java.util.Locale;

/**
 * LSTM or GRU scaffold (tips 12, 13, 16, 17, 21): token ids through a trainable embedding, or real-valued steps
 * directly; optional dropout after the embedding/input; 1-4 stacked recurrent layers (one {@link RecurrentLayer}
 * each) with optional LayerNorm between them; the last step or the mean over time; optional dropout; a dense head
 * to the output size.
 */
public final class RecurrentTemplate implements ModelTemplate {

    private final RecurrentLayer.Cell cell;

    /** Creates the template for a cell kind. */
    public RecurrentTemplate(RecurrentLayer.Cell cell) {
        this.cell = cell;
    }

    @Override
    public String id() {
        return cell.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String description() {
        return cell == RecurrentLayer.Cell.LSTM
                ? "Stacked LSTM for token or real-valued sequences: embedding, 1-4 layers, dense head"
                : "Stacked GRU for token or real-valued sequences: embedding, 1-4 layers, dense head";
    }

    @Override
    public List<String> tips() {
        return List.of(
                "Tip 17: 2 or 3 stacked layers are a good first try (1-4 allowed).",
                "Tip 16: embedding 64 or 128; hidden size somewhat larger, 256 or 512.",
                "Tip 12: try dropout right after the embedding and just before the output layer.",
                "Tip 13: LayerNorm between stacked layers helps on some tasks and hurts on others.",
                "Tip 10: hidden-to-hidden weights orthogonal, He or Xavier elsewhere.",
                "Tip 9: recurrent nets often need gradient clipping (clip norm).",
                "Tip 21: GRU and LSTM perform about the same on most tasks.");
    }

    @Override
    public List<InputSpec.Kind> acceptedInputs() {
        return List.of(InputSpec.Kind.TOKENS, InputSpec.Kind.SERIES);
    }

    @Override
    public void validate(ModelSpec model, InputSpec input) {
        RecurrentModelSpec spec = Checks.spec(model, RecurrentModelSpec.class, id());
        Checks.inputKind(id(), input, acceptedInputs());
        Checks.output(input);
        int[] shape = input.shape();
        if (input.kind() == InputSpec.Kind.TOKENS) {
            if (shape.length != 1 || shape[0] < 1) {
                throw new IllegalArgumentException("data.shape: token input needs [length >= 1], got "
                        + java.util.Arrays.toString(shape));
            }
            if (input.vocabularySize() < 2) {
                throw new IllegalArgumentException("data.vocabularySize: " + input.vocabularySize()
                        + " must be at least 2 (PAD and OOV)");
            }
            Checks.range("model.embeddingSize", spec.embeddingSize(), 1, 4096);
        } else if (shape.length != 2 || shape[0] < 1 || shape[1] < 1) {
            throw new IllegalArgumentException("data.shape: series input needs [length >= 1, features >= 1], got "
                    + java.util.Arrays.toString(shape));
        }
        Checks.range("model.layers", spec.layers(), 1, 4);
        Checks.range("model.hiddenSize", spec.hiddenSize(), 1, 4096);
        Checks.probability("model.dropoutAfterEmbedding", spec.dropoutAfterEmbedding());
        Checks.probability("model.dropoutBeforeOutput", spec.dropoutBeforeOutput());
        Checks.notNull("model.sequenceOutput", spec.sequenceOutput(), "LAST, MEAN");
        Checks.notNull("model.init", spec.init(), "HE_NORMAL, HE_UNIFORM, XAVIER_NORMAL, XAVIER_UNIFORM");
        Checks.notNull("model.recurrentInit", spec.recurrentInit(), "ORTHOGONAL, SAME_AS_INIT");
        if (spec.recurrentInit() == RecurrentModelSpec.RecurrentInit.ORTHOGONAL) {
            Checks.positive("model.orthogonalGain", spec.orthogonalGain());
        }
    }

    @Override
    public Block build(ModelSpec model, InputSpec input) {
        validate(model, input);
        RecurrentModelSpec spec = (RecurrentModelSpec) model;
        NamedStack net = new NamedStack();
        if (input.kind() == InputSpec.Kind.TOKENS) {
            net.add("embedding", new TokenEmbedding(input.vocabularySize(), spec.embeddingSize()));
        }
        if (spec.dropoutAfterEmbedding() > 0) {
            net.add(input.kind() == InputSpec.Kind.TOKENS ? "dropout_embedding" : "dropout_input",
                    Dropout.builder().optRate((float) spec.dropoutAfterEmbedding()).build());
        }
        for (int l = 1; l <= spec.layers(); l++) {
            net.add(id() + l, new RecurrentLayer(cell, spec.hiddenSize(), spec.bidirectional()));
            if (spec.layerNorm() && l < spec.layers()) {
                net.add("layernorm" + l, LayerNorm.builder().axis(2).build());
            }
        }
        net.add(spec.sequenceOutput() == RecurrentModelSpec.SequenceOutput.MEAN ? "mean_over_time" : "last_step",
                new SequencePooling(spec.sequenceOutput(), spec.bidirectional()));
        if (spec.dropoutBeforeOutput() > 0) {
            net.add("dropout_output", Dropout.builder().optRate((float) spec.dropoutBeforeOutput()).build());
        }
        net.add("dense", Linear.builder().setUnits(input.outputSize()).build());
        TemplateInit.apply(net, spec);
        return net;
    }
}
