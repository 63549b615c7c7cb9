package dev.tunebench.engine.checkpoint;

import java.io.IOException;

/** A checkpoint that cannot be used: missing, damaged (checksum mismatch), or for an unknown template. */
public class CheckpointException extends IOException {
    /** Creates one with a message that names the checkpoint folder or file and what is wrong. */
    public CheckpointException(String message) {
        super(message);
    }

    /** Creates one with a message and its cause. */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
