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
     * Runs DJL's PyTorch Adam kernel: {@code g += wd*p} (or {@code p -= lr*wd*p} when {@code decoupled});
     * {@code m = b1*m + (1-b1)*g}; {@code v = b2*v + (1-b2)*g^2}; {@code p -= c * m / (sqrt(v) + e)}.
     * {@code param} must be a detached alias: the kernel zeroes the gradient of the array it updates, and an alias
     * has none, so the caller's gradient stays as it was.
     */
    static void adam(NDArray param, NDArray grad, NDArray m, NDArray v, double lr, double c, double weightDecay,
                     double beta1, double beta2, double e, boolean decoupled) {
        // The kernel receives the betas as floats and forms 1 - beta in float: 1 - 0.999f is 0.00099998713, while
        // torch scales by (float) (1 - 0.999) = 0.001f. Both decay by the same float beta, so the kernel's moments
        // are torch's times constant factors k1 = m_djl/m_torch and k2 = v_djl/v_torch; dividing c by k1 and
        // scaling c and e by sqrt(k2) cancels them exactly.
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        double k1 = (1f - b1) / (double) (float) (1 - beta1);
        double k2 = (1f - b2) / (double) (float) (1 - beta2);
        double sqrtK2 = Math.sqrt(k2);
        param.getNDArrayInternal().adamUpdate(new NDList(param, grad, m, v), new NDList(param), (float) lr,
                (float) (c * sqrtK2 / k1), (float) weightDecay, 1f, -1f, b1, b2, (float) (e * sqrtK2), false,
                decoupled);
    }
}
