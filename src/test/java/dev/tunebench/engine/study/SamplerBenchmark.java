package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints, side by side in one run: our TPE, our random sampler and Optuna 3.1's TPE and random sampler (from the
 * committed tpe_reference.json, same seeds 0-19) on Branin, Hartmann-6 and the recorded table of 30 real cnn-digits
 * runs (digits_curves.json), as the median over 20 seeds of the best value after 30 and 100 trials; and the
 * sampler's own time per trial, alone and through a real study (journal, lock, fsync), next to the shortest
 * recorded trial. Not a timed test: it prints and never fails on speed.
 *
 * <p>Run: {@code mvn -B -o test -DexcludedTestGroups=none -Dgroups=benchmark -Dtest=SamplerBenchmark}
 */
@Tag("benchmark")
class SamplerBenchmark {
    private static final int SEEDS = 20;
    private static final int TRIALS = 100;

    private record Problem(String name, SearchSpace space, ToDoubleFunction<Map<String, JsonElement>> f) {
    }

    @Test
    void tpeVsRandomVsOptuna() throws Exception {
        JsonObject ref = StudyFixtures.load("tpe_reference.json");
        List<Problem> problems = new ArrayList<>();
        Map<String, Distribution> b = new LinkedHashMap<>();
        b.put("x1", new FloatDistribution(-5, 10, null, false));
        b.put("x2", new FloatDistribution(0, 15, null, false));
        problems.add(new Problem("branin", new SearchSpace(b), p -> Functions.branin(p.get("x1").getAsDouble(),
                p.get("x2").getAsDouble())));
        Map<String, Distribution> h = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            h.put("x" + i, new FloatDistribution(0, 1, null, false));
        }
        problems.add(new Problem("hartmann6", new SearchSpace(h), p -> {
            double[] x = new double[6];
            for (int i = 0; i < 6; i++) {
                x[i] = p.get("x" + i).getAsDouble();
            }
            return Functions.hartmann6(x);
        }));
        // The recorded table: each run's best val_loss, looked up by its parameters.
        JsonObject table = StudyFixtures.load("digits_curves.json");
        Map<String, Double> lookup = new HashMap<>();
        double shortest = Double.MAX_VALUE;
        for (JsonElement e : table.getAsJsonArray("runs")) {
            JsonObject r = e.getAsJsonObject();
            double best = Double.MAX_VALUE;
            for (JsonElement v : r.getAsJsonArray("val_loss")) {
                if (!Double.isNaN(v.getAsDouble())) {
                    best = Math.min(best, v.getAsDouble());
                }
            }
            lookup.put(key(r.getAsJsonObject("params")), best);
            shortest = Math.min(shortest, r.get("seconds").getAsDouble());
        }
        Map<String, Distribution> d = new LinkedHashMap<>();
        JsonObject choices = ref.getAsJsonObject("choices").getAsJsonObject("digits");
        for (String k : List.of("optimizer.learningRate", "training.batchSize", "optimizer.weightDecay")) {
            List<JsonElement> vs = new ArrayList<>();
            choices.getAsJsonArray(k).forEach(vs::add);
            d.put(k, new ChoiceDistribution(vs));
        }
        problems.add(new Problem("digits", new SearchSpace(d), p -> {
            JsonObject o = new JsonObject();
            p.forEach(o::add);
            return lookup.get(key(o));
        }));

