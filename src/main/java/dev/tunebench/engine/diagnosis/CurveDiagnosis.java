package dev.tunebench.engine.diagnosis;

import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.event.EpochMetrics;
import java.util.List;
import java.util.Locale;

/**
 * Classifies a run's loss curves as the playbook reads them (tips 3 and 4): pure logic over per-epoch train and eval
 * losses, cheap enough to run after every epoch. Rules, in order:
 * <ol>
 *   <li>DIVERGING when a loss is NaN or infinite (epochs, then the recent batch losses);</li>
 *   <li>INSUFFICIENT_DATA below {@value #MIN_EPOCHS} epochs;</li>
 *   <li>DIVERGING when the train loss ends 1.5x above its minimum and above its start, or (classification) stays
 *       1.5x above chance level ln(classes);</li>
 *   <li>SUSPICIOUS when the train loss sits flat at chance level, the eval loss never gets below chance, or the
 *       eval loss is under half the train loss in each of the first epochs and still at the end;</li>
 *   <li>OSCILLATING when, within the last {@value #SPIKE_WINDOW} epochs, the eval loss spiked above 5x both the
 *       train loss and the best eval loss, or when the train loss reverses direction by more than 10% at least
 *       twice (eval: 25%);</li>
 *   <li>OVERFITTING when the eval loss ends 3% above its minimum at least two epochs earlier while the train loss
 *       kept falling;</li>
 *   <li>NOT_LEARNING when the train loss never improved on its first epoch by 2%;</li>
 *   <li>UNDERFITTING when the train loss is flat over the last three epochs (under 2% better) and still high (over
 *       half of chance level, or over 70% of its first epoch for regression);</li>
 *   <li>HEALTHY otherwise.</li>
 * </ol>
 * Eval losses that are NaN throughout mean the run has no validation: the eval rules are skipped.
 */
public final class CurveDiagnosis {
    /** Fewer epochs than this give {@link Diagnosis.Kind#INSUFFICIENT_DATA}. */
    public static final int MIN_EPOCHS = 3;
    /** Eval spikes are looked for in this many most recent epochs (older ones no longer describe the run). */
    public static final int SPIKE_WINDOW = 5;

    private CurveDiagnosis() {
    }

    /**
     * Returns the diagnosis of a run so far.
     *
     * @param epochs            the epochs completed, in order
     * @param recentBatchLosses the latest batch losses (may be null or empty); only their finiteness is used
     * @param task              classification or regression
     * @param numClasses        classification: number of classes (chance level is ln of it); otherwise ignored
     */
    public static Diagnosis diagnose(List<EpochMetrics> epochs, double[] recentBatchLosses, Task task,
                                     int numClasses) {
        int n = epochs.size();
        double[] t = new double[n];
        double[] v = new double[n];
        boolean hasVal = false;
        for (int i = 0; i < n; i++) {
            t[i] = epochs.get(i).trainLoss();
            v[i] = epochs.get(i).valLoss();
            hasVal |= !Double.isNaN(v[i]);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(t[i]) || hasVal && !Double.isFinite(v[i])) {
                return nonFinite(epochs.get(i).epoch(), !Double.isFinite(t[i]) ? "training" : "eval");
            }
        }
        if (recentBatchLosses != null) {
            for (double b : recentBatchLosses) {
                if (!Double.isFinite(b)) {
                    return nonFinite(n + 1, "batch");
                }
            }
        }
        if (n < MIN_EPOCHS) {
            return new Diagnosis(Diagnosis.Kind.INSUFFICIENT_DATA, n, "Too early to judge: the curves need at least "
                    + MIN_EPOCHS + " epochs (tip 3).");
        }
        int first = epochs.get(0).epoch();
        boolean classification = task == Task.CLASSIFICATION && numClasses >= 2;
        double chance = classification ? Math.log(numClasses) : Double.NaN;

