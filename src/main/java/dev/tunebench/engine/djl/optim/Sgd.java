package dev.tunebench.engine.djl.optim;

import ai.djl.ndarray.NDArray;

/**
 * {@code torch.optim.SGD}: {@code g += wd*p}; with momentum, the buffer is {@code v = g} on the parameter's first
 * step and {@code v = mu*v + (1-dampening)*g} after it (dampening never touches the first step, as in torch);
 * Nesterov uses {@code g + mu*v}, otherwise {@code v}; {@code p -= lr * that}. With momentum 0 it is plain SGD.
 *
 * <p>There is no fused path: DJL's native SGD kernel keeps the buffer scaled by the learning rate and has neither
 * dampening nor Nesterov, so it equals torch only at a constant learning rate and dampening 0.
 */
public final class Sgd extends StatefulOptimizer {
    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;

    /** Creates SGD without dampening; Nesterov needs a positive momentum, as in torch. */
    public Sgd(double momentum, double weightDecay, boolean nesterov) {
        this(momentum, 0, weightDecay, nesterov);
    }

    /**
     * Creates SGD; as in torch, Nesterov needs a positive momentum and zero dampening.
     *
     * @throws IllegalArgumentException when dampening is outside [0, 1] or Nesterov's conditions do not hold
     */
    public Sgd(double momentum, double dampening, double weightDecay, boolean nesterov) {
        super("SGD", 1);
        if (!(dampening >= 0 && dampening <= 1)) {
            throw new IllegalArgumentException("SGD: dampening must be in [0, 1], got " + dampening);
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: Nesterov momentum needs momentum > 0 and dampening 0, got "
                    + "momentum " + momentum + " and dampening " + dampening);
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
    }

    @Override
    void update(NDArray param, NDArray grad, NDArray[] buffers, long step, double lr) {
        NDArray g = weightDecay != 0 ? grad.add(param.mul(weightDecay)) : grad;
        if (momentum != 0) {
            NDArray buf = buffers[0];
            if (step == 1) {
                // torch's "buf = clone(g)": the first step takes the whole gradient, whatever the dampening. The
                // buffer was created as zeros for this step (a loaded state never has step 1).
                buf.addi(g);
            } else {
                buf.muli(momentum).addi(dampening == 0 ? g : g.mul(1 - dampening));
            }
            g = nesterov ? g.add(buf.mul(momentum)) : buf;
        }
        param.subi(g.mul(lr));
    }
}
