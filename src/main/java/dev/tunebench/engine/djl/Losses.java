package dev.tunebench.engine.djl;

import ai.djl.ndarray.NDArray;
import dev.tunebench.engine.config.LossKind;

/**
 * Per-sample losses with PyTorch's definitions: softmax cross-entropy on logits with sparse labels
 * ({@code nn.CrossEntropyLoss}); for regression the mean over a sample's targets of the squared error
 * ({@code MSELoss}), absolute error ({@code L1Loss}) or Huber loss ({@code HuberLoss(delta)}). The batch loss is the
 * mean of the per-sample values, which equals torch's mean reduction when every sample has the same number of
 * targets.
 */
final class Losses {

    private Losses() {
    }

    /** Returns the loss of each sample, shape (B). {@code target} is int64 (B) for cross-entropy, else (B, K). */
    static NDArray perSample(LossKind kind, double huberDelta, NDArray output, NDArray target) {
        switch (kind) {
            case CROSS_ENTROPY: {
                int classes = (int) output.getShape().get(1);
                NDArray logProb = output.logSoftmax(1);
                return logProb.mul(target.oneHot(classes)).sum(new int[] {1}).neg();
            }
            case MSE:
                return output.sub(target).square().mean(new int[] {1});
            case L1:
                return output.sub(target).abs().mean(new int[] {1});
            case HUBER: {
                // 0.5*min(|d|, delta)^2 + delta*(|d| - min(|d|, delta)) equals torch's two-branch definition.
                NDArray a = output.sub(target).abs();
                NDArray q = a.minimum((float) huberDelta);
                return q.square().mul(0.5f).add(a.sub(q).mul((float) huberDelta)).mean(new int[] {1});
            }
            default:
                throw new IllegalArgumentException("unknown loss " + kind);
        }
    }
}
