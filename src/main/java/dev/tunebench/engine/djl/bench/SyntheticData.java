package dev.tunebench.engine.djl.bench;

import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.data.ArraySplit;
import dev.tunebench.engine.data.InputSpec;
import java.util.SplittableRandom;

/**
 * Synthetic data sets of a given shape: random ones for throughput benchmarks, and tiny learnable ones for smoke
 * tests (a model that cannot fit them has a bug, tip 1).
 *
 * @param input what a sample looks like
 * @param split the samples
 */
public record SyntheticData(InputSpec input, ArraySplit split) {

    /**
     * Returns random samples of the given shape with random labels or targets (for throughput only): token ids in
     * [2, vocabulary), image values in [0, 1), series values in [-1, 1); class labels in [0, outputSize), or
     * regression targets in [-1, 1).
     */
    public static SyntheticData random(InputSpec input, int samples, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int row = input.sampleSize();
        float[] f = new float[samples * row];
        for (int i = 0; i < f.length; i++) {
            f[i] = switch (input.kind()) {
                case TOKENS -> 2 + r.nextInt(Math.max(1, input.vocabularySize() - 2));
                case IMAGE -> (float) r.nextDouble();
                case SERIES -> (float) (r.nextDouble() * 2 - 1);
            };
        }
        if (input.task() == Task.CLASSIFICATION) {
            int[] labels = new int[samples];
            for (int i = 0; i < samples; i++) {
                labels[i] = r.nextInt(input.outputSize());
            }
            return new SyntheticData(input, ArraySplit.classification(f, row, labels));
        }
        float[] t = new float[samples * input.outputSize()];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return new SyntheticData(input, ArraySplit.regression(f, row, t, input.outputSize()));
    }

    /** Returns random token sequences with random labels (for throughput only). */
    public static SyntheticData randomTokens(int samples, int length, int vocabulary, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] f = new float[samples * length];
        for (int i = 0; i < f.length; i++) {
            f[i] = 2 + r.nextInt(vocabulary - 2);
        }
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            labels[i] = r.nextInt(classes);
        }
        return new SyntheticData(new InputSpec(InputSpec.Kind.TOKENS, new int[] {length}, vocabulary,
                Task.CLASSIFICATION, classes), ArraySplit.classification(f, length, labels));
    }

    /** Returns random images with random labels (for throughput only). */
    public static SyntheticData randomImages(int samples, int channels, int side, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int row = channels * side * side;
        float[] f = new float[samples * row];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) r.nextDouble();
        }
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            labels[i] = r.nextInt(classes);
        }
        return new SyntheticData(new InputSpec(InputSpec.Kind.IMAGE, new int[] {channels, side, side}, 0,
                Task.CLASSIFICATION, classes), ArraySplit.classification(f, row, labels));
    }

    /**
     * Returns token sequences whose label is the class of their last token (token id modulo {@code classes}):
     * learnable in a few dozen steps by a recurrent model reading the last step.
     */
    public static SyntheticData learnableTokens(int samples, int length, int vocabulary, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] f = new float[samples * length];
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < length; j++) {
                f[i * length + j] = 2 + r.nextInt(vocabulary - 2);
            }
            labels[i] = (int) f[i * length + length - 1] % classes;
        }
        return new SyntheticData(new InputSpec(InputSpec.Kind.TOKENS, new int[] {length}, vocabulary,
                Task.CLASSIFICATION, classes), ArraySplit.classification(f, length, labels));
    }

    /** Returns real-valued sequences whose target is the mean of their first feature over time (regression). */
    public static SyntheticData learnableSeries(int samples, int length, int features, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int row = length * features;
        float[] f = new float[samples * row];
        float[] t = new float[samples];
        for (int i = 0; i < samples; i++) {
            double sum = 0;
            for (int j = 0; j < length; j++) {
                for (int k = 0; k < features; k++) {
                    float v = (float) (r.nextDouble() * 2 - 1);
                    f[i * row + j * features + k] = v;
                    if (k == 0) {
                        sum += v;
                    }
                }
            }
            t[i] = (float) (sum / length);
        }
        return new SyntheticData(new InputSpec(InputSpec.Kind.SERIES, new int[] {length, features}, 0,
                Task.REGRESSION, 1), ArraySplit.regression(f, row, t, 1));
    }

    /** Returns noisy images of horizontal (label 0) or vertical (label 1) stripes. */
    public static SyntheticData learnableStripes(int samples, int channels, int side, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int row = channels * side * side;
        float[] f = new float[samples * row];
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            int label = r.nextInt(2);
            int phase = r.nextInt(2);
            labels[i] = label;
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        int line = label == 0 ? y : x;
                        float v = ((line + phase) % 2 == 0 ? 1f : 0f) + (float) (r.nextDouble() * 0.4 - 0.2);
                        f[i * row + c * side * side + y * side + x] = v;
                    }
                }
            }
        }
        return new SyntheticData(new InputSpec(InputSpec.Kind.IMAGE, new int[] {channels, side, side}, 0,
                Task.CLASSIFICATION, 2), ArraySplit.classification(f, row, labels));
    }
}
