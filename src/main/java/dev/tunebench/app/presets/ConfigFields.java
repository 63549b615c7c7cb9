package dev.tunebench.app.presets;

import dev.tunebench.app.presets.ParamField.Type;
import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.EarlyStoppingSpec;
import dev.tunebench.engine.config.LossKind;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.ScheduleSpec;
import dev.tunebench.engine.config.TrainingSpec;
import dev.tunebench.engine.data.InputSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The editor's fields for every {@link RunConfig} value, with ranges, tooltips citing the playbook's tips, and the
 * conversion between a config and the fields' texts.
 */
public final class ConfigFields {
    private static final Predicate<String> RNN = t -> "lstm".equals(t) || "gru".equals(t);
    private static final Predicate<String> CNN = "resnet"::equals;

    private ConfigFields() {
    }

    /** Returns a fresh set of fields, in display order. */
    public static List<ParamField> create() {
        List<ParamField> f = new ArrayList<>();
        ParamGroup g = ParamGroup.MODEL;
        f.add(ParamField.builder("layers", "Layers", g, Type.INT).range(1, 4).appliesTo(RNN)
                .tip("Stacked recurrent layers. Tip 17: a 2- or 3-layer LSTM is a good first try.").build());
        f.add(ParamField.builder("embeddingSize", "Embedding size", g, Type.INT).range(1, 4096).appliesTo(RNN)
                .forInputs(InputSpec.Kind.TOKENS)
                .tip("Token embedding size. Tip 16: embeddings can be small (64 or 128).").build());
        f.add(ParamField.builder("hiddenSize", "Hidden size", g, Type.INT).range(1, 8192).appliesTo(RNN)
                .tip("Recurrent hidden size. Tip 16: somewhat larger than the embedding (256 or 512).").build());
        f.add(ParamField.builder("bidirectional", "Bidirectional", g, Type.BOOL).appliesTo(RNN)
                .tip("Read the sequence in both directions (doubles the recurrent cost).").build());
        f.add(ParamField.builder("sequenceOutput", "Sequence output", g, Type.CHOICE).appliesTo(RNN)
                .choices(names(ModelSpec.SequenceOutput.values()))
                .tip("Which recurrent output feeds the head: the last step or the mean over steps.").build());
        f.add(ParamField.builder("stageChannels", "Stage channels", g, Type.INT_LIST).range(1, 4096).appliesTo(CNN)
                .tip("Channels of each residual stage; the count is the number of stages. Tip 20: depth is a "
                        + "hyperparameter; past some depth more layers change little.").build());
        f.add(ParamField.builder("blocksPerStage", "Blocks per stage", g, Type.INT).range(1, 16).appliesTo(CNN)
                .tip("Residual blocks in each stage (tip 20).").build());
        f.add(ParamField.builder("shortcuts", "Shortcuts", g, Type.BOOL).appliesTo(CNN)
                .tip("Residual shortcut connections. Tip 19: use them wherever there is a CNN.").build());
        f.add(ParamField.builder("activation", "Activation", g, Type.CHOICE)
                .choices(names(ModelSpec.Activation.values()))
                .tip("Tip 11: ReLU is usually enough; Leaky ReLU is worth a try.").build());
        f.add(ParamField.builder("leakyReluSlope", "Leaky ReLU slope", g, Type.DOUBLE).range(0, 1)
                .tip("Negative slope of Leaky ReLU (tip 11).").build());
        f.add(ParamField.builder("init", "Initialisation", g, Type.CHOICE).choices(names(ModelSpec.InitScheme.values()))
                .tip("Initialisation of conv, linear and input-to-hidden weights. Tip 10: He or Xavier.").build());
        f.add(ParamField.builder("recurrentInit", "Recurrent init", g, Type.CHOICE).appliesTo(RNN)
                .choices(names(ModelSpec.RecurrentInit.values()))
                .tip("Hidden-to-hidden weights. Tip 10: orthogonal for the LSTM hidden state.").build());
        f.add(ParamField.builder("orthogonalGain", "Orthogonal gain", g, Type.DOUBLE).above(0).range(0, 10)
                .appliesTo(RNN).tip("Gain of the orthogonal initialiser (tip 10).").build());
        f.add(ParamField.builder("forgetGateBias", "Forget-gate bias 1", g, Type.BOOL).appliesTo("lstm"::equals)
                .tip("Initialise the LSTM forget-gate bias to 1, so memory is kept early in training.").build());

        g = ParamGroup.OPTIMISATION;
        f.add(ParamField.builder("optimizer", "Optimiser", g, Type.CHOICE).choices(names(OptimizerSpec.Kind.values()))
                .tip("Tip 7: prefer Adam (lr 1e-3 or 1e-4), then try RAdam. SGD with momentum is slow.").build());
        f.add(ParamField.builder("learningRate", "Learning rate", g, Type.DOUBLE).above(0).range(0, 10)
                .tip("Base learning rate. Tip 7: Adam 1e-3 or 1e-4. Tip 2: lower it first when training "
                        + "fails. The LR range test suggests one.").build());
        f.add(ParamField.builder("beta1", "Beta 1", g, Type.DOUBLE).range(0, 1).below(1)
                .tip("Adam first-moment decay (torch default 0.9).").build());
        f.add(ParamField.builder("beta2", "Beta 2", g, Type.DOUBLE).range(0, 1).below(1)
                .tip("Adam second-moment decay (torch default 0.999).").build());
        f.add(ParamField.builder("epsilon", "Epsilon", g, Type.DOUBLE).above(0).range(0, 1)
                .tip("Adam epsilon, added to sqrt(v_hat) as torch does.").build());
        f.add(ParamField.builder("momentum", "Momentum", g, Type.DOUBLE).range(0, 1).below(1)
                .tip("SGD momentum (torch form) or the EMA beta of the notes' momentum (about 0.9).").build());
        f.add(ParamField.builder("dampening", "Dampening", g, Type.DOUBLE).range(0, 1)
                .tip("SGD: torch's dampening, which scales the gradient added to the momentum buffer after the "
                        + "first step. 0 = none (torch's default); Nesterov needs 0.").build());
        f.add(ParamField.builder("nesterov", "Nesterov", g, Type.BOOL)
                .tip("SGD: Nesterov momentum.").build());
        f.add(ParamField.builder("batchSize", "Batch size", g, Type.INT).range(1, 65536)
                .tip("Samples per step. Tip 15: a smaller batch often helps a little.").build());
        f.add(ParamField.builder("epochs", "Epochs", g, Type.INT).range(1, 100000)
                .tip("Maximum epochs; early stopping usually ends the run sooner (tip 3).").build());
        f.add(ParamField.builder("seed", "Seed", g, Type.LONG)
                .tip("Seed of initialisation, dropout and data order: the same seed repeats the run.").build());
        f.add(ParamField.builder("clipNorm", "Clip grad norm", g, Type.DOUBLE).atLeast(0)
                .tip("Global L2 gradient-norm bound (clip_grad_norm_); 0 = off. Tip 9: RNNs often need it.")
                .build());
        f.add(ParamField.builder("loss", "Loss", g, Type.CHOICE).choices(names(LossKind.values()))
                .tip("Cross-entropy for classification; MSE, L1 or Huber for regression.").build());
        f.add(ParamField.builder("huberDelta", "Huber delta", g, Type.DOUBLE).above(0)
                .tip("Delta of the Huber loss.").build());

        g = ParamGroup.SCHEDULE;
        f.add(ParamField.builder("schedule", "Schedule", g, Type.CHOICE).choices(names(ScheduleSpec.Kind.values()))
                .tip("Tip 8: CosineAnnealingLR with T_max 32 or 64 removes most of the need to tune the lr.").build());
        f.add(ParamField.builder("tMax", "T_max (epochs)", g, Type.INT).range(1, 100000)
                .tip("Cosine half-period in epochs (tip 8: 32 or 64).").build());
        f.add(ParamField.builder("etaMin", "eta_min", g, Type.DOUBLE).atLeast(0)
                .tip("Lowest learning rate of the cosine.").build());
        f.add(ParamField.builder("warmupSteps", "Warm-up steps", g, Type.INT).range(0, 10_000_000)
                .tip("Linear warm-up over this many optimiser steps; 0 = none.").build());
        f.add(ParamField.builder("plateau", "Reduce on plateau", g, Type.BOOL)
                .tip("ReduceLROnPlateau on the monitored metric.").build());
        f.add(ParamField.builder("plateauFactor", "Plateau factor", g, Type.DOUBLE).above(0).below(1)
                .tip("New lr = lr x factor when the monitor stalls.").build());
        f.add(ParamField.builder("plateauPatience", "Plateau patience", g, Type.INT).range(0, 100000)
                .tip("Epochs without improvement before the lr is reduced.").build());
        f.add(ParamField.builder("plateauMinLr", "Plateau min lr", g, Type.DOUBLE).atLeast(0)
                .tip("Lower bound of the reduced lr.").build());

        g = ParamGroup.REGULARISATION;
        f.add(ParamField.builder("weightDecay", "Weight decay", g, Type.DOUBLE).range(0, 1)
                .tip("L2 penalty (decoupled for AdamW). Tip 18: 1e-4 is a good value.").build());
        f.add(ParamField.builder("dropoutAfterEmbedding", "Dropout after embedding", g, Type.DOUBLE).range(0, 1)
                .below(1).appliesTo(RNN)
                .tip("Tip 12: dropout right after the embedding layer is worth trying.").build());
        f.add(ParamField.builder("dropoutBeforeOutput", "Dropout before output", g, Type.DOUBLE).range(0, 1)
                .below(1).tip("Tip 12: try dropout just before the final output layer first.").build());
        f.add(ParamField.builder("layerNorm", "LayerNorm", g, Type.BOOL).appliesTo(RNN)
                .tip("Tip 13: RNNs can try LayerNorm; on some tasks it hurts.").build());
        f.add(ParamField.builder("batchNorm", "BatchNorm", g, Type.BOOL).appliesTo(CNN)
                .tip("Tip 12: BatchNorm is worth trying.").build());

        g = ParamGroup.EARLY_STOPPING;
        f.add(ParamField.builder("earlyStopping", "Early stopping", g, Type.BOOL)
                .tip("Tip 3: stop when the eval loss stops improving and keep the best model.").build());
        f.add(ParamField.builder("monitor", "Monitor", g, Type.CHOICE)
                .choices(List.of("val_loss", "val_accuracy", "val_mae", "val_rmse", "train_loss"))
                .tip("The one metric watched by early stopping, checkpoints and plateau (tip 3: val_loss).")
                .build());
        f.add(ParamField.builder("mode", "Mode", g, Type.CHOICE).choices(names(MonitorSpec.Mode.values()))
                .tip("MIN for losses and errors, MAX for accuracy.").build());
        f.add(ParamField.builder("minDelta", "min_delta", g, Type.DOUBLE).atLeast(0)
                .tip("How much the monitor must beat its best to count as an improvement.").build());
        f.add(ParamField.builder("patience", "Patience", g, Type.INT).range(0, 100000)
                .tip("Epochs without improvement before stopping (tip 3).").build());
        f.add(ParamField.builder("stoppingThreshold", "Stopping threshold", g, Type.OPTIONAL_DOUBLE)
                .tip("Stop once the monitor reaches this value; empty = none.").build());
        f.add(ParamField.builder("divergenceThreshold", "Divergence threshold", g, Type.OPTIONAL_DOUBLE)
                .tip("Stop once the monitor is worse than this value; empty = none.").build());
        f.add(ParamField.builder("checkFinite", "Stop on NaN/Inf", g, Type.BOOL)
                .tip("Stop when the monitor becomes NaN or infinite (tip 4: check the data).").build());
        f.add(ParamField.builder("startFromEpoch", "Start from epoch", g, Type.INT).range(0, 100000)
                .tip("Epochs before patience starts counting.").build());
        f.add(ParamField.builder("timeLimitSeconds", "Time limit (s)", g, Type.LONG).atLeast(0)
                .tip("Stop after this much wall time; 0 = none.").build());
        f.add(ParamField.builder("restoreBest", "Restore best weights", g, Type.BOOL)
                .tip("Tip 3: keep the model with the lowest eval loss.").build());

        g = ParamGroup.CHECKPOINTS;
        f.add(ParamField.builder("keepBest", "Keep best", g, Type.INT).range(1, 100)
                .tip("How many best checkpoints by the monitor to keep.").build());
        f.add(ParamField.builder("keepLast", "Keep last", g, Type.BOOL)
                .tip("Also keep the last epoch's checkpoint (needed to resume).").build());
        return f;
    }

