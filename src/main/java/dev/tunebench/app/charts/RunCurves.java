package dev.tunebench.app.charts;

import dev.tunebench.engine.event.EpochMetrics;
import java.util.List;

/**
 * One run's epoch curves for the overlay chart of the Runs panel.
 *
 * @param name   legend text, e.g. the run id or "lstm lr=1e-3"
 * @param epochs the run's epoch metrics in epoch order
 */
public record RunCurves(String name, List<EpochMetrics> epochs) {
    public RunCurves {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("run name must not be blank");
        }
        epochs = List.copyOf(epochs);
    }
}
