package dev.tunebench.engine.djl.optim;

import dev.tunebench.engine.config.OptimizerSpec;

/** Creates the engine's PyTorch-faithful optimisers from their specification. */
public final class Optimizers {
    private Optimizers() {
    }

    /**
     * Returns a fresh optimiser for the spec (the learning rate is passed to every step, not taken from the spec).
     *
     * @throws IllegalArgumentException when a hyperparameter is outside what torch accepts
     */
    public static ParameterOptimizer create(OptimizerSpec spec) {
        if (spec.weightDecay() < 0) {
            throw new IllegalArgumentException("optimizer.weightDecay must be >= 0, got " + spec.weightDecay());
        }
        switch (spec.kind()) {
            case ADAM, ADAMW, RADAM -> {
                checkBeta("optimizer.beta1", spec.beta1());
                checkBeta("optimizer.beta2", spec.beta2());
                if (spec.epsilon() < 0) {
                    throw new IllegalArgumentException("optimizer.epsilon must be >= 0, got " + spec.epsilon());
                }
            }
            case SGD -> {
                if (spec.momentum() < 0) {
                    throw new IllegalArgumentException("optimizer.momentum must be >= 0, got " + spec.momentum());
                }
            }
            case EMA_MOMENTUM -> checkBeta("optimizer.momentum", spec.momentum());
            default -> throw new IllegalArgumentException("unknown optimizer kind " + spec.kind());
        }
        return switch (spec.kind()) {
            case ADAM -> new Adam(spec.beta1(), spec.beta2(), spec.epsilon(), spec.weightDecay(), false);
            case ADAMW -> new Adam(spec.beta1(), spec.beta2(), spec.epsilon(), spec.weightDecay(), true);
            case RADAM -> new RAdam(spec.beta1(), spec.beta2(), spec.epsilon(), spec.weightDecay());
            case SGD -> new Sgd(spec.momentum(), spec.weightDecay(), spec.nesterov());
            case EMA_MOMENTUM -> new EmaMomentum(spec.momentum(), spec.weightDecay());
        };
    }

    private static void checkBeta(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(field + " must be in [0, 1), got " + value);
        }
    }
}
