package dev.tunebench.engine.config;

import java.util.List;

/**
 * Architecture hyperparameters of a model template: one record per template family, each holding only the fields
 * its template reads ({@link RecurrentModelSpec} for {@code lstm} and {@code gru}, {@link ResNetModelSpec} for
 * {@code resnet}). Field paths, ranges and defaults of every field are listed by {@link ConfigPaths}.
 */
public sealed interface ModelSpec permits RecurrentModelSpec, ResNetModelSpec {

    /** Template ids the engine knows, in menu order. */
    List<String> TEMPLATES = List.of("lstm", "gru", "resnet");

    /** Weight initialisation of conv, linear and input-to-hidden weights (tip 10). */
    enum InitScheme { HE_NORMAL, HE_UNIFORM, XAVIER_NORMAL, XAVIER_UNIFORM }

    /** Returns the template id: {@code lstm}, {@code gru} or {@code resnet}. */
    String template();

    /** Returns the dropout probability just before the output layer (tip 12); 0 = off. */
    double dropoutBeforeOutput();

    /** Returns the initialisation of conv, linear and input-to-hidden weights (tip 10). */
    InitScheme init();

    /** Returns a copy with every dropout off, the rest unchanged (the overfit check, tip 1). */
    ModelSpec withoutDropout();

    /** Returns whether the template is recurrent ({@code lstm} or {@code gru}). */
    default boolean isRecurrent() {
        return this instanceof RecurrentModelSpec;
    }

    /**
     * Returns the playbook's defaults of a template.
     *
     * @throws IllegalArgumentException for an unknown id, naming the ids allowed
     */
    static ModelSpec defaults(String template) {
        if ("resnet".equals(template)) {
            return ResNetModelSpec.defaults();
        }
        return RecurrentModelSpec.defaults(RecurrentModelSpec.Cell.ofId(template));
    }
}
