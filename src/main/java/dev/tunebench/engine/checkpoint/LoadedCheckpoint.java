package dev.tunebench.engine.checkpoint;

import dev.tunebench.engine.backend.ModelSession;
import java.nio.file.Path;

/**
 * A checkpoint rebuilt into a live model. Close it to free the model; it belongs to the thread that opened it.
 *
 * @param path     the checkpoint folder
 * @param manifest the verified manifest
 * @param session  the model with the checkpoint's weights (and optimiser state when asked)
 * @param sidecar  how the model was built and where training stood
 */
public record LoadedCheckpoint(Path path, Manifest manifest, ModelSession session, CheckpointSidecar sidecar)
        implements AutoCloseable {

    @Override
    public void close() {
        session.close();
    }
}
