package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import java.util.Map;

/**
 * Makes a trial's configuration: the base configuration with the trial's parameters set by field path. The study
 * package does not know the configuration type; the caller adapts the shared field-path vocabulary (its
 * {@code with(config, path, value)}) to this interface.
 *
 * @param <C> the configuration type (a preset or a run config)
 */
@FunctionalInterface
public interface ParamApplier<C> {

    /**
     * Returns the base with every parameter set.
     *
     * @throws IllegalArgumentException with a one-line message naming the field when a value cannot be applied or
     *                                  the result is invalid (the trial then FAILS with that message)
     */
    C apply(C base, Map<String, JsonElement> params);
}
