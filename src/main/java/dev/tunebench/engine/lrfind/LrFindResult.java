package dev.tunebench.engine.lrfind;

import java.util.List;

/**
 * Outcome of a learning-rate range test, ready to plot on a log x axis.
 *
 * @param lrs          learning rate of each step taken
 * @param losses       raw training loss of each step
 * @param smoothed     debiased EMA of the loss at each step
 * @param valleyLr     fastai's "valley" suggestion: inside the longest stretch of falling loss, about 2/3 of the way
 *                     down; NaN when the sweep was too short
 * @param steepestLr   the learning rate where the smoothed loss falls fastest against log(lr); NaN when too short
 * @param suggestedLr  the suggestion to apply: the valley, else the steepest point, else NaN
 * @param stoppedEarly whether the sweep ended because the loss diverged (smoothed above divergeFactor x best, or
 *                     non-finite)
 * @param message      a sentence for the user
 */
public record LrFindResult(
        List<Double> lrs,
        List<Double> losses,
        List<Double> smoothed,
        double valleyLr,
        double steepestLr,
        double suggestedLr,
        boolean stoppedEarly,
        String message) {

    public LrFindResult {
        lrs = List.copyOf(lrs);
        losses = List.copyOf(losses);
        smoothed = List.copyOf(smoothed);
    }
}
