package dev.tunebench.engine.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Grid, random and TPE: determinism, coverage, and TPE's behaviour on known functions next to Optuna's. */
class SamplerTest {

    private static SearchSpace space(Object... pairs) {
        Map<String, Distribution> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Distribution) pairs[i + 1]);
        }
        return new SearchSpace(m);
    }

    private static ChoiceDistribution choice(Object... v) {
        List<JsonElement> l = new ArrayList<>();
        for (Object o : v) {
            l.add(o instanceof String s ? new JsonPrimitive(s) : new JsonPrimitive((Number) o));
        }
        return new ChoiceDistribution(l);
    }

    /** Runs a sampler sequentially on an objective; returns the trials. */
    static List<TrialSnapshot> optimise(Sampler sampler, SearchSpace space, int n,
                                        ToDoubleFunction<Map<String, JsonElement>> f) {
        List<TrialSnapshot> trials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, JsonElement> p = sampler.sample(space, trials, i).orElseThrow();
            trials.add(StudyFixtures.trial(i, TrialState.COMPLETE, f.applyAsDouble(p), Map.of(), p));
        }
        return trials;
    }

    static double best(List<TrialSnapshot> trials, int upTo) {
        return trials.subList(0, upTo).stream().mapToDouble(TrialSnapshot::value).min().orElseThrow();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    @Test
    void gridTakesEveryPointOnceInNestedLoopOrder() {
        SearchSpace space = space("a", choice("x", "y"), "b", new IntDistribution(1, 5, 2, false),
                "c", new FloatDistribution(0, 0.2, 0.1, false), "d", new FixedDistribution(new JsonPrimitive(7)));
        assertEquals(18, GridSampler.size(space));
        GridSampler grid = new GridSampler();
        List<TrialSnapshot> trials = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            Map<String, JsonElement> p = grid.sample(space, trials, i).orElseThrow();
            seen.add(p.get("a").getAsString() + p.get("b").getAsInt() + "/" + p.get("c").getAsDouble());
            assertEquals(7, p.get("d").getAsInt());
            // A running trial holds its point too.
            trials.add(StudyFixtures.trial(i, i % 3 == 0 ? TrialState.RUNNING : TrialState.COMPLETE, 1.0, Map.of(),
                    p));
        }
        assertEquals(List.of("x1/0.0", "x1/0.1", "x1/0.2", "x3/0.0"), seen.subList(0, 4));
        assertEquals("y5/0.2", seen.get(17));
        assertEquals(18, new HashSet<>(seen).size());
        assertTrue(grid.sample(space, trials, 18).isEmpty(), "the grid is exhausted");
        // A point freed (its trial was never asked) is taken again first.
        trials.remove(4);
        assertEquals(seen.get(4), grid.sample(space, trials, 18).map(p -> p.get("a").getAsString()
                + p.get("b").getAsInt() + "/" + p.get("c").getAsDouble()).orElseThrow());
    }

    @Test
    void gridRefusesAContinuousRange() {
        SearchSpace space = space("lr", new FloatDistribution(1e-4, 1e-2, null, true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GridSampler.size(space));
        assertEquals("lr is a continuous float range, which has no grid; give it a step or list the values as a "
                + "choice", e.getMessage());
    }

    @Test
    void randomIsDeterministicPerSeedAndTrialAndCoversTheRanges() {
        SearchSpace space = space("lr", new FloatDistribution(1e-4, 1e-2, null, true),
                "n", new IntDistribution(1, 1024, 1, true), "s", new IntDistribution(16, 128, 16, false),
                "f", new FloatDistribution(0, 1, 0.25, false), "k", choice("ADAMW", "RADAM", "SGD"));
        RandomSampler a = new RandomSampler(11);
        RandomSampler b = new RandomSampler(11);
        List<TrialSnapshot> none = List.of();
        for (int i = 0; i < 5; i++) {
            assertEquals(a.sample(space, none, i), b.sample(space, none, i), "same seed, same trial, same values");
        }
        assertEquals(a.sample(space, none, 3), a.sample(space, List.of(StudyFixtures.trial(0, TrialState.COMPLETE,
                1.0, Map.of(), Map.of())), 3), "trial n's values do not depend on the history");
        assertNotEquals(a.sample(space, none, 0), new RandomSampler(12).sample(space, none, 0));
        assertNotEquals(a.sample(space, none, 0), a.sample(space, none, 1));
        Set<String> kinds = new HashSet<>();
        Set<Double> steps = new HashSet<>();
        int lowDecade = 0;
        int n = 3000;
        for (int i = 0; i < n; i++) {
            Map<String, JsonElement> p = a.sample(space, none, i).orElseThrow();
            assertTrue(space.contains(p), p.toString());
            kinds.add(p.get("k").getAsString());
            steps.add(p.get("f").getAsDouble());
            if (p.get("lr").getAsDouble() < 1e-3) {
                lowDecade++;
            }
        }
        assertEquals(Set.of("ADAMW", "RADAM", "SGD"), kinds);
        assertEquals(Set.of(0.0, 0.25, 0.5, 0.75, 1.0), steps);
        assertEquals(0.5, lowDecade / (double) n, 0.04, "log-uniform: half the draws in the lower decade");
    }

    @Test
    void tpeStartsLikeRandomThenConcentratesOnTheGoodRegion() {
        SearchSpace space = space("x", new FloatDistribution(-10, 10, null, false));
        TpeSampler tpe = new TpeSampler(3, Direction.MIN, TpeSampler.Options.defaults());
        RandomSampler random = new RandomSampler(3);
        List<TrialSnapshot> trials = optimise(tpe, space, 60, p -> Math.pow(p.get("x").getAsDouble() - 2, 2));
        for (int i = 0; i < 10; i++) {
            assertEquals(random.sample(space, List.of(), i).orElseThrow(), trials.get(i).params(),
                    "startup trial " + i + " is the random sampler's");
        }
        // Trials 30-59 within 1 of the minimum: random puts 10% (3) there; Optuna 3.1's TPE a median of 13 over
        // seeds 0-19 (measured with the same objective); ours too.
        double[] near = new double[20];
        for (int seed = 0; seed < near.length; seed++) {
            near[seed] = optimise(new TpeSampler(seed, Direction.MIN, TpeSampler.Options.defaults()), space, 60,
                    p -> Math.pow(p.get("x").getAsDouble() - 2, 2)).subList(30, 60).stream()
                    .filter(t -> Math.abs(t.params().get("x").getAsDouble() - 2) < 1).count();
        }
        assertTrue(median(near) >= 11, "TPE concentrates near the minimum: median " + median(near) + " of 30");
        assertEquals(trials, optimise(new TpeSampler(3, Direction.MIN, TpeSampler.Options.defaults()), space, 60,
                p -> Math.pow(p.get("x").getAsDouble() - 2, 2)), "same seed, same trial sequence");
        // For MAX the same objective negated leads to the same region.
        List<TrialSnapshot> max = optimise(new TpeSampler(3, Direction.MAX, TpeSampler.Options.defaults()), space,
                60, p -> -Math.pow(p.get("x").getAsDouble() - 2, 2));
        long nearMax = max.subList(30, 60).stream().filter(t -> Math.abs(t.params().get("x").getAsDouble() - 2) < 1)
                .count();
        assertTrue(nearMax >= 8, "MAX: " + nearMax);
    }

    @Test
    void tpeFindsTheGoodChoiceAndIntegerRegion() {
        SearchSpace space = space("k", choice("bad", "good", "meh"), "n", new IntDistribution(1, 64, 1, true));
        List<TrialSnapshot> trials = optimise(new TpeSampler(5, Direction.MIN, TpeSampler.Options.defaults()), space,
                60, p -> (p.get("k").getAsString().equals("good") ? 0 : 1) + Math.abs(Math.log(p.get("n").getAsInt()
                        / 8.0)));
        long good = trials.subList(30, 60).stream().filter(t -> t.params().get("k").getAsString().equals("good"))
                .count();
        assertTrue(good >= 20, "good chosen " + good + " of 30 times");
    }

    @Test
    void tpeIsAtLeastAsGoodAsOptunasOnKnownFunctions() throws IOException {
        JsonObject ref = StudyFixtures.load("tpe_reference.json").getAsJsonObject("runs");
        int seeds = 20;
        int n = 30;
        Map<String, SearchSpace> spaces = Map.of(
                "quadratic1d", space("x", new FloatDistribution(-10, 10, null, false)),
                "branin", space("x1", new FloatDistribution(-5, 10, null, false), "x2",
                        new FloatDistribution(0, 15, null, false)));
        Map<String, ToDoubleFunction<Map<String, JsonElement>>> fs = Map.of(
                "quadratic1d", p -> Math.pow(p.get("x").getAsDouble() - 2, 2),
                "branin", p -> Functions.branin(p.get("x1").getAsDouble(), p.get("x2").getAsDouble()));
        for (String name : List.of("quadratic1d", "branin")) {
            double[] ours = new double[seeds];
            double[] random = new double[seeds];
            for (int s = 0; s < seeds; s++) {
                ours[s] = best(optimise(new TpeSampler(s, Direction.MIN, TpeSampler.Options.defaults()),
                        spaces.get(name), n, fs.get(name)), n);
                random[s] = best(optimise(new RandomSampler(s), spaces.get(name), n, fs.get(name)), n);
            }
            double[] optuna = new double[seeds];
            var runs = ref.getAsJsonObject(name).getAsJsonObject("tpe").getAsJsonArray("best_so_far");
            for (int s = 0; s < seeds; s++) {
                optuna[s] = runs.get(s).getAsJsonArray().get(n - 1).getAsDouble();
            }
            double[] sorted = optuna.clone();
            Arrays.sort(sorted);
            double optunaQ3 = sorted[(int) (0.75 * seeds)];
            String msg = String.format("%s after %d trials, median of %d seeds: ours %.4g, Optuna %.4g (75th "
                    + "percentile %.4g), our random %.4g", name, n, seeds, median(ours), median(optuna), optunaQ3,
                    median(random));
            System.out.println(msg);
            assertTrue(median(ours) <= optunaQ3, msg);
            assertTrue(median(ours) < median(random), msg);
        }
    }
}
