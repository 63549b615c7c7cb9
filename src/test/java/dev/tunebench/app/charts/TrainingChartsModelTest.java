package dev.tunebench.app.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.ScheduleSpec;
import dev.tunebench.engine.event.BatchMetrics;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.RunFinished;
import dev.tunebench.engine.event.RunStarted;
import dev.tunebench.engine.event.RunStatus;
import dev.tunebench.engine.event.StopReason;
import dev.tunebench.engine.monitor.EarlyStopping;
import dev.tunebench.engine.schedule.SchedulePlan;
import dev.tunebench.engine.smoothing.DebiasedEma;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charts' view-model without a toolkit: scripted events in, series and early-stopping marks out. */
class TrainingChartsModelTest {
    private static final double[] VAL = {1.00, 0.80, 0.79, 0.70, 0.71, 0.72, 0.69, 0.75};

    private static TrainingChartsModel feed(int epochs) {
        TrainingChartsModel model = new TrainingChartsModel();
        List<Object> events = new ArrayList<>();
        events.add(ChartEvents.started(new MonitorSpec("val_loss", MonitorSpec.Mode.MIN, 0.02), 3, 50));
        for (int e = 1; e <= epochs; e++) {
            events.addAll(ChartEvents.batches(e, 1, 50, e));
            events.add(ChartEvents.epoch(e, VAL[e - 1] + 0.1, VAL[e - 1], 0.5 + e * 0.05));
        }
        assertEquals(events.size(), model.acceptAll(events));
        return model;
    }

    @Test
    void buildsBatchAndEpochSeriesInStepsAndEpochs() {
        TrainingChartsModel model = feed(4);
        assertEquals(200, model.batchCount());
        assertEquals(4, model.epochCount());
        List<SeriesData> loss = model.series(ChartKind.LOSS);
        assertEquals(List.of("batch_loss", "batch_loss_smoothed", "train_loss", "val_loss"),
                loss.stream().map(SeriesData::key).toList());
        SeriesData raw = loss.get(0);
        assertEquals(200, raw.size());
        assertEquals(1, raw.steps()[0]);
        assertEquals(200, raw.steps()[199]);
        assertEquals(0.02, raw.epochs()[0], 1e-12, "batch 1 of 50 sits at epoch 0.02");
        assertEquals(4.0, raw.epochs()[199], 1e-12);
        SeriesData val = loss.get(3);
        assertEquals(4, val.size());
        assertEquals(100, val.steps()[1], "an epoch point sits at the epoch's last step");
        assertEquals(2, val.epochs()[1]);
        assertEquals(0.70, val.values()[3]);
        // The smoothed series is the TensorBoard EMA of the raw one at the default weight.
        double[] expected = DebiasedEma.smooth(raw.valuesCopy(), TrainingChartsModel.DEFAULT_SMOOTHING);
        for (int i = 0; i < 200; i++) {
            assertEquals(expected[i], loss.get(1).values()[i], 1e-15);
        }
        List<SeriesData> metric = model.series(ChartKind.METRIC);
        assertEquals(1, metric.size());
        assertEquals("val_accuracy", metric.get(0).key());
        assertEquals("eval accuracy", metric.get(0).label());
        assertEquals(2, model.series(ChartKind.GRADIENT_NORM).size());
        assertEquals(200, model.series(ChartKind.LEARNING_RATE).get(0).size());
        model.xAxisUnitProperty().set(XAxisUnit.EPOCHS);
        assertEquals(3, model.epochX(3));
        model.xAxisUnitProperty().set(XAxisUnit.STEPS);
        assertEquals(150, model.epochX(3));
        assertEquals(300, model.epochX(6, XAxisUnit.STEPS), 1e-12, "future epochs extrapolate one epoch of steps each");
    }

