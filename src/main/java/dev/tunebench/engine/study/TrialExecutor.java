package dev.tunebench.engine.study;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where trials run. An executor only submits work and reports when it ends; the study folder's journal stays the
 * single source of truth for what the trials did.
 *
 * <ul>
 * <li>{@link Mode#PUSH}: the coordinator asks the study for a trial and submits one command per trial (a local child
 * process of the same jar, up to {@link #capacity()} at once).</li>
 * <li>{@link Mode#PULL}: the coordinator submits workers; each worker asks the study for trials itself until the
 * budget is spent (a Slurm job array, one task per worker, on a shared file system).</li>
 * </ul>
 * Either way, when a submission ends without having told its trial's ending (a crash, SIGKILL, out of memory,
 * scancel, a time limit), the coordinator marks the trials still RUNNING under that worker id FAILED with the
 * executor's error, and the sweep's retries queue them again.
 */
public interface TrialExecutor extends AutoCloseable {

    /** Who asks for trials. */
    enum Mode {
        /** The coordinator asks and submits one trial per submission. */
        PUSH,
        /** Each submission is a worker that asks for trials itself. */
        PULL
    }

    /** Returns how this executor gets its trials. */
    Mode mode();

    /** Returns how many submissions may run at once (push: the K of {@code --parallel K}; pull: workers). */
    int capacity();

    /**
     * Submits work; a batch may become one cluster submission (a job array). Returns at once.
     *
     * @throws IOException when the work cannot be submitted (the message says why, e.g. sbatch's error)
     */
    List<Submission> submit(List<WorkRequest> requests) throws IOException;

    /** Waits up to a timeout for a submission to end; empty when none ended in time. */
    Optional<WorkResult> awaitResult(Duration timeout) throws InterruptedException;

    /** Returns the submissions that have not ended, as the executor sees them (pending, running, with detail). */
    List<SubmissionStatus> status();

    /** Asks a submission to stop (SIGTERM, scancel); its result still arrives through {@link #awaitResult}. */
    void cancel(Submission submission);

    /** Releases the executor; submissions still running are left to run unless cancelled first. */
    @Override
    void close();

    /**
     * One unit of work.
     *
     * @param studyFolder the study folder (on storage every worker shares)
     * @param workerId    the id the work asks and reports under ({@code local-2}, {@code w3}); unique per submission
     * @param trial       the trial number for push work, or null for a pull worker
     * @param command     the command line, e.g. {@code java -jar tunebench.jar sweep --trial DIR 7}
     * @param environment extra environment variables (e.g. PyTorch's thread counts), possibly empty
     */
    record WorkRequest(Path studyFolder, String workerId, Integer trial, List<String> command,
                       Map<String, String> environment) {
        public WorkRequest {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }

    /**
     * Submitted work.
     *
     * @param id      the executor's id for it: a process id, a Slurm job id such as {@code 4711_3}
     * @param request what was submitted
     */
    record Submission(String id, WorkRequest request) {
    }

    /**
     * How a submission ended.
     *
     * @param submission    the submission
     * @param exitCode      its exit status: 0 for a normal end, 137 when killed, ...
     * @param error         why it ended abnormally, one line ("killed by SIGKILL", "TIMEOUT", "OUT_OF_MEMORY"), or null
     * @param elapsedMillis how long it ran
     */
    record WorkResult(Submission submission, int exitCode, String error, long elapsedMillis) {
        /** Returns whether the work ended normally. */
        public boolean ok() {
            return exitCode == 0 && error == null;
        }

        /** Returns the error, or a description of the exit code when there is none. */
        public String describe() {
            return error != null ? error : "exit code " + exitCode;
        }
    }

    /**
     * A submission that has not ended.
     *
     * @param submission the submission
     * @param state      PENDING (queued by the scheduler) or RUNNING
     * @param detail     the scheduler's words (squeue's reason, a node name), or null
     */
    record SubmissionStatus(Submission submission, State state, String detail) {
        /** Where a submission stands. */
        public enum State { PENDING, RUNNING }
    }
}