    private static final Map<String, String> PATHS = Map.ofEntries(
            Map.entry("optimizer", "optimizer.kind"), Map.entry("learningRate", "optimizer.learningRate"),
            Map.entry("beta1", "optimizer.beta1"), Map.entry("beta2", "optimizer.beta2"),
            Map.entry("epsilon", "optimizer.epsilon"), Map.entry("momentum", "optimizer.momentum"),
            Map.entry("dampening", "optimizer.dampening"), Map.entry("nesterov", "optimizer.nesterov"), Map.entry("weightDecay", "optimizer.weightDecay"),
            Map.entry("batchSize", "training.batchSize"), Map.entry("epochs", "training.epochs"),
            Map.entry("seed", "training.seed"), Map.entry("clipNorm", "training.clipNorm"),
            Map.entry("loss", "training.loss"), Map.entry("huberDelta", "training.huberDelta"),
            Map.entry("schedule", "schedule.kind"), Map.entry("tMax", "schedule.tMax"),
            Map.entry("etaMin", "schedule.etaMin"), Map.entry("warmupSteps", "schedule.warmupSteps"),
            Map.entry("plateau", "schedule.plateau"), Map.entry("plateauFactor", "schedule.plateauFactor"),
            Map.entry("plateauPatience", "schedule.plateauPatience"),
            Map.entry("plateauMinLr", "schedule.plateauMinLr"), Map.entry("monitor", "monitor.metric"),
            Map.entry("mode", "monitor.mode"), Map.entry("minDelta", "monitor.minDelta"),
            Map.entry("earlyStopping", "earlyStopping.enabled"), Map.entry("patience", "earlyStopping.patience"),
            Map.entry("stoppingThreshold", "earlyStopping.stoppingThreshold"),
            Map.entry("divergenceThreshold", "earlyStopping.divergenceThreshold"),
            Map.entry("checkFinite", "earlyStopping.checkFinite"),
            Map.entry("startFromEpoch", "earlyStopping.startFromEpoch"),
            Map.entry("timeLimitSeconds", "earlyStopping.timeLimitSeconds"),
            Map.entry("restoreBest", "earlyStopping.restoreBest"), Map.entry("keepBest", "checkpoints.keepBest"),
            Map.entry("keepLast", "checkpoints.keepLast"));

