package dev.tunebench.engine.overfit;

import dev.tunebench.engine.backend.EvalResult;
import dev.tunebench.engine.backend.ModelSession;
import dev.tunebench.engine.backend.StepResult;
import dev.tunebench.engine.backend.TrainingBackend;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.data.ArraySplit;
import dev.tunebench.engine.data.InputSpec;
import dev.tunebench.engine.data.LoadedData;
import dev.tunebench.engine.data.Permutations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The playbook's first tip: before tuning, check that the model can overfit a tiny training subset. Trains a fresh
 * model on a few batches at the config's learning rate, held constant, for a bounded number of steps. A model that
 * cannot memorise a few dozen samples has a learning rate that is too large, or a bug (tip 2).
 */
public final class OverfitCheck {
    /** Classification passes at this subset accuracy or above... */
    public static final double PASS_ACCURACY = 0.99;
    /** ...together with a subset loss at or below this. */
    public static final double PASS_LOSS = 0.1;
    /** Regression passes once the subset loss fell by this fraction. */
    public static final double PASS_DROP = 0.9;

    private OverfitCheck() {
    }

    /** Receives each training step of the check on its thread (for a live view or a Stop). */
    @FunctionalInterface
    public interface StepListener {
        /** Called after each step with its training loss; returns false to end the check (it then fails). */
        boolean onStep(int step, double loss);
    }

    /**
     * Runs the check on the training split of loaded data. Opens and closes its own session on the calling thread.
     */
    public static OverfitResult run(TrainingBackend backend, RunConfig config, LoadedData data,
                                    OverfitOptions options) {
        return run(backend, config, data.input(), data.train(), options, (s, l) -> true);
    }

    /** Runs the check as {@link #run(TrainingBackend, RunConfig, LoadedData, OverfitOptions)}, reporting each step. */
    public static OverfitResult run(TrainingBackend backend, RunConfig config, LoadedData data, OverfitOptions options,
                                    StepListener listener) {
        return run(backend, config, data.input(), data.train(), options, listener);
    }

    /**
     * Runs the check on a training split: picks {@code batches x batchSize} samples by the config's seed, trains a
     * fresh model on them and reports whether it fitted them.
     */
    public static OverfitResult run(TrainingBackend backend, RunConfig config, InputSpec input, ArraySplit train,
                                    OverfitOptions options) {
        return run(backend, config, input, train, options, (s, l) -> true);
    }

