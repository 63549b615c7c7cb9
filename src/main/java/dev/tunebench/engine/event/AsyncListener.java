package dev.tunebench.engine.event;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Delivers a run's events to a delegate on a thread of its own, in order, so that a slow listener (a file writer,
 * a remote logger) never slows the trainer: the training thread only enqueues. The delivery thread ends after
 * {@code onRunEnd}.
 */
public final class AsyncListener implements TrainingListener {
    private static final Runnable END = () -> { };
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final TrainingListener delegate;
    private final Thread worker;
    private final Consumer<Throwable> onError;

    /**
     * Wraps a listener.
     *
     * @param delegate the slow listener
     * @param name     the delivery thread's name
     * @param onError  called on the delivery thread when the delegate throws (the event is skipped), or null to
     *                 print one line to stderr
     */
    public AsyncListener(TrainingListener delegate, String name, Consumer<Throwable> onError) {
        this.onError = onError != null ? onError
                : e -> System.err.println("TuneBench: listener " + name + " failed: " + e);
        this.delegate = delegate;
        this.worker = new Thread(this::drain, name);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    private void drain() {
        while (true) {
            Runnable r;
            try {
                r = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (r == END) {
                return;
            }
            try {
                r.run();
            } catch (RuntimeException e) {
                onError.accept(e);
            }
        }
    }

    @Override
    public void onRunStart(RunStarted event) {
        queue.add(() -> delegate.onRunStart(event));
    }

    @Override
    public void onBatchEnd(BatchMetrics metrics) {
        queue.add(() -> delegate.onBatchEnd(metrics));
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        queue.add(() -> delegate.onEpochEnd(metrics));
    }

    @Override
    public void onWarning(RunWarning warning) {
        queue.add(() -> delegate.onWarning(warning));
    }

    @Override
    public void onRunEnd(RunFinished event) {
        queue.add(() -> delegate.onRunEnd(event));
        queue.add(END);
    }

    /** Returns the number of events waiting for delivery. */
    public int pending() {
        return queue.size();
    }

    /** Waits up to {@code millis} for every event, up to and including the run's end, to be delivered. */
    public boolean awaitDelivered(long millis) throws InterruptedException {
        worker.join(millis);
        return !worker.isAlive();
    }
}
