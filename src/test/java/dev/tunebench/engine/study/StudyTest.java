package dev.tunebench.engine.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study's journal and bookkeeping: replay, torn and damaged lines, budgets, retries, resume. */
class StudyTest {
    @TempDir
    Path tmp;

    private static SearchSpace space() {
        Map<String, Distribution> d = new LinkedHashMap<>();
        d.put("optimizer.learningRate", new FloatDistribution(1e-4, 1e-2, null, true));
        d.put("training.batchSize", new ChoiceDistribution(List.of(new JsonPrimitive(16), new JsonPrimitive(32))));
        d.put("training.epochs", new FixedDistribution(new JsonPrimitive(20)));
        return new SearchSpace(d);
    }

    @Test
    void replayRebuildsTheStudyExactly() throws IOException {
        Path dir = tmp.resolve("s");
        try (Study s = Study.create(dir, TestSweeps.sweep(space(), "tpe", 5, 12, 0), TestSweeps.ticking())) {
            for (int i = 0; i < 12; i++) {
                Trial t = s.ask("w1").orElseThrow();
                assertEquals(i, t.number());
                assertEquals("trials/" + String.format("%04d", i), t.runFolder());
                assertEquals(new JsonPrimitive(20), t.params().get("training.epochs"));
                double lr = t.params().get("optimizer.learningRate").getAsDouble();
                for (int e = 1; e <= 3; e++) {
                    s.report(i, e, Math.abs(Math.log10(lr) + 3) + 1.0 / e);
                }
                if (i % 5 == 4) {
                    s.tell(i, TrialState.FAILED, null, "out of memory");
                } else {
                    s.tell(i, TrialState.COMPLETE, Math.abs(Math.log10(lr) + 3), null);
                }
            }
            assertTrue(s.ask("w1").isEmpty(), "the budget of 12 trials is spent");
            StudySnapshot live = s.snapshot();
            StudySnapshot replayed = Study.read(dir);
            assertEquals(live.trials(), replayed.trials());
            assertEquals(live.spec(), replayed.spec());
            try (Study reopened = Study.open(dir)) {
                assertEquals(live.trials(), reopened.snapshot().trials());
            }
            assertEquals(10, live.trials(TrialState.COMPLETE).size());
            assertEquals("out of memory", live.trials().get(4).error());
            assertTrue(live.best().isPresent());
            assertEquals(List.of(1, 2, 3), List.copyOf(live.trials().get(0).intermediate().keySet()));
            assertTrue(live.warnings().isEmpty(), live.warnings().toString());
            // Every line is one JSON object with its checksum.
            for (String line : Files.readAllLines(dir.resolve(StudyJournal.FILE))) {
                assertTrue(line.matches("\\{\"type\":\".*,\"crc32\":\"[0-9a-f]{8}\"}"), line);
            }
        }
    }

    @Test
    void aReaderFollowsTheStudyAsWorkersAppend() {
        Path dir = tmp.resolve("s");
        try (Study s = Study.create(dir, TestSweeps.sweep(space(), "random", 1, 10, 0));
             StudyReader reader = StudyReader.open(dir)) {
            assertEquals(0, reader.refresh().trials().size());
            s.ask("w");
            s.report(0, 1, 0.7);
            StudySnapshot one = reader.refresh();
            assertEquals(1, one.trials().size());
            assertEquals(0.7, one.trials().get(0).intermediate().get(1));
            s.tell(0, TrialState.COMPLETE, 0.7, null);
            s.ask("w");
            StudySnapshot two = reader.refresh();
            assertEquals(TrialState.COMPLETE, two.trials().get(0).state());
            assertEquals(2, two.trials().size());
            assertEquals(s.snapshot().trials(), two.trials());
        }
    }

    @Test
    void tornLastLineIsIgnoredThenCutOffByTheNextWriter() throws IOException {
        Path dir = tmp.resolve("s");
        try (Study s = Study.create(dir, TestSweeps.sweep(space(), "random", 1, 10, 0))) {
            s.ask("w");
            s.report(0, 1, 0.5);
        }
        Path journal = dir.resolve(StudyJournal.FILE);
        List<String> before = Files.readAllLines(journal);
        // A writer killed half way through its line.
        String torn = StudyJournal.encode(com.google.gson.JsonParser.parseString(
                "{\"type\":\"finish\",\"trial\":0,\"state\":\"COMPLETE\",\"value\":0.5,\"at\":1}").getAsJsonObject());
        Files.writeString(journal, torn.substring(0, torn.length() / 2), StandardOpenOption.APPEND);
        StudySnapshot snap = Study.read(dir);
        assertEquals(TrialState.RUNNING, snap.trials().get(0).state(), "the torn finish did not happen");
        assertTrue(snap.warnings().isEmpty(), "a torn last line is not an error: " + snap.warnings());
        try (Study s = Study.open(dir)) {
            s.tell(0, TrialState.COMPLETE, 0.4, null);
            assertTrue(s.snapshot().warnings().stream().anyMatch(w -> w.contains("cut off a torn last line")));
        }
        List<String> after = Files.readAllLines(journal);
        assertEquals(before, after.subList(0, before.size()), "committed lines are untouched");
        assertEquals(before.size() + 1, after.size(), "the torn bytes are gone, the new line follows");
        assertEquals(0.4, Study.read(dir).trials().get(0).value());
    }

