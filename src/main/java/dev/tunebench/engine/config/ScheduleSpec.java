package dev.tunebench.engine.config;

/**
 * Learning-rate schedule (tip 8). The cosine follows {@code torch.optim.lr_scheduler.CosineAnnealingLR} stepped
 * once per epoch; a linear warm-up over the first steps and ReduceLROnPlateau on the run's monitor multiply it.
 *
 * @param kind              constant or cosine annealing
 * @param tMax              cosine: T_max in epochs (tip 8: 32 or 64)
 * @param etaMin            cosine: eta_min
 * @param warmupSteps       linear warm-up over this many optimiser steps; 0 = none
 * @param plateau           whether ReduceLROnPlateau is on
 * @param plateauFactor     ReduceLROnPlateau factor (new lr = lr * factor)
 * @param plateauPatience   ReduceLROnPlateau patience in epochs
 * @param plateauMinLr      ReduceLROnPlateau lower bound of the lr
 */
public record ScheduleSpec(
        Kind kind,
        int tMax,
        double etaMin,
        int warmupSteps,
        boolean plateau,
        double plateauFactor,
        int plateauPatience,
        double plateauMinLr) {

    /** Schedule shapes. */
    public enum Kind { CONSTANT, COSINE }

    /** Returns CosineAnnealingLR with T_max 32 and no warm-up or plateau (tip 8). */
    public static ScheduleSpec cosineDefaults() {
        return new ScheduleSpec(Kind.COSINE, 32, 0.0, 0, false, 0.1, 10, 0.0);
    }

    /** Returns a constant learning rate. */
    public static ScheduleSpec constant() {
        return new ScheduleSpec(Kind.CONSTANT, 32, 0.0, 0, false, 0.1, 10, 0.0);
    }
}
