package dev.tunebench.engine.checkpoint;

import java.util.List;
import java.util.Optional;

/**
 * What a run's checkpoints folder holds and how far it can be trusted: the kept checkpoints, the last good one, and
 * the writes that did not commit, with their reasons.
 *
 * @param checkpoints the kept checkpoints, best first, then the last (as in the index)
 * @param lastGood    the newest checkpoint whose files were read back after writing and matched their manifest;
 *                    empty when none was (no checkpoint yet, or an index from before read-back existed)
 * @param failures    writes that failed or were interrupted, newest first; none of them replaced anything
 * @param unfinished  writes found half done now: being written at this moment, or left by a process that ended
 *                    (the next start of the run removes them and records them as interrupted)
 */
public record CheckpointReport(List<CheckpointInfo> checkpoints, Optional<CheckpointInfo> lastGood,
                               List<CheckpointFailure> failures, List<CheckpointFailure> unfinished) {
    public CheckpointReport {
        checkpoints = List.copyOf(checkpoints);
        failures = List.copyOf(failures);
        unfinished = List.copyOf(unfinished);
    }

    /** Returns whether {@code c} is the last good checkpoint. */
    public boolean isLastGood(CheckpointInfo c) {
        return lastGood.isPresent() && lastGood.get().id().equals(c.id());
    }

    /** Returns an empty report (no checkpoints folder yet). */
    public static CheckpointReport empty() {
        return new CheckpointReport(List.of(), Optional.empty(), List.of(), List.of());
    }
}
