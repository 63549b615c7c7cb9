package dev.tunebench.engine.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * fANOVA importance against Optuna's {@code get_param_importances}: exactly, for one tree without bootstrap (the
 * deterministic part: the regression tree and the marginal variances); statistically, for the default 64-tree
 * bootstrap forest, whose numbers depend on the random generator and so can only agree in distribution.
 */
class FanovaImportanceTest {

    private static SearchSpace space(boolean withChoice) {
        // Optuna orders the columns by parameter name: n, x, y (then c); so does this space, so that the trees'
        // feature indices compare.
        Map<String, Distribution> d = new LinkedHashMap<>();
        if (withChoice) {
            d.put("c", new ChoiceDistribution(List.of(new JsonPrimitive("a"), new JsonPrimitive("b"),
                    new JsonPrimitive("c"))));
        }
        d.put("n", new IntDistribution(1, 8, 1, false));
        d.put("x", new FloatDistribution(0, 1, null, false));
        d.put("y", new FloatDistribution(1e-3, 1, null, true));
        return new SearchSpace(d);
    }

    private static List<TrialSnapshot> trials(com.google.gson.JsonArray rows) {
        List<TrialSnapshot> out = new ArrayList<>();
        int i = 0;
        for (JsonElement e : rows) {
            JsonObject r = e.getAsJsonObject();
            Map<String, JsonElement> params = new LinkedHashMap<>();
            r.getAsJsonObject("params").entrySet().forEach(p -> params.put(p.getKey(), p.getValue()));
            out.add(StudyFixtures.trial(i++, TrialState.COMPLETE, r.get("value").getAsDouble(), Map.of(), params));
        }
        return out;
    }

    @Test
    void oneTreeWithoutBootstrapMatchesOptunaExactly() throws IOException {
        JsonObject exact = StudyFixtures.load("fanova.json").getAsJsonObject("exact");
        List<TrialSnapshot> trials = trials(exact.getAsJsonArray("trials"));
        int depth = exact.get("max_depth").getAsInt();
        FanovaImportance f = new FanovaImportance(1, depth, false);
        Map<String, Double> ours = f.importances(space(false), trials, 0);
        JsonObject theirs = exact.getAsJsonObject("importances");
        for (String p : List.of("n", "x", "y")) {
            assertEquals(theirs.get(p).getAsDouble(), ours.get(p), 1e-9, p);
        }
        // The tree itself: scikit-learn's split features and thresholds (float32 features, midpoint thresholds).
        JsonObject tree = exact.getAsJsonObject("tree");
        float[][] x = new float[trials.size()][3];
        double[] y = new double[trials.size()];
        double[] w = new double[trials.size()];
        for (int s = 0; s < trials.size(); s++) {
            TrialSnapshot t = trials.get(s);
            x[s][0] = (float) t.params().get("n").getAsDouble();
            x[s][1] = (float) t.params().get("x").getAsDouble();
            x[s][2] = (float) t.params().get("y").getAsDouble();
            y[s] = t.value();
            w[s] = 1;
        }
        FanovaImportance.Tree ours2 = FanovaImportance.Tree.fit(x, y, w, depth, new java.util.SplittableRandom(3));
        assertArrayEquals(StudyFixtures.ints(tree.get("feature")), ours2.feature.stream().mapToInt(i -> i)
                .toArray(), "split features");
        assertArrayEquals(StudyFixtures.doubles(tree.get("threshold")), ours2.threshold.stream()
                .mapToDouble(d -> d).toArray(), 0.0, "thresholds");
        assertArrayEquals(StudyFixtures.ints(tree.get("left")), ours2.left.stream().mapToInt(i -> i).toArray());
        assertArrayEquals(StudyFixtures.doubles(tree.get("value")), ours2.value.stream().mapToDouble(d -> d)
                .toArray(), 1e-12);
    }

    @Test
    void defaultForestAgreesWithOptunaInDistribution() throws IOException {
        JsonObject def = StudyFixtures.load("fanova.json").getAsJsonObject("default");
        List<TrialSnapshot> trials = trials(def.getAsJsonArray("trials"));
        SearchSpace space = space(true);
        int seeds = 20;
        Map<String, Double> mean = new LinkedHashMap<>();
        for (long seed = 0; seed < seeds; seed++) {
            Map<String, Double> imp = FanovaImportance.evaluate(space, trials, seed);
            assertEquals(1.0, imp.values().stream().mapToDouble(d -> d).sum(), 1e-12);
            imp.forEach((k, v) -> mean.merge(k, v / seeds, Double::sum));
        }
        JsonObject summary = def.getAsJsonObject("summary");
        List<String> optunaRanking = new ArrayList<>(List.of("c", "n", "x", "y"));
        optunaRanking.sort((a, b) -> Double.compare(summary.getAsJsonObject(b).get("mean").getAsDouble(),
                summary.getAsJsonObject(a).get("mean").getAsDouble()));
        List<String> ours = new ArrayList<>(mean.keySet());
        ours.sort((a, b) -> Double.compare(mean.get(b), mean.get(a)));
        assertEquals(optunaRanking, ours, "the ranking of clearly different parameters");
        StringBuilder report = new StringBuilder();
        for (String p : optunaRanking) {
            JsonObject s = summary.getAsJsonObject(p);
            double m = s.get("mean").getAsDouble();
            double sd = s.get("std").getAsDouble();
            // Both means average 20 forests whose spread over seeds is sd: their difference has a standard deviation
            // of about sd * sqrt(2 / 20); allow 5 of those, plus 0.005 for the tiny importances whose spread is small.
            double tol = 5 * sd * Math.sqrt(2.0 / seeds) + 0.005;
            report.append(String.format("%s: ours %.4f, Optuna %.4f +- %.4f (tolerance %.4f)%n", p, mean.get(p), m,
                    sd, tol));
            assertTrue(Math.abs(mean.get(p) - m) <= tol, () -> report.toString());
        }
        System.out.print("fANOVA vs Optuna (mean of 20 seeds):\n" + report);
    }

    @Test
    void needsTwoTrialsWithDifferentValues() {
        SearchSpace space = space(false);
        Map<String, JsonElement> p = new LinkedHashMap<>();
        p.put("n", new JsonPrimitive(1));
        p.put("x", new JsonPrimitive(0.5));
        p.put("y", new JsonPrimitive(0.1));
        List<TrialSnapshot> one = List.of(StudyFixtures.trial(0, TrialState.COMPLETE, 1.0, Map.of(), p));
        assertThrows(IllegalArgumentException.class, () -> FanovaImportance.evaluate(space, one, 0));
        List<TrialSnapshot> same = List.of(one.get(0), StudyFixtures.trial(1, TrialState.COMPLETE, 1.0, Map.of(),
                p));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FanovaImportance.evaluate(space, same, 0));
        assertTrue(e.getMessage().contains("zero variance"), e.getMessage());
    }
}
