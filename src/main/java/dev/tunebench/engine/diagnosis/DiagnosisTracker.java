package dev.tunebench.engine.diagnosis;

import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.event.BatchMetrics;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.RunStarted;
import dev.tunebench.engine.event.TrainingListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a live {@link CurveDiagnosis} of a run: add it as a listener, read {@link #current()} from any thread (the
 * window after each epoch, the run at its end for summary.json). The task and class count come from the run's
 * input when it starts.
 */
public final class DiagnosisTracker implements TrainingListener {
    /** How many recent batch losses are kept for the non-finite check. */
    public static final int RECENT_BATCHES = 50;

    private final List<EpochMetrics> epochs = new ArrayList<>();
    private final ArrayDeque<Double> recent = new ArrayDeque<>();
    private Task task;
    private int numClasses;
    private Diagnosis current = new Diagnosis(Diagnosis.Kind.INSUFFICIENT_DATA, 0, "No epoch yet.");

    /** Creates a tracker that learns the task and class count from {@link #onRunStart}. */
    public DiagnosisTracker() {
        this(Task.CLASSIFICATION, 0);
    }

    /** Creates a tracker for a known task and class count (0 when not classification). */
    public DiagnosisTracker(Task task, int numClasses) {
        this.task = task;
        this.numClasses = numClasses;
    }

    @Override
    public synchronized void onRunStart(RunStarted event) {
        task = event.input().task();
        numClasses = task == Task.CLASSIFICATION ? event.input().outputSize() : 0;
        epochs.clear();
        recent.clear();
        // A resumed run brings the epochs trained before it: the diagnosis reads the whole curve.
        epochs.addAll(event.history());
        current = epochs.isEmpty() ? new Diagnosis(Diagnosis.Kind.INSUFFICIENT_DATA, 0, "No epoch yet.") : diagnose();
    }

    @Override
    public synchronized void onBatchEnd(BatchMetrics metrics) {
        recent.addLast(metrics.loss());
        if (recent.size() > RECENT_BATCHES) {
            recent.removeFirst();
        }
        if (!Double.isFinite(metrics.loss())) {
            current = diagnose();
        }
    }

    @Override
    public synchronized void onEpochEnd(EpochMetrics metrics) {
        epochs.add(metrics);
        // The epoch's batches are summarised in its train loss; keep only what comes after it.
        recent.clear();
        current = diagnose();
    }

    /** Returns the latest diagnosis (thread-safe). */
    public synchronized Diagnosis current() {
        return current;
    }

    /** Returns the epochs seen so far (a copy). */
    public synchronized List<EpochMetrics> epochs() {
        return List.copyOf(epochs);
    }

    private Diagnosis diagnose() {
        double[] r = recent.stream().mapToDouble(Double::doubleValue).toArray();
        return CurveDiagnosis.diagnose(epochs, r, task, numClasses);
    }
}
