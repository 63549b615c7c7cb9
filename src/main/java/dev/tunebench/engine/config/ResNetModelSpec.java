package dev.tunebench.engine.config;

import java.util.List;
import java.util.Objects;

/**
 * Architecture of the {@code resnet} template (tips 11, 12, 19, 20): a stem convolution, residual stages, global
 * average pooling, a dense head.
 *
 * @param stageChannels       channels of each residual stage; its length is the number of stages
 * @param blocksPerStage      residual blocks per stage (tip 20: depth is a hyperparameter)
 * @param shortcuts           residual shortcut connections (tip 19); false only to compare
 * @param batchNorm           BatchNorm after each convolution (tip 12)
 * @param activation          activation function (tip 11)
 * @param leakyReluSlope      negative slope of LeakyReLU
 * @param dropoutBeforeOutput dropout probability before the classifier (tip 12); 0 = off
 * @param init                initialisation of conv and dense weights (tip 10)
 */
public record ResNetModelSpec(
        List<Integer> stageChannels,
        int blocksPerStage,
        boolean shortcuts,
        boolean batchNorm,
        Activation activation,
        double leakyReluSlope,
        double dropoutBeforeOutput,
        InitScheme init) implements ModelSpec {

    public ResNetModelSpec {
        Objects.requireNonNull(stageChannels, "stageChannels");
        stageChannels = List.copyOf(stageChannels);
    }

    /** Activation function (tip 11). */
    public enum Activation { RELU, LEAKY_RELU }

    /** Returns the playbook's defaults: stages 32/64/128, 2 blocks each, shortcuts, BatchNorm, ReLU, He. */
    public static ResNetModelSpec defaults() {
        return new ResNetModelSpec(List.of(32, 64, 128), 2, true, true, Activation.RELU, 0.01, 0.2,
                InitScheme.HE_NORMAL);
    }

    @Override
    public String template() {
        return "resnet";
    }

    @Override
    public ResNetModelSpec withoutDropout() {
        return new ResNetModelSpec(stageChannels, blocksPerStage, shortcuts, batchNorm, activation, leakyReluSlope,
                0.0, init);
    }
}
