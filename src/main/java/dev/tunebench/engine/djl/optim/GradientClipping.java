package dev.tunebench.engine.djl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * Gradient clipping by global L2 norm with {@code torch.nn.utils.clip_grad_norm_} semantics (tip 9). DJL's
 * {@code optClipGrad} instead clamps single elements, and only from above.
 */
public final class GradientClipping {
    /** Torch's guard against division by zero in {@code max_norm / (total_norm + 1e-6)}. */
    private static final double NORM_EPSILON = 1e-6;

    private GradientClipping() {
    }

    /**
     * Outcome of one clipping call.
     *
     * @param normBefore total L2 norm over all gradients before clipping
     * @param normAfter  total L2 norm after clipping (equal to normBefore when not clipped)
     * @param clipped    whether the gradients were scaled
     */
    public record ClipResult(double normBefore, double normAfter, boolean clipped) {
    }

    /**
     * Scales the gradients in place so that their total L2 norm is at most {@code maxNorm}: with
     * {@code norm = sqrt(sum over all gradients of g^2)}, {@code coef = maxNorm / (norm + 1e-6)}, each gradient is
     * multiplied by {@code coef} when {@code coef < 1} (torch multiplies by {@code min(coef, 1)}). A
     * {@code maxNorm <= 0} turns clipping off but still reports the norm; a non-finite norm leaves the gradients
     * untouched (torch would write NaN into them) and is reported as not clipped.
     *
     * @param gradients gradient arrays, updated in place; null entries are skipped
     * @param maxNorm   the largest allowed total norm, or {@code <= 0} for none
     * @return the norm before and after, and whether the gradients were scaled
     */
    public static ClipResult clipByGlobalNorm(List<NDArray> gradients, double maxNorm) {
        double sumSquares = 0;
        for (NDArray g : gradients) {
            if (g == null) {
                continue;
            }
            double n = norm(g);
            sumSquares += n * n;
        }
        double total = Math.sqrt(sumSquares);
        if (maxNorm <= 0 || !Double.isFinite(total)) {
            return new ClipResult(total, total, false);
        }
        double coef = maxNorm / (total + NORM_EPSILON);
        if (coef >= 1) {
            return new ClipResult(total, total, false);
        }
        for (NDArray g : gradients) {
            if (g != null) {
                try (NDArray alias = g.stopGradient()) {
                    alias.muli(coef);
                }
            }
        }
        return new ClipResult(total, total * coef, true);
    }

    private static double norm(NDArray g) {
        try (NDManager scratch = g.getManager().newSubManager()) {
            NDArray alias = g.stopGradient();
            alias.attach(scratch);
            // Per-tensor norms combined in double, as torch stacks per-tensor norms and takes their norm.
            return alias.norm().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        }
    }
}
