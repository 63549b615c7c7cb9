package dev.tunebench.engine.config;

import java.util.List;

/**
 * Architecture hyperparameters of a model template. Fields that a template does not use are ignored by it
 * (the CNN ignores the recurrent fields and vice versa).
 *
 * @param template              template id: {@code lstm}, {@code gru} or {@code resnet}
 * @param layers                stacked recurrent layers, 1-4 (tip 17: 2 or 3)
 * @param embeddingSize         token embedding size (tip 16: 64 or 128); unused for real-valued input
 * @param hiddenSize            recurrent hidden size (tip 16: 256 or 512)
 * @param bidirectional         whether the recurrent layers read both directions
 * @param sequenceOutput        which recurrent output feeds the head
 * @param layerNorm             LayerNorm between stacked recurrent layers (tip 13)
 * @param dropoutAfterEmbedding dropout probability right after the embedding / input (tip 12); 0 = off
 * @param dropoutBeforeOutput   dropout probability before the output layer (tip 12); 0 = off
 * @param stageChannels         CNN: channels of each residual stage (its length is the number of stages)
 * @param blocksPerStage        CNN: residual blocks per stage (tip 20: depth is a hyperparameter)
 * @param shortcuts             CNN: residual shortcut connections (tip 19); false for comparison
 * @param batchNorm             CNN: BatchNorm after each convolution (tip 12)
 * @param activation            activation function (tip 11)
 * @param leakyReluSlope        negative slope of LeakyReLU
 * @param init                  initialisation of conv / linear / input-to-hidden weights (tip 10)
 * @param recurrentInit         initialisation of recurrent hidden-to-hidden weights (tip 10)
 * @param orthogonalGain        gain of the orthogonal initialiser
 * @param forgetGateBias        LSTM: initialise the forget-gate bias to 1
 */
public record ModelSpec(
        String template,
        int layers,
        int embeddingSize,
        int hiddenSize,
        boolean bidirectional,
        SequenceOutput sequenceOutput,
        boolean layerNorm,
        double dropoutAfterEmbedding,
        double dropoutBeforeOutput,
        List<Integer> stageChannels,
        int blocksPerStage,
        boolean shortcuts,
        boolean batchNorm,
        Activation activation,
        double leakyReluSlope,
        InitScheme init,
        RecurrentInit recurrentInit,
        double orthogonalGain,
        boolean forgetGateBias) {

    public ModelSpec {
        stageChannels = stageChannels == null ? List.of() : List.copyOf(stageChannels);
    }

    /** Which recurrent output feeds the head. */
    public enum SequenceOutput { LAST, MEAN }

    /** Activation function (tip 11). */
    public enum Activation { RELU, LEAKY_RELU }

    /** Weight initialisation of non-recurrent weights (tip 10). */
    public enum InitScheme { HE_NORMAL, HE_UNIFORM, XAVIER_NORMAL, XAVIER_UNIFORM }

    /** Initialisation of recurrent hidden-to-hidden weights (tip 10). */
    public enum RecurrentInit { ORTHOGONAL, SAME_AS_INIT }

    /** Returns the playbook's LSTM defaults: 2 layers, embedding 128, hidden 256, orthogonal recurrent weights. */
    public static ModelSpec lstmDefaults() {
        return new ModelSpec("lstm", 2, 128, 256, false, SequenceOutput.LAST, false, 0.1, 0.2,
                List.of(), 0, true, true, Activation.RELU, 0.01, InitScheme.HE_NORMAL,
                RecurrentInit.ORTHOGONAL, 1.0, true);
    }

    /** Returns the playbook's GRU defaults (tip 21: about as good as LSTM). */
    public static ModelSpec gruDefaults() {
        return lstmDefaults().withTemplate("gru");
    }

    /** Returns the playbook's ResNet-style CNN defaults: stages 32/64/128, 2 blocks each, shortcuts, BatchNorm. */
    public static ModelSpec resnetDefaults() {
        return new ModelSpec("resnet", 0, 0, 0, false, SequenceOutput.LAST, false, 0.0, 0.2,
                List.of(32, 64, 128), 2, true, true, Activation.RELU, 0.01, InitScheme.HE_NORMAL,
                RecurrentInit.SAME_AS_INIT, 1.0, false);
    }

    /** Returns whether the template is recurrent. */
    public boolean isRecurrent() {
        return "lstm".equals(template) || "gru".equals(template);
    }

    /** Returns a copy with another template id. */
    public ModelSpec withTemplate(String id) {
        return new ModelSpec(id, layers, embeddingSize, hiddenSize, bidirectional, sequenceOutput, layerNorm,
                dropoutAfterEmbedding, dropoutBeforeOutput, stageChannels, blocksPerStage, shortcuts, batchNorm,
                activation, leakyReluSlope, init, recurrentInit, orthogonalGain, forgetGateBias);
    }
}
