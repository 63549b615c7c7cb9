package dev.tunebench.app.common;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** Runs slow work on a background executor and hands its result, or its error message, to the UI executor. */
public final class Background {
    private final Executor background;
    private final Executor ui;

    /** Creates the helper on the given executors (both inline in tests). */
    public Background(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
    }

    /** A piece of work that may throw. */
    @FunctionalInterface
    public interface Work<T> {
        /** Returns the result. */
        T call() throws Exception;
    }

    /** Runs {@code work} in the background; {@code onDone} or {@code onError} then runs on the UI executor. */
    public <T> void run(Work<T> work, Consumer<T> onDone, Consumer<String> onError) {
        try {
            background.execute(() -> task(work, onDone, onError));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The window is closing and its executors are shut down: nothing is waiting for this result.
        }
    }

    private <T> void task(Work<T> work, Consumer<T> onDone, Consumer<String> onError) {
        try {
            T r = work.call();
            ui.execute(() -> onDone.accept(r));
        } catch (Exception | LinkageError e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            ui.execute(() -> onError.accept(m));
        }
    }

    /** Returns the UI executor. */
    public Executor ui() {
        return ui;
    }
}
