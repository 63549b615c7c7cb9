package dev.tunebench.engine.lrfind;

import dev.tunebench.engine.backend.ModelSession;
import dev.tunebench.engine.backend.StepResult;
import dev.tunebench.engine.backend.TrainingBackend;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.ArraySplit;
import dev.tunebench.engine.data.LoadedData;
import dev.tunebench.engine.data.Permutations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The learning-rate range test as fastai and Lightning run it: one batch per step at exponentially growing learning
 * rates, a debiased EMA of the loss, a stop once it exceeds 4x its best, and two suggestions, fastai's "valley" and
 * the steepest fall of the smoothed loss against log(lr). Suggestions skip the first tenth of the steps and the last
 * five, as fastai does, since both ends are noise or divergence.
 */
public final class LrRangeTest {
    private LrRangeTest() {
    }

    /** Receives each point of a sweep as it is measured, on the sweeping thread (for a live plot or a Stop). */
    @FunctionalInterface
    public interface StepListener {
        /**
         * Called after each step; returns false to end the sweep early (the points so far are analysed).
         *
         * @param step     0-based step
         * @param lr       the step's learning rate
         * @param loss     the step's raw training loss
         * @param smoothed the debiased EMA of the loss so far
         */
        boolean onStep(int step, double lr, double loss, double smoothed);
    }

    /**
     * Runs the sweep on a fresh model for the config and data, opened and closed on the calling thread: nothing a
     * run trained is touched.
     */
    public static LrFindResult run(TrainingBackend backend, RunConfig config, LoadedData data, LrFindOptions options) {
        return run(backend, config, data, options, (i, lr, loss, s) -> true);
    }

    /** Runs the sweep on a fresh model, as the four-argument form, reporting each step to the listener. */
    public static LrFindResult run(TrainingBackend backend, RunConfig config, LoadedData data, LrFindOptions options,
                                   StepListener listener) {
        try (ModelSession session = backend.open(config, data.input())) {
            return sweep(session, data.train(), config.training().batchSize(), config.training().seed(), options,
                    listener);
        }
    }

