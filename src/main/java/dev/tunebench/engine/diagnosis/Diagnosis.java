package dev.tunebench.engine.diagnosis;

/**
 * What a run's loss curves say, with the advice behind it.
 *
 * @param kind   the classification of the curves
 * @param epoch  1-based epoch the condition starts at (the best epoch for {@link Kind#HEALTHY} and
 *               {@link Kind#OVERFITTING}; the epoch in progress when only batch losses show it); 0 when no epoch
 * @param advice one or two sentences for the user, citing the playbook's tips
 */
public record Diagnosis(Kind kind, int epoch, String advice) {

    /** Classes of loss curves (tips 3 and 4). */
    public enum Kind {
        /** Train loss falls and levels off; eval loss follows. */
        HEALTHY,
        /** Train loss is flat from the start. */
        NOT_LEARNING,
        /** Loss rises, is far above chance, or is NaN/infinite. */
        DIVERGING,
        /** Loss jumps up and down from epoch to epoch: the learning rate is too high. */
        OSCILLATING,
        /** Eval loss rises from some epoch while train loss keeps falling. */
        OVERFITTING,
        /** Both losses are high and flat: the model is too small or too constrained. */
        UNDERFITTING,
        /** Loss stuck at chance level, or eval far below train from the start: check the labels (tip 4). */
        SUSPICIOUS,
        /** Too few epochs to judge. */
        INSUFFICIENT_DATA
    }

    /** Returns whether the curves call for action (anything but healthy or too early to say). */
    public boolean needsAction() {
        return kind != Kind.HEALTHY && kind != Kind.INSUFFICIENT_DATA;
    }

    @Override
    public String toString() {
        return kind + (epoch > 0 ? " (epoch " + epoch + ")" : "") + ": " + advice;
    }
}
