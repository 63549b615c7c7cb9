package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A hyperparameter study in a folder: its journal ({@code journal.jsonl}) and one ordinary run folder per trial
 * ({@code trials/0007/}). Any number of Study objects, in any number of processes on any machines that share the
 * folder, may work on one study at once: every change is one journal line appended under the journal's lock after
 * reading what the others appended, so two workers never get the same trial and a finished trial is recorded once.
 *
 * <p>The loop of a worker: {@link #ask} for a trial, train it, {@link #report} each epoch's objective (and stop
 * when the decision says prune), {@link #tell} how it ended. {@link #resume} marks the trials that were running
 * when a study died as FAILED (queued again when the sweep allows retries).
 */
public final class Study implements AutoCloseable {
    /** The folder inside the study folder that holds the trials' run folders. */
    public static final String TRIALS = "trials";

    private final Path folder;
    private final StudyJournal journal;
    private final StudyState state;
    private final LongSupplier clock;
    private Sampler sampler;
    private Pruner pruner;

    private Study(Path folder, StudyJournal journal, LongSupplier clock) {
        this.folder = folder;
        this.journal = journal;
        this.state = new StudyState(journal.file().toString());
        this.clock = clock;
    }

    /** Returns whether a folder holds a study. */
    public static boolean exists(Path folder) {
        return StudyJournal.exists(folder);
    }

    /**
     * Creates a study in a folder (created if missing, and holding no study yet).
     *
     * @param spec the sweep; its objective must be resolved ({@link SweepSpec#resolveObjective}); a missing sampler
     *             seed is drawn now and recorded
     * @throws StudyException when the folder already holds a study or cannot be written
     */
    public static Study create(Path folder, SweepSpec spec) {
        return create(folder, spec, System::currentTimeMillis);
    }

    /** Creates a study with a clock (epoch milliseconds), for tests. */
    public static Study create(Path folder, SweepSpec spec, LongSupplier clock) {
        if (spec.objective() == null || spec.objective().direction() == null) {
            throw new IllegalArgumentException("the objective must be resolved before a study is created");
        }
        SweepSpec resolved = spec.sampler().seed() != null ? spec : spec.withSampler(new SweepSpec.SamplerSpec(
                spec.sampler().type(), new SecureRandom().nextLong() >>> 1, spec.sampler().options()));
        try {
            Files.createDirectories(folder);
            StudyJournal journal = StudyJournal.open(folder, true);
            Study study = new Study(folder, journal, clock);
            try {
                journal.locked(() -> {
                    study.sync();
                    if (study.state.spec() != null) {
                        throw new StudyException(folder + " already holds a study; resume it or choose another "
                                + "folder");
                    }
                    JsonObject r = record("study");
                    r.addProperty("version", 1);
                    r.addProperty("at", clock.getAsLong());
                    r.add("sweep", SweepCodec.toJson(resolved));
                    study.appendAndApply(r);
                    return null;
                });
            } catch (RuntimeException | IOException e) {
                journal.close();
                throw e;
            }
            study.init();
            return study;
        } catch (IOException e) {
            throw new StudyException("cannot create a study in " + folder + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Opens the study in a folder, replaying its journal.
     *
     * @throws StudyException when the folder holds no study or its journal cannot be read
     */
    public static Study open(Path folder) {
        return open(folder, System::currentTimeMillis);
    }

    /** Opens a study with a clock (epoch milliseconds), for tests. */
    public static Study open(Path folder, LongSupplier clock) {
        if (!exists(folder)) {
            throw new StudyException(folder + " holds no study (no " + StudyJournal.FILE + ")");
        }
        try {
            Study study = new Study(folder, StudyJournal.open(folder, false), clock);
            study.sync();
            if (study.state.spec() == null) {
                study.close();
                throw new StudyException(study.journal.file() + " holds no study record yet"
                        + study.state.warnings().stream().findFirst().map(w -> " (" + w + ")").orElse(""));
            }
            study.init();
            return study;
        } catch (IOException e) {
            throw new StudyException("cannot open the study in " + folder + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Returns the study in a folder as it stands, read without taking the lock (for views: the window, {@code study
     * --show}, a machine that only mounts the folder).
     */
    public static StudySnapshot read(Path folder) {
        if (!exists(folder)) {
            throw new StudyException(folder + " holds no study (no " + StudyJournal.FILE + ")");
        }
        try (StudyJournal j = StudyJournal.openReadOnly(folder)) {
            StudyState s = new StudyState(j.file().toString());
            j.readNew().forEach(s::apply);
            if (s.spec() == null) {
                throw new StudyException(j.file() + " holds no study record yet");
            }
            return snapshotOf(s, j.warnings());
        } catch (IOException e) {
            throw new StudyException("cannot read the study in " + folder + " (" + e.getMessage() + ")", e);
        }
    }

    private void init() {
        SweepSpec spec = state.spec();
        sampler = Samplers.create(spec.sampler(), spec.objective().direction());
        pruner = Samplers.pruner(spec.pruner());
    }

    /** Returns the study folder. */
    public Path folder() {
        return folder;
    }

    /** Returns the sweep the study runs, with its seed and objective resolved. */
    public SweepSpec spec() {
        return state.spec();
    }

    /** Returns the study as it stands now (reading what others appended, without the lock). */
    public StudySnapshot snapshot() {
        try {
            sync();
        } catch (IOException e) {
            throw new StudyException("cannot read " + journal.file() + " (" + e.getMessage() + ")", e);
        }
        return snapshotOf(state, journal.warnings());
    }

    private static StudySnapshot snapshotOf(StudyState s, List<String> journalWarnings) {
        List<String> w = new ArrayList<>(journalWarnings);
        w.addAll(s.warnings());
        return new StudySnapshot(s.spec(), s.createdMillis(), s.trials(), s.queue().size(), s.retriedCount(),
                s.studyAttrs(), w);
    }

    /**
     * Takes the next trial: a queued one (a retry) first, else new parameters from the sampler. Done under the
     * journal's lock, so concurrent workers get distinct trials.
     *
     * @param worker who runs it, e.g. {@code local-2} or a Slurm job's {@code 4711_3}
     * @return the trial, or empty when the budget is spent or a grid is fully taken
     */
    public Optional<Trial> ask(String worker) {
        return locked(() -> {
            long now = clock.getAsLong();
            StudySnapshot snap = snapshotOf(state, List.of());
            if (snap.budget(now).spent()) {
                return Optional.empty();
            }
            int n = state.size();
            List<StudyState.Queued> queue = state.queue();
            Map<String, JsonElement> params;
            Integer retryOf = null;
            boolean queued = !queue.isEmpty();
            if (queued) {
                params = queue.get(0).params();
                retryOf = queue.get(0).retryOf();
            } else {
                Optional<Map<String, JsonElement>> p = sampler.sample(state.spec().space(), state.trials(), n);
                if (p.isEmpty()) {
                    return Optional.empty();
                }
                params = p.get();
            }
            String run = runFolderName(n);
            JsonObject r = record("ask");
            r.addProperty("trial", n);
            JsonObject ps = new JsonObject();
            params.forEach((k, v) -> ps.add(k, v.deepCopy()));
            r.add("params", ps);
            r.addProperty("worker", worker);
            r.addProperty("run", run);
            r.addProperty("at", now);
            if (queued) {
                r.addProperty("queued", true);
            }
            appendAndApply(r);
            return Optional.of(new Trial(n, params, run, retryOf));
        });
    }

    /** Returns the run folder name of a trial: {@code trials/0007}. */
    public static String runFolderName(int trial) {
        return TRIALS + "/" + String.format("%04d", trial);
    }

    /**
     * Records a trial's objective after an epoch and returns the pruner's decision. A second report of the same epoch
     * is ignored, as Optuna ignores it, and decided again.
     *
     * @param epoch 1-based epoch
     * @param value the objective at that epoch; NaN allowed (the pruners prune it)
     * @throws StudyException when the trial is not RUNNING (e.g. marked FAILED because its worker seemed gone)
     */
    public PruneDecision report(int trial, int epoch, double value) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs count from 1, got " + epoch);
        }
        return locked(() -> {
            TrialSnapshot t = running(trial, "report on");
            long now = clock.getAsLong();
            TreeMap<Integer, Double> iv = new TreeMap<>(t.intermediate());
            boolean repeated = iv.containsKey(epoch);
            if (!repeated) {
                iv.put(epoch, value);
            }
            TrialSnapshot provisional = new TrialSnapshot(t.number(), t.state(), t.params(), t.value(), iv,
                    t.attrs(), t.worker(), t.runFolder(), t.startedMillis(), t.finishedMillis(), now, t.error(),
                    t.prunedEpoch(), t.pruneReason(), t.retryOf());
            List<TrialSnapshot> trials = new ArrayList<>(state.trials());
            Pruner.Context ctx = new Pruner.Context(trials, state.spec().objective().direction(),
                    state.spec().objective().metric(), state.studyAttrs());
            PruneDecision d = pruner.decide(ctx, repeated ? t : provisional);
            if (repeated) {
                return d;
            }
            JsonObject r = record("report");
            r.addProperty("trial", trial);
            r.addProperty("epoch", epoch);
            r.add("value", number(value));
            r.addProperty("at", now);
            if (!d.trialAttrs().isEmpty()) {
                JsonObject a = new JsonObject();
                d.trialAttrs().forEach((k, v) -> a.add(k, number(v)));
                r.add("attrs", a);
            }
            if (!d.studyAttrs().isEmpty()) {
                JsonObject a = new JsonObject();
                d.studyAttrs().forEach(a::add);
                r.add("studyAttrs", a);
            }
            if (d.prune()) {
                r.addProperty("prune", d.reason());
            }
            appendAndApply(r);
            return d;
        });
    }

    /**
     * Records how a trial ended. COMPLETE needs its value (a NaN value makes it FAILED, as in Optuna); PRUNED takes
     * its last intermediate value as its value (as Optuna 3.1 does); FAILED takes the error and is queued again when
     * the sweep's retries allow. Telling a finished trial the same ending again returns it unchanged (so a worker
     * that is unsure whether its tell went through may repeat it).
     *
     * @param value the objective for COMPLETE, else ignored (null allowed)
     * @param error why a FAILED trial failed, one line; else ignored
     * @throws StudyException when the trial already ended otherwise
     */
    public TrialSnapshot tell(int trial, TrialState ending, Double value, String error) {
        if (ending == TrialState.RUNNING) {
            throw new IllegalArgumentException("tell needs an ending: COMPLETE, PRUNED or FAILED");
        }
        if (ending == TrialState.COMPLETE && value == null) {
            throw new IllegalArgumentException("a COMPLETE trial needs its objective value");
        }
        return locked(() -> {
            sync();
            checkTrial(trial);
            TrialSnapshot t = state.trial(trial);
            TrialState st = ending;
            Double v = null;
            String err = null;
            if (st == TrialState.COMPLETE) {
                if (Double.isNaN(value)) {
                    st = TrialState.FAILED;
                    err = "the objective " + state.spec().objective().metric() + " is NaN";
                } else {
                    v = value;
                }
            } else if (st == TrialState.PRUNED) {
                Double last = t.intermediate().isEmpty() ? null : t.intermediate().lastEntry().getValue();
                v = last == null || Double.isNaN(last) ? null : last;
            } else {
                err = error == null || error.isBlank() ? "failed" : error;
            }
            if (t.state() != TrialState.RUNNING) {
                if (t.state() == st && Objects.equals(t.value(), v)) {
                    return t;
                }
                throw new StudyException("trial " + trial + " already ended " + t.state()
                        + (t.error() != null ? " (" + t.error() + ")" : "") + "; it cannot end " + st);
            }
            appendAndApply(finish(t, st, v, err, null));
            return state.trial(trial);
        });
    }

    /**
     * Marks RUNNING trials FAILED, e.g. those of a worker whose job has ended, and queues them again when the sweep's
     * retries allow; their duration ends at their last report.
     *
     * @param which which running trials
     * @param error why, one line ("worker 4711_3 ended: TIMEOUT")
     * @return the trials marked, as they are now
     */
    public List<TrialSnapshot> failRunning(Predicate<TrialSnapshot> which, String error) {
        return locked(() -> {
            List<TrialSnapshot> out = new ArrayList<>();
            for (TrialSnapshot t : state.trials()) {
                if (t.state() == TrialState.RUNNING && which.test(t)) {
                    appendAndApply(finish(t, TrialState.FAILED, null, error, t.lastActiveMillis()));
                    out.add(state.trial(t.number()));
                }
            }
            return out;
        });
    }

    /**
     * Resumes a study that died: every trial still RUNNING is marked FAILED ("interrupted") and queued again when
     * the sweep's retries allow. Call it once, from the one process that restarts the study, before its workers
     * start; never while other workers of the study are alive.
     */
    public List<TrialSnapshot> resume() {
        return failRunning(t -> true, "interrupted: the study stopped while this trial ran");
    }

    /** Queues parameters to be tried by the next ask (Optuna's enqueue_trial); every field must hold a value. */
    public void enqueue(Map<String, JsonElement> params) {
        if (!state.spec().space().contains(params)) {
            throw new IllegalArgumentException("the parameters do not fit the space: " + params);
        }
        locked(() -> {
            JsonObject r = record("enqueue");
            JsonObject ps = new JsonObject();
            params.forEach((k, v) -> ps.add(k, v.deepCopy()));
            r.add("params", ps);
            r.addProperty("at", clock.getAsLong());
            appendAndApply(r);
            return null;
        });
    }

    private JsonObject finish(TrialSnapshot t, TrialState st, Double value, String error, Long ended) {
        JsonObject r = record("finish");
        r.addProperty("trial", t.number());
        r.addProperty("state", st.name());
        if (value != null) {
            r.add("value", number(value));
        }
        if (error != null) {
            r.addProperty("error", oneLine(error));
        }
        r.addProperty("at", clock.getAsLong());
        if (ended != null) {
            r.addProperty("ended", ended);
        }
        if (st == TrialState.FAILED && attempts(t) <= state.spec().retries()) {
            r.addProperty("retry", true);
        }
        return r;
    }

    /** Returns how many times a trial's parameters have run: 1, plus one per retry before it. */
    private int attempts(TrialSnapshot t) {
        int n = 1;
        Integer prev = t.retryOf();
        while (prev != null) {
            n++;
            prev = state.trial(prev).retryOf();
        }
        return n;
    }

    private TrialSnapshot running(int trial, String what) throws IOException {
        sync();
        checkTrial(trial);
        TrialSnapshot t = state.trial(trial);
        if (t.state() != TrialState.RUNNING) {
            throw new StudyException("cannot " + what + " trial " + trial + ": it already ended " + t.state()
                    + (t.error() != null ? " (" + t.error() + ")" : ""));
        }
        return t;
    }

    private void checkTrial(int trial) {
        if (trial < 0 || trial >= state.size()) {
            throw new StudyException("no trial " + trial + " in " + folder + " (" + state.size() + " trials)");
        }
    }

    private <T> T locked(StudyJournal.Action<T> action) {
        try {
            return journal.locked(() -> {
                sync();
                return action.run();
            });
        } catch (IOException e) {
            throw new StudyException("cannot update " + journal.file() + " (" + e.getMessage() + ")", e);
        }
    }

    private void sync() throws IOException {
        for (JsonObject r : journal.readNew()) {
            state.apply(r);
        }
    }

    private void appendAndApply(JsonObject r) throws IOException {
        journal.append(List.of(r));
        if (!state.apply(r)) {
            throw new IllegalStateException("the study wrote a record it cannot replay: " + r);
        }
    }

    private static JsonObject record(String type) {
        JsonObject r = new JsonObject();
        r.addProperty("type", type);
        return r;
    }

    private static JsonElement number(double v) {
        // Gson writes NaN and infinities as the bare words, which the journal's reader accepts.
        return new JsonPrimitive(v);
    }

    private static String oneLine(String s) {
        String t = s.replace('\n', ' ').replace('\r', ' ').strip();
        return t.length() > 2000 ? t.substring(0, 2000) + "..." : t;
    }

    @Override
    public void close() {
        try {
            journal.close();
        } catch (IOException e) {
            throw new StudyException("cannot close " + journal.file() + " (" + e.getMessage() + ")", e);
        }
    }
}
