package dev.tunebench.preset;

import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.ResNetModelSpec;
import dev.tunebench.engine.config.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

/**
 * The playbook's checks before Start: values that can train but go against a tip. They never block a run (invalid
 * values are {@link PresetValidator}'s job).
 */
public final class PresetChecks {
    /** Adam-family learning rates outside this range get a warning (tip 7 recommends 1e-3 or 1e-4). */
    public static final double ADAM_LR_MIN = 1e-5;
    /** Upper end of the Adam-family learning-rate range. */
    public static final double ADAM_LR_MAX = 1e-2;
    /** Batches larger than this are "very large" (tip 15). */
    public static final int LARGE_BATCH = 256;
    /** Padding should cover at least this fraction of samples (tip 23). */
    public static final double MIN_PADDING_COVERAGE = 0.9;
    /** Tuning on more training samples than this is slow; subset mode is suggested (tip 5). */
    public static final int TUNING_SAMPLES = 20_000;

    private PresetChecks() {
    }

    /** Returns the warnings for a preset on the given data: the config's, plus a data kind that does not fit. */
    public static List<Warning> check(Preset preset, DataFacts facts) {
        List<Warning> out = new ArrayList<>();
        dataKindMismatch(preset.id(), preset.dataKind(), facts).ifPresent(out::add);
        out.addAll(check(preset.config(), facts));
        return out;
    }

    /**
     * Returns the warning for a preset made for another kind of data than the chosen one (tip 6: start from a
     * preset made for your kind of problem), or empty when they fit or either kind is unknown.
     */
    public static Optional<Warning> dataKindMismatch(String presetId, String presetDataKind, DataFacts facts) {
        String kind = facts.dataKind();
        if (kind == null || presetDataKind == null || kind.equals(presetDataKind)) {
            return Optional.empty();
        }
        return Optional.of(new Warning("dataKind", 6, "preset \"" + presetId + "\" is for " + presetDataKind
                + " data but the chosen data is " + kind + "; pick a " + kind + " preset as the starting "
                + "template"));
    }

    /** Returns the warnings for a config on the given data ({@link DataFacts#unknown()} when none is chosen). */
    public static List<Warning> check(RunConfig config, DataFacts facts) {
        List<Warning> out = new ArrayList<>();
        ModelSpec model = config.model();
        OptimizerSpec opt = config.optimizer();
        if (model.isRecurrent() && !config.training().clips()) {
            out.add(new Warning("training.clipNorm", 9, "RNNs need gradient clipping against exploding gradients: "
                    + "set clipNorm to 1.0"));
        }
        if (opt.kind() == OptimizerSpec.Kind.SGD || opt.kind() == OptimizerSpec.Kind.EMA_MOMENTUM) {
            out.add(new Warning("optimizer.kind", 7, "SGD with momentum is slow; prefer Adam with lr 1e-3 or 1e-4, "
                    + "then try RAdam (keep SGD only as a baseline)"));
        }
        if ((opt.kind() == OptimizerSpec.Kind.ADAM || opt.kind() == OptimizerSpec.Kind.RADAM)
                && opt.weightDecay() > 0) {
            out.add(new Warning("optimizer.weightDecay", 18, opt.kind() + " adds weight decay to the gradient as L2, "
                    + "which the adaptive step rescales per weight; use ADAMW for decoupled weight decay"));
        }
        if (isAdamFamily(opt.kind()) && (opt.learningRate() < ADAM_LR_MIN || opt.learningRate() > ADAM_LR_MAX)) {
            out.add(new Warning("optimizer.learningRate", 7, String.format(Locale.ROOT, "learning rate %s is outside "
                    + "%s..%s, the usual range for the Adam family; start from 1e-3 or 1e-4, or run lr-find",
                    fmt(opt.learningRate()), fmt(ADAM_LR_MIN), fmt(ADAM_LR_MAX))));
        }
        int batch = config.training().batchSize();
        if (batch > LARGE_BATCH) {
            out.add(new Warning("training.batchSize", 15, "batch " + batch + " is very large; a smaller batch "
                    + "(32, or even 1 on some tasks) often generalises a little better"));
        }
        if (facts.trainSize() > 0 && batch > facts.trainSize()) {
            out.add(new Warning("training.batchSize", 15, "batch " + batch + " is larger than the "
                    + facts.trainSize() + " training samples: every epoch is one step"));
        }
        if (!Double.isNaN(facts.paddingCoverage()) && facts.paddingCoverage() < MIN_PADDING_COVERAGE) {
            out.add(new Warning("data", 23, String.format(Locale.ROOT, "the padding length covers only %.0f%% of the "
                    + "training samples; raise it to cover at least 90%% (see inspect)",
                    100 * facts.paddingCoverage())));
        }
        if (model instanceof ResNetModelSpec cnn && !cnn.shortcuts()) {
            out.add(new Warning("model.shortcuts", 19, "use shortcut (residual) connections wherever there is a CNN; "
                    + "turn them off only to compare"));
        }
        if (facts.trainSize() > TUNING_SAMPLES) {
            out.add(new Warning("data", 5, "tuning on " + facts.trainSize() + " training samples is slow; tune on "
                    + "about 20k first (subset mode: add ?maxTrain=20000&maxVal=2000 to the data spec), then train on "
                    + "all once the settings hold"));
        }
        return out;
    }

    /** Returns whether the optimiser is Adam, AdamW or RAdam. */
    public static boolean isAdamFamily(OptimizerSpec.Kind kind) {
        return kind == OptimizerSpec.Kind.ADAM || kind == OptimizerSpec.Kind.ADAMW || kind == OptimizerSpec.Kind.RADAM;
    }

    /** Returns 1e-5 as "1e-5" and 0.003 as "0.003". */
    static String fmt(double v) {
        double exp = Math.log10(Math.abs(v));
        if (v != 0 && Math.abs(exp - Math.rint(exp)) < 1e-9 && Math.abs(exp) >= 3) {
            return (v < 0 ? "-" : "") + "1e" + (long) Math.rint(exp);
        }
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