    /**
     * Returns the preset field path of an editor key ({@code learningRate} is {@code optimizer.learningRate});
     * model fields live under {@code model.}.
     */
    public static String path(String key) {
        return PATHS.getOrDefault(key, "model." + key);
    }

    /** Returns preset notes (by field path) re-keyed by editor key; notes on other paths are left out. */
    public static Map<String, String> notesByKey(Map<String, String> notesByPath) {
        Map<String, String> m = new LinkedHashMap<>();
        for (ParamField f : create()) {
            String n = notesByPath.get(path(f.key()));
            if (n != null) {
                m.put(f.key(), n);
            }
        }
        return m;
    }

    /** Returns the field texts of a config, by key. */
    public static Map<String, String> toTexts(RunConfig c) {
        Map<String, String> m = new LinkedHashMap<>();
        ModelSpec ms = c.model();
        m.put("layers", str(ms.layers()));
        m.put("embeddingSize", str(ms.embeddingSize()));
        m.put("hiddenSize", str(ms.hiddenSize()));
        m.put("bidirectional", str(ms.bidirectional()));
        m.put("sequenceOutput", ms.sequenceOutput().name());
        m.put("stageChannels", String.join(", ", ms.stageChannels().stream().map(String::valueOf).toList()));
        m.put("blocksPerStage", str(ms.blocksPerStage()));
        m.put("shortcuts", str(ms.shortcuts()));
        m.put("activation", ms.activation().name());
        m.put("leakyReluSlope", str(ms.leakyReluSlope()));
        m.put("init", ms.init().name());
        m.put("recurrentInit", ms.recurrentInit().name());
        m.put("orthogonalGain", str(ms.orthogonalGain()));
        m.put("forgetGateBias", str(ms.forgetGateBias()));
        OptimizerSpec o = c.optimizer();
        m.put("optimizer", o.kind().name());
        m.put("learningRate", str(o.learningRate()));
        m.put("beta1", str(o.beta1()));
        m.put("beta2", str(o.beta2()));
        m.put("epsilon", str(o.epsilon()));
        m.put("momentum", str(o.momentum()));
        m.put("dampening", str(o.dampening()));
        m.put("nesterov", str(o.nesterov()));
        TrainingSpec t = c.training();
        m.put("batchSize", str(t.batchSize()));
        m.put("epochs", str(t.epochs()));
        m.put("seed", String.valueOf(t.seed()));
        m.put("clipNorm", str(t.clipNorm()));
        m.put("loss", t.loss().name());
        m.put("huberDelta", str(t.huberDelta()));
        ScheduleSpec s = c.schedule();
        m.put("schedule", s.kind().name());
        m.put("tMax", str(s.tMax()));
        m.put("etaMin", str(s.etaMin()));
        m.put("warmupSteps", str(s.warmupSteps()));
        m.put("plateau", str(s.plateau()));
        m.put("plateauFactor", str(s.plateauFactor()));
        m.put("plateauPatience", str(s.plateauPatience()));
        m.put("plateauMinLr", str(s.plateauMinLr()));
        m.put("weightDecay", str(o.weightDecay()));
        m.put("dropoutAfterEmbedding", str(ms.dropoutAfterEmbedding()));
        m.put("dropoutBeforeOutput", str(ms.dropoutBeforeOutput()));
        m.put("layerNorm", str(ms.layerNorm()));
        m.put("batchNorm", str(ms.batchNorm()));
        EarlyStoppingSpec e = c.earlyStopping();
        MonitorSpec mon = c.monitor();
        m.put("earlyStopping", str(e.enabled()));
        m.put("monitor", mon.metric());
        m.put("mode", mon.mode().name());
        m.put("minDelta", str(mon.minDelta()));
        m.put("patience", str(e.patience()));
        m.put("stoppingThreshold", e.stoppingThreshold() == null ? "" : str(e.stoppingThreshold()));
        m.put("divergenceThreshold", e.divergenceThreshold() == null ? "" : str(e.divergenceThreshold()));
        m.put("checkFinite", str(e.checkFinite()));
        m.put("startFromEpoch", str(e.startFromEpoch()));
        m.put("timeLimitSeconds", String.valueOf(e.timeLimitSeconds()));
        m.put("restoreBest", str(e.restoreBest()));
        m.put("keepBest", str(c.checkpoints().keepBest()));
        m.put("keepLast", str(c.checkpoints().keepLast()));
        return m;
    }

