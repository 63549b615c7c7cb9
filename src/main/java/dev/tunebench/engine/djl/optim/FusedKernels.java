package dev.tunebench.engine.djl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * DJL's fused native optimiser kernels, used where their formula can be made exactly torch's. One native call per
 * parameter instead of a dozen element-wise operations keeps the engine as fast as DJL's own optimisers.
 */
final class FusedKernels {
    private FusedKernels() {
    }

    /** Returns whether the fused kernels exist for this array's engine (DJL implements them for PyTorch). */
    static boolean available(NDArray array) {
        return "PyTorch".equals(array.getManager().getEngine().getEngineName());
    }

    /**
     * Returns the factor by which the kernel's first moment exceeds torch's: the kernel receives beta1 as a float
     * and forms {@code 1 - beta1} in float ({@code 1 - 0.9f} is 0.10000002), while torch scales the gradient by
     * {@code (float) (1 - 0.9)} = 0.1f. Both decay by the same float beta1, so the ratio stays constant.
     */
    static double firstMomentScale(double beta1) {
        return (1f - (float) beta1) / (double) (float) (1 - beta1);
    }

    /** Returns the same factor for the second moment ({@code 1 - 0.999f} = 0.00099998713 against 0.001f). */
    static double secondMomentScale(double beta2) {
        return (1f - (float) beta2) / (double) (float) (1 - beta2);
    }

    /**
     * Runs DJL's PyTorch Adam kernel: {@code g += wd*p}; {@code m = b1*m + (1-b1)*g}; {@code v = b2*v + (1-b2)*g^2};
     * {@code p -= c * m / (sqrt(v) + e)}, with the moments in the kernel's scale ({@link #firstMomentScale},
     * {@link #secondMomentScale}), which dividing {@code c} by k1 and scaling {@code c} and {@code e} by sqrt(k2)
     * cancels exactly. {@code param} must be a detached alias: the kernel zeroes the gradient of the array it
     * updates, and an alias has none, so the caller's gradient stays as it was.
     *
     * <p>The kernel's own decoupled decay is never used: it computes {@code p - (p*lr)*wd} with the nominal
     * {@code lr*wd}, where torch multiplies by {@code (float) (1 - lr*wd)}, whose rounding differs from the
     * nominal decay by up to 1/2 ulp of 1 (for lr 1e-3 and wd 1e-4, torch decays by 1.19e-7 a step, not 1e-7).
     * Callers apply the decay themselves with {@link #decayDecoupled} before this call.
     */
    static void adam(NDArray param, NDArray grad, NDArray m, NDArray v, double c, double weightDecay,
                     double beta1, double beta2, double e) {
        double k1 = firstMomentScale(beta1);
        double sqrtK2 = Math.sqrt(secondMomentScale(beta2));
        param.getNDArrayInternal().adamUpdate(new NDList(param, grad, m, v), new NDList(param), 1f,
                (float) (c * sqrtK2 / k1), (float) weightDecay, 1f, -1f, (float) beta1, (float) beta2,
                (float) (e * sqrtK2), false, false);
    }

    /**
     * Multiplies {@code param} in place by {@code (float) (1 - lr*weightDecay)}, as {@code torch.optim.AdamW} does
     * (the double {@code 1 - lr*wd} rounded once to float32, then one float multiplication per element).
     */
    static void decayDecoupled(NDArray param, double lr, double weightDecay) {
        if (weightDecay != 0) {
            param.muli((float) (1 - lr * weightDecay));
        }
    }
}
