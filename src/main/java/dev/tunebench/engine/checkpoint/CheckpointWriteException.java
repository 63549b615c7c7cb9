package dev.tunebench.engine.checkpoint;

/**
 * A checkpoint write that failed; nothing was committed and the previous checkpoints are intact. The failure is
 * already recorded in the checkpoints folder (or, when even that could not be written, kept by the manager and
 * written with the next record).
 */
public final class CheckpointWriteException extends CheckpointException {
    private final transient CheckpointFailure failure;
    private final boolean permanent;

    CheckpointWriteException(String message, CheckpointFailure failure, boolean permanent, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.permanent = permanent;
    }

    /** Returns what failed, where and why. */
    public CheckpointFailure failure() {
        return failure;
    }

    /**
     * Returns whether the cause cannot clear by itself, so no checkpoint can be written in this folder until a
     * person acts: permission denied, a read-only file system, or a file system that cannot rename atomically. A
     * full disk, an I/O error or a read-back mismatch may clear (space is freed, the next write goes elsewhere on
     * the disk), so they are not permanent.
     */
    public boolean permanent() {
        return permanent;
    }

    /** Returns whether {@code t} or one of its causes means no write can succeed here (see {@link #permanent()}). */
    static boolean isPermanent(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.nio.file.AccessDeniedException
                    || c instanceof java.nio.file.AtomicMoveNotSupportedException) {
                return true;
            }
            String m = c instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
                    ? fse.getReason() : c.getMessage();
            if (m != null && (m.contains("Read-only file system") || m.contains("Permission denied")
                    || m.contains("cannot rename atomically"))) {
                return true;
            }
        }
        return false;
    }
}
