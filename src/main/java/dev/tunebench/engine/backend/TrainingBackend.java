package dev.tunebench.engine.backend;

import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.InputSpec;

/** Builds model sessions. The DJL PyTorch backend is the real one; tests may use a fake. */
public interface TrainingBackend {

    /** Returns a short name for run.json, e.g. "DJL 0.36.0 / PyTorch 2.7.1". */
    String description();

    /** Returns library versions to record in sidecars, e.g. {djl: 0.36.0, pytorch: 2.7.1}. */
    java.util.Map<String, String> versions();

    /**
     * Builds and initialises a model for the config and input, seeded by the config's seed. Must be called on
     * the thread that will use the session.
     *
     * @throws IllegalArgumentException when the config does not fit the input (a message says which field)
     */
    ModelSession open(RunConfig config, InputSpec input);
}