        System.out.println();
        System.out.printf("%-10s %-8s %14s %14s%n", "problem", "sampler", "best@30", "best@100");
        long tpeNanos = 0;
        long tpeCalls = 0;
        for (Problem pr : problems) {
            double[][] ours = new double[2][SEEDS];
            double[][] ours100 = new double[2][SEEDS];
            for (int s = 0; s < SEEDS; s++) {
                long t0 = System.nanoTime();
                List<TrialSnapshot> tpe = SamplerTest.optimise(new TpeSampler(s, Direction.MIN,
                        TpeSampler.Options.defaults()), pr.space(), TRIALS, pr.f());
                tpeNanos += System.nanoTime() - t0;
                tpeCalls += TRIALS;
                List<TrialSnapshot> rnd = SamplerTest.optimise(new RandomSampler(s), pr.space(), TRIALS, pr.f());
                ours[0][s] = SamplerTest.best(tpe, 30);
                ours100[0][s] = SamplerTest.best(tpe, TRIALS);
                ours[1][s] = SamplerTest.best(rnd, 30);
                ours100[1][s] = SamplerTest.best(rnd, TRIALS);
            }
            JsonObject runs = ref.getAsJsonObject("runs").getAsJsonObject(pr.name());
            double[][] opt = new double[2][SEEDS];
            double[][] opt100 = new double[2][SEEDS];
            String[] kinds = {"tpe", "random"};
            for (int k = 0; k < 2; k++) {
                var bs = runs.getAsJsonObject(kinds[k]).getAsJsonArray("best_so_far");
                for (int s = 0; s < SEEDS; s++) {
                    opt[k][s] = bs.get(s).getAsJsonArray().get(29).getAsDouble();
                    opt100[k][s] = bs.get(s).getAsJsonArray().get(TRIALS - 1).getAsDouble();
                }
            }
            row(pr.name(), "ours tpe", ours[0], ours100[0]);
            row("", "optuna tpe", opt[0], opt100[0]);
            row("", "ours rand", ours[1], ours100[1]);
            row("", "optuna rand", opt[1], opt100[1]);
            System.out.printf("%-10s optuna TPE time per trial (objective included): %.2f ms%n", "",
                    runs.getAsJsonObject("tpe").get("seconds_per_trial").getAsDouble() * 1000);
        }
        // Branin over 100 seeds: how much of the 20-seed difference is noise.
        var many = StudyFixtures.load("tpe_reference_branin100.json").getAsJsonObject("runs")
                .getAsJsonObject("branin").getAsJsonObject("tpe").getAsJsonArray("best_so_far");
        double[][] o = new double[2][many.size()];
        double[][] u = new double[2][many.size()];
        for (int s = 0; s < many.size(); s++) {
            o[0][s] = many.get(s).getAsJsonArray().get(29).getAsDouble();
            o[1][s] = many.get(s).getAsJsonArray().get(TRIALS - 1).getAsDouble();
            List<TrialSnapshot> tpe = SamplerTest.optimise(new TpeSampler(s, Direction.MIN,
                    TpeSampler.Options.defaults()), problems.get(0).space(), TRIALS, problems.get(0).f());
            u[0][s] = SamplerTest.best(tpe, 30);
            u[1][s] = SamplerTest.best(tpe, TRIALS);
        }
        System.out.printf("%-10s %-12s %10.5f %14.5f   (100 seeds)%n", "branin", "ours tpe", SamplerTest.median(u[0]),
                SamplerTest.median(u[1]));
        System.out.printf("%-10s %-12s %10.5f %14.5f   (100 seeds)%n", "", "optuna tpe", SamplerTest.median(o[0]),
                SamplerTest.median(o[1]));
        double perTrialMs = tpeNanos / 1e6 / tpeCalls;
        // Through a real study: ask (lock, replay, TPE, fsync'd append), 20 reports, tell.
        Path dir = Files.createTempDirectory("sampler-bench");
        long t0 = System.nanoTime();
        try (Study study = Study.create(dir.resolve("s"), TestSweeps.sweep(problems.get(1).space(), "tpe", 1,
                TRIALS, 0).withPruner(new SweepSpec.PrunerSpec("median", Map.of())))) {
            for (int i = 0; i < TRIALS; i++) {
                Trial t = study.ask("bench").orElseThrow();
                double v = problems.get(1).f().applyAsDouble(t.params());
                for (int e = 1; e <= 20; e++) {
                    study.report(t.number(), e, v + 1.0 / e);
                }
                study.tell(t.number(), TrialState.COMPLETE, v, null);
            }
        }
        double studyMs = (System.nanoTime() - t0) / 1e6 / TRIALS;
        System.out.printf("our TPE sampler: %.2f ms per trial (mean over %d trials of the three problems)%n",
                perTrialMs, tpeCalls);
        System.out.printf("a real study, per trial of 20 epochs (ask + 20 reports with the median pruner + tell, "
                + "journal fsync'd): %.2f ms%n", studyMs);
        System.out.printf("shortest recorded cnn-digits trial: %.2f s; sampler %.4f%% of it, study bookkeeping "
                + "%.3f%% of it (target: under 1%%)%n", shortest, 100 * perTrialMs / (shortest * 1000),
                100 * studyMs / (shortest * 1000));
    }

    private static String key(JsonObject params) {
        return params.get("optimizer.learningRate").getAsDouble() + "/"
                + params.get("training.batchSize").getAsInt() + "/"
                + params.get("optimizer.weightDecay").getAsDouble();
    }

    private static void row(String problem, String sampler, double[] at30, double[] at100) {
        System.out.printf("%-10s %-12s %10.5f %14.5f%n", problem, sampler, SamplerTest.median(at30),
                SamplerTest.median(at100));
    }
}
