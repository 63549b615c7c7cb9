package dev.tunebench.engine.monitor;

import dev.tunebench.engine.event.StopReason;

/**
 * What early stopping decided after an epoch.
 *
 * @param stop    whether the run should end now
 * @param reason  why it should end, or null when it goes on
 * @param message a sentence for the user (also when going on: "val_loss improved to 0.41")
 */
public record StopDecision(boolean stop, StopReason reason, String message) {

    /** Returns a decision to go on. */
    public static StopDecision proceed(String message) {
        return new StopDecision(false, null, message);
    }

    /** Returns a decision to stop. */
    public static StopDecision stop(StopReason reason, String message) {
        return new StopDecision(true, reason, message);
    }
}