    @Test
    void damagedLineIsSkippedWithAWarning() throws IOException {
        Path dir = tmp.resolve("s");
        try (Study s = Study.create(dir, TestSweeps.sweep(space(), "random", 1, 10, 0))) {
            s.ask("w");
            s.tell(0, TrialState.COMPLETE, 0.3, null);
            s.ask("w");
        }
        Path journal = dir.resolve(StudyJournal.FILE);
        List<String> lines = Files.readAllLines(journal);
        // Flip the value of the finish record: the checksum no longer matches.
        lines.set(2, lines.get(2).replace("0.3", "0.2"));
        Files.write(journal, lines, StandardCharsets.UTF_8);
        StudySnapshot snap = Study.read(dir);
        assertEquals(TrialState.RUNNING, snap.trials().get(0).state());
        assertEquals(1, snap.warnings().size());
        assertTrue(snap.warnings().get(0).contains("line 3: checksum mismatch"), snap.warnings().get(0));
    }

    @Test
    void finishedTrialsCannotEndTwiceButTheSameTellIsIdempotent() {
        try (Study s = Study.create(tmp.resolve("s"), TestSweeps.sweep(space(), "random", 1, 10, 0))) {
            s.ask("w");
            TrialSnapshot done = s.tell(0, TrialState.COMPLETE, 0.3, null);
            assertEquals(done, s.tell(0, TrialState.COMPLETE, 0.3, null), "a repeated tell changes nothing");
            StudyException e = assertThrows(StudyException.class, () -> s.tell(0, TrialState.FAILED, null, "x"));
            assertEquals("trial 0 already ended COMPLETE; it cannot end FAILED", e.getMessage());
            StudyException r = assertThrows(StudyException.class, () -> s.report(0, 1, 0.1));
            assertTrue(r.getMessage().startsWith("cannot report on trial 0: it already ended COMPLETE"));
            assertEquals(1, s.snapshot().trials(TrialState.COMPLETE).size());
        }
    }

    @Test
    void nanObjectiveFailsAndPrunedTakesItsLastValue() {
        try (Study s = Study.create(tmp.resolve("s"), TestSweeps.sweep(space(), "random", 1, 10, 0))) {
            s.ask("w");
            assertEquals(TrialState.FAILED, s.tell(0, TrialState.COMPLETE, Double.NaN, null).state());
            assertEquals("the objective val_loss is NaN", s.snapshot().trials().get(0).error());
            s.ask("w");
            s.report(1, 1, 0.9);
            s.report(1, 2, 0.7);
            TrialSnapshot p = s.tell(1, TrialState.PRUNED, null, null);
            assertEquals(0.7, p.value(), "as Optuna 3.1: a pruned trial's value is its last intermediate value");
        }
    }

    @Test
    void failedTrialsAreRetriedWithTheirParametersAndDoNotUseTheBudget() {
        try (Study s = Study.create(tmp.resolve("s"), TestSweeps.sweep(space(), "random", 1, 3, 1))) {
            Trial t0 = s.ask("w").orElseThrow();
            s.tell(0, TrialState.FAILED, null, "exit code 137");
            Trial retry = s.ask("w").orElseThrow();
            assertEquals(1, retry.number());
            assertEquals(0, retry.retryOf());
            assertEquals(t0.params(), retry.params());
            s.tell(1, TrialState.FAILED, null, "exit code 137 again");
            Trial next = s.ask("w").orElseThrow();
            assertNull(next.retryOf(), "one retry only: the third attempt is not made");
            s.tell(2, TrialState.COMPLETE, 1.0, null);
            Trial last = s.ask("w").orElseThrow();
            s.tell(last.number(), TrialState.COMPLETE, 2.0, null);
            assertTrue(s.ask("w").isEmpty());
            BudgetStatus b = s.snapshot().budget(System.currentTimeMillis());
            assertEquals(3, b.trialsCounted(), "the retried trial is not counted");
            assertEquals("3 of 3 trials", b.reason());
            assertEquals(4, s.snapshot().trials().size());
        }
    }

