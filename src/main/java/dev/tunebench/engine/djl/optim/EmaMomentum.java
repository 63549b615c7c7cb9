package dev.tunebench.engine.djl.optim;

import ai.djl.ndarray.NDArray;

/**
 * The playbook's momentum (tip 7): an exponential moving average of the gradient, {@code g += wd*p};
 * {@code v = b*v + (1-b)*g}; {@code p -= lr*v}, with {@code v} starting at zero and no bias correction. Unlike
 * torch's SGD momentum its step size does not grow by {@code 1/(1-b)}, so it takes a larger learning rate.
 */
public final class EmaMomentum extends StatefulOptimizer {
    private final double beta;
    private final double weightDecay;

    /** Creates EMA momentum with decay {@code beta} in [0, 1). */
    public EmaMomentum(double beta, double weightDecay) {
        super("EmaMomentum", 1);
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("EMA momentum: beta must be in [0, 1), got " + beta);
        }
        this.beta = beta;
        this.weightDecay = weightDecay;
    }

    @Override
    void update(NDArray param, NDArray grad, NDArray[] buffers, long step, double lr) {
        NDArray g = weightDecay != 0 ? grad.add(param.mul(weightDecay)) : grad;
        NDArray v = buffers[0];
        v.muli(beta).addi(g.mul(1 - beta));
        param.subi(v.mul(lr));
    }
}
