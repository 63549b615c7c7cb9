package dev.tunebench.engine.backend;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loss and metrics of a model over a split. Metric keys carry no prefix: {@code accuracy}, or {@code mae} and
 * {@code rmse}.
 *
 * @param loss    mean loss over the samples
 * @param metrics metric values by name
 */
public record EvalResult(double loss, Map<String, Double> metrics) {
    public EvalResult {
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
