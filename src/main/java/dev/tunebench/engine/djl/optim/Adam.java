package dev.tunebench.engine.djl.optim;

import ai.djl.ndarray.NDArray;

/**
 * {@code torch.optim.Adam} (amsgrad off) and, with {@code decoupled}, {@code torch.optim.AdamW}.
 *
 * <p>Per step t: {@code g += wd*p} (Adam only); {@code m = b1*m + (1-b1)*g}; {@code v = b2*v + (1-b2)*g^2};
 * {@code p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}. AdamW instead first does {@code p *= 1 - lr*wd}.
 * Epsilon is added to the bias-corrected {@code sqrt(v_hat)}, as torch does (tip 18).
 */
public final class Adam extends StatefulOptimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final boolean decoupled;

    /** Creates Adam ({@code decoupled} false) or AdamW ({@code decoupled} true). */
    public Adam(double beta1, double beta2, double epsilon, double weightDecay, boolean decoupled) {
        super(decoupled ? "AdamW" : "Adam", 2);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    @Override
    void update(NDArray param, NDArray grad, NDArray[] buffers, long step, double lr) {
        NDArray m = buffers[0];
        NDArray v = buffers[1];
        NDArray g = grad;
        if (weightDecay != 0) {
            if (decoupled) {
                param.muli(1 - lr * weightDecay);
            } else {
                g = grad.add(param.mul(weightDecay));
            }
        }
        m.muli(beta1).addi(g.mul(1 - beta1));
        v.muli(beta2).addi(g.square().muli(1 - beta2));
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        NDArray denom = v.sqrt().divi(biasCorrection2Sqrt).addi(epsilon);
        param.subi(m.div(denom).muli(lr / biasCorrection1));
    }
}
