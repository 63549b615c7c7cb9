package dev.tunebench.engine.event;

/**
 * What one optimiser step did.
 *
 * @param epoch            1-based epoch
 * @param step             1-based global optimiser step
 * @param batch            1-based batch index within the epoch
 * @param batchesPerEpoch  batches in this epoch
 * @param loss             training loss of the batch
 * @param learningRate     learning rate used for this step
 * @param gradNormBefore   global L2 gradient norm before clipping
 * @param gradNormAfter    global L2 gradient norm after clipping (equal to before when not clipped)
 * @param clipped          whether clipping changed the gradient
 * @param samplesPerSecond training throughput over the recent steps
 */
public record BatchMetrics(
        int epoch,
        long step,
        int batch,
        int batchesPerEpoch,
        double loss,
        double learningRate,
        double gradNormBefore,
        double gradNormAfter,
        boolean clipped,
        double samplesPerSecond) {
}
