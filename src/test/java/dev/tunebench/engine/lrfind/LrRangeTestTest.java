package dev.tunebench.engine.lrfind;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.backend.StepResult;
import dev.tunebench.engine.config.LossKind;
import dev.tunebench.engine.config.RecurrentModelSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.data.ArraySplit;
import dev.tunebench.engine.data.InputSpec;
import dev.tunebench.engine.fake.Configs;
import dev.tunebench.engine.fake.LinearBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LrRangeTestTest {
    private static final InputSpec IN = new InputSpec(InputSpec.Kind.SERIES, new int[] {8, 1}, 0,
            Task.CLASSIFICATION, 4);
    private static final ArraySplit DATA = LinearBackend.clusters(512, 8, 4, 1.0, 5);
    private static final InputSpec REG_IN = new InputSpec(InputSpec.Kind.SERIES, new int[] {3, 1}, 0,
            Task.REGRESSION, 1);
    private static final ArraySplit REG = LinearBackend.linear(512, 3, 0.1, 4);

    @Test
    void scheduleIsExponentialFromStartToEnd() {
        LrFindOptions o = LrFindOptions.defaults();
        assertEquals(1e-7, o.lrAt(0), 1e-20);
        assertEquals(1.0, o.lrAt(99), 1e-12);
        assertEquals(Math.sqrt(1e-7), new LrFindOptions(1e-7, 1, 3, 0.98, 4).lrAt(1), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new LrFindOptions(1, 1e-7, 100, 0.98, 4));
    }

    @Test
    void smoothingIsTheDebiasedEma() {
        List<Double> lrs = new ArrayList<>();
        List<Double> raw = List.of(2.0, 1.0, 3.0);
        double avg = 0;
        List<Double> expected = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            avg = 0.98 * avg + 0.02 * raw.get(i);
            expected.add(avg / (1 - Math.pow(0.98, i + 1)));
            lrs.add(1e-3 * (i + 1));
        }
        assertEquals(2.0, expected.get(0), 1e-12, "the first debiased value is the first loss");
        // sweep() computes the same numbers: feed the raw losses through a scripted session.
        LrFindResult r = LrRangeTest.sweep(new ScriptedSession(raw), DATA, 4, 1,
                new LrFindOptions(1e-3, 3e-3, 3, 0.98, 4));
        for (int i = 0; i < 3; i++) {
            assertEquals(expected.get(i), r.smoothed().get(i), 1e-12);
        }
    }

    @Test
    void stopsWhenTheSmoothedLossExceedsFourTimesItsBest() {
        List<Double> raw = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            raw.add(1.0);
        }
        for (int i = 0; i < 70; i++) {
            raw.add(1000.0);
        }
        LrFindResult r = LrRangeTest.sweep(new ScriptedSession(raw), DATA, 4, 1, LrFindOptions.defaults());
        assertTrue(r.stoppedEarly());
        int n = r.smoothed().size();
        assertEquals(31, n, "the first 1000 lifts the EMA to about 21x its best and ends the sweep");
        assertTrue(r.smoothed().get(n - 1) > 4 * r.smoothed().get(n - 2));
    }

    @Test
    void valleyAndSteepestOnAScriptedCurve() {
        // Flat, then a fall between lr 1e-4 and 1e-2 that is steepest at 1e-3, then a blow-up.
        List<Double> lrs = new ArrayList<>();
        List<Double> s = new ArrayList<>();
        LrFindOptions o = LrFindOptions.defaults();
        for (int i = 0; i < 100; i++) {
            double lr = o.lrAt(i);
            double x = Math.log10(lr) + 3;
            double loss = 2.0 - 1.5 / (1 + Math.exp(-3 * x)) + (lr > 0.05 ? 50 * (lr - 0.05) : 0);
            lrs.add(lr);
            s.add(loss);
        }
        LrFindResult r = LrRangeTest.analyse(lrs, s, s, 100, false);
        assertEquals(1e-3, r.steepestLr(), 1e-3 * 0.2, "steepest at the sigmoid's centre");
        assertTrue(r.valleyLr() > 1e-4 && r.valleyLr() < 1e-2, "valley inside the falling stretch: " + r.valleyLr());
        assertEquals(r.valleyLr(), r.suggestedLr());
    }

    @Test
    void valleyIndexFollowsFastai() {
        // Longest strictly decreasing subsequence: 6, 5, 4, 3.5, 3, 2, 1.5, 1 (indices 1..8, length 8), so fastai's
        // max_end = 8, max_start = 8 - 8 = 0, sections = 8/3, idx = 0 + int(2.67) + int(1.33) = 3.
        double[] losses = {5, 6, 5, 4, 3.5, 3, 1.8, 1.5, 1, 2, 9};
        assertEquals(3, LrRangeTest.valleyIndex(losses));
        double[] lrs = new double[losses.length];
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = Math.pow(10, -5 + i * 0.5);
        }
        assertEquals(5, LrRangeTest.steepestIndex(lrs, losses), "3 -> 1.8 is the largest drop per log step");
    }

    @Test
    void realSweepGivesASaneSuggestionAndRestoresWeightsAndOptimiser() {
        LinearBackend backend = new LinearBackend();
        RunConfig c = Configs.config(RecurrentModelSpec.lstmDefaults(), 0.1, 32, LossKind.MSE);
        LinearBackend.Session session = (LinearBackend.Session) backend.open(c, REG_IN);
        // Train a little so the momentum buffer is not zero.
        session.trainStep(REG, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 0.05);
        double[] before = session.weights();
        long stepsBefore = session.steps();
        LrFindResult r = LrRangeTest.sweepAndRestore(session, REG, 32, 1, LrFindOptions.defaults().withRange(1e-7, 10));
        assertArrayEquals(before, session.weights(), "weights restored");
        assertEquals(stepsBefore, session.steps(), "optimiser state restored");
        assertTrue(r.stoppedEarly(), "SGD with momentum blows up before lr 10: " + r.message());
        assertTrue(r.suggestedLr() > 1e-4 && r.suggestedLr() < 1, "suggestion " + r.suggestedLr());
        assertEquals(r.lrs().size(), r.losses().size());
        // Restored momentum: the next step equals the step of a session that never swept.
        LinearBackend.Session twin = (LinearBackend.Session) new LinearBackend().open(c, REG_IN);
        twin.trainStep(REG, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 0.05);
        StepResult a = session.trainStep(REG, new int[] {8, 9, 10}, 0.05);
        StepResult b = twin.trainStep(REG, new int[] {8, 9, 10}, 0.05);
        assertEquals(b.loss(), a.loss(), 0.0);
        assertArrayEquals(twin.weights(), session.weights());
    }

    @Test
    void listenerSeesEveryStepAndCanStopTheSweep() {
        List<Double> seen = new ArrayList<>();
        RunConfig c = Configs.config(RecurrentModelSpec.lstmDefaults(), 0.1, 32, LossKind.CROSS_ENTROPY);
        LrFindResult r = LrRangeTest.sweep(new LinearBackend().open(c, IN), DATA, 32, 1, LrFindOptions.defaults(),
                (i, lr, loss, sm) -> {
                    seen.add(sm);
                    return i < 29;
                });
        assertEquals(30, r.lrs().size());
        assertEquals(r.smoothed(), seen);
        assertFalse(r.stoppedEarly(), "a user stop is not a divergence");
        assertTrue(r.message().startsWith("Stopped by the user after 30 steps."), r.message());
    }

    @Test
    void runOpensAFreshSession() {
        LinearBackend backend = new LinearBackend();
        RunConfig c = Configs.config(RecurrentModelSpec.lstmDefaults(), 0.1, 32, LossKind.CROSS_ENTROPY);
        dev.tunebench.engine.data.LoadedData d = new dev.tunebench.engine.data.LoadedData("t", IN, DATA, DATA, null,
                List.of(), null, null);
        LrFindResult r = LrRangeTest.run(backend, c, d, LrFindOptions.defaults().withSteps(60));
        assertEquals(1, backend.opened);
        assertFalse(r.lrs().isEmpty());
        assertTrue(Double.isFinite(r.suggestedLr()), r.message());
    }

    /** A session that returns scripted losses: for testing the sweep's bookkeeping alone. */
    private static final class ScriptedSession implements dev.tunebench.engine.backend.ModelSession {
        private final List<Double> losses;
        private int i;

        ScriptedSession(List<Double> losses) {
            this.losses = losses;
        }

        @Override
        public StepResult trainStep(ArraySplit data, int[] indices, double learningRate) {
            double l = losses.get(i++);
            return new StepResult(l, 1, 1, false);
        }

        @Override
        public long parameterCount() {
            return 0;
        }

        @Override
        public List<dev.tunebench.engine.backend.LayerShape> shapeTrace(int batchSize) {
            return List.of();
        }

        @Override
        public void seedEpoch(long seed) {
        }

        @Override
        public dev.tunebench.engine.backend.EvalResult evaluate(ArraySplit data, int batchSize) {
            throw new UnsupportedOperationException();
        }

        @Override
        public float[][] predict(ArraySplit data, int n) {
            return new float[0][];
        }

        @Override
        public Object snapshotWeights() {
            return null;
        }

        @Override
        public void restoreWeights(Object snapshot) {
        }

        @Override
        public void save(java.nio.file.Path folder) {
        }

        @Override
        public void load(java.nio.file.Path folder, boolean withOptimizer) {
        }

        @Override
        public List<String> savedFileNames() {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
