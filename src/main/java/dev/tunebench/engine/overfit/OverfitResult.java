package dev.tunebench.engine.overfit;

import java.util.List;

/**
 * Outcome of the overfit check (tip 1).
 *
 * @param passed        whether the model fitted the tiny subset: accuracy at least 99% and loss at most 0.1 for
 *                      classification; the loss down by at least 90% for regression
 * @param samples       size of the subset
 * @param steps         optimiser steps taken
 * @param learningRate  the (constant) learning rate used
 * @param initialLoss   subset loss before training (evaluation mode)
 * @param finalLoss     subset loss at the end (evaluation mode)
 * @param finalAccuracy subset accuracy at the end, or NaN for regression
 * @param lossDrop      fraction by which the loss fell: 1 - final/initial
 * @param stepLosses    training loss of every step
 * @param message       verdict and, on failure, what to do (tips 1 and 2)
 */
public record OverfitResult(
        boolean passed,
        int samples,
        int steps,
        double learningRate,
        double initialLoss,
        double finalLoss,
        double finalAccuracy,
        double lossDrop,
        List<Double> stepLosses,
        String message) {

    public OverfitResult {
        stepLosses = List.copyOf(stepLosses);
    }
}
