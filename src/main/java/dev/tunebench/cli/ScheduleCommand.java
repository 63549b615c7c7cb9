package dev.tunebench.cli;

import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.schedule.SchedulePlan;
import dev.tunebench.preset.Preset;
import java.io.PrintStream;
import java.util.Locale;

/** {@code schedule}: the learning rate of every epoch (and optionally every step) before training (tip 8). */
final class ScheduleCommand implements Command {

    @Override
    public String name() {
        return "schedule";
    }

    @Override
    public String usage() {
        return "schedule --preset <file|name> [--epochs N] [--lr X] " + Presets.SET_USAGE + " [--steps-per-epoch N]";
    }

    @Override
    public String description() {
        return "print the learning rate of each epoch (and of each step with --steps-per-epoch) (tip 8)";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        Preset p = Presets.resolve(args.require("preset"), err);
        RunConfig c = Presets.applyOverrides(p.config(), args);
        Presets.validateOrThrow(c);
        int epochs = c.training().epochs();
        double base = c.optimizer().learningRate();
        int steps = args.intOption("steps-per-epoch", 0);
        if (steps < 0) {
            throw new UsageException("--steps-per-epoch: must be at least 1");
        }
        // The same plan the window's learning-rate chart draws and the training loop trains (without the
        // plateau reductions, which depend on the metrics).
        SchedulePlan plan = SchedulePlan.of(c.schedule(), base, epochs, Math.max(1, steps));
        out.println("epoch,lr");
        for (int e = 0; e < epochs; e++) {
            out.printf(Locale.ROOT, "%d,%.8g%n", e + 1, plan.epochLearningRate(e));
        }
        if (steps > 0) {
            out.println();
            out.println("step,epoch,lr");
            for (long i = 0; i < plan.totalSteps(); i++) {
                out.printf(Locale.ROOT, "%d,%d,%.8g%n", i + 1, i / steps + 1, plan.learningRate(i));
            }
        }
        return 0;
    }
}