    /** Runs the check on a training split as above, reporting each step to the listener. */
    public static OverfitResult run(TrainingBackend backend, RunConfig config, InputSpec input, ArraySplit train,
                                    OverfitOptions options, StepListener listener) {
        RunConfig tiny = options.withoutRegularisation() ? withoutRegularisation(config) : config;
        int batch = Math.max(1, config.training().batchSize());
        int n = Math.min(train.size(), options.batches() * batch);
        if (n == 0) {
            throw new IllegalArgumentException("the training split is empty");
        }
        Random rnd = new Random(config.training().seed());
        ArraySplit subset = train.select(java.util.Arrays.copyOf(Permutations.shuffled(train.size(), rnd), n));
        double lr = config.optimizer().learningRate();
        boolean classification = input.task() == Task.CLASSIFICATION;

        List<Double> losses = new ArrayList<>();
        try (ModelSession session = backend.open(tiny, input)) {
            EvalResult start = session.evaluate(subset, batch);
            EvalResult last = start;
            int steps = 0;
            int pass = 0;
            boolean passed = false;
            boolean diverged = !Double.isFinite(start.loss());
            boolean cancelled = false;
            while (steps < options.maxSteps() && !passed && !diverged && !cancelled) {
                session.seedEpoch(config.training().seed() + pass);
                int[] order = Permutations.shuffled(n, new Random(config.training().seed() * 31 + pass++));
                for (int from = 0; from < n && steps < options.maxSteps(); from += batch) {
                    int[] idx = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + batch));
                    StepResult r = session.trainStep(subset, idx, lr);
                    losses.add(r.loss());
                    steps++;
                    if (!Double.isFinite(r.loss())) {
                        diverged = true;
                        break;
                    }
                    if (!listener.onStep(steps, r.loss())) {
                        cancelled = true;
                        break;
                    }
                    if (steps % options.evalEvery() == 0 || steps == options.maxSteps()) {
                        last = session.evaluate(subset, batch);
                        passed = passes(last, start, classification);
                        if (passed || !Double.isFinite(last.loss())) {
                            diverged = !Double.isFinite(last.loss());
                            break;
                        }
                    }
                }
            }
            if (!diverged && !passed && steps % options.evalEvery() != 0) {
                last = session.evaluate(subset, batch);
                passed = passes(last, start, classification);
            }
            double acc = classification ? last.metrics().getOrDefault("accuracy", Double.NaN) : Double.NaN;
            double drop = 1 - last.loss() / start.loss();
            String message = cancelled ? "Stopped by the user after " + steps + " steps: no verdict."
                    : message(passed, diverged, n, steps, lr, start.loss(), last.loss(), acc, drop, classification,
                    options);
            passed &= !cancelled;
            return new OverfitResult(passed, n, steps, lr, start.loss(), diverged ? Double.NaN : last.loss(),
                    diverged ? Double.NaN : acc, diverged ? Double.NaN : drop, losses, message);
        }
    }

    /** Returns the config with dropout and weight decay off, the rest unchanged. */
    public static RunConfig withoutRegularisation(RunConfig c) {
        ModelSpec noDropout = c.model().withoutDropout();
        OptimizerSpec o = c.optimizer();
        OptimizerSpec noDecay = new OptimizerSpec(o.kind(), o.learningRate(), o.beta1(), o.beta2(), o.epsilon(), 0.0,
                o.momentum(), o.nesterov());
        return c.withModel(noDropout).withOptimizer(noDecay);
    }

    private static boolean passes(EvalResult r, EvalResult start, boolean classification) {
        if (!Double.isFinite(r.loss())) {
            return false;
        }
        if (classification) {
            Double acc = r.metrics().get("accuracy");
            return acc != null && acc >= PASS_ACCURACY && r.loss() <= PASS_LOSS;
        }
        return r.loss() <= (1 - PASS_DROP) * start.loss();
    }

    private static String message(boolean passed, boolean diverged, int n, int steps, double lr, double l0,
                                  double l1, double acc, double drop, boolean classification, OverfitOptions o) {
        String accText = classification ? String.format(Locale.ROOT, ", accuracy %.1f%%", 100 * acc) : "";
        if (passed) {
            return String.format(Locale.ROOT, "PASS: the model fitted %d samples in %d steps (loss %.4g -> %.4g%s). "
                    + "Model and code can learn; go on tuning (tip 1).", n, steps, l0, l1, accText);
        }
        if (diverged) {
            return String.format(Locale.ROOT, "FAIL: the loss became NaN or infinite after %d steps at learning rate "
                    + "%s. Lower the learning rate (tip 2), then check the data and the shapes.", steps, num(lr));
        }
        if (drop < 0.5) {
            return String.format(Locale.ROOT, "FAIL: the model could not fit %d samples in %d steps (loss %.4g -> "
                    + "%.4g%s). The learning rate %s is probably too large (tip 1): lower it or run lr-find; if that "
                    + "does not help, check the data loader's output and every layer's output shape (shapes, tip 2).",
                    n, steps, l0, l1, accText, num(lr));
        }
        return String.format(Locale.ROOT, "FAIL: the loss fell (%.4g -> %.4g%s) but not to near zero in %d steps. "
                + "Give it more steps (now %d), or lower the learning rate %s (tip 2); if it still plateaus, check the "
                + "labels and the shapes (tip 2).", l0, l1, accText, steps, o.maxSteps(), num(lr));
    }

    private static String num(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toString().toLowerCase(Locale.ROOT);
    }

}
