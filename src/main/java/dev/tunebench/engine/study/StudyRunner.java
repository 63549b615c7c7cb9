package dev.tunebench.engine.study;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Drives a study on an executor until its budget is spent: in push mode it asks for trials and submits each; in pull
 * mode it submits workers and replaces those that end while work remains. When a submission ends, the trials it left
 * RUNNING are marked FAILED with the executor's error (and queued again when the sweep allows retries).
 */
public final class StudyRunner {
    private final Study study;
    private final TrialExecutor executor;
    private final Commands commands;
    private final Consumer<String> log;
    private final LongSupplier clock;
    private final int maxWorkerRestarts;
    private volatile boolean stopRequested;
    private volatile boolean cancelRequested;

    /** Builds the command lines the executor runs. */
    public interface Commands {
        /** Returns the command that runs one asked trial (push), e.g. {@code sweep --trial DIR 7}. */
        List<String> trial(Path studyFolder, Trial trial, String workerId);

        /** Returns the command of a worker that pulls trials (pull), e.g. {@code sweep --worker DIR}. */
        List<String> worker(Path studyFolder, String workerId);

        /** Returns the environment of a submission (e.g. PyTorch thread counts), possibly empty. */
        default Map<String, String> environment(int capacity) {
            return Map.of();
        }
    }

    /**
     * What a run did.
     *
     * @param submitted  submissions made
     * @param failedWork submissions that ended abnormally
     * @param failed     trials marked FAILED because their submission ended without telling
     * @param stopped    whether the run ended on a stop request rather than a spent budget
     */
    public record Summary(int submitted, int failedWork, int failed, boolean stopped) {
    }

    /**
     * Creates one.
     *
     * @param log               a line per event (submission, failure), for the CLI's progress or a log
     * @param maxWorkerRestarts pull mode: workers that may be submitted to replace ended ones, in all
     */
    public StudyRunner(Study study, TrialExecutor executor, Commands commands, Consumer<String> log,
                       int maxWorkerRestarts) {
        this(study, executor, commands, log, maxWorkerRestarts, System::currentTimeMillis);
    }

    StudyRunner(Study study, TrialExecutor executor, Commands commands, Consumer<String> log, int maxWorkerRestarts,
                LongSupplier clock) {
        this.study = study;
        this.executor = executor;
        this.commands = commands;
        this.log = log;
        this.maxWorkerRestarts = maxWorkerRestarts;
        this.clock = clock;
    }

    /**
     * Asks the run to end: no new trial or worker is submitted; running ones finish, or are cancelled when asked.
     */
    public void requestStop(boolean cancelRunning) {
        cancelRequested = cancelRunning;
        stopRequested = true;
    }

    /**
     * Runs until the budget is spent and every submission has ended, or a stop request has been honoured.
     *
     * @throws IOException when the executor cannot submit
     */
    public Summary run() throws IOException, InterruptedException {
        return executor.mode() == TrialExecutor.Mode.PUSH ? push() : pull();
    }

    private Summary push() throws IOException, InterruptedException {
        Map<String, TrialExecutor.Submission> running = new HashMap<>();
        int submitted = 0;
        int failedWork = 0;
        int failed = 0;
        int next = 0;
        while (true) {
            while (!stopRequested && running.size() < executor.capacity()) {
                String worker = "local-" + (++next);
                Optional<Trial> t = study.ask(worker);
                if (t.isEmpty()) {
                    break;
                }
                TrialExecutor.WorkRequest req = new TrialExecutor.WorkRequest(study.folder(), worker,
                        t.get().number(), commands.trial(study.folder(), t.get(), worker),
                        commands.environment(executor.capacity()));
                TrialExecutor.Submission s;
                try {
                    s = executor.submit(List.of(req)).get(0);
                } catch (IOException e) {
                    study.failRunning(x -> x.number() == t.get().number(), "could not start: " + e.getMessage());
                    throw e;
                }
                running.put(s.id(), s);
                submitted++;
                log.accept("trial " + t.get().number() + " submitted as " + s.id());
            }
            if (running.isEmpty()) {
                return new Summary(submitted, failedWork, failed, stopRequested);
            }
            if (cancelRequested) {
                running.values().forEach(executor::cancel);
                cancelRequested = false;
            }
            Optional<TrialExecutor.WorkResult> r = executor.awaitResult(Duration.ofMillis(500));
            if (r.isPresent()) {
                running.remove(r.get().submission().id());
                if (!r.get().ok()) {
                    failedWork++;
                }
                failed += settle(r.get());
            }
        }
    }

    private Summary pull() throws IOException, InterruptedException {
        Map<String, TrialExecutor.Submission> running = new HashMap<>();
        List<TrialExecutor.WorkRequest> first = new ArrayList<>();
        for (int w = 1; w <= executor.capacity(); w++) {
            first.add(workerRequest("w" + w));
        }
        int submitted = 0;
        int failedWork = 0;
        int failed = 0;
        int restarts = 0;
        if (!study.snapshot().budget(clock.getAsLong()).spent()) {
            for (TrialExecutor.Submission s : executor.submit(first)) {
                running.put(s.id(), s);
                submitted++;
                log.accept("worker " + s.request().workerId() + " submitted as " + s.id());
            }
        }
        while (!running.isEmpty()) {
            if (cancelRequested) {
                running.values().forEach(executor::cancel);
                cancelRequested = false;
            }
            Optional<TrialExecutor.WorkResult> r = executor.awaitResult(Duration.ofMillis(500));
            if (r.isEmpty()) {
                continue;
            }
            running.remove(r.get().submission().id());
            if (!r.get().ok()) {
                failedWork++;
            }
            failed += settle(r.get());
            StudySnapshot snap = study.snapshot();
            boolean workLeft = !snap.budget(clock.getAsLong()).spent() || snap.queued() > 0;
            if (workLeft && !stopRequested && restarts < maxWorkerRestarts) {
                restarts++;
                String id = r.get().submission().request().workerId() + "." + restarts;
                TrialExecutor.Submission s = executor.submit(List.of(workerRequest(id))).get(0);
                running.put(s.id(), s);
                submitted++;
                log.accept("worker " + id + " submitted as " + s.id() + " to replace "
                        + r.get().submission().id());
            }
        }
        return new Summary(submitted, failedWork, failed, stopRequested);
    }

    private TrialExecutor.WorkRequest workerRequest(String id) {
        return new TrialExecutor.WorkRequest(study.folder(), id, null, commands.worker(study.folder(), id),
                commands.environment(executor.capacity()));
    }

    /** Marks the trials an ended submission left RUNNING as FAILED; returns how many. */
    private int settle(TrialExecutor.WorkResult r) {
        String worker = r.submission().request().workerId();
        List<TrialSnapshot> marked = study.failRunning(t -> t.worker().equals(worker), (r.ok()
                ? "the worker ended without finishing the trial" : r.describe()) + " (" + worker + ", "
                + r.submission().id() + ")");
        for (TrialSnapshot t : marked) {
            log.accept("trial " + t.number() + " FAILED: " + t.error());
        }
        return marked.size();
    }
}
