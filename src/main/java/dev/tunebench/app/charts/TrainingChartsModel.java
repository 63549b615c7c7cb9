package dev.tunebench.app.charts;

import dev.tunebench.engine.config.EarlyStoppingSpec;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.event.BatchMetrics;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.RunFinished;
import dev.tunebench.engine.event.RunStarted;
import dev.tunebench.engine.monitor.EarlyStopping;
import dev.tunebench.engine.monitor.Monitor;
import dev.tunebench.engine.schedule.SchedulePlan;
import dev.tunebench.engine.smoothing.DebiasedEma;
import dev.tunebench.engine.smoothing.GrowableDoubleArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The live charts' data: every batch and epoch of one run at full resolution in primitive arrays, the smoothed
 * train loss (TensorBoard's debiased EMA, updated incrementally), the early-stopping marks, the planned learning
 * rate with where the run departs from it, and the view options. It uses javafx.base only, so it is tested without
 * a toolkit.
 *
 * <p>The learning-rate chart draws the {@link #planProperty() plan} (the whole planned schedule, before Start the
 * editor's values, during a run the run's own) and over it the rate each step trained with, up to a "you are here"
 * point. Whatever makes the trained rate differ from the plan (a plateau reduction now, a nudge later) shows as the
 * line leaving the plan, and each change of the ratio between them is a {@link LrDeparture}: the chart needs no
 * knowledge of the cause.
 *
 * <p>Threading: not thread-safe; call it on the FX thread. The GUI drains its event queue in one coalesced
 * {@code Platform.runLater} and calls {@link #acceptAll(List)} (at most ~20 times a second). {@code accept(..)}
 * only records; {@link #flush()} (which {@code acceptAll} calls) bumps {@link #revisionProperty()}, and the view
 * redraws once per revision.
 */
public final class TrainingChartsModel {
    /** The key of the planned schedule's series on the learning-rate chart. */
    public static final String PLAN_KEY = "lr_plan";
    /** The smoothing weight the slider starts at (TensorBoard's default is 0.6 too). */
    public static final double DEFAULT_SMOOTHING = 0.6;

    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", DEFAULT_SMOOTHING);
    private final BooleanProperty logScale = new SimpleBooleanProperty(this, "logScale", false);
    private final BooleanProperty ignoreOutliers = new SimpleBooleanProperty(this, "ignoreOutliers", false);
    private final ObjectProperty<XAxisUnit> xAxisUnit = new SimpleObjectProperty<>(this, "xAxisUnit", XAxisUnit.STEPS);
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision", 0);
    private final ReadOnlyObjectWrapper<EarlyStoppingMarks> earlyStopping =
            new ReadOnlyObjectWrapper<>(this, "earlyStopping");
    private final ReadOnlyObjectWrapper<RunFinished> finished = new ReadOnlyObjectWrapper<>(this, "finished");
    private final ReadOnlyObjectWrapper<String> runId = new ReadOnlyObjectWrapper<>(this, "runId");
    private final ObjectProperty<SchedulePlan> plan = new SimpleObjectProperty<>(this, "plan");

    // Per batch, parallel arrays.
    private final GrowableDoubleArray batchStep = new GrowableDoubleArray(4096);
    private final GrowableDoubleArray batchEpoch = new GrowableDoubleArray(4096);
    private final DebiasedEma batchLoss = new DebiasedEma(DEFAULT_SMOOTHING);
    private final GrowableDoubleArray learningRate = new GrowableDoubleArray(4096);
    private final GrowableDoubleArray gradBefore = new GrowableDoubleArray(4096);
    private final GrowableDoubleArray gradAfter = new GrowableDoubleArray(4096);
    private int lastBatchEpoch;
    private long lastBatchStep;
    private int batchesPerEpoch;

    // Per epoch, parallel arrays; every metric array is as long as epochNumber (NaN where an epoch lacked it).
    private final GrowableDoubleArray epochNumber = new GrowableDoubleArray(64);
    private final GrowableDoubleArray epochEndStep = new GrowableDoubleArray(64);
    private final GrowableDoubleArray trainLoss = new GrowableDoubleArray(64);
    private final GrowableDoubleArray valLoss = new GrowableDoubleArray(64);
    private final GrowableDoubleArray epochLearningRate = new GrowableDoubleArray(64);
    private final Map<String, GrowableDoubleArray> metrics = new LinkedHashMap<>();

    // Where the trained learning rate leaves the plan (recomputed when the plan changes).
    private final List<LrDeparture> departures = new ArrayList<>();
    private double departureRatio = 1;
    private SchedulePlan.Curve planCurve;
    private boolean runActive;

    private MonitorSpec monitorSpec = MonitorSpec.valLoss();
    private int patience = EarlyStoppingSpec.defaults().patience();
    private Monitor monitor = new Monitor(monitorSpec);
    private Double stoppingThreshold;
    private Double divergenceThreshold;
    private int wait;
    private boolean externalMarks;

    /** Creates an empty model. */
    public TrainingChartsModel() {
        smoothing.addListener((obs, old, w) -> {
            batchLoss.setWeight(w.doubleValue());
            flush();
        });
        logScale.addListener((obs, old, v) -> flush());
        ignoreOutliers.addListener((obs, old, v) -> flush());
        xAxisUnit.addListener((obs, old, v) -> flush());
        plan.addListener((obs, old, p) -> {
            planCurve = p == null ? null : p.curve();
            recomputeDepartures();
            flush();
        });
    }

    /**
     * Returns the planned schedule the learning-rate chart draws in full; null draws none. The workbench sets it
     * from the editor's values while no run is active and from the run's values during a run (computed off the FX
     * thread).
     */
    public ObjectProperty<SchedulePlan> planProperty() {
        return plan;
    }

    /** Returns whether a run has started and not yet ended. */
    public boolean isRunActive() {
        return runActive;
    }

    /** Returns where the trained rate left the plan or changed its distance to it, oldest first. */
    public List<LrDeparture> departures() {
        return List.copyOf(departures);
    }

    /**
     * Returns the "you are here" point of the learning-rate chart on the current x axis: the last step trained with
     * its rate, or null when no run is active or it has trained no step yet.
     *
     * @return {x, lr, step, epoch} or null
     */
    public double[] youAreHere() {
        if (!runActive || batchStep.isEmpty()) {
            return null;
        }
        int i = batchStep.size() - 1;
        double x = xAxisUnit.get() == XAxisUnit.STEPS ? batchStep.get(i) : batchEpoch.get(i);
        return new double[] {x, learningRate.get(i), batchStep.get(i), batchEpoch.get(i)};
    }

    private void recomputeDepartures() {
        departures.clear();
        departureRatio = 1;
        double firstBatch = batchStep.isEmpty() ? Double.POSITIVE_INFINITY : batchStep.get(0);
        for (int i = 0; i < epochNumber.size() && epochEndStep.get(i) < firstBatch; i++) {
            // A resumed run's earlier epochs: the rate of each epoch's last step, from metrics.csv.
            checkDeparture(epochEndStep.get(i), epochNumber.get(i), epochLearningRate.get(i));
        }
        for (int i = 0; i < batchStep.size(); i++) {
            checkDeparture(batchStep.get(i), batchEpoch.get(i), learningRate.get(i));
        }
    }

    private void checkDeparture(double step, double epoch, double actual) {
        SchedulePlan p = plan.get();
        if (p == null || step < 1 || !Double.isFinite(actual)) {
            return;
        }
        double planned = p.learningRate((long) step - 1);
        double ratio = planned > 0 ? actual / planned : 1;
        // Relative 1e-9: the loop and the plan compute the same doubles, so only a real change shows.
        if (Math.abs(ratio - departureRatio) > 1e-9 * Math.max(1, Math.abs(departureRatio))) {
            departures.add(new LrDeparture(step, epoch, planned, actual));
            departureRatio = ratio;
        }
    }

    /** Returns the smoothing weight, 0 (none) to {@link DebiasedEma#MAX_WEIGHT}; default 0.6. */
    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    /** Returns whether the y axes are logarithmic. */
    public BooleanProperty logScaleProperty() {
        return logScale;
    }

    /** Returns whether the y axes span only the 5th to 95th percentile of the visible data. */
    public BooleanProperty ignoreOutliersProperty() {
        return ignoreOutliers;
    }

    /** Returns whether the x axis counts steps or epochs. */
    public ObjectProperty<XAxisUnit> xAxisUnitProperty() {
        return xAxisUnit;
    }

    /** Returns a counter bumped by every {@link #flush()}: the view redraws once per change. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** Returns the early-stopping marks, null until the first finite monitored value. */
    public ReadOnlyObjectProperty<EarlyStoppingMarks> earlyStoppingProperty() {
        return earlyStopping.getReadOnlyProperty();
    }

    /** Returns how the run ended, null while it runs. */
    public ReadOnlyObjectProperty<RunFinished> finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    /** Returns the run id from {@link RunStarted}, or null. */
    public ReadOnlyObjectProperty<String> runIdProperty() {
        return runId.getReadOnlyProperty();
    }

    /**
     * Records each event and then calls {@link #flush()} once. Charted: {@link RunStarted}, {@link BatchMetrics},
     * {@link EpochMetrics}, {@link RunFinished}, {@link EarlyStoppingMarks} and {@code EarlyStopping.Snapshot}.
     * Other events are skipped, so the GUI may pass its whole drained queue.
     *
     * @return the number of events charted
     */
    public int acceptAll(List<?> events) {
        int charted = 0;
        for (Object e : events) {
            charted += acceptAny(e) ? 1 : 0;
        }
        flush();
        return charted;
    }

    private boolean acceptAny(Object e) {
        if (e instanceof BatchMetrics b) {
            accept(b);
        } else if (e instanceof EpochMetrics m) {
            accept(m);
        } else if (e instanceof RunFinished f) {
            accept(f);
        } else if (e instanceof RunStarted s) {
            accept(s);
        } else if (e instanceof EarlyStoppingMarks marks) {
            setEarlyStopping(marks);
        } else if (e instanceof EarlyStopping.Snapshot snapshot) {
            setEarlyStopping(EarlyStoppingMarks.of(snapshot));
        } else {
            return false;
        }
        return true;
    }

    /** Tells the view that data changed: bumps the revision (one redraw). */
    public void flush() {
        revision.set(revision.get() + 1);
    }

    /**
     * Clears the data, takes the run's monitor and patience for the early-stopping marks, and records the epochs a
     * resumed run trained before (its history).
     */
    public void accept(RunStarted event) {
        clear();
        runId.set(event.runId());
        runActive = true;
        batchesPerEpoch = event.batchesPerEpoch();
        if (event.config() != null) {
            if (event.config().monitor() != null) {
                monitorSpec = event.config().monitor();
            }
            EarlyStoppingSpec es = event.config().earlyStopping();
            patience = es == null || !es.enabled() ? 0 : es.patience();
            stoppingThreshold = es == null ? null : es.stoppingThreshold();
            divergenceThreshold = es == null ? null : es.divergenceThreshold();
        }
        monitor = new Monitor(monitorSpec);
        // A resumed run: the epochs trained before it come from metrics.csv (per-batch points were not kept).
        for (EpochMetrics m : event.history()) {
            accept(m);
        }
    }

    /** Records one optimiser step. */
    public void accept(BatchMetrics b) {
        if (b.batchesPerEpoch() > 0) {
            batchesPerEpoch = b.batchesPerEpoch();
        }
        batchStep.add(b.step());
        batchEpoch.add(b.batchesPerEpoch() > 0
                ? b.epoch() - 1 + (double) b.batch() / b.batchesPerEpoch() : b.epoch());
        batchLoss.add(b.loss());
        learningRate.add(b.learningRate());
        gradBefore.add(b.gradNormBefore());
        gradAfter.add(b.gradNormAfter());
        lastBatchEpoch = b.epoch();
        lastBatchStep = b.step();
        checkDeparture(b.step(), batchEpoch.last(), b.learningRate());
    }

    /** Records one epoch and updates the early-stopping marks (unless the GUI sets them from the engine). */
    public void accept(EpochMetrics m) {
        int index = epochNumber.size();
        epochNumber.add(m.epoch());
        double endStep;
        if (lastBatchEpoch == m.epoch()) {
            endStep = lastBatchStep;
        } else {
            endStep = batchesPerEpoch > 0 ? (double) m.epoch() * batchesPerEpoch : m.epoch();
        }
        epochEndStep.add(endStep);
        trainLoss.add(m.has("train_loss") ? m.metric("train_loss") : m.trainLoss());
        valLoss.add(m.has("val_loss") ? m.metric("val_loss") : m.valLoss());
        epochLearningRate.add(m.learningRate());
        if (batchStep.isEmpty()) {
            checkDeparture(endStep, m.epoch(), m.learningRate());
        }
        for (Map.Entry<String, Double> e : m.metrics().entrySet()) {
            // Losses have the loss chart and the learning rate its own: the metric chart shows the rest.
            if (isLossKey(e.getKey()) || "lr".equals(e.getKey())) {
                continue;
            }
            GrowableDoubleArray values = metrics.computeIfAbsent(e.getKey(), k -> {
                GrowableDoubleArray a = new GrowableDoubleArray(64);
                for (int i = 0; i < index; i++) {
                    a.add(Double.NaN);
                }
                return a;
            });
            values.add(e.getValue() == null ? Double.NaN : e.getValue());
        }
        for (GrowableDoubleArray values : metrics.values()) {
            if (values.size() == index) {
                values.add(Double.NaN);
            }
        }
        if (!externalMarks) {
            updateDerivedMarks(m);
        }
    }

    private void updateDerivedMarks(EpochMetrics m) {
        String name = monitorSpec.metric();
        double value;
        if (m.has(name)) {
            value = m.metric(name);
        } else if ("val_loss".equals(name)) {
            value = m.valLoss();
        } else if ("train_loss".equals(name)) {
            value = m.trainLoss();
        } else {
            return;
        }
        if (monitor.update(m.epoch(), value)) {
            wait = 0;
        } else if (monitor.hasBest()) {
            wait++;
        }
        if (monitor.hasBest()) {
            earlyStopping.set(new EarlyStoppingMarks(name, monitorSpec.mode(), monitor.best(), monitor.bestEpoch(),
                    wait, patience, monitorSpec.minDelta(), stoppingThreshold, divergenceThreshold));
        }
    }

    /**
     * Sets the early-stopping marks from the engine (e.g. {@code EarlyStoppingMarks.of(run.earlyStopping()
     * .snapshot())}, or pass the snapshot itself to {@link #acceptAll(List)}); from then on the model stops
     * deriving them itself. Null clears the marks.
     */
    public void setEarlyStopping(EarlyStoppingMarks marks) {
        externalMarks = marks != null;
        earlyStopping.set(marks);
    }

    /** Records how the run ended; the charts write the reason on the plot. */
    public void accept(RunFinished event) {
        finished.set(event);
        runActive = false;
        EarlyStoppingMarks marks = earlyStopping.get();
        if (marks == null && event.bestEpoch() > 0 && Double.isFinite(event.bestValue())) {
            earlyStopping.set(new EarlyStoppingMarks(event.monitor(), monitorSpec.mode(), event.bestValue(),
                    event.bestEpoch(), 0, 0, monitorSpec.minDelta()));
        }
    }

    /** Removes all data and marks, keeping the view options. */
    public void clear() {
        batchStep.clear();
        batchEpoch.clear();
        batchLoss.clear();
        learningRate.clear();
        gradBefore.clear();
        gradAfter.clear();
        epochNumber.clear();
        epochEndStep.clear();
        trainLoss.clear();
        valLoss.clear();
        epochLearningRate.clear();
        metrics.clear();
        departures.clear();
        departureRatio = 1;
        runActive = false;
        lastBatchEpoch = 0;
        lastBatchStep = 0;
        monitor = new Monitor(monitorSpec);
        wait = 0;
        externalMarks = false;
        earlyStopping.set(null);
        finished.set(null);
        runId.set(null);
    }

    /** Returns the number of batches recorded. */
    public int batchCount() {
        return batchStep.size();
    }

    /** Returns the number of epochs recorded. */
    public int epochCount() {
        return epochNumber.size();
    }

    /** Returns the last epoch recorded, or 0. */
    public int lastEpoch() {
        return epochNumber.isEmpty() ? 0 : (int) epochNumber.last();
    }

    /** Returns the monitored metric's name used for the early-stopping marks. */
    public String monitorName() {
        EarlyStoppingMarks marks = earlyStopping.get();
        return marks != null && marks.monitor() != null ? marks.monitor() : monitorSpec.metric();
    }

    /** Returns the chart that shows the monitored metric: the loss chart for a loss, else the metric chart. */
    public ChartKind monitorChart() {
        return isLossKey(monitorName()) ? ChartKind.LOSS : ChartKind.METRIC;
    }

    /** Returns the x of {@code epoch}'s point on the current x axis (its last step, or the epoch number). */
    public double epochX(int epoch) {
        return epochX(epoch, xAxisUnit.get());
    }

    /** Returns the x of {@code epoch}'s point on an x axis of {@code unit}, extrapolating past the last epoch. */
    public double epochX(double epoch, XAxisUnit unit) {
        if (unit == XAxisUnit.EPOCHS) {
            return epoch;
        }
        int n = epochNumber.size();
        for (int i = 0; i < n; i++) {
            if (epochNumber.get(i) == epoch) {
                return epochEndStep.get(i);
            }
        }
        double perEpoch = batchesPerEpoch;
        if (perEpoch <= 0 && n > 0 && epochNumber.last() > 0) {
            perEpoch = epochEndStep.last() / epochNumber.last();
        }
        if (n > 0 && perEpoch > 0) {
            return epochEndStep.last() + (epoch - epochNumber.last()) * perEpoch;
        }
        return perEpoch > 0 ? epoch * perEpoch : epoch;
    }

    /** Returns the full-resolution series of {@code kind}, in legend order. */
    public List<SeriesData> series(ChartKind kind) {
        List<SeriesData> out = new ArrayList<>();
        switch (kind) {
            case LOSS -> {
                int n = batchLoss.size();
                out.add(batch("batch_loss", "train loss (batch)", SeriesStyle.BATCH_RAW, batchLoss.rawBackingArray()));
                out.add(batch("batch_loss_smoothed", "train loss (smoothed)", SeriesStyle.BATCH_SMOOTHED,
                        batchLoss.smoothedBackingArray()));
                assert out.get(0).size() == n;
                out.add(epoch("train_loss", "train loss (epoch)", SeriesStyle.EPOCH_TRAIN, trainLoss));
                out.add(epoch("val_loss", "eval loss (epoch)", SeriesStyle.EPOCH_EVAL, valLoss));
            }
            case METRIC -> {
                for (Map.Entry<String, GrowableDoubleArray> e : metrics.entrySet()) {
                    String key = e.getKey();
                    SeriesStyle style = key.startsWith("train_") ? SeriesStyle.EPOCH_TRAIN : SeriesStyle.EPOCH_EVAL;
                    out.add(epoch(key, metricLabel(key), style, e.getValue()));
                }
            }
            case LEARNING_RATE -> {
                // The trained rate first: JFreeChart draws the first series on top, over the plan.
                if (batchStep.size() > 0 || epochNumber.size() == 0) {
                    out.add(batch("learning_rate", "learning rate", SeriesStyle.LEARNING_RATE,
                            learningRate.backingArray()));
                } else {
                    out.add(epoch("learning_rate", "learning rate", SeriesStyle.LEARNING_RATE, epochLearningRate));
                }
                SchedulePlan.Curve c = planCurve;
                if (c != null) {
                    out.add(new SeriesData(PLAN_KEY, runActive ? "planned (this run)" : "planned (current values)",
                            SeriesStyle.LEARNING_RATE_PLAN, c.steps(), c.epochs(), c.lrs(), c.size()));
                }
            }
            case GRADIENT_NORM -> {
                out.add(batch("grad_norm_before", "before clipping", SeriesStyle.GRAD_BEFORE, gradBefore.backingArray()));
                out.add(batch("grad_norm_after", "after clipping", SeriesStyle.GRAD_AFTER, gradAfter.backingArray()));
            }
            default -> throw new IllegalArgumentException("unknown chart " + kind);
        }
        return out;
    }

    private SeriesData batch(String key, String label, SeriesStyle style, double[] values) {
        return new SeriesData(key, label, style, batchStep.backingArray(), batchEpoch.backingArray(), values,
                batchStep.size());
    }

    private SeriesData epoch(String key, String label, SeriesStyle style, GrowableDoubleArray values) {
        return new SeriesData(key, label, style, epochEndStep.backingArray(), epochNumber.backingArray(),
                values.backingArray(), epochNumber.size());
    }

    /** Returns the legend text of a metric: {@code val_accuracy} becomes "eval accuracy". */
    static String metricLabel(String key) {
        if (key.startsWith("val_")) {
            return "eval " + key.substring(4);
        }
        if (key.startsWith("train_")) {
            return "train " + key.substring(6);
        }
        return key;
    }

    private static boolean isLossKey(String key) {
        return "train_loss".equals(key) || "val_loss".equals(key) || "loss".equals(key);
    }
}
