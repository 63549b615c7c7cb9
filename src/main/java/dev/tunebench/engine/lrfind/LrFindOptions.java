package dev.tunebench.engine.lrfind;

/**
 * Settings of the learning-rate range test.
 *
 * @param startLr       first learning rate of the sweep
 * @param endLr         last learning rate of the sweep
 * @param steps         optimiser steps (one batch each), spaced exponentially from start to end
 * @param beta          decay of the debiased exponential moving average of the loss (fastai and Lightning: 0.98)
 * @param divergeFactor stop once the smoothed loss exceeds this multiple of its best (fastai and Lightning: 4)
 */
public record LrFindOptions(double startLr, double endLr, int steps, double beta, double divergeFactor) {

    public LrFindOptions {
        if (!(startLr > 0) || !(endLr > startLr) || steps < 2 || !(beta >= 0 && beta < 1) || !(divergeFactor > 1)) {
            throw new IllegalArgumentException("lr-find needs 0 < startLr < endLr, steps >= 2, beta in [0, 1) and "
                    + "divergeFactor > 1; got " + startLr + ", " + endLr + ", " + steps + ", " + beta + ", "
                    + divergeFactor);
        }
    }

    /** Returns a sweep from 1e-7 to 1 over 100 steps, beta 0.98, stop at 4x the best loss. */
    public static LrFindOptions defaults() {
        return new LrFindOptions(1e-7, 1.0, 100, 0.98, 4.0);
    }

    /** Returns a copy with another number of steps. */
    public LrFindOptions withSteps(int n) {
        return new LrFindOptions(startLr, endLr, n, beta, divergeFactor);
    }

    /** Returns a copy with another range. */
    public LrFindOptions withRange(double start, double end) {
        return new LrFindOptions(start, end, steps, beta, divergeFactor);
    }

    /** Returns the learning rate of step {@code i} (0-based): start * (end/start)^(i/(steps-1)). */
    public double lrAt(int i) {
        return startLr * Math.pow(endLr / startLr, i / (double) (steps - 1));
    }
}
