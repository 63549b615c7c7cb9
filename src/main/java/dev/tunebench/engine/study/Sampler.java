package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the parameters of the next trial. A sampler holds no state between calls: everything it needs is in the
 * trials it is given, and its randomness comes from its seed and the trial number, so that any worker process that
 * asks for trial n with the same history gets the same parameters.
 */
public interface Sampler {

    /**
     * Returns the parameters of a new trial, one value per field of the space in its order, or empty when the sampler
     * has nothing new to offer (a grid that is fully taken).
     *
     * @param space       the search space
     * @param trials      every trial asked so far (finished and running), by number
     * @param trialNumber the number the new trial will get
     */
    Optional<Map<String, JsonElement>> sample(SearchSpace space, List<TrialSnapshot> trials, int trialNumber);

    /** Returns the sampler's name as the sweep file writes it: {@code grid}, {@code random} or {@code tpe}. */
    String name();
}
