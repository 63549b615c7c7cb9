package dev.tunebench.engine.overfit;

/**
 * Settings of the overfit check (tip 1).
 *
 * @param batches           size of the tiny subset, in batches of the config's batch size (2-4 is typical)
 * @param maxSteps          optimiser steps at most; the check stops early once it passes
 * @param evalEvery         evaluate the subset every this many steps
 * @param withoutRegularisation turn dropout and weight decay off: they fight memorisation, and the question is
 *                          whether the model and the code can learn at all
 */
public record OverfitOptions(int batches, int maxSteps, int evalEvery, boolean withoutRegularisation) {

    public OverfitOptions {
        if (batches < 1 || maxSteps < 1 || evalEvery < 1) {
            throw new IllegalArgumentException("batches, maxSteps and evalEvery must be >= 1, got " + batches + ", "
                    + maxSteps + ", " + evalEvery);
        }
    }

    /** Returns 2 batches, at most 200 steps (the bundled digits CNN needs about 130), evaluation every 10 steps,
     * regularisation off. */
    public static OverfitOptions defaults() {
        return new OverfitOptions(2, 200, 10, true);
    }

    /** Returns a copy with another step budget. */
    public OverfitOptions withMaxSteps(int steps) {
        return new OverfitOptions(batches, steps, evalEvery, withoutRegularisation);
    }

    /** Returns a copy with another subset size in batches. */
    public OverfitOptions withBatches(int n) {
        return new OverfitOptions(n, maxSteps, evalEvery, withoutRegularisation);
    }
}