    /**
     * Returns the config the texts describe, for the given template.
     *
     * @throws IllegalArgumentException naming the first field that does not parse
     */
    public static RunConfig fromTexts(String template, Map<String, String> v) {
        Reader r = new Reader(v);
        ModelSpec model = new ModelSpec(template, r.i("layers"), r.i("embeddingSize"), r.i("hiddenSize"),
                r.b("bidirectional"), ModelSpec.SequenceOutput.valueOf(r.s("sequenceOutput")), r.b("layerNorm"),
                r.d("dropoutAfterEmbedding"), r.d("dropoutBeforeOutput"), r.ints("stageChannels"),
                r.i("blocksPerStage"), r.b("shortcuts"), r.b("batchNorm"),
                ModelSpec.Activation.valueOf(r.s("activation")), r.d("leakyReluSlope"),
                ModelSpec.InitScheme.valueOf(r.s("init")), ModelSpec.RecurrentInit.valueOf(r.s("recurrentInit")),
                r.d("orthogonalGain"), r.b("forgetGateBias"));
        TrainingSpec training = new TrainingSpec(r.i("epochs"), r.i("batchSize"), r.l("seed"), r.d("clipNorm"),
                LossKind.valueOf(r.s("loss")), r.d("huberDelta"));
        OptimizerSpec opt = new OptimizerSpec(OptimizerSpec.Kind.valueOf(r.s("optimizer")), r.d("learningRate"),
                r.d("beta1"), r.d("beta2"), r.d("epsilon"), r.d("weightDecay"), r.d("momentum"), r.d("dampening"),
                r.b("nesterov"));
        ScheduleSpec sched = new ScheduleSpec(ScheduleSpec.Kind.valueOf(r.s("schedule")), r.i("tMax"),
                r.d("etaMin"), r.i("warmupSteps"), r.b("plateau"), r.d("plateauFactor"), r.i("plateauPatience"),
                r.d("plateauMinLr"));
        MonitorSpec mon = new MonitorSpec(r.s("monitor"), MonitorSpec.Mode.valueOf(r.s("mode")), r.d("minDelta"));
        EarlyStoppingSpec es = new EarlyStoppingSpec(r.b("earlyStopping"), r.i("patience"),
                r.od("stoppingThreshold"), r.od("divergenceThreshold"), r.b("checkFinite"), r.i("startFromEpoch"),
                r.l("timeLimitSeconds"), r.b("restoreBest"));
        CheckpointSpec cp = new CheckpointSpec(r.i("keepBest"), r.b("keepLast"));
        return new RunConfig(model, training, opt, sched, mon, es, cp);
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static String str(boolean b) {
        return String.valueOf(b);
    }

    private static String str(int i) {
        return String.valueOf(i);
    }

    /** Returns a double as short text that parses back to the same value ("0.001", "1e-05"). */
    public static String str(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e9) {
            return String.valueOf((long) d);
        }
        // Java's shortest round-trip form, written the way people type it: 1e-4, 3.7e-5, 0.001.
        return String.valueOf(d).replace(".0E", "E").replace('E', 'e');
    }

