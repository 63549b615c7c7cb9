package dev.tunebench.engine.djl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tunebench.engine.config.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the engine's PyTorch-faithful optimisers from their specification.
 *
 * <p>A training step on the PyTorch engine: inside a {@code GradientCollector} run forward and {@code backward};
 * after closing it, {@code grads = gradientsOf(params, batchManager)}, then
 * {@link GradientClipping#clipByGlobalNorm}, then {@link ParameterOptimizer#step}, which also zeroes the
 * parameters' gradients for the next batch.
 */
public final class Optimizers {
    private Optimizers() {
    }

    /**
     * Returns a fresh optimiser for the spec (the learning rate is passed to every step, not taken from the spec).
     *
     * @throws IllegalArgumentException when a hyperparameter is outside what torch accepts
     */
    public static ParameterOptimizer create(OptimizerSpec spec) {
        return create(spec, true);
    }

    /**
     * Returns a fresh optimiser; {@code fused} false keeps Adam-family steps element-wise (for parity tests). SGD and
     * EMA momentum have only the element-wise path.
     */
    static ParameterOptimizer create(OptimizerSpec spec, boolean fused) {
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
                if (!(spec.dampening() >= 0 && spec.dampening() <= 1)) {
                    throw new IllegalArgumentException("optimizer.dampening must be in [0, 1], got "
                            + spec.dampening());
                }
                if (spec.nesterov() && spec.dampening() != 0) {
                    throw new IllegalArgumentException("optimizer.nesterov needs optimizer.dampening 0 (as "
                            + "torch.optim.SGD), got " + spec.dampening());
                }
            }
            case EMA_MOMENTUM -> checkBeta("optimizer.momentum", spec.momentum());
            default -> throw new IllegalArgumentException("unknown optimizer kind " + spec.kind());
        }
        return switch (spec.kind()) {
            case ADAM -> new Adam(spec.beta1(), spec.beta2(), spec.epsilon(), spec.weightDecay(), false, fused);
            case ADAMW -> new Adam(spec.beta1(), spec.beta2(), spec.epsilon(), spec.weightDecay(), true, fused);
            case RADAM -> new RAdam(spec.beta1(), spec.beta2(), spec.epsilon(), spec.weightDecay(), fused);
            case SGD -> new Sgd(spec.momentum(), spec.dampening(), spec.weightDecay(), spec.nesterov());
            case EMA_MOMENTUM -> new EmaMomentum(spec.momentum(), spec.weightDecay());
        };
    }

    /**
     * Returns the gradient of each parameter (null where a parameter has none), attached to {@code scratch}: DJL
     * creates a new array handle on every {@code getGradient()} call, and attaching them to a per-batch manager
     * keeps the model's manager from growing by one handle per parameter and step. The arrays share storage with
     * the parameters' gradients, so clipping them clips what the optimiser sees.
     */
    public static List<NDArray> gradientsOf(List<NDArray> parameters, NDManager scratch) {
        List<NDArray> grads = new ArrayList<>(parameters.size());
        for (NDArray p : parameters) {
            if (p.hasGradient()) {
                NDArray g = p.getGradient();
                g.attach(scratch);
                grads.add(g);
            } else {
                grads.add(null);
            }
        }
        return grads;
    }

    private static void checkBeta(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(field + " must be in [0, 1), got " + value);
        }
    }
}
