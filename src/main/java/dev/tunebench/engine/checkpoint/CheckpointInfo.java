package dev.tunebench.engine.checkpoint;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One checkpoint listed in a run's {@code checkpoints/index.json}.
 *
 * @param id         folder name, e.g. {@code epoch-0007}; load by this id, never by "highest epoch"
 * @param epoch      1-based epoch whose end state it holds
 * @param value      monitored value at save time (NaN when the metric was NaN or missing)
 * @param path       absolute path of the checkpoint folder
 * @param best       whether it is one of the best k by the monitor
 * @param last       whether it is the most recent epoch's checkpoint (kept for resume)
 * @param savedAt    when it was committed
 * @param verifiedAt when its files were read back after writing and matched the SHA-256 of its manifest; null when
 *                   they were not (an index written before TuneBench read checkpoints back)
 */
public record CheckpointInfo(String id, int epoch, double value, Path path, boolean best, boolean last,
                             Instant savedAt, Instant verifiedAt) {

    /** Returns whether the files were read back after writing and matched their manifest. */
    public boolean verified() {
        return verifiedAt != null;
    }
}
