package dev.tunebench.engine.event;

import java.nio.file.Path;

/**
 * A run ended.
 *
 * @param status          finished, stopped or failed
 * @param reason          why it ended
 * @param message         a sentence for the user, e.g. "val_loss did not improve by 0.001 for 5 epochs; best
 *                        0.4123 at epoch 17"
 * @param epochs          epochs completed
 * @param bestEpoch       epoch of the best monitored value, or 0 when none was finite
 * @param bestValue       best monitored value, or NaN
 * @param monitor         monitored metric name
 * @param bestCheckpoint  folder of the best checkpoint, or null
 * @param error           error text when failed, else null
 */
public record RunFinished(
        RunStatus status,
        StopReason reason,
        String message,
        int epochs,
        int bestEpoch,
        double bestValue,
        String monitor,
        Path bestCheckpoint,
        String error) {
}