    private static final class Reader {
        private final Map<String, String> v;

        Reader(Map<String, String> v) {
            this.v = v;
        }

        String s(String k) {
            String s = v.get(k);
            if (s == null) {
                throw new IllegalArgumentException(k + ": missing");
            }
            return s.trim();
        }

        int i(String k) {
            try {
                return Integer.parseInt(s(k));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(k + ": '" + v.get(k) + "' is not a whole number");
            }
        }

        long l(String k) {
            try {
                return Long.parseLong(s(k));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(k + ": '" + v.get(k) + "' is not a whole number");
            }
        }

        double d(String k) {
            try {
                return Double.parseDouble(s(k));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(k + ": '" + v.get(k) + "' is not a number");
            }
        }

        Double od(String k) {
            String s = s(k);
            return s.isEmpty() || s.equalsIgnoreCase("none") ? null : d(k);
        }

        boolean b(String k) {
            return Boolean.parseBoolean(s(k));
        }

        List<Integer> ints(String k) {
            String s = s(k);
            if (s.isEmpty()) {
                return List.of();
            }
            List<Integer> out = new ArrayList<>();
            for (String p : s.split("[,\\s]+")) {
                try {
                    out.add(Integer.parseInt(p));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(k + ": '" + p + "' is not a whole number");
                }
            }
            return out;
        }
    }
}
