package dev.tunebench.engine.study;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A {@link TrialExecutor} for engine-logic tests: each submission runs on a thread of this JVM as a child process
 * would (opening the study folder itself), and its "exit code" is what the given work function returns; a function
 * that returns 137 without telling its trial plays a killed child.
 */
final class InProcessExecutor implements TrialExecutor {
    private final Mode mode;
    private final int capacity;
    private final Function<WorkRequest, Integer> work;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final LinkedBlockingQueue<WorkResult> results = new LinkedBlockingQueue<>();
    private final Map<String, Submission> live = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    final List<WorkRequest> submitted = java.util.Collections.synchronizedList(new ArrayList<>());

    InProcessExecutor(Mode mode, int capacity, Function<WorkRequest, Integer> work) {
        this.mode = mode;
        this.capacity = capacity;
        this.work = work;
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public List<Submission> submit(List<WorkRequest> requests) {
        List<Submission> out = new ArrayList<>();
        for (WorkRequest r : requests) {
            Submission s = new Submission("job" + ids.incrementAndGet(), r);
            submitted.add(r);
            live.put(s.id(), s);
            long start = System.nanoTime();
            threads.submit(() -> {
                int code;
                String error = null;
                try {
                    code = work.apply(r);
                } catch (RuntimeException e) {
                    code = 1;
                    error = e.getMessage();
                }
                if (code == 137) {
                    error = "killed by SIGKILL";
                }
                live.remove(s.id());
                results.add(new WorkResult(s, code, error, (System.nanoTime() - start) / 1_000_000));
            });
            out.add(s);
        }
        return out;
    }

    @Override
    public Optional<WorkResult> awaitResult(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(results.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public List<SubmissionStatus> status() {
        return live.values().stream().map(s -> new SubmissionStatus(s, SubmissionStatus.State.RUNNING, null))
                .toList();
    }

    @Override
    public void cancel(Submission submission) {
        // The work functions of these tests end by themselves.
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
