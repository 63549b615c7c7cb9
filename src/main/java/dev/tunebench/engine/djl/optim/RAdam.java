package dev.tunebench.engine.djl.optim;

import ai.djl.ndarray.NDArray;

/**
 * {@code torch.optim.RAdam} (Liu et al. 2019), which DJL lacks.
 *
 * <p>Per step t: {@code g += wd*p}; moments as Adam; {@code rho_inf = 2/(1-b2) - 1},
 * {@code rho_t = rho_inf - 2t*b2^t/(1-b2^t)}. If {@code rho_t > 5}:
 * {@code p -= lr * m/(1-b1^t) * r_t * sqrt(1-b2^t) / (sqrt(v) + eps)} with the rectifier
 * {@code r_t = sqrt((rho_t-4)(rho_t-2)rho_inf / ((rho_inf-4)(rho_inf-2)rho_t))}; otherwise the plain momentum step
 * {@code p -= lr * m/(1-b1^t)}. Note that, unlike Adam, torch's RAdam adds epsilon to the uncorrected
 * {@code sqrt(v)}.
 */
public final class RAdam extends StatefulOptimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final boolean fused;

    /** Creates RAdam with torch's hyperparameters. */
    public RAdam(double beta1, double beta2, double epsilon, double weightDecay) {
        this(beta1, beta2, epsilon, weightDecay, true);
    }

    /** Creates RAdam; {@code fused} false forces the element-wise path (for tests). */
    RAdam(double beta1, double beta2, double epsilon, double weightDecay, boolean fused) {
        super("RAdam", 2);
        this.fused = fused;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    @Override
    void update(NDArray param, NDArray grad, NDArray[] buffers, long step, double lr) {
        NDArray m = buffers[0];
        NDArray v = buffers[1];
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        double rhoInf = 2 / (1 - beta2) - 1;
        double rhoT = rhoInf - 2 * step * Math.pow(beta2, step) / biasCorrection2;
        double rect = rhoT > 5
                ? Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT))
                : 0;
        if (rhoT > 5 && fused && FusedKernels.available(param)) {
            // The rectified step is Adam's fused kernel with c = lr*r_t*sqrt(1-b2^t)/(1-b1^t) and eps as is.
            FusedKernels.adam(param, grad, m, v, lr * rect * Math.sqrt(biasCorrection2) / biasCorrection1,
                    weightDecay, beta1, beta2, epsilon);
            return;
        }
        NDArray g = weightDecay != 0 ? grad.add(param.mul(weightDecay)) : grad;
        // With the fused kernel on, the moments are kept in its scale (it forms 1 - beta in float, see
        // FusedKernels), so the first, unrectified steps use the same factors and the state stays consistent.
        boolean kernelScale = fused && FusedKernels.available(param);
        double a1 = kernelScale ? 1f - (float) beta1 : 1 - beta1;
        double a2 = kernelScale ? 1f - (float) beta2 : 1 - beta2;
        double k1 = kernelScale ? FusedKernels.firstMomentScale(beta1) : 1;
        m.muli(beta1).addi(g.mul(a1));
        v.muli(beta2).addi(g.square().muli(a2));
        NDArray mHat = m.div(biasCorrection1 * k1);
        if (rhoT > 5) {
            NDArray denom = v.sqrt().addi(epsilon);
            param.subi(mHat.muli(lr * rect * Math.sqrt(biasCorrection2)).divi(denom));
        } else {
            param.subi(mHat.muli(lr));
        }
    }

    @Override
    double bufferScale(int buffer, NDArray param) {
        if (!fused || !FusedKernels.available(param)) {
            return 1;
        }
        return buffer == 0 ? FusedKernels.firstMomentScale(beta1) : FusedKernels.secondMomentScale(beta2);
    }
}
