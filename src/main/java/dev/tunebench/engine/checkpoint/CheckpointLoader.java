package dev.tunebench.engine.checkpoint;

import dev.tunebench.engine.Json;
import dev.tunebench.engine.backend.ModelSession;
import dev.tunebench.engine.backend.TrainingBackend;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Rebuilds a model from one checkpoint folder, named explicitly: verifies the manifest checksums and the template,
 * builds the model from the sidecar alone (template, hyperparameters, input spec) and loads the weights.
 */
public final class CheckpointLoader {
    private CheckpointLoader() {
    }

    /**
     * Returns the model of a checkpoint with its weights, without optimiser state (for evaluation and export).
     * Call on the thread that will use the session.
     *
     * @throws CheckpointException naming the folder or file when it is damaged, for an unknown template, or its
     *                             weights do not fit the model its sidecar describes
     */
    public static LoadedCheckpoint open(Path checkpoint, TrainingBackend backend) throws IOException {
        return open(checkpoint, backend, false);
    }

    /**
     * Returns the model of a checkpoint with its weights, and its optimiser state when {@code withOptimizer}
     * (to continue training). Call on the thread that will use the session.
     *
     * @throws CheckpointException naming the folder or file when it cannot be used
     */
    public static LoadedCheckpoint open(Path checkpoint, TrainingBackend backend, boolean withOptimizer)
            throws IOException {
        Path dir = checkpoint.toAbsolutePath().normalize();
        Manifest manifest = Checkpoints.verify(dir);
        CheckpointSidecar sidecar = readSidecar(dir);
        ModelSession session;
        try {
            session = backend.open(sidecar.config(), sidecar.input());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(dir.resolve(CheckpointSidecar.FILE_NAME) + ": cannot rebuild the model: "
                    + e.getMessage(), e);
        }
        try {
            session.load(dir, withOptimizer);
        } catch (IOException | RuntimeException e) {
            session.close();
            throw new CheckpointException("Cannot load the weights of " + dir + ": " + e.getMessage(), e);
        }
        return new LoadedCheckpoint(dir, manifest, session, sidecar);
    }

    /**
     * Returns the sidecar of a checkpoint, checked for the fields a rebuild needs (not checksum-verified: call
     * {@link Checkpoints#verify} first when the files may be damaged).
     *
     * @throws CheckpointException naming the file and the field that is missing or does not match
     */
    public static CheckpointSidecar readSidecar(Path checkpoint) throws CheckpointException {
        Path file = checkpoint.resolve(CheckpointSidecar.FILE_NAME);
        CheckpointSidecar s;
        try {
            s = Json.gson().fromJson(Checkpoints.readSidecarJson(checkpoint), CheckpointSidecar.class);
        } catch (RuntimeException e) {
            // Gson reports a wrong field type or a record constructor failure as various runtime exceptions.
            throw new CheckpointException(file + ": not a TuneBench checkpoint sidecar (" + e.getMessage() + ")", e);
        }
        if (s.formatVersion() != CheckpointSidecar.FORMAT_VERSION) {
            throw new CheckpointException(file + ": formatVersion " + s.formatVersion() + " is not supported (this "
                    + "TuneBench reads " + CheckpointSidecar.FORMAT_VERSION + ")");
        }
        if (s.config() == null || s.config().model() == null) {
            throw new CheckpointException(file + ": field 'config' is missing");
        }
        if (s.input() == null) {
            throw new CheckpointException(file + ": field 'input' is missing");
        }
        if (s.templateId() == null || !s.templateId().equals(s.config().model().template())) {
            throw new CheckpointException(file + ": templateId '" + s.templateId() + "' does not match "
                    + "config.model.template '" + s.config().model().template() + "'");
        }
        if (!Checkpoints.KNOWN_TEMPLATES.contains(s.templateId())) {
            throw new CheckpointException(file + ": templateId '" + s.templateId() + "' is not a template this "
                    + "TuneBench can rebuild");
        }
        return s;
    }
}
