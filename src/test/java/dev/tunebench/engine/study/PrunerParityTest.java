package dev.tunebench.engine.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Median and ASHA decisions through a real study (journal on disk), against what Optuna 3.1 decided on the same
 * scripted learning curves, in the same event order: sequential, and interleaved as 3 or 6 asynchronous workers
 * would report; both directions; NaN values; trials that end early.
 */
class PrunerParityTest {
    @TempDir
    Path tmp;

    @Test
    void everyDecisionEqualsOptunas() throws IOException {
        JsonObject fixture = StudyFixtures.load("pruners.json");
        int scenarios = 0;
        int decisions = 0;
        int pruned = 0;
        for (JsonElement se : fixture.getAsJsonArray("scenarios")) {
            JsonObject s = se.getAsJsonObject();
            String kind = s.get("pruner").getAsString();
            Direction dir = Direction.valueOf(s.get("direction").getAsString());
            Map<String, Object> options = new LinkedHashMap<>();
            s.getAsJsonObject("options").entrySet().forEach(e -> options.put(e.getKey(),
                    e.getValue().getAsJsonPrimitive().isString() ? e.getValue().getAsString()
                            : (Object) e.getValue().getAsInt()));
            var curves = s.getAsJsonArray("curves");
            String name = kind + " " + options + " " + dir + " with " + s.get("workers").getAsInt() + " workers";
            SweepSpec sweep = TestSweeps.sweep(dir, "random", new SweepSpec.PrunerSpec(kind, options),
                    curves.size());
            Set<Integer> done = new HashSet<>();
            int k = 0;
            var expected = s.getAsJsonArray("decisions");
            try (Study study = Study.create(tmp.resolve("s" + scenarios), sweep, TestSweeps.ticking())) {
                for (JsonElement ee : s.getAsJsonArray("events")) {
                    int t = ee.getAsJsonArray().get(0).getAsInt();
                    int epoch = ee.getAsJsonArray().get(1).getAsInt();
                    if (epoch == 0) {
                        assertEquals(t, study.ask("w").orElseThrow().number(), name);
                        continue;
                    }
                    if (done.contains(t)) {
                        continue;
                    }
                    var curve = curves.get(t).getAsJsonArray();
                    double v = StudyFixtures.num(curve.get(epoch - 1));
                    PruneDecision d = study.report(t, epoch, v);
                    var exp = expected.get(k++).getAsJsonArray();
                    assertEquals(t, exp.get(0).getAsInt());
                    assertEquals(epoch, exp.get(1).getAsInt());
                    boolean optuna = exp.get(2).getAsBoolean();
                    assertEquals(optuna, d.prune(), () -> name + ": trial " + t + " epoch " + epoch
                            + (d.prune() ? ": we pruned (" + d.reason() + ")" : ": Optuna pruned, we did not"));
                    decisions++;
                    if (d.prune()) {
                        pruned++;
                        assertTrue(d.reason().startsWith("pruned at epoch " + epoch + ": "), d.reason());
                        assertEquals(epoch, d.epoch());
                        study.tell(t, TrialState.PRUNED, null, null);
                        done.add(t);
                    } else if (epoch == curve.size()) {
                        study.tell(t, TrialState.COMPLETE, v, null);
                        done.add(t);
                    }
                }
                assertEquals(expected.size(), k, name + ": every decision replayed");
                // ASHA's bookkeeping (Optuna's completed_rung_k system attrs) is recorded alike.
                Map<String, Map<String, Double>> rungs = new HashMap<>();
                for (TrialSnapshot t : study.snapshot().trials()) {
                    if (!t.attrs().isEmpty()) {
                        rungs.put(Integer.toString(t.number()), t.attrs());
                    }
                }
                Map<String, Map<String, Double>> optunaRungs = new HashMap<>();
                s.getAsJsonObject("rungs").entrySet().forEach(e -> {
                    Map<String, Double> m = new HashMap<>();
                    e.getValue().getAsJsonObject().entrySet().forEach(x -> m.put(x.getKey(),
                            StudyFixtures.num(x.getValue())));
                    optunaRungs.put(e.getKey(), m);
                });
                assertEquals(optunaRungs, rungs, name + ": rung values");
                assertTrue(study.snapshot().warnings().isEmpty(), () -> study.snapshot().warnings().toString());
            }
            scenarios++;
        }
        assertEquals(30, scenarios);
        assertTrue(pruned > 100 && decisions > 3000 - 1000, decisions + " decisions, " + pruned + " pruned");
    }

    @Test
    void medianReasonNamesTheEpochTheMetricAndTheMedian() {
        PercentilePruner median = PercentilePruner.median();
        java.util.List<TrialSnapshot> trials = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            trials.add(StudyFixtures.trial(i, TrialState.COMPLETE, 0.3, Map.of(1, 0.5, 2, 0.4, 3, 0.3 + i * 0.01),
                    Map.of()));
        }
        TrialSnapshot bad = StudyFixtures.trial(6, TrialState.RUNNING, null, Map.of(1, 0.6, 2, 0.5, 3, 0.41),
                Map.of());
        trials.add(bad);
        PruneDecision d = median.decide(new Pruner.Context(trials, Direction.MIN, "val_loss", Map.of()), bad);
        assertTrue(d.prune());
        assertEquals("pruned at epoch 3: best val_loss so far 0.41 is worse than the median 0.325 of 6 completed "
                + "trials at epoch 3", d.reason());
        TrialSnapshot good = StudyFixtures.trial(7, TrialState.RUNNING, null, Map.of(1, 0.6, 2, 0.5, 3, 0.32),
                Map.of());
        assertFalse(median.decide(new Pruner.Context(trials, Direction.MIN, "val_loss", Map.of()), good).prune());
        // For MAX the best so far is the largest value: 0.6 at epoch 1 beats the median 0.325 of epoch 3.
        assertFalse(median.decide(new Pruner.Context(trials, Direction.MAX, "val_loss", Map.of()), good).prune());
    }
}
