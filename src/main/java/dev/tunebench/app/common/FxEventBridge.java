package dev.tunebench.app.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Carries events from any thread to the UI thread in coalesced batches: events go into a queue and at most ONE
 * flush is pending at a time (the trick javafx.concurrent.Task uses for its progress updates). Flushes are also
 * spaced by a minimum interval, so a training thread that emits thousands of batch events per second causes at
 * most about {@code 1 / minInterval} UI updates per second, each carrying every event since the last one.
 *
 * <p>Nothing here touches JavaFX: the UI executor is injected ({@code Platform::runLater} in the app, an inline
 * executor in tests), which keeps view-models testable without a toolkit.
 *
 * @param <E> event type
 */
public final class FxEventBridge<E> {
    private final ConcurrentLinkedQueue<E> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong lastFlushNanos = new AtomicLong(Long.MIN_VALUE / 2);
    private final AtomicLong flushCount = new AtomicLong();
    private final Executor uiExecutor;
    private final ScheduledExecutorService scheduler;
    private final long minIntervalNanos;
    private final Consumer<List<E>> sink;
    private final LongSupplier nanoClock;

    /**
     * Creates a bridge.
     *
     * @param uiExecutor  runs a flush on the UI thread ({@code Platform::runLater})
     * @param scheduler   delays a flush that would come sooner than {@code minInterval} after the previous one;
     *                    may be null when {@code minInterval} is zero
     * @param minInterval minimum spacing of flushes (50 ms gives at most about 20 flushes per second)
     * @param sink        receives each batch of events, in posting order, on the UI thread; never an empty list
     */
    public FxEventBridge(Executor uiExecutor, ScheduledExecutorService scheduler, Duration minInterval,
            Consumer<List<E>> sink) {
        this(uiExecutor, scheduler, minInterval, sink, System::nanoTime);
    }

    FxEventBridge(Executor uiExecutor, ScheduledExecutorService scheduler, Duration minInterval,
            Consumer<List<E>> sink, LongSupplier nanoClock) {
        this.uiExecutor = Objects.requireNonNull(uiExecutor, "uiExecutor");
        this.minIntervalNanos = minInterval.toNanos();
        if (minIntervalNanos > 0 && scheduler == null) {
            throw new IllegalArgumentException("a scheduler is needed when minInterval > 0");
        }
        this.scheduler = scheduler;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.nanoClock = nanoClock;
    }

    /** Queues an event; safe from any thread, never blocks. */
    public void post(E event) {
        queue.add(event);
        if (pending.compareAndSet(false, true)) {
            long wait = lastFlushNanos.get() + minIntervalNanos - nanoClock.getAsLong();
            if (wait <= 0 || scheduler == null) {
                uiExecutor.execute(this::flush);
            } else {
                scheduler.schedule(() -> uiExecutor.execute(this::flush), wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Returns how many non-empty batches reached the sink. */
    public long flushCount() {
        return flushCount.get();
    }

    /** Returns the number of events waiting for the next flush. */
    public int backlog() {
        return queue.size();
    }

    private void flush() {
        // Clear the flag before draining: an event posted during the drain either lands in this batch or
        // schedules the next flush, so none is ever stranded.
        pending.set(false);
        lastFlushNanos.set(nanoClock.getAsLong());
        List<E> batch = new ArrayList<>();
        for (E e; (e = queue.poll()) != null; ) {
            batch.add(e);
        }
        if (!batch.isEmpty()) {
            flushCount.incrementAndGet();
            sink.accept(batch);
        }
    }
}
