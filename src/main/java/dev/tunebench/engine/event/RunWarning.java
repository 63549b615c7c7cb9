package dev.tunebench.engine.event;

/**
 * Something went wrong that the run survives: it goes on, and the user should know.
 *
 * @param kind    what kind of warning
 * @param epoch   the epoch it concerns (1-based)
 * @param step    optimiser steps completed when it happened
 * @param message one line for the user: what failed, why, what the run does now
 */
public record RunWarning(Kind kind, int epoch, long step, String message) {

    /** Kinds of warnings. */
    public enum Kind {
        /**
         * A checkpoint write failed (disk full, I/O error, read-back mismatch); nothing was replaced, the last good
         * checkpoint stays, and the next epoch's checkpoint is tried again.
         */
        CHECKPOINT_NOT_SAVED
    }
}