        int tMin = argMin(t);
        if (t[n - 1] > 1.5 * t[tMin] && t[n - 1] > t[0]) {
            return new Diagnosis(Diagnosis.Kind.DIVERGING, first + tMin + 1, String.format(Locale.ROOT,
                    "The training loss rises after epoch %d (%.4g -> %.4g): the learning rate is too high. Lower it "
                            + "(tip 2), clip gradients for RNNs (tip 9), or run lr-find.",
                    first + tMin, t[tMin], t[n - 1]));
        }
        if (classification && t[n - 1] > 1.5 * chance && t[n - 1] >= 0.95 * t[n - 2]) {
            int from = n - 1;
            while (from > 0 && t[from - 1] > 1.5 * chance) {
                from--;
            }
            return new Diagnosis(Diagnosis.Kind.DIVERGING, first + from, String.format(Locale.ROOT,
                    "The training loss %.4g stays far above chance level ln(%d) = %.3f: the model predicts "
                            + "confidently wrong classes, typically after a learning rate that is too high blew it "
                            + "up. Lower the learning rate (tip 2) and clip gradients (tip 9).",
                    t[n - 1], numClasses, chance));
        }

        if (classification) {
            boolean flatAtChance = true;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = n - 3; i < n; i++) {
                flatAtChance &= t[i] > 0.85 * chance && t[i] < 1.15 * chance;
                lo = Math.min(lo, t[i]);
                hi = Math.max(hi, t[i]);
            }
            if (flatAtChance && (hi - lo) < 0.05 * chance) {
                return new Diagnosis(Diagnosis.Kind.SUSPICIOUS, first, String.format(Locale.ROOT,
                        "The training loss is stuck at chance level ln(%d) = %.3f: the model predicts class "
                                + "frequencies only. Check that labels line up with the samples (tip 4), then try a "
                                + "larger learning rate (lr-find) and the overfit check (tip 1).",
                        numClasses, chance));
            }
            if (hasVal && min(v) >= 0.85 * chance && t[n - 1] < 0.85 * chance) {
                return new Diagnosis(Diagnosis.Kind.SUSPICIOUS, first, String.format(Locale.ROOT,
                        "The training loss falls but the eval loss never gets below chance level ln(%d) = %.3f: the "
                                + "model memorises the training set without learning anything that transfers. Labels "
                                + "shuffled or misaligned? Check the data pipeline (tip 4).",
                        numClasses, chance));
            }
        }
        if (hasVal) {
            int early = Math.min(3, n);
            boolean farBelow = v[n - 1] < 0.5 * t[n - 1];
            for (int i = 0; i < early; i++) {
                farBelow &= v[i] < 0.5 * t[i];
            }
            if (farBelow) {
                return new Diagnosis(Diagnosis.Kind.SUSPICIOUS, first, String.format(Locale.ROOT,
                        "The eval loss has been under half the training loss from the start (%.4g vs %.4g now): "
                                + "the validation set may overlap the training set, be much easier, or carry "
                                + "different labels. Check the split and the labels (tip 4).",
                        v[n - 1], t[n - 1]));
            }
        }

        for (int i = Math.max(0, n - SPIKE_WINDOW); hasVal && i < n; i++) {
            if (v[i] > 5 * Math.max(t[i], min(v))) {
                return new Diagnosis(Diagnosis.Kind.OSCILLATING, first + i, String.format(Locale.ROOT,
                        "The eval loss spiked to %.4g at epoch %d (training loss %.4g, best eval %.4g): the learning "
                                + "rate is too high and blows up the weights or the BatchNorm statistics, even if the "
                                + "loss recovers. Lower it (tip 2) or run lr-find.",
                        v[i], first + i, t[i], min(v)));
            }
        }
        int trainReversals = reversals(t, 0.10);
        int valReversals = hasVal ? reversals(v, 0.25) : 0;
        if (trainReversals >= 2 || valReversals >= 2) {
            return new Diagnosis(Diagnosis.Kind.OSCILLATING, first + firstReversal(trainReversals >= 2 ? t : v,
                    trainReversals >= 2 ? 0.10 : 0.25), (trainReversals >= 2 ? "The training" : "The eval")
                    + " loss jumps up and down between epochs: the learning rate is too high. Lower it (tip 2), "
                    + "or keep it and let cosine annealing bring it down (tip 8); clip gradients for RNNs (tip 9).");
        }

        if (hasVal) {
            int k = argMin(v);
            double after = 0;
            for (int i = k + 1; i < n; i++) {
                after += v[i];
            }
            if (k <= n - 3 && v[n - 1] > 1.03 * v[k] && after / (n - 1 - k) > 1.03 * v[k] && t[n - 1] < t[k]) {
                return new Diagnosis(Diagnosis.Kind.OVERFITTING, first + k, String.format(Locale.ROOT,
                        "Overfitting from epoch %d: the eval loss rose from %.4g to %.4g while the training loss "
                                + "kept falling. Early stopping keeps epoch %d (tip 3); try dropout after the "
                                + "embedding or before the output (tip 12), weight decay 1e-4 (tip 18) or more data "
                                + "(tip 23).",
                        first + k, v[k], v[n - 1], first + k));
            }
        }

        if ((t[0] - t[tMin]) < 0.02 * Math.abs(t[0])) {
            return new Diagnosis(Diagnosis.Kind.NOT_LEARNING, first, String.format(Locale.ROOT,
                    "The training loss is flat (%.4g -> %.4g): the model is not learning. Run the overfit check "
                            + "(tip 1), try another learning rate (lr-find, tip 2), then check the data loader's "
                            + "output and each layer's shape (tip 2).",
                    t[0], t[n - 1]));
        }

        boolean flat = t[n - 3] - t[n - 1] < 0.02 * Math.abs(t[n - 3]);
        boolean high = classification ? t[n - 1] > 0.5 * chance : t[n - 1] > 0.7 * t[0];
        if (flat && high) {
            return new Diagnosis(Diagnosis.Kind.UNDERFITTING, first + n - 3, String.format(Locale.ROOT,
                    "Both losses level off high (train %.4g%s): the model underfits. Give it more capacity (hidden "
                            + "size 512, tip 16; a 3rd layer, tip 17; more CNN stages, tip 20), less dropout or "
                            + "weight decay (tips 12, 18), or a higher learning rate (lr-find).",
                    t[n - 1], hasVal ? String.format(Locale.ROOT, ", eval %.4g", v[n - 1]) : ""));
        }

        int best = hasVal ? argMin(v) : tMin;
        return new Diagnosis(Diagnosis.Kind.HEALTHY, first + best, String.format(Locale.ROOT,
                "The curves look normal: the training loss falls and levels off and the eval loss follows (tip 3). "
                        + "The best eval so far is at epoch %d; early stopping keeps it.", first + best));
    }

    private static Diagnosis nonFinite(int epoch, String which) {
        return new Diagnosis(Diagnosis.Kind.DIVERGING, epoch, "The " + which + " loss became NaN or infinite"
                + (epoch > 0 ? " at epoch " + epoch : "") + ": lower the learning rate (tip 2), clip gradients "
                + "(tip 9), and check the data for bad values (tip 4).");
    }

    /** Counts direction changes where both steps move by more than {@code rel} of the value they leave. */
    private static int reversals(double[] x, double rel) {
        int count = 0;
        for (int i = 2; i < x.length; i++) {
            double d1 = x[i - 1] - x[i - 2];
            double d2 = x[i] - x[i - 1];
            if (d1 * d2 < 0 && Math.abs(d1) > rel * Math.abs(x[i - 2]) && Math.abs(d2) > rel * Math.abs(x[i - 1])) {
                count++;
            }
        }
        return count;
    }

    private static int firstReversal(double[] x, double rel) {
        for (int i = 2; i < x.length; i++) {
            double d1 = x[i - 1] - x[i - 2];
            double d2 = x[i] - x[i - 1];
            if (d1 * d2 < 0 && Math.abs(d1) > rel * Math.abs(x[i - 2]) && Math.abs(d2) > rel * Math.abs(x[i - 1])) {
                return i - 1;
            }
        }
        return 0;
    }

    private static int argMin(double[] x) {
        int k = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] < x[k]) {
                k = i;
            }
        }
        return k;
    }

    private static double min(double[] x) {
        return x[argMin(x)];
    }
}
