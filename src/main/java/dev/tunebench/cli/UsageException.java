package dev.tunebench.cli;

/** Bad input to a command: the CLI prints its message as one line and exits 2. */
public class UsageException extends RuntimeException {
    /** Creates one with a message that names the file or option, the field, and what is allowed. */
    public UsageException(String message) {
        super(message);
    }
}
