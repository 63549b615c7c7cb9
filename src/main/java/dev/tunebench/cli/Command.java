package dev.tunebench.cli;

import java.io.PrintStream;

/** One sub-command of {@code java -jar tunebench.jar <command>}. */
public interface Command {

    /** Returns the command word, e.g. {@code train}. */
    String name();

    /** Returns a one-line usage, e.g. {@code train --preset <file|name> [--data <spec>] ...}. */
    String usage();

    /** Returns a one-line description. */
    String description();

    /**
     * Runs the command. Returns the exit code: 0 success, 2 bad input ({@link UsageException} is turned into
     * exit 2 with its one-line message), 1 other failure.
     */
    int run(Args args, PrintStream out, PrintStream err) throws Exception;
}
