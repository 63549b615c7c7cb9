package dev.tunebench.engine.study;

/** Which way the objective improves (Optuna's StudyDirection). */
public enum Direction {
    /** Lower is better ({@code val_loss}). */
    MIN,
    /** Higher is better ({@code val_accuracy}). */
    MAX;

    /** Returns +1 for MIN and -1 for MAX: multiplying by it turns every objective into one to minimise. */
    public double sign() {
        return this == MIN ? 1.0 : -1.0;
    }

    /** Returns whether {@code a} is strictly better than {@code b}; NaN is never better. */
    public boolean better(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return this == MIN ? a < b : a > b;
    }

    /** Returns "lower" or "higher", for messages. */
    public String word() {
        return this == MIN ? "lower" : "higher";
    }
}
