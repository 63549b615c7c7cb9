package dev.tunebench.app.presets;

/** Sections of the hyperparameter editor, in display order. */
public enum ParamGroup {
    MODEL("Model"),
    OPTIMISATION("Optimisation"),
    SCHEDULE("Schedule"),
    REGULARISATION("Regularisation"),
    EARLY_STOPPING("Early stopping"),
    CHECKPOINTS("Checkpoints");

    private final String title;

    ParamGroup(String title) {
        this.title = title;
    }

    /** Returns the section title. */
    public String title() {
        return title;
    }
}
