package dev.tunebench.engine.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.config.EarlyStoppingSpec;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.StopReason;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scripted metric sequences in, stop epoch and reason out (as Keras' and Lightning's own tests do). */
class EarlyStoppingTest {

    private static EarlyStoppingSpec spec(int patience) {
        return new EarlyStoppingSpec(true, patience, null, null, true, 0, 0, true);
    }

    /** Feeds the values as epochs 1..n and returns the first stopping epoch and decision (epoch 0 = never). */
    private static Object[] feed(EarlyStopping es, String metric, double... values) {
        for (int i = 0; i < values.length; i++) {
            StopDecision d = es.update(new EpochMetrics(i + 1, 0, 0, Map.of(metric, values[i]), 1e-3, 1, i + 1));
            if (d.stop()) {
                return new Object[] {i + 1, d};
            }
        }
        return new Object[] {0, null};
    }

    @Test
    void stopsAfterPatienceCountedFromTheBestNotThePreviousEpoch() {
        EarlyStopping es = new EarlyStopping(spec(3), MonitorSpec.valLoss());
        // 0.5 is best at epoch 2; 0.6, 0.55, 0.52 each improve on the previous epoch but not on the best.
        Object[] r = feed(es, "val_loss", 1.0, 0.5, 0.6, 0.55, 0.52, 0.1);
        assertEquals(5, r[0]);
        StopDecision d = (StopDecision) r[1];
        assertEquals(StopReason.PATIENCE_EXHAUSTED, d.reason());
        assertEquals("val_loss did not improve by 0 for 3 epochs; best 0.5 at epoch 2", d.message());
        assertEquals(2, es.monitor().bestEpoch());
    }

    @Test
    void minDeltaMustBeBeaten() {
        EarlyStopping es = new EarlyStopping(spec(2), new MonitorSpec("val_loss", MonitorSpec.Mode.MIN, 0.01));
        Object[] r = feed(es, "val_loss", 1.0, 0.995, 0.992, 0.5);
        assertEquals(3, r[0]);
        assertEquals(1.0, es.monitor().best());
    }

    @Test
    void plateauNeverImproves() {
        EarlyStopping es = new EarlyStopping(spec(4), MonitorSpec.valLoss());
        Object[] r = feed(es, "val_loss", 0.7, 0.7, 0.7, 0.7, 0.7, 0.7);
        assertEquals(5, r[0]);
        assertEquals(1, es.monitor().bestEpoch());
    }

    @Test
    void nanStopsWhenCheckFiniteAndIsNeverBest() {
        EarlyStopping es = new EarlyStopping(spec(10), MonitorSpec.valLoss());
        Object[] r = feed(es, "val_loss", 0.9, 0.8, Double.NaN, 0.1);
        assertEquals(3, r[0]);
        StopDecision d = (StopDecision) r[1];
        assertEquals(StopReason.NON_FINITE_METRIC, d.reason());
        assertTrue(d.message().contains("best 0.8 at epoch 2"), d.message());
        assertEquals(0.8, es.monitor().best());
    }

    @Test
    void nanWithoutCheckFiniteCountsAsNoImprovement() {
        EarlyStoppingSpec s = new EarlyStoppingSpec(true, 2, null, null, false, 0, 0, true);
        EarlyStopping es = new EarlyStopping(s, MonitorSpec.valLoss());
        Object[] r = feed(es, "val_loss", 0.3, Double.NaN, Double.POSITIVE_INFINITY, 0.1);
        assertEquals(3, r[0]);
        assertEquals(1, es.monitor().bestEpoch());
        EarlyStopping fresh = new EarlyStopping(s, MonitorSpec.valLoss());
        feed(fresh, "val_loss", Double.NaN);
        assertFalse(fresh.monitor().hasBest(), "NaN is never a best value");
    }

    @Test
    void stoppingThresholdComesBeforeImprovement() {
        EarlyStoppingSpec s = new EarlyStoppingSpec(true, 5, 0.2, null, true, 0, 0, true);
        EarlyStopping es = new EarlyStopping(s, MonitorSpec.valLoss());
        Object[] r = feed(es, "val_loss", 0.5, 0.3, 0.19, 0.1);
        assertEquals(3, r[0]);
        assertEquals(StopReason.STOPPING_THRESHOLD, ((StopDecision) r[1]).reason());
        assertEquals(0.19, es.monitor().best(), "the threshold epoch is still the best");
    }

