package dev.tunebench.engine.djl.template;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.RecurrentModelSpec;
import dev.tunebench.engine.config.ResNetModelSpec;
import dev.tunebench.engine.djl.init.Initializers;

/**
 * Sets the initialiser of every parameter of a built model as its {@link ModelSpec} asks (tips 1, 10): conv, linear
 * and input-to-hidden weights by {@code spec.init()} (He or Xavier); recurrent hidden-to-hidden weights orthogonal
 * per gate block (or as the other weights); recurrent biases zero, with the LSTM forget-gate slice of
 * {@code bias_ih} set to 1 when {@code spec.forgetGateBias()}. Embeddings keep N(0, 1) and BatchNorm/LayerNorm
 * their ones and zeros.
 */
public final class TemplateInit {

    private TemplateInit() {
    }

    /** Sets the initialisers of every parameter under {@code root}. */
    public static void apply(Block root, ModelSpec spec) {
        // He's gain follows the activation after the layer; a recurrent model has no configurable activation, and its
        // input-to-hidden and dense weights keep ReLU's sqrt(2) (what its default always was).
        Initializer weights = spec instanceof ResNetModelSpec r
                ? Initializers.weights(r.init(), r.activation(), r.leakyReluSlope())
                : Initializers.weights(spec.init(), ResNetModelSpec.Activation.RELU, 0);
        visit(root, spec, weights);
    }

    private static void visit(Block block, ModelSpec model, Initializer weights) {
        if (block instanceof TokenEmbedding) {
            return;
        }
        if (block instanceof RecurrentLayer layer && model instanceof RecurrentModelSpec spec) {
            int gates = layer.cell().gates();
            Initializer hidden = spec.recurrentInit() == RecurrentModelSpec.RecurrentInit.ORTHOGONAL
                    ? Initializers.orthogonal(gates, spec.orthogonalGain()) : weights;
            boolean forget = layer.cell() == RecurrentLayer.Cell.LSTM && spec.forgetGateBias();
            for (Parameter p : layer.getDirectParameters().values()) {
                String name = p.getName();
                if (name.startsWith("weight_ih")) {
                    p.setInitializer(weights);
                } else if (name.startsWith("weight_hh")) {
                    p.setInitializer(hidden);
                } else if (name.startsWith("bias_ih") && forget) {
                    p.setInitializer(Initializers.lstmInputBias(true));
                } else {
                    p.setInitializer(Initializer.ZEROS);
                }
            }
            return;
        }
        for (Parameter p : block.getDirectParameters().values()) {
            if (p.getType() == Parameter.Type.WEIGHT) {
                p.setInitializer(weights);
            }
        }
        for (Block child : block.getChildren().values()) {
            visit(child, model, weights);
        }
    }
}
