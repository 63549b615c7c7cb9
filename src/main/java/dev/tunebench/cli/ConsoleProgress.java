package dev.tunebench.cli;

import dev.tunebench.engine.event.BatchMetrics;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.RunFinished;
import dev.tunebench.engine.event.RunStarted;
import dev.tunebench.engine.event.RunWarning;
import dev.tunebench.engine.event.TrainingListener;
import dev.tunebench.engine.monitor.EarlyStopping;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a run to the terminal: a progress bar over the batches (redrawn in place, at most every 200 ms) and one
 * line per epoch. The progress bar goes to {@code progress} (stderr), the epoch lines to {@code out}.
 */
final class ConsoleProgress implements TrainingListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final PrintStream progress;
    private final boolean bar;
    private long lastDraw;
    private int epochs;

    ConsoleProgress(PrintStream out, PrintStream progress, boolean bar) {
        this.out = out;
        this.progress = progress;
        this.bar = bar;
    }

    @Override
    public void onRunStart(RunStarted e) {
        epochs = e.config().training().epochs();
        out.printf(Locale.ROOT, "run %s: %s on %s (%d train / %d validation samples, %,d parameters)%n",
                e.runId(), e.config().model().template(), e.input(), e.trainSize(), e.validationSize(),
                e.parameterCount());
        if (e.runDir() != null) {
            out.println("run folder: " + e.runDir());
        }
        if (e.startEpoch() > 1) {
            out.printf(Locale.ROOT, "resuming at epoch %d; %d earlier epoch%s in metrics.csv%n", e.startEpoch(),
                    e.history().size(), e.history().size() == 1 ? "" : "s");
        }
    }

    @Override
    public void onBatchEnd(BatchMetrics m) {
        long now = System.nanoTime();
        if (!bar || (now - lastDraw < 200_000_000L && m.batch() != m.batchesPerEpoch())) {
            return;
        }
        lastDraw = now;
        int filled = (int) Math.round(WIDTH * (double) m.batch() / m.batchesPerEpoch());
        progress.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %d/%d loss %.4f lr %.2e %.0f samples/s ", m.epoch(),
                epochs, "=".repeat(filled), " ".repeat(WIDTH - filled), m.batch(), m.batchesPerEpoch(), m.loss(),
                m.learningRate(), m.samplesPerSecond());
        progress.flush();
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        if (bar) {
            progress.print("\r" + " ".repeat(WIDTH + 70) + "\r");
            progress.flush();
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %3d/%d", m.epoch(), epochs));
        for (Map.Entry<String, Double> e : m.metrics().entrySet()) {
            sb.append("  ").append(e.getKey()).append(' ').append(EarlyStopping.fmt(e.getValue()));
        }
        sb.append(String.format(Locale.ROOT, "  (%.1f s)", m.durationSeconds()));
        out.println(sb);
        out.flush();
    }

    @Override
    public void onWarning(RunWarning w) {
        if (bar) {
            progress.print("\r" + " ".repeat(WIDTH + 70) + "\r");
            progress.flush();
        }
        out.println("warning: " + w.message());
        out.flush();
    }

    @Override
    public void onRunEnd(RunFinished f) {
        if (bar) {
            progress.println();
        }
        out.println(f.status() + " (" + f.reason() + "): " + f.message());
        if (f.bestCheckpoint() != null) {
            out.println("best checkpoint: " + f.bestCheckpoint());
        }
    }
}
