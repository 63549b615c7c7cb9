package dev.tunebench.engine.schedule;

import dev.tunebench.engine.config.ScheduleSpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * The planned learning rate of a whole run, known before it starts (tip 8): the schedule of
 * {@link LearningRateScheduler} for every epoch and every optimiser step, warm-up included, without the
 * ReduceLROnPlateau reductions, which depend on the metrics. The training loop, the {@code schedule} command and
 * the window's learning-rate chart all take their numbers from here, so the plan drawn is the plan trained.
 *
 * <p>Cosine past {@code T_max}: {@code torch.optim.lr_scheduler.CosineAnnealingLR} does not clamp; stepped on
 * without an epoch argument it follows its recursive form, which equals the closed form
 * {@code eta_min + (base - eta_min) * (1 + cos(pi * e / T_max)) / 2} for every epoch {@code e} (the rate climbs
 * back to the base rate at {@code 2 * T_max} and repeats) as long as nothing else changes the rate. The two agree
 * to about 1e-15 relative over ten half-periods (fixtures/schedule_plans.json). When something else does change
 * it (a plateau reduction, later a nudge), torch's recursive form continues from the changed value; this engine
 * multiplies the plan by the plateau factor instead, and a chart shows the product as a departure from the plan.
 *
 * <p>Cost: the plan holds one value per epoch; {@link #curve()} has at most three vertices per epoch. Both are
 * exact (the per-step rate is constant within an epoch once warm-up is over, and linear in the step during
 * warm-up), so even 100,000 epochs of 10,000 steps cost a few milliseconds and a few MB, never an array per step.
 * Immutable and thread-safe.
 */
public final class SchedulePlan {
    private final ScheduleSpec spec;
    private final double baseLr;
    private final int epochs;
    private final int stepsPerEpoch;
    private final double[] epochLrs;

    private SchedulePlan(ScheduleSpec spec, double baseLr, int epochs, int stepsPerEpoch) {
        this.spec = spec;
        this.baseLr = baseLr;
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        this.epochLrs = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            epochLrs[e] = LearningRateScheduler.scheduleLr(spec, baseLr, e);
        }
    }

    /**
     * Returns the plan of a run.
     *
     * @param spec          the schedule
     * @param baseLr        the optimiser's base learning rate
     * @param epochs        epochs planned (at least 0)
     * @param stepsPerEpoch optimiser steps per epoch (at least 1; see {@link #stepsPerEpoch(int, int, int)})
     * @throws IllegalArgumentException naming the field when a value is out of range
     */
    public static SchedulePlan of(ScheduleSpec spec, double baseLr, int epochs, int stepsPerEpoch) {
        Objects.requireNonNull(spec, "spec");
        LearningRateScheduler.validate(spec, baseLr);
        if (epochs < 0) {
            throw new IllegalArgumentException("training.epochs must be >= 0, got " + epochs);
        }
        if (stepsPerEpoch < 1) {
            throw new IllegalArgumentException("stepsPerEpoch must be >= 1, got " + stepsPerEpoch);
        }
        return new SchedulePlan(spec, baseLr, epochs, stepsPerEpoch);
    }

    /**
     * Returns the optimiser steps of one epoch as the training loop takes them: one per batch of {@code batchSize}
     * over {@code trainSize} samples (the last batch may be short), at most {@code maxBatchesPerEpoch} when that
     * is above 0; at least 1.
     */
    public static int stepsPerEpoch(int trainSize, int batchSize, int maxBatchesPerEpoch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("training.batchSize must be at least 1, got " + batchSize);
        }
        int batches = (int) ((Math.max(0L, trainSize) + batchSize - 1) / batchSize);
        if (maxBatchesPerEpoch > 0) {
            batches = Math.min(batches, maxBatchesPerEpoch);
        }
        return Math.max(1, batches);
    }

    /** Returns the schedule planned. */
    public ScheduleSpec spec() {
        return spec;
    }

    /** Returns the base learning rate. */
    public double baseLr() {
        return baseLr;
    }

    /** Returns the epochs planned. */
    public int epochs() {
        return epochs;
    }

    /** Returns the optimiser steps per epoch. */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** Returns the optimiser steps of the whole run. */
    public long totalSteps() {
        return (long) epochs * stepsPerEpoch;
    }

    /** Returns the schedule's rate during epoch {@code epoch} (0-based), without warm-up. */
    public double epochLearningRate(int epoch) {
        if (epoch < epochs) {
            return epochLrs[Math.max(0, epoch)];
        }
        return LearningRateScheduler.scheduleLr(spec, baseLr, epoch); // past the plan: the schedule goes on
    }

    /** Returns the schedule's rate of every epoch, without warm-up (a copy). */
    public double[] epochLearningRates() {
        return epochLrs.clone();
    }

    /**
     * Returns the rate of optimiser step {@code step} (0-based, counted over the whole run), warm-up included: what
     * the training loop uses for that step when no plateau reduction applies.
     */
    public double learningRate(long step) {
        int epoch = (int) Math.min(Integer.MAX_VALUE, Math.max(0, step) / stepsPerEpoch);
        return epochLearningRate(epoch) * LearningRateScheduler.warmupFactor(spec, Math.max(0, step));
    }

    /**
     * Returns the rate of every optimiser step (for short runs and tests; prefer {@link #learningRate(long)} or
     * {@link #curve()} for long ones).
     *
     * @throws IllegalArgumentException when the run has more than 50,000,000 steps
     */
    public double[] stepLearningRates() {
        long total = totalSteps();
        if (total > 50_000_000L) {
            throw new IllegalArgumentException("too many steps to list one by one: " + total);
        }
        double[] out = new double[(int) total];
        for (int i = 0; i < out.length; i++) {
            out[i] = learningRate(i);
        }
        return out;
    }

    /**
     * Returns the plan as a polyline through which straight segments give every step's rate exactly: vertices at
     * each epoch's first and last step and where warm-up ends. Steps are 1-based as in {@code BatchMetrics.step()}
     * (the rate at step {@code k} is {@link #learningRate(long) learningRate(k - 1)}); epochs are fractional, step
     * {@code k} at {@code k / stepsPerEpoch} as the charts place batches.
     */
    public Curve curve() {
        int cap = 3 * epochs + 1;
        double[] steps = new double[cap];
        double[] lrs = new double[cap];
        int n = 0;
        long warmupEnd = spec.warmupSteps(); // the 1-based step whose factor first reaches 1
        for (int e = 0; e < epochs; e++) {
            long first = (long) e * stepsPerEpoch + 1;
            long last = (long) (e + 1) * stepsPerEpoch;
            steps[n] = first;
            lrs[n++] = learningRate(first - 1);
            if (warmupEnd > first && warmupEnd < last) {
                steps[n] = warmupEnd;
                lrs[n++] = learningRate(warmupEnd - 1);
            }
            if (last > first) {
                steps[n] = last;
                lrs[n++] = learningRate(last - 1);
            }
        }
        double[] x = Arrays.copyOf(steps, n);
        double[] ep = new double[n];
        for (int i = 0; i < n; i++) {
            ep[i] = x[i] / stepsPerEpoch;
        }
        return new Curve(x, ep, Arrays.copyOf(lrs, n));
    }

    /** Returns whether this plan was made from the same values as {@code other} (same numbers everywhere). */
    public boolean sameAs(SchedulePlan other) {
        return other != null && spec.equals(other.spec) && Double.compare(baseLr, other.baseLr) == 0
                && epochs == other.epochs && stepsPerEpoch == other.stepsPerEpoch;
    }

    @Override
    public String toString() {
        return "SchedulePlan[" + spec.kind() + ", lr " + baseLr + ", " + epochs + " epochs x " + stepsPerEpoch
                + " steps]";
    }

    /**
     * A plan's vertices.
     *
     * @param steps  1-based optimiser steps
     * @param epochs the same points in fractional epochs
     * @param lrs    the learning rate at each vertex
     */
    public record Curve(double[] steps, double[] epochs, double[] lrs) {
        /** Returns the number of vertices. */
        public int size() {
            return steps.length;
        }
    }
}
