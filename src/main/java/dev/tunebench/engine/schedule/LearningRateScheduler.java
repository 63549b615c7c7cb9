package dev.tunebench.engine.schedule;

import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.ScheduleSpec;

/**
 * The learning rate of every optimiser step (tip 8): a per-epoch schedule times a linear warm-up times a
 * ReduceLROnPlateau factor.
 *
 * <ul>
 *   <li>Schedule: constant, or {@code torch.optim.lr_scheduler.CosineAnnealingLR} stepped once per epoch:
 *       {@code lr(e) = eta_min + (base - eta_min) * (1 + cos(pi * e / T_max)) / 2} for epoch {@code e = 0, 1, ...};
 *       past {@code T_max} it follows the cosine back up, as torch's does.</li>
 *   <li>Warm-up: optimiser step {@code s} (0-based, counted over the whole run) is multiplied by
 *       {@code min(1, (s + 1) / warmupSteps)}, so the first step uses {@code lr/warmupSteps} and step
 *       {@code warmupSteps - 1} the full rate.</li>
 *   <li>Plateau: {@code torch.optim.lr_scheduler.ReduceLROnPlateau(mode, factor, patience, threshold=min_delta,
 *       threshold_mode='abs', cooldown=0, min_lr)} on the run's monitor. An epoch improves when its value beats
 *       the best by more than min_delta (NaN and infinities never do); after more than {@code patience} epochs
 *       without improvement the factor is multiplied by {@code factor} and the count restarts. The lr becomes
 *       {@code max(schedule * factor, min_lr)} once reduced (a reduction that would change the lr by less than
 *       1e-8 is skipped, as in torch).</li>
 * </ul>
 * Not thread-safe: owned by the training thread.
 */
public final class LearningRateScheduler {
    /** Torch's ReduceLROnPlateau eps: reductions smaller than this are ignored. */
    private static final double PLATEAU_EPS = 1e-8;

    private final ScheduleSpec spec;
    private final double baseLr;
    private final MonitorSpec monitor;
    private int epoch;
    private long step;
    private double plateauScale = 1.0;
    private double plateauBest = Double.NaN;
    private int badEpochs;
    private int reductions;

    /**
     * Creates a scheduler at epoch 0, step 0.
     *
     * @param spec    the schedule
     * @param baseLr  the optimiser's base learning rate
     * @param monitor the monitored metric, used by ReduceLROnPlateau; may be null when plateau is off
     */
    public LearningRateScheduler(ScheduleSpec spec, double baseLr, MonitorSpec monitor) {
        validate(spec, baseLr);
        if (spec.plateau() && monitor == null) {
            throw new IllegalArgumentException("schedule.plateau needs a monitor");
        }
        this.spec = spec;
        this.baseLr = baseLr;
        this.monitor = monitor;
    }

    /** Returns the learning rate for the next optimiser step, warm-up and plateau factor included. */
    public double learningRate() {
        return plateauAdjusted(scheduleLr(spec, baseLr, epoch)) * warmupFactor(spec, step);
    }

    /** Returns the learning rate of the current epoch without warm-up (what {@link #epochPreview} shows). */
    public double epochLearningRate() {
        return plateauAdjusted(scheduleLr(spec, baseLr, epoch));
    }

    /** Advances the step counter; call after every optimiser step. */
    public void afterStep() {
        step++;
    }

