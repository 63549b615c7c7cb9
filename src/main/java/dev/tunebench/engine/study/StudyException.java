package dev.tunebench.engine.study;

/**
 * A study operation that cannot be done: the folder holds no study (or already one), the journal cannot be read or
 * written, or a trial is not in the state the call needs (reporting on a trial already marked FAILED). The message
 * is one line naming the study folder or trial and what to do.
 */
public class StudyException extends RuntimeException {

    /** Creates one with a one-line message. */
    public StudyException(String message) {
        super(message);
    }

    /** Creates one with a one-line message and the I/O error behind it. */
    public StudyException(String message, Throwable cause) {
        super(message, cause);
    }
}
