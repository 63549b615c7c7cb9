package dev.tunebench.app.checkpoints;

import dev.tunebench.engine.checkpoint.CheckpointFailure;
import dev.tunebench.engine.checkpoint.CheckpointInfo;
import java.time.Instant;
import java.util.Locale;

/**
 * One row of the Checkpoints panel: a kept checkpoint (with whether it was verified and is the last good one), or
 * a write that failed or was interrupted, with its reason. Exactly one of {@code checkpoint} and {@code failure} is
 * set.
 *
 * @param checkpoint the kept checkpoint, or null for a failed write
 * @param failure    the failed write, or null for a kept checkpoint
 * @param lastGood   whether it is the run's last good checkpoint
 */
public record CheckpointRow(CheckpointInfo checkpoint, CheckpointFailure failure, boolean lastGood) {
    public CheckpointRow {
        if ((checkpoint == null) == (failure == null)) {
            throw new IllegalArgumentException("a row is a checkpoint or a failed write");
        }
    }

    /** Returns a row for a kept checkpoint. */
    static CheckpointRow kept(CheckpointInfo c, boolean lastGood) {
        return new CheckpointRow(c, null, lastGood);
    }

    /** Returns a row for a failed or interrupted write. */
    static CheckpointRow failed(CheckpointFailure f) {
        return new CheckpointRow(null, f, false);
    }

    /** Returns whether this row is a write that did not commit (nothing to evaluate, export or resume). */
    public boolean isFailure() {
        return failure != null;
    }

    /** Returns the checkpoint id, e.g. {@code epoch-0007}. */
    public String id() {
        return checkpoint != null ? checkpoint.id() : failure.id();
    }

    /** Returns the epoch. */
    public int epoch() {
        return checkpoint != null ? checkpoint.epoch() : failure.epoch();
    }

    /** Returns the monitored value as shown, or "" when unknown. */
    public String valueText() {
        double v = checkpoint != null ? checkpoint.value() : failure.value();
        if (failure != null && Double.isNaN(v)) {
            return "";
        }
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.5g", v) : String.valueOf(v);
    }

    /** Returns what the row is kept as: "best", "last", "best, last", or "not saved". */
    public String keptAs() {
        if (failure != null) {
            return failure.stage() == CheckpointFailure.Stage.UNFINISHED ? "unfinished" : "not saved";
        }
        return checkpoint.best() && checkpoint.last() ? "best, last" : checkpoint.best() ? "best" : "last";
    }

    /**
     * Returns whether it can be trusted, in words: "last good, verified", "verified", "not verified (written by an
     * older TuneBench)", or for a failed write where it failed and why.
     */
    public String trust() {
        if (failure != null) {
            return switch (failure.stage()) {
                case INTERRUPTED -> "interrupted: " + failure.reason();
                case UNFINISHED -> failure.reason();
                default -> "failed while " + failure.stage().text() + ": " + failure.reason();
            };
        }
        if (!checkpoint.verified()) {
            return "not verified (written before TuneBench read checkpoints back)";
        }
        return lastGood ? "last good \u2714 verified after writing" : "verified after writing";
    }

    /** Returns when it was saved, or when the write failed. */
    public Instant time() {
        return checkpoint != null ? checkpoint.savedAt() : failure.at();
    }
}
