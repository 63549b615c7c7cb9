package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A study as its journal describes it, built by replaying the records in order. Replay is strict about the order
 * the writers guarantee (a trial is asked once, with the next number; a finished trial never changes) and skips,
 * with a warning, any record that breaks it, so that no record can count a trial twice.
 */
final class StudyState {
    private final String source;
    private SweepSpec spec;
    private long createdMillis;
    private final List<TrialBuilder> trials = new ArrayList<>();
    private final List<TrialSnapshot> snapshots = new ArrayList<>();
    private final Deque<Queued> queue = new ArrayDeque<>();
    private final Map<String, JsonElement> studyAttrs = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private int retriedCount;

    /** A trial waiting to be asked: a retry of a FAILED one, or parameters a user asked for. */
    record Queued(Map<String, JsonElement> params, Integer retryOf) {
    }

    StudyState(String source) {
        this.source = source;
    }

    /** Applies one record; returns false (and warns) when it was skipped. */
    boolean apply(JsonObject r) {
        String type = r.get("type").getAsString();
        try {
            if (spec == null) {
                if (!type.equals("study")) {
                    return skip("the journal does not start with a study record");
                }
                spec = SweepCodec.fromJson(r.getAsJsonObject("sweep"), source);
                createdMillis = r.get("at").getAsLong();
                return true;
            }
            return switch (type) {
                case "ask" -> ask(r);
                case "report" -> report(r);
                case "finish" -> finish(r);
                case "enqueue" -> {
                    queue.addLast(new Queued(params(r.getAsJsonObject("params")), null));
                    yield true;
                }
                case "study" -> skip("a second study record");
                default -> skip("unknown record type " + type);
            };
        } catch (RuntimeException e) {
            return skip("unreadable " + type + " record (" + e.getMessage() + ")");
        }
    }

    private boolean ask(JsonObject r) {
        int n = r.get("trial").getAsInt();
        if (n != trials.size()) {
            return skip("trial " + n + " asked, but the next trial is " + trials.size());
        }
        Integer retryOf = null;
        if (r.has("queued") && r.get("queued").getAsBoolean()) {
            Queued q = queue.pollFirst();
            retryOf = q == null ? null : q.retryOf();
        }
        TrialBuilder t = new TrialBuilder();
        t.number = n;
        t.params = params(r.getAsJsonObject("params"));
        t.worker = r.get("worker").getAsString();
        t.runFolder = r.get("run").getAsString();
        t.started = r.get("at").getAsLong();
        t.lastActive = t.started;
        t.retryOf = retryOf;
        trials.add(t);
        snapshots.add(t.snapshot());
        return true;
    }

    private boolean report(JsonObject r) {
        TrialBuilder t = running(r.get("trial").getAsInt(), "report");
        if (t == null) {
            return false;
        }
        int epoch = r.get("epoch").getAsInt();
        if (t.intermediate.containsKey(epoch)) {
            return skip("trial " + t.number + " epoch " + epoch + " reported twice");
        }
        t.intermediate.put(epoch, r.get("value").getAsDouble());
        t.lastActive = r.get("at").getAsLong();
        if (r.has("attrs")) {
            r.getAsJsonObject("attrs").entrySet().forEach(e -> t.attrs.put(e.getKey(), e.getValue().getAsDouble()));
        }
        if (r.has("studyAttrs")) {
            r.getAsJsonObject("studyAttrs").entrySet().forEach(e -> studyAttrs.putIfAbsent(e.getKey(),
                    e.getValue()));
        }
        if (r.has("prune")) {
            t.prunedEpoch = epoch;
            t.pruneReason = r.get("prune").getAsString();
        }
        snapshots.set(t.number, t.snapshot());
        return true;
    }

    private boolean finish(JsonObject r) {
        TrialBuilder t = running(r.get("trial").getAsInt(), "finish");
        if (t == null) {
            return false;
        }
        t.state = TrialState.valueOf(r.get("state").getAsString());
        t.value = r.has("value") && !r.get("value").isJsonNull() ? r.get("value").getAsDouble() : null;
        t.error = r.has("error") && !r.get("error").isJsonNull() ? r.get("error").getAsString() : null;
        t.finished = r.has("ended") ? r.get("ended").getAsLong() : r.get("at").getAsLong();
        if (t.state != TrialState.PRUNED) {
            t.prunedEpoch = null;
            t.pruneReason = null;
        }
        if (r.has("retry") && r.get("retry").getAsBoolean()) {
            queue.addLast(new Queued(t.params, t.number));
            retriedCount++;
        }
        snapshots.set(t.number, t.snapshot());
        return true;
    }

    private TrialBuilder running(int n, String what) {
        if (n < 0 || n >= trials.size()) {
            skip(what + " for trial " + n + ", which was never asked");
            return null;
        }
        TrialBuilder t = trials.get(n);
        if (t.state != TrialState.RUNNING) {
            skip(what + " for trial " + n + ", which is already " + t.state);
            return null;
        }
        return t;
    }

    private boolean skip(String why) {
        warnings.add(source + ": " + why + "; the record is ignored");
        return false;
    }

    private static Map<String, JsonElement> params(JsonObject o) {
        Map<String, JsonElement> m = new LinkedHashMap<>();
        o.entrySet().forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    /** Returns the sweep, or null before the study record. */
    SweepSpec spec() {
        return spec;
    }

    /** Returns when the study was created (epoch milliseconds). */
    long createdMillis() {
        return createdMillis;
    }

    /** Returns every trial by number. */
    List<TrialSnapshot> trials() {
        return List.copyOf(snapshots);
    }

    /** Returns one trial. */
    TrialSnapshot trial(int n) {
        return snapshots.get(n);
    }

    /** Returns how many trials were asked. */
    int size() {
        return snapshots.size();
    }

    /** Returns the trials waiting to be asked. */
    List<Queued> queue() {
        return List.copyOf(queue);
    }

    /** Returns how many FAILED trials were queued again. */
    int retriedCount() {
        return retriedCount;
    }

    /** Returns the study attrs recorded by the pruner. */
    Map<String, JsonElement> studyAttrs() {
        return Map.copyOf(studyAttrs);
    }

    /** Returns the replay warnings. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    private static final class TrialBuilder {
        int number;
        TrialState state = TrialState.RUNNING;
        Map<String, JsonElement> params;
        Double value;
        final TreeMap<Integer, Double> intermediate = new TreeMap<>();
        final Map<String, Double> attrs = new LinkedHashMap<>();
        String worker;
        String runFolder;
        long started;
        Long finished;
        long lastActive;
        String error;
        Integer prunedEpoch;
        String pruneReason;
        Integer retryOf;

        TrialSnapshot snapshot() {
            return new TrialSnapshot(number, state, params, value, intermediate, attrs, worker, runFolder, started,
                    finished, lastActive, error, prunedEpoch, pruneReason, retryOf);
        }
    }
}
