package dev.tunebench.engine.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator on the in-process executor double: push (one submission per trial, K at once) and pull (workers
 * that ask for trials), with submissions that die without telling their trial.
 */
class StudyRunnerTest {
    @TempDir
    Path tmp;

    private static SweepSpec sweep(int trials, int retries) {
        Map<String, Distribution> d = new LinkedHashMap<>();
        d.put("optimizer.learningRate", new FloatDistribution(1e-4, 1e-2, null, true));
        d.put("training.batchSize", new ChoiceDistribution(List.of(new JsonPrimitive(16), new JsonPrimitive(32))));
        return new SweepSpec("test", null, new SweepSpec.Objective("val_loss", Direction.MIN),
                new SweepSpec.Budget(trials, null), new SweepSpec.SamplerSpec("tpe", 7L, Map.of()),
                new SweepSpec.PrunerSpec("median", Map.of()), 2, retries, new SearchSpace(d));
    }

    /** A fake training: 6 epochs of a curve that depends on the learning rate; the pruner may stop it. */
    private static StudyWorker.Outcome train(Trial t, StudyWorker.Reporter reporter) {
        double lr = t.params().get("optimizer.learningRate").getAsDouble();
        double best = Double.NaN;
        for (int e = 1; e <= 6; e++) {
            double v = Math.abs(Math.log10(lr) + 3) + 1.0 / e;
            best = Double.isNaN(best) ? v : Math.min(best, v);
            if (reporter.report(e, v).prune()) {
                return StudyWorker.Outcome.pruned();
            }
        }
        return StudyWorker.Outcome.complete(best);
    }

    private static StudyRunner.Commands commands() {
        return new StudyRunner.Commands() {
            @Override
            public List<String> trial(Path folder, Trial trial, String worker) {
                return List.of("sweep", "--trial", folder.toString(), Integer.toString(trial.number()));
            }

            @Override
            public List<String> worker(Path folder, String worker) {
                return List.of("sweep", "--worker", folder.toString(), "--worker-id", worker);
            }
        };
    }

    @Test
    void pushRunsKTrialsAtOnceAndFailsTheOnesWhoseChildDied() throws Exception {
        Path dir = tmp.resolve("s");
        Set<Integer> crash = Set.of(3, 8);
        Set<Integer> active = ConcurrentHashMap.newKeySet();
        int[] maxActive = {0};
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (Study study = Study.create(dir, sweep(14, 1));
             InProcessExecutor exec = new InProcessExecutor(TrialExecutor.Mode.PUSH, 2, req -> {
                 active.add(req.trial());
                 synchronized (maxActive) {
                     maxActive[0] = Math.max(maxActive[0], active.size());
                 }
                 try (Study child = Study.open(req.studyFolder())) {
                     TrialSnapshot t = child.snapshot().trials().get(req.trial());
                     if (crash.contains(t.number())) {
                         child.report(t.number(), 1, 5.0);
                         return 137;
                     }
                     Trial trial = new Trial(t.number(), t.params(), t.runFolder(), t.retryOf());
                     StudyWorker.runOne(child, trial, StudyRunnerTest::train);
                     return 0;
                 } finally {
                     active.remove(req.trial());
                 }
             })) {
            StudyRunner.Summary s = new StudyRunner(study, exec, commands(), log::add, 0).run();
            StudySnapshot snap = study.snapshot();
            assertEquals(2, s.failed(), log.toString());
            assertEquals(2, s.failedWork());
            assertTrue(snap.done(System.currentTimeMillis()));
            assertEquals(14, snap.budget(System.currentTimeMillis()).trialsCounted());
            assertEquals(16, snap.trials().size(), "two crashed trials were run again");
            assertTrue(maxActive[0] <= 2, "at most K trials at once");
            for (int c : crash) {
                TrialSnapshot t = snap.trials().get(c);
                assertEquals(TrialState.FAILED, t.state());
                assertTrue(t.error().startsWith("killed by SIGKILL"), t.error());
            }
            assertEquals(List.of("sweep", "--trial", dir.toString(), "0"), exec.submitted.get(0).command());
            assertTrue(snap.trials(TrialState.PRUNED).size() + snap.trials(TrialState.COMPLETE).size() == 14);
        }
    }

    @Test
    void pullWorkersShareTheStudyAndAKilledWorkersTrialIsRetried() throws Exception {
        Path dir = tmp.resolve("s");
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (Study study = Study.create(dir, sweep(20, 1));
             InProcessExecutor exec = new InProcessExecutor(TrialExecutor.Mode.PULL, 3, req -> {
                 try (Study child = Study.open(req.studyFolder())) {
                     if (req.workerId().equals("w2")) {
                         // Killed in the middle of its second trial.
                         StudyWorker.run(child, req.workerId(), StudyRunnerTest::train, () -> false);
                         return 0;
                     }
                     if (req.workerId().equals("w3")) {
                         child.ask("w3").orElseThrow();
                         Trial t = child.ask("w3").orElseThrow();
                         child.report(t.number(), 1, 1.0);
                         return 137;
                     }
                     StudyWorker.run(child, req.workerId(), StudyRunnerTest::train, () -> false);
                     return 0;
                 }
             })) {
            StudyRunner.Summary s = new StudyRunner(study, exec, commands(), log::add, 1).run();
            StudySnapshot snap = study.snapshot();
            assertTrue(snap.done(System.currentTimeMillis()), snap.budget(System.currentTimeMillis()).toString());
            assertEquals(2, s.failed(), "the killed worker held two RUNNING trials: " + log);
            assertEquals(20, snap.budget(System.currentTimeMillis()).trialsCounted());
            long retries = snap.trials().stream().filter(t -> t.retryOf() != null).count();
            assertEquals(2, retries);
            assertTrue(snap.trials().stream().filter(t -> t.state() == TrialState.FAILED)
                    .allMatch(t -> t.worker().equals("w3") && t.error().contains("killed by SIGKILL")));
            assertTrue(s.submitted() >= 3);
            assertEquals(List.of("sweep", "--worker", dir.toString(), "--worker-id", "w1"),
                    exec.submitted.get(0).command());
        }
    }
}
