package dev.tunebench.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FxEventBridgeTest {

    @Test
    void inlineExecutorDeliversEveryEventInOrder() {
        List<List<Integer>> batches = new ArrayList<>();
        FxEventBridge<Integer> bridge = new FxEventBridge<>(Runnable::run, null, Duration.ZERO, batches::add);
        for (int i = 0; i < 5; i++) {
            bridge.post(i);
        }
        assertEquals(List.of(List.of(0), List.of(1), List.of(2), List.of(3), List.of(4)), batches);
        assertEquals(5, bridge.flushCount());
    }

    @Test
    void eventsPostedWhileAFlushIsPendingShareOneFlush() {
        List<Runnable> uiQueue = new ArrayList<>();
        List<List<Integer>> batches = new ArrayList<>();
        FxEventBridge<Integer> bridge = new FxEventBridge<>(uiQueue::add, null, Duration.ZERO, batches::add);
        for (int i = 0; i < 1000; i++) {
            bridge.post(i);
        }
        assertEquals(1, uiQueue.size(), "one pending flush, however many events");
        uiQueue.remove(0).run();
        assertEquals(1, batches.size());
        assertEquals(1000, batches.get(0).size());
        assertEquals(999, batches.get(0).get(999));
    }

    @Test
    void flushesAreSpacedByTheMinimumInterval() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        List<Runnable> uiQueue = new ArrayList<>();
        List<Long> delays = new ArrayList<>();
        ScheduledExecutorService recorder = Executors.newSingleThreadScheduledExecutor();
        try {
            ScheduledExecutorService scheduler = new java.util.concurrent.ScheduledThreadPoolExecutor(1) {
                @Override
                public java.util.concurrent.ScheduledFuture<?> schedule(Runnable r, long d, TimeUnit u) {
                    delays.add(u.toMillis(d));
                    r.run();
                    return null;
                }
            };
            List<List<Integer>> batches = new ArrayList<>();
            FxEventBridge<Integer> bridge = new FxEventBridge<>(uiQueue::add, scheduler, Duration.ofMillis(50),
                    batches::add, now::get);
            bridge.post(1);
            assertEquals(1, uiQueue.size(), "the first flush is not delayed");
            uiQueue.remove(0).run();
            now.addAndGet(10_000_000L);
            bridge.post(2);
            assertEquals(List.of(40L), delays, "a flush 10 ms after the last waits the remaining 40 ms");
            scheduler.shutdown();
        } finally {
            recorder.shutdown();
        }
    }

    @Test
    void manyThreadsLoseNoEventAndFlushAtMostTwentyTimesPerSecond() throws Exception {
        ExecutorService ui = Executors.newSingleThreadExecutor();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        List<Integer> received = new CopyOnWriteArrayList<>();
        FxEventBridge<Integer> bridge = new FxEventBridge<>(ui, scheduler, Duration.ofMillis(50), received::addAll);
        int threads = 4;
        int perThread = 20_000;
        long t0 = System.nanoTime();
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            ts[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    bridge.post(base + i);
                    if (i % 2000 == 0) {
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (received.size() < threads * perThread && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ui.shutdown();
        scheduler.shutdown();
        assertEquals(threads * perThread, received.size());
        assertEquals(threads * perThread, received.stream().distinct().count());
        assertTrue(bridge.flushCount() <= 2 + 20 * seconds,
                "flushes " + bridge.flushCount() + " in " + seconds + " s");
    }
}
