package dev.tunebench.engine.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The deterministic parts of Optuna 3.1's TPE, against numbers Optuna computed on the same inputs: the truncated
 * normal helpers, numpy's argsort on ties, the below/above split of COMPLETE and PRUNED trials, and the Parzen
 * estimators' weights, means, bandwidths and log-densities at Optuna's own candidates.
 */
class OptunaParityTest {
    private static final double TOL = 1e-9;

    private static void close(double expected, double actual, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        assertTrue(Math.abs(expected - actual) <= TOL * Math.max(1, Math.abs(expected)),
                () -> what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void truncatedNormalHelpersMatchOptuna() throws IOException {
        int n = 0;
        for (JsonElement e : StudyFixtures.load("truncnorm.json").getAsJsonArray("rows")) {
            JsonObject r = e.getAsJsonObject();
            double a = r.get("a").getAsDouble();
            double b = r.get("b").getAsDouble();
            double q = r.get("q").getAsDouble();
            double x = r.get("x").getAsDouble();
            String at = " at a=" + a + " b=" + b + " q=" + q + " x=" + x;
            close(StudyFixtures.num(r.get("log_ndtr_a")), TruncNorm.logNdtr(a), "log_ndtr" + at);
            close(StudyFixtures.num(r.get("log_gauss_mass")), TruncNorm.logGaussMass(a, b), "log_gauss_mass" + at);
            close(StudyFixtures.num(r.get("logpdf")), TruncNorm.logPdf(x, a, b, 0, 1), "logpdf" + at);
            // ppf bisects 100 times on [-100, 100]: its resolution is far below 1e-9.
            close(StudyFixtures.num(r.get("ppf")), TruncNorm.ppf(q, a, b), "ppf" + at);
            n++;
        }
        assertTrue(n > 200, "only " + n + " rows");
    }

    @Test
    void argsortMatchesNumpyOnTies() throws IOException {
        int n = 0;
        for (JsonElement e : StudyFixtures.load("numpy_argsort.json").getAsJsonArray("arrays")) {
            JsonObject r = e.getAsJsonObject();
            double[] v = StudyFixtures.doubles(r.get("values"));
            assertArrayEquals(StudyFixtures.ints(r.get("argsort")), NumpySort.argsort(v), "argsort of "
                    + v.length + " values");
            n++;
        }
        assertTrue(n > 100);
    }

    @Test
    void defaultWeightsRampOldObservations() {
        assertArrayEquals(new double[] {1, 1, 1}, ParzenEstimator.defaultWeights(3));
        double[] w = ParzenEstimator.defaultWeights(30);
        assertEquals(1.0 / 30, w[0], 1e-15);
        assertEquals(1.0, w[4], 0.0);
        assertEquals(1.0, w[29], 0.0);
        assertTrue(w[1] > w[0] && w[2] > w[1]);
    }

    @Test
    void parzenEstimatorsAndScoresMatchOptuna() throws IOException {
        int cases = 0;
        for (JsonElement e : StudyFixtures.load("tpe_parzen.json").getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String name = c.get("name").getAsString() + " " + c.get("direction").getAsString() + " "
                    + c.getAsJsonArray("trials").size() + " trials";
            Distribution d = StudyFixtures.distribution(c.getAsJsonObject("distribution"));
            Direction dir = Direction.valueOf(c.get("direction").getAsString());
            List<TrialSnapshot> trials = new ArrayList<>();
            int i = 0;
            for (JsonElement te : c.getAsJsonArray("trials")) {
                JsonObject t = te.getAsJsonObject();
                TreeMap<Integer, Double> iv = new TreeMap<>();
                t.getAsJsonObject("intermediate").entrySet().forEach(x -> iv.put(Integer.parseInt(x.getKey()),
                        StudyFixtures.num(x.getValue())));
                TrialState st = TrialState.valueOf(t.get("state").getAsString());
                Double value = t.get("value").isJsonNull() ? null : t.get("value").getAsDouble();
                trials.add(StudyFixtures.trial(i++, st, value, iv, StudyFixtures.params("p", t.get("param"))));
            }
            TpeSampler tpe = new TpeSampler(1, dir, TpeSampler.Options.defaults());
            List<TpeSampler.Scored> scored = tpe.observations(trials);
            TpeSampler.Split split = TpeSampler.split(scored, TpeSampler.gamma(scored.size()));
            assertEquals(listOf(StudyFixtures.ints(c.get("below"))), split.below().stream()
                    .map(TrialSnapshot::number).toList(), name + ": below");
            assertEquals(listOf(StudyFixtures.ints(c.get("above"))), split.above().stream()
                    .map(TrialSnapshot::number).toList(), name + ": above");
            double[] below = TpeSampler.values(split.below(), "p", d);
            double[] above = TpeSampler.values(split.above(), "p", d);
            assertArrayEquals(StudyFixtures.doubles(c.get("below_values")), below, 1e-12, name);
            ParzenEstimator l = new ParzenEstimator(below, d, TpeSampler.Options.defaults());
            ParzenEstimator g = new ParzenEstimator(above, d, TpeSampler.Options.defaults());
            compare(c.getAsJsonObject("l"), l, name + ": l");
            compare(c.getAsJsonObject("g"), g, name + ": g");
            double[] samples = internal(d, c.getAsJsonArray("samples"));
            double[] ll = l.logPdf(samples);
            double[] lg = g.logPdf(samples);
            double[] expectedL = StudyFixtures.doubles(c.get("log_l"));
            double[] expectedG = StudyFixtures.doubles(c.get("log_g"));
            for (int k = 0; k < samples.length; k++) {
                close(expectedL[k], ll[k], name + ": log l(x) of candidate " + k);
                close(expectedG[k], lg[k], name + ": log g(x) of candidate " + k);
            }
            assertEquals(c.get("best").getAsInt(), TpeSampler.argmax(ll, lg), name + ": the chosen candidate");
            cases++;
        }
        assertEquals(24, cases);
    }

    private static double[] internal(Distribution d, com.google.gson.JsonArray samples) {
        double[] out = new double[samples.size()];
        for (int k = 0; k < out.length; k++) {
            // Optuna's categorical samples are indices already; numeric ones are values.
            out[k] = samples.get(k).getAsDouble();
        }
        return out;
    }

    private static List<Integer> listOf(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int x : a) {
            l.add(x);
        }
        return l;
    }

    private static void compare(JsonObject expected, ParzenEstimator actual, String what) {
        assertArrayEquals(StudyFixtures.doubles(expected.get("weights")), actual.weights(), 1e-12, what
                + " weights");
        if (!expected.get("mus").isJsonNull()) {
            assertArrayEquals(StudyFixtures.doubles(expected.get("mus")), actual.mus(), 1e-12, what + " mus");
            assertArrayEquals(StudyFixtures.doubles(expected.get("sigmas")), actual.sigmas(), 1e-12, what
                    + " sigmas");
        } else {
            var rows = expected.getAsJsonArray("categorical");
            double[][] cw = actual.categoricalWeights();
            assertEquals(rows.size(), cw.length, what + " categorical rows");
            for (int r = 0; r < cw.length; r++) {
                assertArrayEquals(StudyFixtures.doubles(rows.get(r)), cw[r], 1e-12, what + " categorical row " + r);
            }
        }
    }

    @Test
    void prunedTrialsRankAfterCompleteOnesByProgressThenLastValue() {
        List<TrialSnapshot> trials = List.of(
                StudyFixtures.trial(0, TrialState.PRUNED, null, Map.of(1, 0.1, 2, 0.05), Map.of()),
                StudyFixtures.trial(1, TrialState.COMPLETE, 0.9, Map.of(), Map.of()),
                StudyFixtures.trial(2, TrialState.PRUNED, null, Map.of(1, 0.01), Map.of()),
                StudyFixtures.trial(3, TrialState.PRUNED, null, Map.of(), Map.of()),
                StudyFixtures.trial(4, TrialState.FAILED, null, Map.of(), Map.of()),
                StudyFixtures.trial(5, TrialState.RUNNING, null, Map.of(1, 0.0), Map.of()));
        TpeSampler tpe = new TpeSampler(1, Direction.MIN, TpeSampler.Options.defaults());
        List<TpeSampler.Scored> s = tpe.observations(trials);
        assertEquals(List.of(0, 1, 2, 3), s.stream().map(x -> x.trial().number()).toList(), "FAILED and RUNNING "
                + "trials are not observations");
        assertEquals(List.of(1), TpeSampler.split(s, 1).below().stream().map(TrialSnapshot::number).toList(),
                "a COMPLETE trial beats any PRUNED one");
        assertEquals(List.of(0, 1), TpeSampler.split(s, 2).below().stream().map(TrialSnapshot::number).toList(),
                "then the one pruned latest");
        assertEquals(List.of(0, 1, 2), TpeSampler.split(s, 3).below().stream().map(TrialSnapshot::number).toList());
        TpeSampler liar = new TpeSampler(1, Direction.MIN, new TpeSampler.Options(10, 24, true, 1, true, false, true));
        assertEquals(5, liar.observations(trials).size(), "the constant liar counts running trials as bad ones");
    }
}