    /**
     * Ends an epoch: steps the per-epoch schedule and feeds ReduceLROnPlateau the monitored value of this epoch.
     *
     * @param monitoredValue the monitor's value of the epoch just finished (ignored when plateau is off)
     */
    public void afterEpoch(double monitoredValue) {
        epoch++;
        if (!spec.plateau()) {
            return;
        }
        if (isImprovement(monitoredValue)) {
            plateauBest = monitoredValue;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (badEpochs > spec.plateauPatience()) {
            double oldLr = plateauAdjusted(scheduleLr(spec, baseLr, epoch));
            double newScale = plateauScale * spec.plateauFactor();
            double newLr = Math.max(scheduleLr(spec, baseLr, epoch) * newScale, spec.plateauMinLr());
            if (oldLr - newLr > PLATEAU_EPS) {
                plateauScale = newScale;
                reductions++;
            }
            badEpochs = 0;
        }
    }

    /** Returns the number of epochs ended so far. */
    public int epoch() {
        return epoch;
    }

    /** Returns the number of optimiser steps taken so far. */
    public long step() {
        return step;
    }

    /** Returns how many times ReduceLROnPlateau has lowered the learning rate. */
    public int reductions() {
        return reductions;
    }

    /** Returns the state for a checkpoint. */
    public State state() {
        return new State(epoch, step, plateauScale, plateauBest, badEpochs, reductions);
    }

    /** Restores a state taken by {@link #state()}, so that a resumed run continues exactly. */
    public void restore(State s) {
        epoch = s.epoch();
        step = s.step();
        plateauScale = s.plateauScale();
        plateauBest = s.plateauBest();
        badEpochs = s.badEpochs();
        reductions = s.reductions();
    }

    /**
     * Returns the learning rate during each epoch {@code 0..epochs-1}: the schedule alone, without warm-up or
     * plateau reductions (which depend on steps and metrics). Same numbers as {@link SchedulePlan}.
     */
    public static double[] epochPreview(ScheduleSpec spec, double baseLr, int epochs) {
        return SchedulePlan.of(spec, baseLr, Math.max(0, epochs), 1).epochLearningRates();
    }

    /**
     * Returns the learning rate of every optimiser step, warm-up included, without plateau reductions. Same numbers
     * as {@link SchedulePlan#stepLearningRates()}.
     */
    public static double[] stepPreview(ScheduleSpec spec, double baseLr, int epochs, int stepsPerEpoch) {
        return SchedulePlan.of(spec, baseLr, Math.max(0, epochs), stepsPerEpoch).stepLearningRates();
    }

    private boolean isImprovement(double value) {
        if (!Double.isFinite(value)) {
            return false;
        }
        if (Double.isNaN(plateauBest)) {
            return true;
        }
        return monitor.mode() == MonitorSpec.Mode.MIN
                ? value < plateauBest - monitor.minDelta()
                : value > plateauBest + monitor.minDelta();
    }

    private double plateauAdjusted(double lr) {
        return reductions == 0 ? lr : Math.max(lr * plateauScale, spec.plateauMinLr());
    }

    static double scheduleLr(ScheduleSpec spec, double baseLr, int epoch) {
        return switch (spec.kind()) {
            case CONSTANT -> baseLr;
            case COSINE -> spec.etaMin()
                    + (baseLr - spec.etaMin()) * (1 + Math.cos(Math.PI * epoch / spec.tMax())) / 2;
        };
    }

    static double warmupFactor(ScheduleSpec spec, long step) {
        return spec.warmupSteps() <= 0 ? 1.0 : Math.min(1.0, (step + 1) / (double) spec.warmupSteps());
    }

    static void validate(ScheduleSpec spec, double baseLr) {
        if (!(baseLr > 0) || !Double.isFinite(baseLr)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + baseLr);
        }
        if (spec.kind() == ScheduleSpec.Kind.COSINE && spec.tMax() < 1) {
            throw new IllegalArgumentException("schedule.tMax must be >= 1 epoch, got " + spec.tMax());
        }
        if (spec.etaMin() < 0) {
            throw new IllegalArgumentException("schedule.etaMin must be >= 0, got " + spec.etaMin());
        }
        if (spec.warmupSteps() < 0) {
            throw new IllegalArgumentException("schedule.warmupSteps must be >= 0, got " + spec.warmupSteps());
        }
        if (spec.plateau()) {
            if (!(spec.plateauFactor() > 0 && spec.plateauFactor() < 1)) {
                throw new IllegalArgumentException("schedule.plateauFactor must be in (0, 1), got "
                        + spec.plateauFactor());
            }
            if (spec.plateauPatience() < 0) {
                throw new IllegalArgumentException("schedule.plateauPatience must be >= 0, got "
                        + spec.plateauPatience());
            }
            if (spec.plateauMinLr() < 0) {
                throw new IllegalArgumentException("schedule.plateauMinLr must be >= 0, got " + spec.plateauMinLr());
            }
        }
    }

    /**
     * Saved scheduler state (Gson-serialisable).
     *
     * @param epoch        epochs ended
     * @param step         optimiser steps taken
     * @param plateauScale product of the plateau reductions applied
     * @param plateauBest  best monitored value seen by the plateau logic, NaN when none
     * @param badEpochs    epochs since the last improvement (reset on reduction)
     * @param reductions   number of reductions applied
     */
    public record State(int epoch, long step, double plateauScale, double plateauBest, int badEpochs,
                        int reductions) {
    }
}
