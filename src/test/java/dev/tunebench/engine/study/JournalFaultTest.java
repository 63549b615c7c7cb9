package dev.tunebench.engine.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal against real processes: a worker JVM killed with SIGKILL at random instants, again and again, never
 * loses or duplicates a committed trial; several worker JVMs contending for one study never get the same trial.
 */
class JournalFaultTest {
    private static final long SEED = 20260302L;

    @TempDir
    Path tmp;

    private static SearchSpace space() {
        Map<String, Distribution> d = new LinkedHashMap<>();
        d.put("optimizer.learningRate", new FloatDistribution(1e-4, 1e-2, null, true));
        d.put("training.batchSize", new ChoiceDistribution(List.of(new JsonPrimitive(16), new JsonPrimitive(32),
                new JsonPrimitive(64))));
        return new SearchSpace(d);
    }

    @Test
    void sigkillAtRandomInstantsNeverLosesOrDuplicatesATrial() throws Exception {
        Path dir = tmp.resolve("study");
        int budget = 80;
        Study.create(dir, TestSweeps.sweep(space(), "tpe", 3, budget, 1)).close();
        Random random = new Random(SEED);
        Map<Integer, Double> committed = new HashMap<>();
        List<TrialSnapshot> previous = List.of();
        int kills = 8;
        int interrupted = 0;
        boolean finished = false;
        int killed = 0;
        for (int life = 0; life <= kills; life++) {
            boolean last = life == kills;
            Process child = start(dir, "w" + life, 4, 8);
            try (BufferedReader out = reader(child)) {
                String ready = out.readLine();
                assertEquals("ready", ready, () -> "child did not start" + stderr(child));
                long lifeMillis = last ? 60_000 : 40 + random.nextInt(400);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lifeMillis);
                String line;
                while (System.nanoTime() < deadline && (line = readLine(out, child, deadline)) != null) {
                    if (line.startsWith("told ")) {
                        String[] p = line.split(" ");
                        Double before = committed.put(Integer.parseInt(p[1]), Double.parseDouble(p[2]));
                        assertEquals(null, before, "trial " + p[1] + " told twice");
                    } else if (line.equals("done")) {
                        finished = true;
                        break;
                    }
                }
                if (!last && !finished) {
                    killed++;
                    child.destroyForcibly();
                    assertTrue(child.waitFor(20, TimeUnit.SECONDS));
                    assertEquals(137, child.exitValue(), "killed by SIGKILL");
                } else {
                    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the last worker finishes the study");
                    assertEquals(0, child.exitValue(), stderr(child));
                }
            }
            // Every line but a torn last one is a valid record.
            List<String> lines = Files.readAllLines(dir.resolve(StudyJournal.FILE));
            StudySnapshot snap = Study.read(dir);
            assertTrue(snap.warnings().isEmpty(), "life " + life + ": " + snap.warnings());
            List<TrialSnapshot> trials = snap.trials();
            for (int i = 0; i < trials.size(); i++) {
                assertEquals(i, trials.get(i).number());
            }
            // What the child saw committed is in the journal, with its value.
            for (Map.Entry<Integer, Double> c : committed.entrySet()) {
                TrialSnapshot t = trials.get(c.getKey());
                assertEquals(TrialState.COMPLETE, t.state(), "life " + life + ": trial " + c.getKey());
                assertEquals(c.getValue(), t.value());
            }
            // Nothing that had finished changed; the journal only grew.
            for (TrialSnapshot p : previous) {
                if (p.state().finished()) {
                    assertEquals(p, trials.get(p.number()), "life " + life + ": a finished trial changed");
                }
            }
            // As `sweep --resume` would: the trial the killed worker held is FAILED and queued again.
            if (finished) {
                break;
            }
            if (!last) {
                try (Study s = Study.open(dir)) {
                    interrupted += s.resume().size();
                    previous = s.snapshot().trials();
                    assertTrue(previous.stream().noneMatch(t -> t.state() == TrialState.RUNNING));
                }
            } else {
                previous = trials;
            }
            assertTrue(lines.size() > 1);
        }
        StudySnapshot end = Study.read(dir);
        BudgetStatus b = end.budget(System.currentTimeMillis());
        assertTrue(b.spent(), b.toString());
        assertEquals(budget, b.trialsCounted());
        assertEquals(budget + end.retried(), end.trials().size());
        long complete = end.trials(TrialState.COMPLETE).size();
        long failedForGood = end.trials(TrialState.FAILED).stream().filter(t -> t.retryOf() != null).count();
        assertEquals(budget, complete + failedForGood, "every budget slot ended COMPLETE or failed its retry");
        for (TrialSnapshot t : end.trials(TrialState.COMPLETE)) {
            double lr = t.params().get("optimizer.learningRate").getAsDouble();
            assertEquals(Math.abs(Math.log10(lr) + 3) + t.params().get("training.batchSize").getAsInt() / 1000.0,
                    t.value(), 0.0, "trial " + t.number() + " holds its own value");
            assertEquals(4, t.intermediate().size());
        }
        // Retries re-run the parameters of the trial they replace.
        for (TrialSnapshot t : end.trials()) {
            if (t.retryOf() != null) {
                assertEquals(end.trials().get(t.retryOf()).params(), t.params());
            }
        }
        System.out.printf("journal fault test: %d kills, %d trials interrupted, %d committed by the children, "
                + "%d trials in all%n", killed, interrupted, committed.size(), end.trials().size());
        assertTrue(killed >= kills / 2 && interrupted >= 2, "the test must kill workers mid-study: " + killed
                + " kills, " + interrupted + " interrupted trials");
    }

    @Test
    void workerProcessesContendingForTrialsNeverGetTheSameOne() throws Exception {
        Path dir = tmp.resolve("study");
        int budget = 100;
        Study.create(dir, TestSweeps.sweep(space(), "random", 9, budget, 0)).close();
        int workers = 4;
        List<Process> children = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            children.add(start(dir, "w" + w, 0, 0));
        }
        Set<Integer> all = new HashSet<>();
        int[] perWorker = new int[workers];
        for (int w = 0; w < workers; w++) {
            Process p = children.get(w);
            try (BufferedReader out = reader(p)) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("got ")) {
                        int n = Integer.parseInt(line.substring(4));
                        assertTrue(all.add(n), "trial " + n + " was handed to two workers");
                        perWorker[w]++;
                    }
                }
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), stderr(p));
        }
        assertEquals(budget, all.size());
        for (int n = 0; n < budget; n++) {
            assertTrue(all.contains(n));
        }
        StudySnapshot end = Study.read(dir);
        assertEquals(budget, end.trials(TrialState.COMPLETE).size());
        assertTrue(end.warnings().isEmpty(), end.warnings().toString());
        Map<String, Integer> byWorker = new HashMap<>();
        end.trials().forEach(t -> byWorker.merge(t.worker(), 1, Integer::sum));
        for (int w = 0; w < workers; w++) {
            assertEquals(perWorker[w], byWorker.getOrDefault("w" + w, 0), "the journal names who ran each trial");
        }
        System.out.printf("contention test: %d workers took %s trials%n", workers, java.util.Arrays.toString(perWorker));
    }

    private static Process start(Path dir, String worker, int epochs, int sleepMillis) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), StudyWorkerChild.class.getName(),
                dir.toString(), worker, Integer.toString(epochs), Integer.toString(sleepMillis));
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
        return pb.start();
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Returns the next line, or null when the deadline passes first or the stream ends. */
    private static String readLine(BufferedReader in, Process p, long deadline) throws IOException,
            InterruptedException {
        while (!in.ready()) {
            if (System.nanoTime() >= deadline || !p.isAlive() && !in.ready()) {
                return p.isAlive() ? null : in.readLine();
            }
            Thread.sleep(2);
        }
        return in.readLine();
    }

    private static String stderr(Process p) {
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertNotNull(err);
            return "\n" + err;
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }
}
