package dev.tunebench.engine.config;

/**
 * Checkpoint policy.
 *
 * @param keepBest how many best checkpoints by the monitor to keep (at least 1)
 * @param keepLast whether to also keep the last epoch's checkpoint (needed to resume)
 */
public record CheckpointSpec(int keepBest, boolean keepLast) {

    /** Returns keep-best 1 and keep-last on. */
    public static CheckpointSpec defaults() {
        return new CheckpointSpec(1, true);
    }
}
