package dev.tunebench.engine.backend;

/**
 * Outcome of one optimiser step.
 *
 * @param loss           batch loss before the update
 * @param gradNormBefore global L2 norm of all gradients before clipping
 * @param gradNormAfter  global L2 norm after clipping
 * @param clipped        whether clipping scaled the gradients
 */
public record StepResult(double loss, double gradNormBefore, double gradNormAfter, boolean clipped) {
}
