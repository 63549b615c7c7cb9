package dev.tunebench.engine.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the payload of one checkpoint (weights, optimiser state, {@code checkpoint.json}) into a fresh, empty,
 * temporary folder. The manager then checksums, forces and atomically moves that folder into place.
 */
@FunctionalInterface
public interface CheckpointWriter {
    /** Writes the payload files into {@code folder}, which exists and is empty. */
    void write(Path folder) throws IOException;
}