    /**
     * Runs the sweep on an existing session and puts its weights and optimiser state back afterwards (saved to a
     * temporary folder and loaded again), so the session continues as if the sweep had not happened.
     *
     * @throws UncheckedIOException when the temporary state cannot be written or read back
     */
    public static LrFindResult sweepAndRestore(ModelSession session, ArraySplit train, int batchSize, long seed,
                                               LrFindOptions options) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("tunebench-lrfind-");
            session.save(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("lr-find could not save the model state before the sweep", e);
        }
        try {
            return sweep(session, train, batchSize, seed, options);
        } finally {
            try {
                session.load(tmp, true);
            } catch (IOException e) {
                throw new UncheckedIOException("lr-find could not restore the model state after the sweep", e);
            } finally {
                deleteQuietly(tmp);
            }
        }
    }

    /**
     * Runs the sweep on a session and leaves the trained weights in it (use {@link #sweepAndRestore} to keep them).
     * Batches are drawn from the training split in a seeded random order, cycling when the split is short.
     */
    public static LrFindResult sweep(ModelSession session, ArraySplit train, int batchSize, long seed,
                                     LrFindOptions options) {
        return sweep(session, train, batchSize, seed, options, (i, lr, loss, s) -> true);
    }

    /** Runs the sweep as {@link #sweep(ModelSession, ArraySplit, int, long, LrFindOptions)}, reporting each step. */
    public static LrFindResult sweep(ModelSession session, ArraySplit train, int batchSize, long seed,
                                     LrFindOptions options, StepListener listener) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training split is empty");
        }
        int batch = Math.min(Math.max(1, batchSize), train.size());
        Random rnd = new Random(seed);
        int[] order = Permutations.shuffled(train.size(), rnd);
        int pos = 0;
        int pass = 0;
        session.seedEpoch(seed);
        List<Double> lrs = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<Double> smoothed = new ArrayList<>();
        double avg = 0;
        double best = Double.POSITIVE_INFINITY;
        boolean stopped = false;
        boolean cancelled = false;
        for (int i = 0; i < options.steps(); i++) {
            if (pos + batch > order.length) {
                order = Permutations.shuffled(train.size(), new Random(seed + ++pass));
                pos = 0;
            }
            int[] idx = Arrays.copyOfRange(order, pos, pos + batch);
            pos += batch;
            double lr = options.lrAt(i);
            StepResult r = session.trainStep(train, idx, lr);
            double loss = r.loss();
            avg = options.beta() * avg + (1 - options.beta()) * loss;
            double s = avg / (1 - Math.pow(options.beta(), i + 1));
            lrs.add(lr);
            losses.add(loss);
            smoothed.add(s);
            if (!Double.isFinite(s) || i > 0 && s > options.divergeFactor() * best) {
                stopped = true;
                listener.onStep(i, lr, loss, s);
                break;
            }
            best = Math.min(best, s);
            if (!listener.onStep(i, lr, loss, s)) {
                cancelled = true;
                break;
            }
        }
        LrFindResult r = analyse(lrs, losses, smoothed, options.steps(), stopped);
        if (cancelled) {
            r = new LrFindResult(r.lrs(), r.losses(), r.smoothed(), r.valleyLr(), r.steepestLr(), r.suggestedLr(),
                    false, "Stopped by the user after " + lrs.size() + " steps. " + r.message());
        }
        return r;
    }

    /**
     * Returns the result of a recorded sweep: the suggestions computed over the smoothed losses.
     *
     * @param plannedSteps the sweep's planned length (fastai skips its first tenth)
     */
    public static LrFindResult analyse(List<Double> lrs, List<Double> losses, List<Double> smoothed,
                                       int plannedSteps, boolean stoppedEarly) {
        int n = smoothed.size();
        int end = n;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(smoothed.get(i))) {
                end = i;
                break;
            }
        }
        int from = plannedSteps / 10;
        int to = end - 5;
        if (to - from < 3) {
            // Short sweep: fall back to every finite point.
            from = 0;
            to = end;
        }
        double valley = Double.NaN;
        double steep = Double.NaN;
        if (to - from >= 3) {
            double[] lr = new double[to - from];
            double[] s = new double[to - from];
            for (int i = from; i < to; i++) {
                lr[i - from] = lrs.get(i);
                s[i - from] = smoothed.get(i);
            }
            valley = lr[valleyIndex(s)];
            steep = lr[steepestIndex(lr, s)];
        }
        double suggestion = !Double.isNaN(valley) ? valley : steep;
        String message;
        if (Double.isNaN(suggestion)) {
            message = "The sweep was too short to suggest a learning rate (" + n + " steps): widen the range or give "
                    + "it more steps.";
        } else {
            message = String.format(Locale.ROOT, "Suggested learning rate %s (valley); steepest fall at %s. %s",
                    fmt(suggestion), fmt(steep), stoppedEarly ? "The loss diverged at " + fmt(lrs.get(n - 1))
                            + ", so stay well below that." : "The loss did not diverge within the range.");
        }
        return new LrFindResult(lrs, losses, smoothed, valley, steep, suggestion, stoppedEarly, message);
    }

    /**
     * Returns fastai's valley index: the longest strictly decreasing subsequence of the losses, and the point about
     * 1/3 + 1/6 of the way along it.
     */
    static int valleyIndex(double[] losses) {
        int n = losses.length;
        int[] lds = new int[n];
        Arrays.fill(lds, 1);
        int maxStart = 0;
        int maxEnd = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (losses[i] < losses[j] && lds[i] < lds[j] + 1) {
                    lds[i] = lds[j] + 1;
                }
                if (lds[maxEnd] < lds[i]) {
                    maxEnd = i;
                    maxStart = maxEnd - lds[maxEnd];
                }
            }
        }
        double sections = (maxEnd - maxStart) / 3.0;
        int idx = maxStart + (int) sections + (int) (sections / 2);
        return Math.max(0, Math.min(n - 1, idx));
    }

    /** Returns the index with the most negative slope of the loss against log(lr) (forward differences). */
    static int steepestIndex(double[] lrs, double[] losses) {
        int best = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < losses.length; i++) {
            double g = (losses[i + 1] - losses[i]) / (Math.log(lrs[i + 1]) - Math.log(lrs[i]));
            if (g < min) {
                min = g;
                best = i;
            }
        }
        return best;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }


    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // A leftover temp file is harmless; the restore already happened.
                }
            });
        } catch (IOException ignored) {
            // Same: the folder lives under the system temp directory.
        }
    }
}
