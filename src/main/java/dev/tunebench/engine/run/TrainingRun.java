package dev.tunebench.engine.run;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tunebench.engine.Json;
import dev.tunebench.engine.backend.EvalResult;
import dev.tunebench.engine.backend.ModelSession;
import dev.tunebench.engine.backend.StepResult;
import dev.tunebench.engine.backend.TrainingBackend;
import dev.tunebench.engine.checkpoint.CheckpointFailure;
import dev.tunebench.engine.checkpoint.CheckpointInfo;
import dev.tunebench.engine.checkpoint.CheckpointManager;
import dev.tunebench.engine.checkpoint.CheckpointSidecar;
import dev.tunebench.engine.checkpoint.CheckpointWriteException;
import dev.tunebench.engine.checkpoint.Checkpoints;
import dev.tunebench.engine.checkpoint.RunFolder;
import dev.tunebench.engine.config.ConfigJson;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.data.ArraySplit;
import dev.tunebench.engine.data.LoadedData;
import dev.tunebench.engine.data.Permutations;
import dev.tunebench.engine.diagnosis.Diagnosis;
import dev.tunebench.engine.diagnosis.DiagnosisTracker;
import dev.tunebench.engine.event.BatchMetrics;
import dev.tunebench.engine.event.EpochMetrics;
import dev.tunebench.engine.event.RunFinished;
import dev.tunebench.engine.event.RunStarted;
import dev.tunebench.engine.event.RunStatus;
import dev.tunebench.engine.event.RunWarning;
import dev.tunebench.engine.event.StopReason;
import dev.tunebench.engine.event.TrainingListener;
import dev.tunebench.engine.monitor.EarlyStopping;
import dev.tunebench.engine.monitor.Monitor;
import dev.tunebench.engine.monitor.StopDecision;
import dev.tunebench.engine.schedule.LearningRateScheduler;
import dev.tunebench.engine.schedule.SchedulePlan;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One training run: the epoch loop over a {@link ModelSession}, with the learning-rate schedule, early stopping,
 * checkpoints, restore-best, cooperative pause/stop and events. All work happens on the thread that calls
 * {@link #run()} (or the thread {@link #start()} creates), which owns every backend object.
 *
 * <p>Determinism: the data order of epoch {@code e} is a permutation drawn from {@code (seed, e)} alone, and the
 * session is reseeded from {@code (seed, e)} at the start of each epoch, so a run resumed at an epoch boundary
 * repeats the uninterrupted run.
 */
public final class TrainingRun {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final RunRequest request;
    private final TrainingBackend backend;
    private final RunControl control = new RunControl();
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final EarlyStopping earlyStopping;
    private final DiagnosisTracker diagnosis = new DiagnosisTracker();
    private final String runId;
    private volatile String presetId;

    /** Creates a run; nothing happens until {@link #run()} or {@link #start()}. */
    public TrainingRun(RunRequest request, TrainingBackend backend) {
        this.request = Objects.requireNonNull(request, "request");
        this.backend = Objects.requireNonNull(backend, "backend");
        RunConfig c = request.config();
        this.earlyStopping = new EarlyStopping(c.earlyStopping(), c.monitor());
        this.listeners.add(diagnosis);
        this.runId = request.runId() != null ? request.runId() : resumedRunId().orElseGet(
                () -> LocalDateTime.now().format(ID_TIME) + "-" + c.model().template());
    }

    private Optional<String> resumedRunId() {
        Path ck = request.resumeFrom();
        if (ck == null || ck.toAbsolutePath().getParent() == null
                || ck.toAbsolutePath().getParent().getParent() == null) {
            return Optional.empty();
        }
        return Optional.of(ck.toAbsolutePath().getParent().getParent().getFileName().toString());
    }

    /** Records in run.json the id of the preset the run started from; null when it came from no preset. */
    public void setPresetId(String id) {
        this.presetId = id;
    }

    /** Returns the run id (its folder name). */
    public String runId() {
        return runId;
    }

    /** Adds a listener; its methods are called on the training thread and must return quickly. */
    public void addListener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Returns the pause/resume/stop handle; safe from any thread. */
    public RunControl control() {
        return control;
    }

    /** Returns early stopping; read its live state through {@link EarlyStopping#snapshot()} from other threads. */
    public EarlyStopping earlyStopping() {
        return earlyStopping;
    }

    /** Returns the live loss-curve diagnosis (tips 3 and 4); safe from any thread. */
    public Diagnosis diagnosis() {
        return diagnosis.current();
    }

    /** Starts the run on a new daemon thread named {@code tunebench-run-<id>} and returns the thread. */
    public Thread start() {
        Thread t = new Thread(this::run, "tunebench-run-" + runId);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Returns the names of the metrics a run of this task reports, in order, for validation of the monitor. */
    public static List<String> metricNames(Task task) {
        return task == Task.CLASSIFICATION
                ? List.of("train_loss", "val_loss", "val_accuracy", "lr")
                : List.of("train_loss", "val_loss", "val_mae", "val_rmse", "lr");
    }

    /**
     * Trains on the calling thread until the epochs are done, early stopping ends the run, the user stops it, or
     * an error occurs. Never throws: an error ends the run with status FAILED and a message.
     */
    public RunFinished run() {
        long startNanos = System.nanoTime();
        RunConfig config = request.config();
        LoadedData data = request.data();
        String monitorName = config.monitor().metric();
        Monitor best = new Monitor(config.monitor());
        Object bestWeights = null;
        boolean bestOnDisk = false;
        int epochsDone = 0;
        RunFolder folder = null;
        CheckpointManager checkpoints = null;
        StopDecision decision = null;
        String error = null;
        int checkpointFailures = 0;
        CheckpointWriteException unwritable = null;
        try {
            validate(config, data);
            try (ModelSession session = backend.open(config, data.input())) {
                ArraySplit train = data.train();
                int batchSize = config.training().batchSize();
                // One count for the loop, the planned schedule and the charts.
                int batches = SchedulePlan.stepsPerEpoch(train.size(), batchSize, request.maxBatchesPerEpoch());
                LearningRateScheduler scheduler = new LearningRateScheduler(config.schedule(),
                        config.optimizer().learningRate(), config.monitor());
                int startEpoch = 1;
                long step = 0;
                CheckpointSidecar resumed = null;
                List<EpochMetrics> history = List.of();
                if (request.resumeFrom() != null) {
                    // Checksums first: never resume from a damaged or foreign checkpoint. Load before the manager
                    // opens the folder: its start-up clean-up may remove a checkpoint the index does not list.
                    Checkpoints.verify(request.resumeFrom());
                    resumed = readSidecar(request.resumeFrom());
                    session.load(request.resumeFrom(), true);
                    Gson g = Json.gson();
                    scheduler.restore(g.fromJson(resumed.schedulerState(), LearningRateScheduler.State.class));
                    earlyStopping.restore(g.fromJson(resumed.earlyStoppingState(), EarlyStopping.State.class));
                    best.restore(g.fromJson(resumed.bestState(), Monitor.State.class));
                    bestOnDisk = best.hasBest();
                    startEpoch = resumed.epoch() + 1;
                    step = resumed.globalStep();
                    epochsDone = resumed.epoch();
                }
                if (request.runsRoot() != null || request.resumeFrom() != null) {
                    folder = openFolder();
                    checkpoints = new CheckpointManager(folder.checkpointsDir(), config.checkpoints(),
                            config.monitor());
                    if (resumed != null) {
                        // Resumed from an earlier epoch than the last: the later epochs are trained again.
                        checkpoints.discardAfter(resumed.epoch());
                        folder.truncateMetricsAfter(resumed.epoch());
                        history = folder.readMetrics();
                    }
                    folder.writeRunJson(runJson(config, data, session, folder));
                }
                RunStarted started = new RunStarted(runId, folder == null ? null : folder.dir(), config,
                        data.input(), train.size(), data.validation().size(), batches, session.parameterCount(),
                        startEpoch, history);
                emit(l -> l.onRunStart(started));

                double throughput = 0;
                epochs:
                for (int epoch = startEpoch; epoch <= config.training().epochs(); epoch++) {
                    long epochStart = System.nanoTime();
                    long seed = config.training().seed();
                    session.seedEpoch(mix(seed, epoch));
                    int[] order = permutation(train.size(), seed, epoch);
                    double lossSum = 0;
                    int lossCount = 0;
                    double lastLr = scheduler.learningRate();
                    for (int b = 0; b < batches; b++) {
                        if (control.isStopRequested() || control.awaitNotPaused(null)) {
                            decision = StopDecision.stop(StopReason.USER_REQUESTED, "stopped by the user during epoch "
                                    + epoch);
                            break epochs;
                        }
                        StopDecision time = earlyStopping.checkTime(seconds(startNanos));
                        if (time.stop()) {
                            decision = time;
                            break epochs;
                        }
                        int from = b * batchSize;
                        int to = Math.min(train.size(), from + batchSize);
                        int[] idx = java.util.Arrays.copyOfRange(order, from, to);
                        double lr = scheduler.learningRate();
                        long t0 = System.nanoTime();
                        StepResult r = session.trainStep(train, idx, lr);
                        double dt = (System.nanoTime() - t0) / 1e9;
                        scheduler.afterStep();
                        step++;
                        lastLr = lr;
                        double sps = idx.length / Math.max(dt, 1e-9);
                        throughput = throughput == 0 ? sps : 0.9 * throughput + 0.1 * sps;
                        BatchMetrics bm = new BatchMetrics(epoch, step, b + 1, batches, r.loss(), lr,
                                r.gradNormBefore(), r.gradNormAfter(), r.clipped(), throughput);
                        emit(l -> l.onBatchEnd(bm));
                        if (!Double.isFinite(r.loss())) {
                            decision = StopDecision.stop(StopReason.NON_FINITE_METRIC, String.format(Locale.ROOT,
                                    "training loss became %s at epoch %d, step %d (learning rate %s). Lower the "
                                            + "learning rate, turn on gradient clipping, and check the data and "
                                            + "labels (playbook tips 2, 4 and 9).",
                                    EarlyStopping.fmt(r.loss()), epoch, step, EarlyStopping.fmt(lr)));
                            break epochs;
                        }
                        lossSum += r.loss();
                        lossCount++;
                    }
                    EvalResult eval = session.evaluate(data.validation(), Math.max(batchSize, 256));
                    Map<String, Double> metrics = new LinkedHashMap<>();
                    double trainLoss = lossSum / Math.max(1, lossCount);
                    metrics.put("train_loss", trainLoss);
                    metrics.put("val_loss", eval.loss());
                    eval.metrics().forEach((k, v) -> metrics.put("val_" + k, v));
                    metrics.put("lr", lastLr);
                    double value = metrics.getOrDefault(monitorName, Double.NaN);
                    EpochMetrics em = new EpochMetrics(epoch, trainLoss, eval.loss(), metrics, lastLr,
                            seconds(epochStart), seconds(startNanos));
                    epochsDone = epoch;
                    scheduler.afterEpoch(value);
                    decision = earlyStopping.update(em);
                    if (best.update(epoch, value)) {
                        bestWeights = session.snapshotWeights();
                        bestOnDisk = false;
                    }
                    if (checkpoints != null) {
                        CheckpointSidecar side = sidecar(config, data, epoch, step, metrics, value, scheduler, best);
                        try {
                            checkpoints.onEpochEnd(epoch, value, dir -> {
                                session.save(dir);
                                Files.writeString(dir.resolve(CheckpointSidecar.FILE_NAME),
                                        Json.gson().toJson(side), StandardCharsets.UTF_8);
                            });
                        } catch (CheckpointWriteException e) {
                            // Nothing was replaced and the failure is recorded: the run goes on and tries again at
                            // the next epoch, unless the cause cannot clear, so no checkpoint could ever be written.
                            checkpointFailures++;
                            RunWarning w = checkpointWarning(e, epoch, step, checkpoints);
                            emit(l -> l.onWarning(w));
                            if (e.permanent()) {
                                unwritable = e;
                            }
                        }
                    }
                    if (folder != null) {
                        folder.appendMetrics(em);
                    }
                    emit(l -> l.onEpochEnd(em));
                    if (unwritable != null) {
                        throw unwritable; // the epoch is recorded; the run ends FAILED with the reason
                    }
                    if (decision.stop()) {
                        break;
                    }
                    decision = null;
                }
                if (config.earlyStopping().restoreBest() && best.hasBest()) {
                    if (bestWeights != null) {
                        session.restoreWeights(bestWeights);
                    } else if (bestOnDisk && checkpoints != null && checkpoints.best().isPresent()) {
                        session.load(checkpoints.best().get().path(), false);
                    }
                }
            }
        } catch (Throwable t) {
            error = describe(t);
        }
        RunFinished fin = finish(decision, error, epochsDone, best, checkpoints, config.monitor());
        if (checkpointFailures > 0) {
            String good = checkpoints.lastGood().map(c -> "; the last good checkpoint is " + c.id()).orElse("");
            fin = new RunFinished(fin.status(), fin.reason(), fin.message() + "; " + checkpointFailures
                    + " checkpoint write" + (checkpointFailures == 1 ? "" : "s") + " failed (see "
                    + RunFolder.CHECKPOINTS + "/failed-writes.jsonl)" + good, fin.epochs(), fin.bestEpoch(),
                    fin.bestValue(), fin.monitor(), fin.bestCheckpoint(), fin.error());
        }
        if (folder != null) {
            try {
                folder.writeSummary(summaryJson(fin, diagnosis.current()));
            } catch (IOException e) {
                fin = new RunFinished(RunStatus.FAILED, StopReason.ERROR, fin.message()
                        + "; summary.json could not be written: " + e.getMessage(), fin.epochs(), fin.bestEpoch(),
                        fin.bestValue(), fin.monitor(), fin.bestCheckpoint(), describe(e));
            }
        }
        RunFinished done = fin;
        emit(l -> l.onRunEnd(done));
        return done;
    }

    private static RunWarning checkpointWarning(CheckpointWriteException e, int epoch, long step,
                                                CheckpointManager checkpoints) {
        CheckpointFailure f = e.failure();
        String good = checkpoints.lastGood().map(c -> "the last good checkpoint is " + c.id())
                .orElse("no checkpoint is saved yet");
        String next = e.permanent()
                ? "; the run stops: no checkpoint can be written in " + checkpoints.dir() + " until that is fixed"
                : "; the run goes on and tries again after the next epoch";
        return new RunWarning(RunWarning.Kind.CHECKPOINT_NOT_SAVED, epoch, step, "Checkpoint " + f.id()
                + " was not saved (failed while " + f.stage().text() + ": " + f.reason() + "); " + good + next);
    }

    private RunFinished finish(StopDecision decision, String error, int epochs, Monitor best,
                               CheckpointManager checkpoints, MonitorSpec monitor) {
        Path bestPath = checkpoints == null ? null : checkpoints.best().map(CheckpointInfo::path).orElse(null);
        String bestText = best.hasBest()
                ? String.format(Locale.ROOT, "; best %s %s at epoch %d", monitor.metric(),
                EarlyStopping.fmt(best.best()), best.bestEpoch())
                : "";
        if (error != null) {
            return new RunFinished(RunStatus.FAILED, StopReason.ERROR, "training failed: " + error + bestText,
                    epochs, best.bestEpoch(), best.best(), monitor.metric(), bestPath, error);
        }
        if (decision == null) {
            return new RunFinished(RunStatus.FINISHED, StopReason.COMPLETED, "completed " + epochs + " epoch"
                    + (epochs == 1 ? "" : "s") + bestText, epochs, best.bestEpoch(), best.best(), monitor.metric(),
                    bestPath, null);
        }
        RunStatus status = decision.reason() == StopReason.USER_REQUESTED ? RunStatus.STOPPED : RunStatus.FINISHED;
        String msg = decision.message();
        if (!msg.contains("best ") && !bestText.isEmpty()) {
            msg += bestText;
        }
        return new RunFinished(status, decision.reason(), msg, epochs, best.bestEpoch(), best.best(),
                monitor.metric(), bestPath, null);
    }

    private void validate(RunConfig config, LoadedData data) {
        if (data.train().size() == 0) {
            throw new IllegalArgumentException("data " + data.source() + ": the training split is empty");
        }
        if (data.validation().size() == 0) {
            throw new IllegalArgumentException("data " + data.source() + ": the validation split is empty");
        }
        List<String> names = metricNames(data.input().task());
        if (!names.contains(config.monitor().metric())) {
            throw new IllegalArgumentException("monitor.metric: '" + config.monitor().metric()
                    + "' is not reported for " + data.input().task().name().toLowerCase(Locale.ROOT)
                    + "; allowed: " + String.join(", ", names.subList(0, names.size() - 1)));
        }
        if (config.training().batchSize() < 1) {
            throw new IllegalArgumentException("training.batchSize: must be at least 1");
        }
    }

    private RunFolder openFolder() throws IOException {
        if (request.resumeFrom() != null) {
            Path runDir = request.resumeFrom().toAbsolutePath().getParent().getParent();
            return RunFolder.open(runDir);
        }
        return RunFolder.create(request.runsRoot(), runId);
    }

    private static CheckpointSidecar readSidecar(Path checkpoint) throws IOException {
        Path file = checkpoint.resolve(CheckpointSidecar.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IOException(checkpoint + " is not a checkpoint: it has no " + CheckpointSidecar.FILE_NAME);
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return Json.gson().fromJson(r, CheckpointSidecar.class);
        }
    }

    private CheckpointSidecar sidecar(RunConfig config, LoadedData data, int epoch, long step,
                                      Map<String, Double> metrics, double value, LearningRateScheduler scheduler,
                                      Monitor best) {
        Gson g = Json.gson();
        JsonElement sched = g.toJsonTree(scheduler.state());
        JsonElement es = g.toJsonTree(earlyStopping.state());
        JsonElement bestState = g.toJsonTree(best.state());
        return new CheckpointSidecar(CheckpointSidecar.FORMAT_VERSION, runId, config.model().template(), config,
                data.input(), data.source(), data.classNames(), data.preprocessing(), epoch, step, metrics,
                config.monitor(), value, sched, es, bestState, versions(), Instant.now().toString());
    }

    private Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>(backend.versions());
        v.put("tunebench", Version.current());
        v.put("java", System.getProperty("java.version"));
        return v;
    }

    private JsonObject runJson(RunConfig config, LoadedData data, ModelSession session, RunFolder folder)
            throws IOException {
        Gson g = Json.gson();
        Path existing = folder.dir().resolve("run.json");
        if (request.resumeFrom() != null && Files.isRegularFile(existing)) {
            // A resumed run keeps the record of how it started and adds one line per resume.
            JsonObject o = g.fromJson(Files.readString(existing, StandardCharsets.UTF_8), JsonObject.class);
            com.google.gson.JsonArray resumes = o.has("resumes") ? o.getAsJsonArray("resumes")
                    : new com.google.gson.JsonArray();
            JsonObject r = new JsonObject();
            r.addProperty("from", request.resumeFrom().toString());
            r.addProperty("at", Instant.now().toString());
            resumes.add(r);
            o.add("resumes", resumes);
            return o;
        }
        JsonObject o = new JsonObject();
        o.addProperty("runId", runId);
        o.addProperty("preset", presetId);
        o.add("config", ConfigJson.write(config));
        o.addProperty("data", data.source());
        o.add("input", g.toJsonTree(data.input()));
        o.addProperty("trainSize", data.train().size());
        o.addProperty("validationSize", data.validation().size());
        o.addProperty("seed", config.training().seed());
        o.addProperty("parameters", session.parameterCount());
        o.addProperty("backend", backend.description());
        o.add("versions", g.toJsonTree(versions()));
        o.addProperty("resumedFrom", request.resumeFrom() == null ? null : request.resumeFrom().toString());
        o.addProperty("startedAt", Instant.now().toString());
        o.add("dataNotes", g.toJsonTree(data.notes()));
        return o;
    }

    private static JsonObject summaryJson(RunFinished f, Diagnosis d) {
        JsonObject o = new JsonObject();
        o.addProperty("status", f.status().name());
        o.addProperty("stopReason", f.reason().name());
        o.addProperty("message", f.message());
        o.addProperty("bestEpoch", f.bestEpoch());
        o.addProperty("bestValue", f.bestValue());
        o.addProperty("monitor", f.monitor());
        o.addProperty("epochs", f.epochs());
        o.addProperty("bestCheckpoint", f.bestCheckpoint() == null ? null : f.bestCheckpoint().toString());
        o.addProperty("error", f.error());
        JsonObject diag = new JsonObject();
        diag.addProperty("kind", d.kind().name());
        diag.addProperty("epoch", d.epoch());
        diag.addProperty("advice", d.advice());
        o.add("diagnosis", diag);
        o.addProperty("finishedAt", Instant.now().toString());
        return o;
    }

    private void emit(java.util.function.Consumer<TrainingListener> call) {
        for (TrainingListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                // A broken listener must not end the run; it is reported once on stderr.
                System.err.println("TuneBench: a training listener failed: " + describe(e));
            }
        }
    }

    /** Returns the data order of an epoch: a permutation drawn from the seed and the epoch alone. */
    public static int[] permutation(int n, long seed, int epoch) {
        return Permutations.shuffled(n, new SplittableRandom(mix(seed, epoch)));
    }

    private static long mix(long seed, int epoch) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & 0x7FFFFFFFL;
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    /** Returns a one-line description of an error for the user: its message, or its type when it has none. */
    public static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root && (root.getMessage() == null
                || root.getMessage().equals(root.getCause().toString()))) {
            root = root.getCause();
        }
        if (root instanceof OutOfMemoryError) {
            // The data loader says which file ran out and what to do; anything else ran out while training.
            String m = root.getMessage();
            return m != null && m.startsWith("out of memory while") ? m
                    : "out of memory while training: lower the batch size or the model size";
        }
        String m = root.getMessage();
        String first = m == null || m.isBlank() ? root.getClass().getSimpleName()
                : m.lines().findFirst().orElse(m).trim();
        return first;
    }
}
