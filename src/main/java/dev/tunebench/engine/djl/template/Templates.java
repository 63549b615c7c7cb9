package dev.tunebench.engine.djl.template;

import java.util.List;
import java.util.stream.Collectors;

/** The registry of model templates. */
public final class Templates {

    private static final List<ModelTemplate> ALL = List.of(
            new RecurrentTemplate(RecurrentLayer.Cell.LSTM),
            new RecurrentTemplate(RecurrentLayer.Cell.GRU),
            new ResNetTemplate());

    private Templates() {
    }

    /** Returns every template, in menu order. */
    public static List<ModelTemplate> all() {
        return ALL;
    }

    /** Returns the ids of every template. */
    public static List<String> ids() {
        return ALL.stream().map(ModelTemplate::id).toList();
    }

    /**
     * Returns the template with the given id.
     *
     * @throws IllegalArgumentException when there is none, naming the ids allowed
     */
    public static ModelTemplate byId(String id) {
        for (ModelTemplate t : ALL) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("model.template: '" + id + "' is not one of "
                + ALL.stream().map(ModelTemplate::id).collect(Collectors.joining(", ")));
    }
}