    @Test
    void resumeMarksRunningTrialsFailedAndQueuesThemAgain() {
        Path dir = tmp.resolve("s");
        AtomicLong clock = new AtomicLong(1_000_000);
        try (Study s = Study.create(dir, TestSweeps.sweep(space(), "random", 1, 5, 1), clock::get)) {
            s.ask("a");
            clock.addAndGet(5_000);
            s.report(0, 1, 0.5);
            s.ask("b");
            s.tell(1, TrialState.COMPLETE, 0.4, null);
        }
        clock.addAndGet(3_600_000);
        try (Study s = Study.open(dir, clock::get)) {
            List<TrialSnapshot> failed = s.resume();
            assertEquals(1, failed.size());
            TrialSnapshot t = failed.get(0);
            assertEquals(TrialState.FAILED, t.state());
            assertTrue(t.error().startsWith("interrupted"), t.error());
            assertEquals(5_000, t.durationMillis(), "the dead hour is not the trial's duration");
            assertEquals(0, s.ask("a").orElseThrow().retryOf());
            assertTrue(s.snapshot().studySeconds(clock.get()) < 10, "dead time is not study time");
        }
    }

    @Test
    void timeoutCountsOnlyTimeWithATrialRunning() {
        AtomicLong clock = new AtomicLong(0);
        SweepSpec sweep = TestSweeps.sweep(space(), "random", 1, null, 0).withBudget(new SweepSpec.Budget(null, 10L));
        try (Study s = Study.create(tmp.resolve("s"), sweep, clock::get)) {
            s.ask("w");
            clock.set(6_000);
            s.tell(0, TrialState.COMPLETE, 1.0, null);
            clock.set(100_000);
            s.ask("w");
            clock.set(103_000);
            s.tell(1, TrialState.COMPLETE, 1.0, null);
            assertEquals(9.0, s.snapshot().studySeconds(clock.get()), 1e-9);
            assertTrue(s.ask("w").isPresent(), "9 s of 10");
            clock.set(104_000);
            assertTrue(s.ask("w").isEmpty(), "10 s with a trial running");
            assertTrue(s.snapshot().budget(clock.get()).reason().startsWith("the timeout of 10 s is reached"));
        }
    }

    @Test
    void createRefusesAFolderWithAStudyAndOpenRefusesAnEmptyOne() {
        Path dir = tmp.resolve("s");
        Study.create(dir, TestSweeps.sweep(space(), "random", 1, 5, 0)).close();
        StudyException e = assertThrows(StudyException.class,
                () -> Study.create(dir, TestSweeps.sweep(space(), "random", 1, 5, 0)));
        assertTrue(e.getMessage().endsWith("already holds a study; resume it or choose another folder"));
        StudyException none = assertThrows(StudyException.class, () -> Study.open(tmp.resolve("empty")));
        assertTrue(none.getMessage().endsWith("holds no study (no journal.jsonl)"), none.getMessage());
    }

    @Test
    void aMissingSeedIsDrawnOnceAndRecorded() {
        SweepSpec sweep = TestSweeps.sweep(space(), "tpe", 1, 5, 0).withSampler(
                new SweepSpec.SamplerSpec("tpe", null, Map.of()));
        Path dir = tmp.resolve("s");
        Long seed;
        try (Study s = Study.create(dir, sweep)) {
            seed = s.spec().sampler().seed();
            assertTrue(seed != null);
        }
        assertEquals(seed, Study.read(dir).spec().sampler().seed());
    }

    @Test
    void twoStudyObjectsInOneProcessShareTheJournal() throws Exception {
        Path dir = tmp.resolve("s");
        try (Study a = Study.create(dir, TestSweeps.sweep(space(), "random", 1, 40, 0)); Study b = Study.open(dir)) {
            java.util.Set<Integer> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Thread[] threads = new Thread[4];
            for (int k = 0; k < threads.length; k++) {
                Study s = k % 2 == 0 ? a : b;
                threads[k] = new Thread(() -> {
                    while (true) {
                        var t = s.ask("t");
                        if (t.isEmpty()) {
                            return;
                        }
                        assertTrue(seen.add(t.get().number()), "trial " + t.get().number() + " handed out twice");
                        s.tell(t.get().number(), TrialState.COMPLETE, 1.0, null);
                    }
                });
                threads[k].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(40, seen.size());
            assertEquals(40, b.snapshot().trials(TrialState.COMPLETE).size());
            assertFalse(a.snapshot().warnings().iterator().hasNext());
        }
    }
}
