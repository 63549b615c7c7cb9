package dev.tunebench.engine.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.diagnosis.Diagnosis.Kind;
import dev.tunebench.engine.event.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CurveDiagnosisTest {

    private static List<EpochMetrics> curves(double[] train, double[] val) {
        List<EpochMetrics> out = new ArrayList<>();
        for (int i = 0; i < train.length; i++) {
            double v = val == null ? Double.NaN : val[i];
            out.add(new EpochMetrics(i + 1, train[i], v, Map.of("train_loss", train[i], "val_loss", v), 1e-3, 1,
                    i + 1));
        }
        return out;
    }

    private static Diagnosis classify(double[] train, double[] val, int classes) {
        return CurveDiagnosis.diagnose(curves(train, val), null, Task.CLASSIFICATION, classes);
    }

    private static Diagnosis regress(double[] train, double[] val) {
        return CurveDiagnosis.diagnose(curves(train, val), null, Task.REGRESSION, 0);
    }

    private static double[] d(double... x) {
        return x;
    }

    @Test
    void healthyLogarithmicFall() {
        Diagnosis r = classify(d(1.2, 0.6, 0.45, 0.38, 0.35, 0.34), d(0.8, 0.55, 0.48, 0.45, 0.44, 0.44), 10);
        assertEquals(Kind.HEALTHY, r.kind(), r.toString());
        assertEquals(5, r.epoch(), "best eval epoch (first minimum)");
        assertTrue(r.advice().contains("tip 3"));
        assertEquals(Kind.HEALTHY, regress(d(0.9, 0.3, 0.2, 0.17), d(0.5, 0.3, 0.25, 0.24)).kind());
    }

    @Test
    void tooFewEpochs() {
        Diagnosis r = classify(d(1.0, 0.5), d(0.9, 0.6), 10);
        assertEquals(Kind.INSUFFICIENT_DATA, r.kind());
        assertEquals(Kind.INSUFFICIENT_DATA, classify(d(), d(), 10).kind());
    }

    @Test
    void nonFiniteIsDivergingEvenEarly() {
        Diagnosis r = classify(d(1.0, Double.NaN), d(0.9, 0.8), 10);
        assertEquals(Kind.DIVERGING, r.kind());
        assertEquals(2, r.epoch());
        assertTrue(r.advice().contains("NaN or infinite"), r.advice());
        Diagnosis inf = classify(d(1.0, 0.8, 0.7), d(0.9, Double.POSITIVE_INFINITY, 0.8), 10);
        assertEquals(Kind.DIVERGING, inf.kind());
        assertEquals(2, inf.epoch());
        Diagnosis batch = CurveDiagnosis.diagnose(curves(d(1.0), d(0.9)), new double[] {0.8, Double.NaN},
                Task.CLASSIFICATION, 10);
        assertEquals(Kind.DIVERGING, batch.kind());
        assertEquals(2, batch.epoch(), "the epoch in progress");
    }

    @Test
    void risingTrainLossIsDiverging() {
        Diagnosis r = regress(d(1.0, 0.6, 0.7, 1.2, 3.0), d(0.9, 0.6, 0.8, 1.5, 4.0));
        assertEquals(Kind.DIVERGING, r.kind(), r.toString());
        assertEquals(3, r.epoch(), "rising after the minimum at epoch 2");
    }

    @Test
    void lossFarAboveChanceIsDiverging() {
        // What Adam at lr 1.0 does to a classifier: blown up in epoch 1, then flat far above ln(2).
        Diagnosis r = classify(d(9.0, 4.1, 4.0, 4.05), d(3.5, 3.9, 4.2, 3.8), 2);
        assertEquals(Kind.DIVERGING, r.kind(), r.toString());
        assertEquals(1, r.epoch());
        assertTrue(r.advice().contains("chance level"), r.advice());
    }

    @Test
    void stuckAtChanceIsSuspicious() {
        double c = Math.log(10);
        Diagnosis r = classify(d(c + 0.05, c + 0.01, c, c - 0.01), d(c, c, c + 0.01, c), 10);
        assertEquals(Kind.SUSPICIOUS, r.kind(), r.toString());
        assertTrue(r.advice().contains("tip 4"), r.advice());
    }

    @Test
    void shuffledLabelsMemorisedAreSuspicious() {
        double c = Math.log(2);
        // Train loss falls as the net memorises noise; eval stays at or above chance.
        Diagnosis r = classify(d(0.70, 0.66, 0.55, 0.40, 0.25), d(0.70, 0.71, 0.74, 0.80, 0.9), 2);
        assertEquals(Kind.SUSPICIOUS, r.kind(), r.toString());
        assertTrue(c < 0.70);
    }

    @Test
    void evalFarBelowTrainFromTheStartIsSuspicious() {
        Diagnosis r = regress(d(1.0, 0.8, 0.7, 0.65), d(0.3, 0.25, 0.2, 0.2));
        assertEquals(Kind.SUSPICIOUS, r.kind(), r.toString());
        assertTrue(r.advice().contains("overlap"), r.advice());
        // Eval below train in epoch 1 only (epoch-mean lag) is normal.
        assertEquals(Kind.HEALTHY, regress(d(1.0, 0.4, 0.3, 0.28), d(0.45, 0.35, 0.3, 0.29)).kind());
    }

    @Test
    void oscillatingTrainLoss() {
        Diagnosis r = classify(d(1.0, 0.6, 0.9, 0.5, 0.85, 0.55), d(0.9, 0.7, 0.9, 0.6, 0.8, 0.6), 10);
        assertEquals(Kind.OSCILLATING, r.kind(), r.toString());
        assertEquals(2, r.epoch());
        assertTrue(r.advice().contains("too high"));
    }

    @Test
    void evalSpikeIsOscillatingEvenWhenTheLossRecovers() {
        // Recorded from the engine: a small CNN on the digits with AdamW at lr 1.0.
        Diagnosis r = classify(d(3.7389, 2.0202, 1.8140, 1.5073), d(598.8988, 10.5343, 2.6277, 1.9557), 10);
        assertEquals(Kind.OSCILLATING, r.kind(), r.toString());
        assertEquals(1, r.epoch());
        assertTrue(r.advice().contains("spiked"), r.advice());
        // Older than the window: no longer reported.
        Diagnosis later = classify(d(3.7, 2.0, 1.8, 1.5, 1.2, 1.0, 0.9, 0.85), d(599, 1.9, 1.7, 1.4, 1.1, 0.95, 0.9,
                0.88), 10);
        assertEquals(Kind.HEALTHY, later.kind(), later.toString());
    }

    @Test
    void overfittingFromEpochK() {
        Diagnosis r = classify(d(1.0, 0.6, 0.4, 0.3, 0.2, 0.12, 0.08), d(0.8, 0.55, 0.45, 0.47, 0.52, 0.58, 0.66),
                10);
        assertEquals(Kind.OVERFITTING, r.kind(), r.toString());
        assertEquals(3, r.epoch());
        assertTrue(r.advice().contains("Early stopping keeps epoch 3"), r.advice());
        // One noisy eval epoch after the best is not yet overfitting.
        assertEquals(Kind.HEALTHY, classify(d(1.0, 0.6, 0.4, 0.35), d(0.8, 0.55, 0.45, 0.47), 10).kind());
    }

    @Test
    void flatFromTheStartIsNotLearning() {
        Diagnosis r = regress(d(0.500, 0.499, 0.498, 0.499), d(0.51, 0.51, 0.51, 0.51));
        assertEquals(Kind.NOT_LEARNING, r.kind(), r.toString());
        assertEquals(1, r.epoch());
        assertTrue(r.advice().contains("tip 1"));
    }

    @Test
    void highAndFlatIsUnderfitting() {
        Diagnosis r = classify(d(2.2, 1.6, 1.45, 1.44, 1.43), d(1.7, 1.5, 1.46, 1.45, 1.45), 10);
        assertEquals(Kind.UNDERFITTING, r.kind(), r.toString());
        assertEquals(3, r.epoch());
        assertTrue(r.advice().contains("tip 16"));
        // Same shape at a low level is convergence, not underfitting.
        assertEquals(Kind.HEALTHY, classify(d(1.2, 0.3, 0.25, 0.245, 0.244), d(0.4, 0.3, 0.27, 0.27, 0.27), 10)
                .kind());
        assertEquals(Kind.UNDERFITTING, regress(d(1.0, 0.85, 0.84, 0.84), d(0.9, 0.86, 0.85, 0.85)).kind());
    }

    @Test
    void withoutValidationTheTrainCurveDecides() {
        Diagnosis r = classify(d(1.2, 0.6, 0.45, 0.38), null, 10);
        assertEquals(Kind.HEALTHY, r.kind(), r.toString());
        assertEquals(4, r.epoch());
    }
}
