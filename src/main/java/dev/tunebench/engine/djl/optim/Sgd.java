package dev.tunebench.engine.djl.optim;

import ai.djl.ndarray.NDArray;

/**
 * {@code torch.optim.SGD} with dampening 0: {@code g += wd*p}; {@code v = mu*v + g} (the first step sets
 * {@code v = g}); Nesterov uses {@code g + mu*v}, otherwise {@code v}; {@code p -= lr * that}. With momentum 0 it
 * is plain SGD.
 */
public final class Sgd extends StatefulOptimizer {
    private final double momentum;
    private final double weightDecay;
    private final boolean nesterov;

    /** Creates SGD; Nesterov needs a positive momentum, as in torch. */
    public Sgd(double momentum, double weightDecay, boolean nesterov) {
        super("SGD", 1);
        if (nesterov && momentum <= 0) {
            throw new IllegalArgumentException("SGD: Nesterov momentum needs momentum > 0, got " + momentum);
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
    }

    @Override
    void update(NDArray param, NDArray grad, NDArray[] buffers, long step, double lr) {
        NDArray g = weightDecay != 0 ? grad.add(param.mul(weightDecay)) : grad;
        if (momentum != 0) {
            NDArray buf = buffers[0];
            // The buffer starts as zeros, so mu*0 + g reproduces torch's "buf = clone(g)" on the first step.
            buf.muli(momentum).addi(g);
            g = nesterov ? g.add(buf.mul(momentum)) : buf;
        }
        param.subi(g.mul(lr));
    }
}