    @Test
    void divergenceThreshold() {
        EarlyStoppingSpec s = new EarlyStoppingSpec(true, 50, null, 5.0, true, 0, 0, true);
        EarlyStopping es = new EarlyStopping(s, MonitorSpec.valLoss());
        Object[] r = feed(es, "val_loss", 2.0, 1.0, 4.0, 7.5);
        assertEquals(4, r[0]);
        StopDecision d = (StopDecision) r[1];
        assertEquals(StopReason.DIVERGENCE_THRESHOLD, d.reason());
        assertTrue(d.message().startsWith("val_loss = 7.5 is higher than the divergence threshold 5"), d.message());
    }

    @Test
    void modeMaxForAccuracy() {
        EarlyStoppingSpec s = new EarlyStoppingSpec(true, 2, 0.99, 0.2, true, 0, 0, true);
        EarlyStopping es = new EarlyStopping(s, new MonitorSpec("val_accuracy", MonitorSpec.Mode.MAX, 0.0));
        Object[] r = feed(es, "val_accuracy", 0.5, 0.7, 0.65, 0.7, 0.9);
        assertEquals(4, r[0], "0.7 again does not beat 0.7");
        assertEquals(2, es.monitor().bestEpoch());
        EarlyStopping es2 = new EarlyStopping(s, new MonitorSpec("val_accuracy", MonitorSpec.Mode.MAX, 0.0));
        assertEquals(StopReason.STOPPING_THRESHOLD, ((StopDecision) feed(es2, "val_accuracy", 0.5, 0.995)[1]).reason());
        EarlyStopping es3 = new EarlyStopping(s, new MonitorSpec("val_accuracy", MonitorSpec.Mode.MAX, 0.0));
        assertEquals(StopReason.DIVERGENCE_THRESHOLD, ((StopDecision) feed(es3, "val_accuracy", 0.5, 0.1)[1]).reason());
    }

    @Test
    void startFromEpochIgnoresEarlyEpochs() {
        EarlyStoppingSpec s = new EarlyStoppingSpec(true, 1, null, null, true, 3, 0, true);
        EarlyStopping es = new EarlyStopping(s, MonitorSpec.valLoss());
        // epochs 1-3 ignored (a NaN there does not stop either); 0.5 at 4 is best; 0.6 at 5 stops.
        Object[] r = feed(es, "val_loss", 0.1, Double.NaN, 0.05, 0.5, 0.6);
        assertEquals(5, r[0]);
        assertEquals(4, es.monitor().bestEpoch());
    }

    @Test
    void timeBudget() {
        EarlyStoppingSpec s = new EarlyStoppingSpec(true, 5, null, null, true, 0, 120, true);
        EarlyStopping es = new EarlyStopping(s, MonitorSpec.valLoss());
        assertFalse(es.checkTime(119.9).stop());
        StopDecision d = es.checkTime(120.0);
        assertEquals(StopReason.TIME_LIMIT, d.reason());
        assertTrue(d.message().startsWith("time budget of 2 min spent"), d.message());
        EarlyStopping none = new EarlyStopping(spec(5), MonitorSpec.valLoss());
        assertFalse(none.checkTime(1e9).stop());
    }

    @Test
    void disabledTracksBestButNeverStops() {
        EarlyStoppingSpec s = new EarlyStoppingSpec(false, 1, null, null, true, 0, 0, true);
        EarlyStopping es = new EarlyStopping(s, MonitorSpec.valLoss());
        Object[] r = feed(es, "val_loss", 0.5, 0.4, 0.9, 0.9, Double.NaN, 0.95);
        assertEquals(0, r[0]);
        assertNull(r[1]);
        assertEquals(2, es.monitor().bestEpoch());
    }

    @Test
    void snapshotAndStateRoundTrip() {
        EarlyStopping es = new EarlyStopping(spec(5), MonitorSpec.valLoss());
        feed(es, "val_loss", 0.5, 0.4, 0.45, 0.46);
        EarlyStopping.Snapshot snap = es.snapshot();
        assertEquals(0.4, snap.best());
        assertEquals(2, snap.bestEpoch());
        assertEquals(2, snap.waited());
        assertEquals(3, snap.epochsLeft());
        EarlyStopping copy = new EarlyStopping(spec(5), MonitorSpec.valLoss());
        copy.restore(es.state());
        // Both must now stop at the same later epoch.
        for (int e = 5; e <= 7; e++) {
            EpochMetrics m = new EpochMetrics(e, 0, 0, Map.of("val_loss", 0.41), 1e-3, 1, e);
            assertEquals(es.update(m), copy.update(m));
        }
        assertEquals(StopReason.PATIENCE_EXHAUSTED, copy.update(
                new EpochMetrics(8, 0, 0, Map.of("val_loss", 0.41), 1e-3, 1, 8)).reason());
    }
}
