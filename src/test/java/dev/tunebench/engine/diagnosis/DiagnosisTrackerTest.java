package dev.tunebench.engine.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.data.InputSpec;
import dev.tunebench.engine.event.BatchMetrics;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.RunStarted;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosisTrackerTest {

    private static EpochMetrics epoch(int e, double t, double v) {
        return new EpochMetrics(e, t, v, Map.of(), 1e-3, 1, e);
    }

    private static BatchMetrics batch(int e, double loss) {
        return new BatchMetrics(e, 1, 1, 10, loss, 1e-3, 1, 1, false, 100);
    }

    @Test
    void followsTheRunAndUsesTheInputsClassCount() {
        DiagnosisTracker t = new DiagnosisTracker();
        InputSpec in = new InputSpec(InputSpec.Kind.IMAGE, new int[] {1, 8, 8}, 0, Task.CLASSIFICATION, 10);
        t.onRunStart(new RunStarted("r", null, null, in, 100, 10, 10, 1000, 1));
        assertEquals(Diagnosis.Kind.INSUFFICIENT_DATA, t.current().kind());
        double c = Math.log(10);
        for (int e = 1; e <= 3; e++) {
            t.onBatchEnd(batch(e, c));
            t.onEpochEnd(epoch(e, c, c));
        }
        assertEquals(Diagnosis.Kind.SUSPICIOUS, t.current().kind(), "chance level of 10 classes");
        t.onBatchEnd(batch(4, Double.NaN));
        assertEquals(Diagnosis.Kind.DIVERGING, t.current().kind());
        assertEquals(4, t.current().epoch(), "the epoch in progress");
        assertEquals(3, t.epochs().size());
    }

    @Test
    void aResumedRunIsDiagnosedOnTheEpochsItBringsToo() {
        DiagnosisTracker t = new DiagnosisTracker();
        InputSpec in = new InputSpec(InputSpec.Kind.IMAGE, new int[] {1, 8, 8}, 0, Task.CLASSIFICATION, 10);
        double c = Math.log(10);
        List<EpochMetrics> history = List.of(epoch(1, c, c), epoch(2, c, c), epoch(3, c, c));
        t.onRunStart(new RunStarted("r", null, null, in, 100, 10, 10, 1000, 4, history));
        assertEquals(3, t.epochs().size(), "the history counts before any new epoch");
        assertEquals(Diagnosis.Kind.SUSPICIOUS, t.current().kind(), "chance level already in the history");
        t.onEpochEnd(epoch(4, c, c));
        assertEquals(List.of(1, 2, 3, 4), t.epochs().stream().map(EpochMetrics::epoch).toList());
        t.onRunStart(new RunStarted("r2", null, null, in, 100, 10, 10, 1000, 1));
        assertEquals(Diagnosis.Kind.INSUFFICIENT_DATA, t.current().kind(), "a new run starts from nothing");
    }
}