    @Test
    void aResumedRunShowsTheEpochsTrainedBeforeItThenGoesOn() {
        RunStarted fresh = ChartEvents.started(new MonitorSpec("val_loss", MonitorSpec.Mode.MIN, 0.02), 3, 50);
        List<EpochMetrics> history = new ArrayList<>();
        for (int e = 1; e <= 3; e++) {
            history.add(ChartEvents.epoch(e, VAL[e - 1] + 0.1, VAL[e - 1], 0.5 + e * 0.05));
        }
        RunStarted resumed = new RunStarted(fresh.runId(), fresh.runDir(), fresh.config(), fresh.input(),
                fresh.trainSize(), fresh.validationSize(), fresh.batchesPerEpoch(), fresh.parameterCount(), 4, history);
        TrainingChartsModel model = new TrainingChartsModel();
        List<Object> events = new ArrayList<>(List.of(resumed));
        events.addAll(ChartEvents.batches(4, 1, 50, 4));
        events.add(ChartEvents.epoch(4, VAL[3] + 0.1, VAL[3], 0.7));
        model.acceptAll(events);

        assertEquals(4, model.epochCount(), "three epochs from metrics.csv and the one trained now");
        assertEquals(50, model.batchCount(), "per-batch points exist only for the resumed epochs");
        SeriesData val = model.series(ChartKind.LOSS).get(3);
        assertEquals(List.of(1.0, 0.8, 0.79, 0.7), List.of(val.values()[0], val.values()[1], val.values()[2],
                val.values()[3]));
        assertEquals(100, val.steps()[1], "a history epoch sits where its last step was: epoch x batches");
        assertEquals(200, val.steps()[3]);
        EarlyStoppingMarks marks = model.earlyStoppingProperty().get();
        assertEquals(4, marks.bestEpoch(), "the marks read the whole curve: 0.70 beats 0.80 by the 0.02 min_delta");
        assertEquals(3, marks.epochsLeft(), "patience starts again at the new best");
        SeriesData raw = model.series(ChartKind.LOSS).get(0);
        assertEquals(151, raw.steps()[0], "the resumed batches continue the step count");
    }

    @Test
    void sliderReSmoothsAndEveryChangeBumpsTheRevisionOnce() {
        TrainingChartsModel model = feed(2);
        long rev = model.revisionProperty().get();
        model.smoothingProperty().set(0.95);
        assertEquals(rev + 1, model.revisionProperty().get());
        SeriesData raw = model.series(ChartKind.LOSS).get(0);
        double[] expected = DebiasedEma.smooth(raw.valuesCopy(), 0.95);
        assertEquals(expected[99], model.series(ChartKind.LOSS).get(1).values()[99], 1e-15);
        model.accept(ChartEvents.batches(3, 1, 50, 3).get(0));
        assertEquals(rev + 1, model.revisionProperty().get(), "accept records without redrawing");
        model.flush();
        assertEquals(rev + 2, model.revisionProperty().get());
        assertEquals(0, model.acceptAll(List.of("not an event", 42)));
        assertEquals(rev + 3, model.revisionProperty().get());
    }

    @Test
    void earlyStoppingMarksFollowTheMonitorWithMinDelta() {
        TrainingChartsModel model = feed(3);
        EarlyStoppingMarks marks = model.earlyStoppingProperty().get();
        // 0.80 beat 1.00 by more than 0.02; 0.79 did not (min_delta), so the best stays at epoch 2.
        assertEquals(2, marks.bestEpoch());
        assertEquals(0.80, marks.best());
        assertEquals(1, marks.waitCount());
        assertEquals(2, marks.epochsLeft());
        assertEquals(0.78, marks.threshold(), 1e-12);
        assertEquals(5, marks.patienceEndEpoch());
        assertEquals(ChartKind.LOSS, model.monitorChart());

        TrainingChartsModel longer = feed(7);
        EarlyStoppingMarks m7 = longer.earlyStoppingProperty().get();
        assertEquals(4, m7.bestEpoch(), "0.70 improved by 0.09; 0.69 at epoch 7 is within min_delta");
        assertEquals(3, m7.waitCount());
        assertEquals(0, m7.epochsLeft());
    }

    @Test
    void engineSnapshotOverridesAndRunFinishedIsKept() {
        TrainingChartsModel model = feed(3);
        EarlyStoppingMarks engine = new EarlyStoppingMarks("val_accuracy", MonitorSpec.Mode.MAX, 0.65, 3, 0, 4, 0.01);
        model.acceptAll(List.of(engine));
        assertEquals(engine, model.earlyStoppingProperty().get());
        assertEquals(ChartKind.METRIC, model.monitorChart());
        assertEquals(0.66, engine.threshold(), 1e-12);
        model.accept(ChartEvents.epoch(4, 0.5, 0.6, 0.7));
        assertEquals(engine, model.earlyStoppingProperty().get(), "no derived marks once the engine sets them");
        assertNull(model.finishedProperty().get());
        RunFinished f = new RunFinished(RunStatus.FINISHED, StopReason.PATIENCE_EXHAUSTED,
                "val_loss did not improve by 0.02 for 3 epochs; best 0.8 at epoch 2", 4, 2, 0.8, "val_loss", null, null);
        model.acceptAll(List.of(f));
        assertEquals(f, model.finishedProperty().get());
        assertTrue(TrainingCharts.stopText(f).startsWith("Stopped early (patience exhausted): val_loss did not"));
        model.clear();
        assertEquals(0, model.batchCount());
        assertNull(model.earlyStoppingProperty().get());
    }

