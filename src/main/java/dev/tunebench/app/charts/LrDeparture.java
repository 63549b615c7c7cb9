package dev.tunebench.app.charts;

/**
 * A step where the learning rate trained leaves the planned schedule, or changes how far off it is: a plateau
 * reduction, later a user's nudge. The chart marks each one.
 *
 * @param step    the 1-based optimiser step
 * @param epoch   the same point in fractional epochs
 * @param planned the rate the plan has for that step
 * @param actual  the rate the step trained with
 */
public record LrDeparture(double step, double epoch, double planned, double actual) {

    /** Returns the actual rate as a multiple of the plan (1 when back on plan). */
    public double ratio() {
        return planned > 0 ? actual / planned : Double.NaN;
    }

    /** Returns the chart label: "lr ×0.5 of plan", or "back on plan". */
    public String label() {
        double r = ratio();
        if (Double.isFinite(r) && Math.abs(r - 1) <= 1e-9) {
            return "back on plan";
        }
        return "lr \u00d7" + CompactNumberFormat.text(r) + " of plan";
    }
}
