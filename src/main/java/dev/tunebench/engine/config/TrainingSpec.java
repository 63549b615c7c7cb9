package dev.tunebench.engine.config;

/**
 * Loop hyperparameters.
 *
 * @param epochs     maximum number of epochs
 * @param batchSize  samples per optimiser step (tip 15: smaller often helps a little)
 * @param seed       seed of initialisation, dropout and data order
 * @param clipNorm   global L2 gradient-norm bound (tip 9), {@code clip_grad_norm_} semantics; 0 = no clipping
 * @param loss       training loss
 * @param huberDelta delta of the Huber loss
 */
public record TrainingSpec(int epochs, int batchSize, long seed, double clipNorm, LossKind loss, double huberDelta) {

    /** Returns whether gradient clipping is on. */
    public boolean clips() {
        return clipNorm > 0;
    }

    /** Returns a copy with another number of epochs. */
    public TrainingSpec withEpochs(int n) {
        return new TrainingSpec(n, batchSize, seed, clipNorm, loss, huberDelta);
    }

    /** Returns a copy with another seed. */
    public TrainingSpec withSeed(long s) {
        return new TrainingSpec(epochs, batchSize, s, clipNorm, loss, huberDelta);
    }

    /** Returns a copy with another batch size. */
    public TrainingSpec withBatchSize(int b) {
        return new TrainingSpec(epochs, b, seed, clipNorm, loss, huberDelta);
    }
}