    @Test
    void marksFromTheEngineEarlyStoppingSnapshotAgreeWithDerivedOnes() {
        MonitorSpec spec = new MonitorSpec("val_loss", MonitorSpec.Mode.MIN, 0.02);
        EarlyStopping engine = new EarlyStopping(
                new dev.tunebench.engine.config.EarlyStoppingSpec(true, 3, null, null, true, 0, 0, true), spec);
        TrainingChartsModel derived = feed(6);
        for (int e = 1; e <= 6; e++) {
            engine.update(ChartEvents.epoch(e, VAL[e - 1] + 0.1, VAL[e - 1], 0.5 + e * 0.05));
        }
        TrainingChartsModel fed = new TrainingChartsModel();
        fed.acceptAll(List.of(engine.snapshot()));
        EarlyStoppingMarks fromEngine = fed.earlyStoppingProperty().get();
        EarlyStoppingMarks own = derived.earlyStoppingProperty().get();
        assertEquals(own.bestEpoch(), fromEngine.bestEpoch());
        assertEquals(own.best(), fromEngine.best());
        assertEquals(own.waitCount(), fromEngine.waitCount());
        assertEquals(own.patience(), fromEngine.patience());
        assertEquals(own.threshold(), fromEngine.threshold(), 1e-12);
    }

    @Test
    void metricsAppearingLateAreAlignedWithNaN() {
        TrainingChartsModel model = new TrainingChartsModel();
        model.accept(new EpochMetrics(1, 1.0, 1.1, Map.of("train_loss", 1.0, "val_loss", 1.1), 1e-3, 1, 1));
        model.accept(new EpochMetrics(2, 0.9, 1.0, Map.of("val_mae", 0.4), 1e-3, 1, 2));
        model.accept(new EpochMetrics(3, 0.8, 0.9, Map.of("val_rmse", 0.5), 1e-3, 1, 3));
        List<SeriesData> metric = model.series(ChartKind.METRIC);
        assertEquals(2, metric.size());
        SeriesData mae = metric.get(0);
        assertEquals(3, mae.size());
        assertTrue(Double.isNaN(mae.values()[0]));
        assertEquals(0.4, mae.values()[1]);
        assertTrue(Double.isNaN(mae.values()[2]));
        assertEquals(0.8, model.series(ChartKind.LOSS).get(2).values()[2], "train_loss falls back to the record field");
        assertEquals(1, model.series(ChartKind.LEARNING_RATE).size());
        assertEquals(3, model.series(ChartKind.LEARNING_RATE).get(0).size(), "no batches: per-epoch learning rate");
    }

    @Test
    void csvHasHeaderAndOneRowPerStoredPoint(@TempDir Path dir) throws IOException {
        TrainingChartsModel model = feed(2);
        Path csv = dir.resolve("loss.csv");
        int rows = ChartCsv.write(csv, model.series(ChartKind.LOSS));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(ChartCsv.HEADER, lines.get(0));
        assertEquals(100 + 100 + 2 + 2, rows);
        assertEquals(rows + 1, lines.size());
        assertTrue(lines.get(1).startsWith("batch_loss,1,0.02,"), lines.get(1));
        assertTrue(lines.get(lines.size() - 1).startsWith("val_loss,100,2,0.8"), lines.get(lines.size() - 1));
    }

    @Test
    void batchMetricsCarryTheirOwnEpochFraction() {
        TrainingChartsModel model = new TrainingChartsModel();
        model.accept(new BatchMetrics(1, 1, 1, 4, 1.0, 1e-3, 1, 1, false, 1));
        model.accept(new BatchMetrics(1, 2, 2, 4, 1.0, 1e-3, 1, 1, false, 1));
        assertEquals(0.5, model.series(ChartKind.LOSS).get(0).epochs()[1]);
        assertNotNull(model.series(ChartKind.LOSS).get(1));
    }

    private static final ScheduleSpec COSINE = new ScheduleSpec(ScheduleSpec.Kind.COSINE, 4, 1e-4, 5, true, 0.5, 1,
            0.0);

