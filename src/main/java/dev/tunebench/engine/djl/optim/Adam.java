package dev.tunebench.engine.djl.optim;

import ai.djl.ndarray.NDArray;

/**
 * {@code torch.optim.Adam} (amsgrad off) and, with {@code decoupled}, {@code torch.optim.AdamW}.
 *
 * <p>Per step t: {@code g += wd*p} (Adam only); {@code m = b1*m + (1-b1)*g}; {@code v = b2*v + (1-b2)*g^2};
 * {@code p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)}. AdamW instead first does
 * {@code p *= (float) (1 - lr*wd)}: the decay factor rounded to float32 once, as torch does, not the nominal
 * {@code lr*wd} (the two differ by up to 20% of the decay, which over thousands of steps moves the weights by more
 * than 1e-5 of their size). Epsilon is added to the bias-corrected {@code sqrt(v_hat)}, as torch does (tip 18).
 *
 * <p>On the PyTorch engine the step runs in DJL's fused native Adam kernel, which computes
 * {@code p -= c * m / (sqrt(v) + e)}; passing {@code c = lr*sqrt(1-b2^t)/(1-b1^t)} and {@code e = eps*sqrt(1-b2^t)}
 * makes it torch's formula exactly (multiply torch's numerator and denominator by {@code sqrt(1-b2^t)}), at DJL's
 * speed; AdamW's decay is one float multiplication before it ({@link FusedKernels#decayDecoupled}). The
 * element-wise path below is the same formula in separate operations.
 */
public final class Adam extends StatefulOptimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final boolean decoupled;
    private final boolean fused;

    /** Creates Adam ({@code decoupled} false) or AdamW ({@code decoupled} true). */
    public Adam(double beta1, double beta2, double epsilon, double weightDecay, boolean decoupled) {
        this(beta1, beta2, epsilon, weightDecay, decoupled, true);
    }

    /** Creates Adam or AdamW; {@code fused} false forces the element-wise path (for tests). */
    Adam(double beta1, double beta2, double epsilon, double weightDecay, boolean decoupled, boolean fused) {
        super(decoupled ? "AdamW" : "Adam", 2);
        this.fused = fused;
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
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        if (decoupled) {
            FusedKernels.decayDecoupled(param, lr, weightDecay);
        }
        if (fused && FusedKernels.available(param)) {
            FusedKernels.adam(param, grad, m, v, lr * biasCorrection2Sqrt / biasCorrection1,
                    decoupled ? 0 : weightDecay, beta1, beta2, epsilon * biasCorrection2Sqrt);
            return;
        }
        NDArray g = grad;
        if (weightDecay != 0 && !decoupled) {
            g = grad.add(param.mul(weightDecay));
        }
        m.muli(beta1).addi(g.mul(1 - beta1));
        v.muli(beta2).addi(g.square().muli(1 - beta2));
        NDArray denom = v.sqrt().divi(biasCorrection2Sqrt).addi(epsilon);
        param.subi(m.div(denom).muli(lr / biasCorrection1));
    }

    @Override
    double bufferScale(int buffer, NDArray param) {
        if (!fused || !FusedKernels.available(param)) {
            return 1;
        }
        return buffer == 0 ? FusedKernels.firstMomentScale(beta1) : FusedKernels.secondMomentScale(beta2);
    }
}
