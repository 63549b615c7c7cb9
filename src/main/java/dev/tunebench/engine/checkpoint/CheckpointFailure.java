package dev.tunebench.engine.checkpoint;

import java.time.Instant;

/**
 * A checkpoint write that did not commit: disk full, no permission, a read-back mismatch, a kill mid-write. It never
 * replaced anything: the checkpoints listed in the index, the last good one among them, are the ones from before.
 * Recorded in the checkpoints folder's {@value FailedWrites#FILE_NAME}.
 *
 * @param id     the checkpoint id it would have had, e.g. {@code epoch-0005}
 * @param epoch  the epoch it would have held
 * @param value  the monitored value of that epoch (NaN when unknown, e.g. for an interrupted write)
 * @param stage  where the write stopped
 * @param reason what went wrong, in one line (the operating system's words where it gave some)
 * @param at     when it failed, or when the next start found it interrupted
 */
public record CheckpointFailure(String id, int epoch, double value, Stage stage, String reason, Instant at) {

    /** Where a write stopped, in the order a save goes through them. */
    public enum Stage {
        /** Creating the temporary folder. */
        PREPARE("creating its temporary folder"),
        /** The payload writer writing the weights, optimiser state and sidecar. */
        WRITE("writing its files"),
        /** Checksumming the files and writing {@code manifest.json}. */
        MANIFEST("writing its manifest"),
        /** Forcing the files to disk. */
        FSYNC("forcing it to disk (fsync)"),
        /** Renaming the folder into place. */
        MOVE("moving it into place"),
        /** Reading every file back and comparing its SHA-256 with the manifest. */
        VERIFY("reading it back (SHA-256)"),
        /** Replacing {@code index.json}. */
        INDEX("updating index.json"),
        /** The process ended mid-write (killed, crashed, power lost); found by the next start. */
        INTERRUPTED("interrupted"),
        /** A write that has not finished: in progress now, or its process ended (found without a manager). */
        UNFINISHED("unfinished");

        private final String text;

        Stage(String text) {
            this.text = text;
        }

        /** Returns the stage in words, e.g. "reading it back (SHA-256)". */
        public String text() {
            return text;
        }
    }

    /** Returns one line for a user: "epoch-0005 (epoch 5) not saved while writing its files: No space left ...". */
    public String describe() {
        String head = id + " (epoch " + epoch + ")";
        return switch (stage) {
            case INTERRUPTED -> head + " was interrupted: " + reason;
            case UNFINISHED -> head + " is unfinished: " + reason;
            default -> head + " was not saved, failed while " + stage.text() + ": " + reason;
        };
    }
}
