package dev.tunebench.engine.config;

/**
 * Optimiser hyperparameters with PyTorch semantics (tips 7, 18).
 *
 * @param kind         which optimiser
 * @param learningRate base learning rate
 * @param beta1        Adam-family first-moment decay
 * @param beta2        Adam-family second-moment decay
 * @param epsilon      Adam-family epsilon, added to sqrt(v_hat) as torch does
 * @param weightDecay  L2 penalty added to the gradient; decoupled for AdamW; 0 = off
 * @param momentum     SGD momentum (torch form v = mu*v + (1-dampening)*g) or the notes' EMA beta
 *                     (v = b*v + (1-b)*g)
 * @param dampening    SGD: torch's {@code dampening} in [0, 1], which scales the gradient added to the momentum
 *                     buffer after the first step; 0 (torch's default) = none; must be 0 with Nesterov
 * @param nesterov     SGD: Nesterov momentum
 */
public record OptimizerSpec(
        Kind kind,
        double learningRate,
        double beta1,
        double beta2,
        double epsilon,
        double weightDecay,
        double momentum,
        double dampening,
        boolean nesterov) {

    /** Optimisers the engine implements itself on DJL NDArrays. */
    public enum Kind { ADAM, ADAMW, RADAM, SGD, EMA_MOMENTUM }

    /** Creates a spec without dampening (torch's default of 0). */
    public OptimizerSpec(Kind kind, double learningRate, double beta1, double beta2, double epsilon,
                         double weightDecay, double momentum, boolean nesterov) {
        this(kind, learningRate, beta1, beta2, epsilon, weightDecay, momentum, 0.0, nesterov);
    }

    /** Returns Adam with learning rate 1e-3 and weight decay 1e-4 as the playbook recommends (tips 7, 18). */
    public static OptimizerSpec adamDefaults() {
        return new OptimizerSpec(Kind.ADAM, 1e-3, 0.9, 0.999, 1e-8, 1e-4, 0.9, 0.0, false);
    }

    /** Returns a copy with another kind. */
    public OptimizerSpec withKind(Kind k) {
        return new OptimizerSpec(k, learningRate, beta1, beta2, epsilon, weightDecay, momentum, dampening, nesterov);
    }

    /** Returns a copy with another learning rate. */
    public OptimizerSpec withLearningRate(double lr) {
        return new OptimizerSpec(kind, lr, beta1, beta2, epsilon, weightDecay, momentum, dampening, nesterov);
    }

    /** Returns a copy with another SGD dampening. */
    public OptimizerSpec withDampening(double d) {
        return new OptimizerSpec(kind, learningRate, beta1, beta2, epsilon, weightDecay, momentum, d, nesterov);
    }
}
