package dev.tunebench.engine.djl.template;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.ResNetModelSpec;
import dev.tunebench.engine.data.InputSpec;
import java.util.Arrays;
import java.util.List;

/**
 * ResNet-style CNN (tips 11, 12, 19, 20) for 1- or 3-channel images from 8x8 up: a 3x3 stem convolution, then one
 * stage per entry of {@code stageChannels}, each of {@code blocksPerStage} basic residual blocks; every stage after
 * the first halves the resolution with a stride-2 first block; global average pooling, optional dropout, and a dense
 * head.
 */
public final class ResNetTemplate implements ModelTemplate {

    /** Smallest image side the template accepts. */
    public static final int MIN_SIDE = 8;

    @Override
    public String id() {
        return "resnet";
    }

    @Override
    public String description() {
        return "ResNet-style CNN for 1- or 3-channel images: stem, residual stages, global average pooling";
    }

    @Override
    public List<String> tips() {
        return List.of(
                "Tip 19: keep the shortcut connections on; turn them off only to compare.",
                "Tip 20: past some depth more blocks change little: treat depth as a hyperparameter.",
                "Tip 12: BatchNorm and dropout are worth trying; dropout goes just before the classifier.",
                "Tip 11: ReLU is usually enough; LeakyReLU is worth a try.",
                "Tip 10: He initialisation for the convolutions and the dense layer.");
    }

    @Override
    public List<InputSpec.Kind> acceptedInputs() {
        return List.of(InputSpec.Kind.IMAGE);
    }

    @Override
    public void validate(ModelSpec model, InputSpec input) {
        ResNetModelSpec spec = Checks.spec(model, ResNetModelSpec.class, id());
        Checks.inputKind(id(), input, acceptedInputs());
        Checks.output(input);
        int[] s = input.shape();
        if (s.length != 3) {
            throw new IllegalArgumentException("data.shape: image input needs [channels, height, width], got "
                    + Arrays.toString(s));
        }
        if (s[0] != 1 && s[0] != 3) {
            throw new IllegalArgumentException("data.shape: resnet takes 1 or 3 channels, data gives " + s[0]);
        }
        if (s[1] < MIN_SIDE || s[2] < MIN_SIDE) {
            throw new IllegalArgumentException("data.shape: resnet needs images of at least " + MIN_SIDE + "x"
                    + MIN_SIDE + ", data gives " + s[1] + "x" + s[2]);
        }
        List<Integer> stages = spec.stageChannels();
        if (stages.isEmpty() || stages.size() > 6) {
            throw new IllegalArgumentException("model.stageChannels: " + stages.size()
                    + " stages is outside 1-6 (e.g. [32, 64, 128])");
        }
        for (int i = 0; i < stages.size(); i++) {
            Integer c = stages.get(i);
            Checks.range("model.stageChannels[" + i + "]", c == null ? 0 : c, 1, 1024);
        }
        Checks.range("model.blocksPerStage", spec.blocksPerStage(), 1, 16);
        Checks.probability("model.dropoutBeforeOutput", spec.dropoutBeforeOutput());
        Checks.notNull("model.activation", spec.activation(), "RELU, LEAKY_RELU");
        Checks.notNull("model.init", spec.init(), "HE_NORMAL, HE_UNIFORM, XAVIER_NORMAL, XAVIER_UNIFORM");
        if (spec.activation() == ResNetModelSpec.Activation.LEAKY_RELU) {
            Checks.probability("model.leakyReluSlope", spec.leakyReluSlope());
        }
    }

    @Override
    public Block build(ModelSpec model, InputSpec input) {
        validate(model, input);
        ResNetModelSpec spec = (ResNetModelSpec) model;
        List<Integer> stages = spec.stageChannels();
        NamedStack net = new NamedStack();
        NamedStack stem = new NamedStack();
        stem.add("conv", ResidualBlock.conv(stages.get(0), 3, 1, spec.batchNorm()));
        if (spec.batchNorm()) {
            stem.add("bn", BatchNorm.builder().build());
        }
        stem.add("act", new ActivationLayer(spec.activation(), spec.leakyReluSlope()));
        net.add("stem", stem);
        int channels = stages.get(0);
        for (int s = 0; s < stages.size(); s++) {
            int out = stages.get(s);
            for (int b = 0; b < spec.blocksPerStage(); b++) {
                int stride = s > 0 && b == 0 ? 2 : 1;
                net.add("stage" + (s + 1) + ".block" + (b + 1), new ResidualBlock(channels, out, stride,
                        spec.shortcuts(), spec.batchNorm(), spec.activation(), spec.leakyReluSlope()));
                channels = out;
            }
        }
        net.add("global_avg_pool", new GlobalAveragePooling());
        if (spec.dropoutBeforeOutput() > 0) {
            net.add("dropout", Dropout.builder().optRate((float) spec.dropoutBeforeOutput()).build());
        }
        net.add("dense", Linear.builder().setUnits(input.outputSize()).build());
        TemplateInit.apply(net, spec);
        return net;
    }
}
