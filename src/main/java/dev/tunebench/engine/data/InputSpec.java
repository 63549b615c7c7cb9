package dev.tunebench.engine.data;

import dev.tunebench.engine.config.Task;
import java.util.Arrays;

/**
 * What one sample looks like to a model, and what it must predict.
 *
 * @param kind           token ids, real-valued sequence, or image
 * @param shape          per-sample shape: TOKENS {@code [length]}, SERIES {@code [length, features]},
 *                       IMAGE {@code [channels, height, width]}
 * @param vocabularySize TOKENS: number of token ids including PAD (0) and OOV (1); otherwise 0
 * @param task           classification or regression
 * @param outputSize     classification: number of classes; regression: number of target values per sample
 */
public record InputSpec(Kind kind, int[] shape, int vocabularySize, Task task, int outputSize) {

    /** Kinds of input. */
    public enum Kind { TOKENS, SERIES, IMAGE }

    public InputSpec {
        shape = shape.clone();
    }

    /** Returns a copy of the per-sample shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Returns the number of values in one sample. */
    public int sampleSize() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputSpec s && s.kind == kind && Arrays.equals(s.shape, shape)
                && s.vocabularySize == vocabularySize && s.task == task && s.outputSize == outputSize;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + kind.hashCode() + 7 * vocabularySize + 13 * outputSize;
    }

    @Override
    public String toString() {
        return kind + Arrays.toString(shape) + (vocabularySize > 0 ? " vocab " + vocabularySize : "")
                + " -> " + task + " " + outputSize;
    }
}