    @Test
    void beforeStartTheLearningRateChartShowsTheWholePlanOfTheCurrentValues() {
        TrainingChartsModel model = new TrainingChartsModel();
        long rev = model.revisionProperty().get();
        SchedulePlan plan = SchedulePlan.of(COSINE, 0.01, 12, 10);
        model.planProperty().set(plan);
        assertTrue(model.revisionProperty().get() > rev, "a new plan redraws");
        List<SeriesData> lr = model.series(ChartKind.LEARNING_RATE);
        assertEquals(List.of("learning_rate", TrainingChartsModel.PLAN_KEY), lr.stream().map(SeriesData::key)
                .toList(), "the trained rate first, drawn on top of the plan");
        assertEquals(0, lr.get(0).size(), "nothing trained yet");
        SeriesData p = lr.get(1);
        assertEquals("planned (current values)", p.label());
        assertEquals(SeriesStyle.LEARNING_RATE_PLAN, p.style());
        assertEquals(1, p.steps()[0]);
        assertEquals(120, p.steps()[p.size() - 1], "the whole run: 12 epochs of 10 steps");
        assertEquals(12.0, p.epochs()[p.size() - 1], 1e-12);
        assertEquals(plan.learningRate(0), p.values()[0], 0.0);
        assertNull(model.youAreHere());
        // New values replace the plan.
        model.planProperty().set(SchedulePlan.of(COSINE, 0.01, 30, 10));
        assertEquals(300, model.series(ChartKind.LEARNING_RATE).get(1).steps()[model.series(ChartKind.LEARNING_RATE)
                .get(1).size() - 1]);
        model.planProperty().set(null);
        assertEquals(1, model.series(ChartKind.LEARNING_RATE).size(), "no plan for invalid values");
    }

    /** Batches of a run whose rate follows {@code plan} until {@code reducedFrom} (1-based epoch), then half. */
    private static List<Object> runEvents(SchedulePlan plan, int epochs, int reducedFrom) {
        List<Object> events = new ArrayList<>();
        events.add(ChartEvents.started(plan.spec(), plan.baseLr(), plan.epochs(), plan.stepsPerEpoch()));
        int b = plan.stepsPerEpoch();
        for (int e = 1; e <= epochs; e++) {
            for (int k = 1; k <= b; k++) {
                long step = (long) (e - 1) * b + k;
                double lr = plan.learningRate(step - 1) * (e >= reducedFrom ? 0.5 : 1.0);
                events.add(new BatchMetrics(e, step, k, b, 1.0 / step, lr, 1, 1, false, 100));
            }
            events.add(ChartEvents.epoch(e, 1.0, 0.9, 0.5));
        }
        return events;
    }

    @Test
    void duringARunTheTrainedRateIsDrawnOverThePlanAndAPlateauReductionIsADeparture() {
        SchedulePlan plan = SchedulePlan.of(COSINE, 0.01, 12, 10);
        TrainingChartsModel model = new TrainingChartsModel();
        model.planProperty().set(plan);
        model.acceptAll(runEvents(plan, 5, 4));
        assertTrue(model.isRunActive());
        List<SeriesData> lr = model.series(ChartKind.LEARNING_RATE);
        assertEquals(50, lr.get(0).size());
        assertEquals("planned (this run)", lr.get(1).label());
        assertEquals(120, lr.get(1).steps()[lr.get(1).size() - 1], "the plan still reaches the end of the run");
        List<LrDeparture> d = model.departures();
        assertEquals(1, d.size(), d.toString());
        assertEquals(31, d.get(0).step(), "the first step of epoch 4");
        assertEquals(0.5, d.get(0).ratio(), 1e-12);
        assertEquals("lr \u00d70.5 of plan", d.get(0).label());
        double[] here = model.youAreHere();
        assertEquals(50, here[0], "x is the last step");
        assertEquals(plan.learningRate(49) * 0.5, here[1], 0.0);
        model.xAxisUnitProperty().set(XAxisUnit.EPOCHS);
        assertEquals(5.0, model.youAreHere()[0], 1e-12);

        // The run ends: no "you are here"; a plan that arrives late gives the same departures.
        model.accept(new RunFinished(RunStatus.FINISHED, StopReason.COMPLETED, "done", 5, 5, 0.9, "val_loss", null,
                null));
        assertNull(model.youAreHere());
        TrainingChartsModel late = new TrainingChartsModel();
        late.acceptAll(runEvents(plan, 5, 4));
        assertTrue(late.departures().isEmpty(), "no plan, nothing to depart from");
        late.planProperty().set(plan);
        assertEquals(d, late.departures());
    }

    @Test
    void aRunThatFollowsItsPlanHasNoDeparture() {
        SchedulePlan plan = SchedulePlan.of(COSINE, 0.01, 12, 10);
        TrainingChartsModel model = new TrainingChartsModel();
        model.planProperty().set(plan);
        model.acceptAll(runEvents(plan, 12, Integer.MAX_VALUE));
        assertTrue(model.departures().isEmpty(), model.departures().toString());
    }
}
