package dev.tunebench.app.presets;

import dev.tunebench.app.presets.ParamField.Type;
import dev.tunebench.engine.config.ConfigField;
import dev.tunebench.engine.config.ConfigPathException;
import dev.tunebench.engine.config.ConfigPaths;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.InputSpec;
import dev.tunebench.preset.Preset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The editor's fields for every {@link RunConfig} value: labels, sections and tooltips citing the playbook's tips;
 * each field's path, type, range and templates come from the shared vocabulary ({@link ConfigPaths}), as does the
 * conversion between a config and the fields' texts.
 */
public final class ConfigFields {
    private ConfigFields() {
    }

    /** Returns a fresh set of fields, in display order; types, ranges and templates come from {@link ConfigPaths}. */
    public static List<ParamField> create() {
        List<ParamField> f = new ArrayList<>();
        ParamGroup g = ParamGroup.MODEL;
        f.add(param("layers", "model.layers", "Layers", g)
                .tip("Stacked recurrent layers. Tip 17: a 2- or 3-layer LSTM is a good first try.").build());
        f.add(param("embeddingSize", "model.embeddingSize", "Embedding size", g)
                .tip("Token embedding size. Tip 16: embeddings can be small (64 or 128).").build());
        f.add(param("hiddenSize", "model.hiddenSize", "Hidden size", g)
                .tip("Recurrent hidden size. Tip 16: somewhat larger than the embedding (256 or 512).").build());
        f.add(param("bidirectional", "model.bidirectional", "Bidirectional", g)
                .tip("Read the sequence in both directions (doubles the recurrent cost).").build());
        f.add(param("sequenceOutput", "model.sequenceOutput", "Sequence output", g)
                .tip("Which recurrent output feeds the head: the last step or the mean over steps.").build());
        f.add(param("stageChannels", "model.stageChannels", "Stage channels", g)
                .tip("Channels of each residual stage; the count is the number of stages. Tip 20: depth is a "
                        + "hyperparameter; past some depth more layers change little.").build());
        f.add(param("blocksPerStage", "model.blocksPerStage", "Blocks per stage", g)
                .tip("Residual blocks in each stage (tip 20).").build());
        f.add(param("shortcuts", "model.shortcuts", "Shortcuts", g)
                .tip("Residual shortcut connections. Tip 19: use them wherever there is a CNN.").build());
        f.add(param("activation", "model.activation", "Activation", g)
                .tip("Tip 11: ReLU is usually enough; Leaky ReLU is worth a try.").build());
        f.add(param("leakyReluSlope", "model.leakyReluSlope", "Leaky ReLU slope", g)
                .tip("Negative slope of Leaky ReLU (tip 11).").build());
        f.add(param("init", "model.init", "Initialisation", g)
                .tip("Initialisation of conv, linear and input-to-hidden weights. Tip 10: He or Xavier.").build());
        f.add(param("recurrentInit", "model.recurrentInit", "Recurrent init", g)
                .tip("Hidden-to-hidden weights. Tip 10: orthogonal for the LSTM hidden state.").build());
        f.add(param("orthogonalGain", "model.orthogonalGain", "Orthogonal gain", g)
                .tip("Gain of the orthogonal initialiser (tip 10).").build());
        f.add(param("forgetGateBias", "model.forgetGateBias", "Forget-gate bias 1", g)
                .tip("Initialise the LSTM forget-gate bias to 1, so memory is kept early in training.").build());

        g = ParamGroup.OPTIMISATION;
        f.add(param("optimizer", "optimizer.kind", "Optimiser", g)
                .tip("Tip 7: prefer Adam (lr 1e-3 or 1e-4), then try RAdam. SGD with momentum is slow.").build());
        f.add(param("learningRate", "optimizer.learningRate", "Learning rate", g)
                .tip("Base learning rate. Tip 7: Adam 1e-3 or 1e-4. Tip 2: lower it first when training "
                        + "fails. The LR range test suggests one.").build());
        f.add(param("beta1", "optimizer.beta1", "Beta 1", g)
                .tip("Adam first-moment decay (torch default 0.9).").build());
        f.add(param("beta2", "optimizer.beta2", "Beta 2", g)
                .tip("Adam second-moment decay (torch default 0.999).").build());
        f.add(param("epsilon", "optimizer.epsilon", "Epsilon", g)
                .tip("Adam epsilon, added to sqrt(v_hat) as torch does.").build());
        f.add(param("momentum", "optimizer.momentum", "Momentum", g)
                .tip("SGD momentum (torch form) or the EMA beta of the notes' momentum (about 0.9).").build());
        f.add(param("dampening", "optimizer.dampening", "Dampening", g)
                .tip("SGD: torch's dampening, which scales the gradient added to the momentum buffer after the "
                        + "first step. 0 = none (torch's default); Nesterov needs 0.").build());
        f.add(param("nesterov", "optimizer.nesterov", "Nesterov", g)
                .tip("SGD: Nesterov momentum.").build());
        f.add(param("batchSize", "training.batchSize", "Batch size", g)
                .tip("Samples per step. Tip 15: a smaller batch often helps a little.").build());
        f.add(param("epochs", "training.epochs", "Epochs", g)
                .tip("Maximum epochs; early stopping usually ends the run sooner (tip 3).").build());
        f.add(param("seed", "training.seed", "Seed", g)
                .tip("Seed of initialisation, dropout and data order: the same seed repeats the run.").build());
        f.add(param("clipNorm", "training.clipNorm", "Clip grad norm", g)
                .tip("Global L2 gradient-norm bound (clip_grad_norm_); 0 = off. Tip 9: RNNs often need it.").build());
        f.add(param("loss", "training.loss", "Loss", g)
                .tip("Cross-entropy for classification; MSE, L1 or Huber for regression.").build());
        f.add(param("huberDelta", "training.huberDelta", "Huber delta", g)
                .tip("Delta of the Huber loss.").build());

        g = ParamGroup.SCHEDULE;
        f.add(param("schedule", "schedule.kind", "Schedule", g)
                .tip("Tip 8: CosineAnnealingLR with T_max 32 or 64 removes most of the need to tune the lr.").build());
        f.add(param("tMax", "schedule.tMax", "T_max (epochs)", g)
                .tip("Cosine half-period in epochs (tip 8: 32 or 64).").build());
        f.add(param("etaMin", "schedule.etaMin", "eta_min", g)
                .tip("Lowest learning rate of the cosine.").build());
        f.add(param("warmupSteps", "schedule.warmupSteps", "Warm-up steps", g)
                .tip("Linear warm-up over this many optimiser steps; 0 = none.").build());
        f.add(param("plateau", "schedule.plateau", "Reduce on plateau", g)
                .tip("ReduceLROnPlateau on the monitored metric.").build());
        f.add(param("plateauFactor", "schedule.plateauFactor", "Plateau factor", g)
                .tip("New lr = lr x factor when the monitor stalls.").build());
        f.add(param("plateauPatience", "schedule.plateauPatience", "Plateau patience", g)
                .tip("Epochs without improvement before the lr is reduced.").build());
        f.add(param("plateauMinLr", "schedule.plateauMinLr", "Plateau min lr", g)
                .tip("Lower bound of the reduced lr.").build());

        g = ParamGroup.REGULARISATION;
        f.add(param("weightDecay", "optimizer.weightDecay", "Weight decay", g)
                .tip("L2 penalty (decoupled for AdamW). Tip 18: 1e-4 is a good value.").build());
        f.add(param("dropoutAfterEmbedding", "model.dropoutAfterEmbedding", "Dropout after embedding", g)
                .tip("Tip 12: dropout right after the embedding layer is worth trying.").build());
        f.add(param("dropoutBeforeOutput", "model.dropoutBeforeOutput", "Dropout before output", g)
                .tip("Tip 12: try dropout just before the final output layer first.").build());
        f.add(param("layerNorm", "model.layerNorm", "LayerNorm", g)
                .tip("Tip 13: RNNs can try LayerNorm; on some tasks it hurts.").build());
        f.add(param("batchNorm", "model.batchNorm", "BatchNorm", g)
                .tip("Tip 12: BatchNorm is worth trying.").build());

        g = ParamGroup.EARLY_STOPPING;
        f.add(param("earlyStopping", "earlyStopping.enabled", "Early stopping", g)
                .tip("Tip 3: stop when the eval loss stops improving and keep the best model.").build());
        f.add(param("monitor", "monitor.metric", "Monitor", g)
                .choices(List.of("val_loss", "val_accuracy", "val_mae", "val_rmse", "train_loss"))
                .tip("The one metric watched by early stopping, checkpoints and plateau (tip 3: val_loss).").build());
        f.add(param("mode", "monitor.mode", "Mode", g)
                .tip("MIN for losses and errors, MAX for accuracy.").build());
        f.add(param("minDelta", "monitor.minDelta", "min_delta", g)
                .tip("How much the monitor must beat its best to count as an improvement.").build());
        f.add(param("patience", "earlyStopping.patience", "Patience", g)
                .tip("Epochs without improvement before stopping (tip 3).").build());
        f.add(param("stoppingThreshold", "earlyStopping.stoppingThreshold", "Stopping threshold", g)
                .tip("Stop once the monitor reaches this value; empty = none.").build());
        f.add(param("divergenceThreshold", "earlyStopping.divergenceThreshold", "Divergence threshold", g)
                .tip("Stop once the monitor is worse than this value; empty = none.").build());
        f.add(param("checkFinite", "earlyStopping.checkFinite", "Stop on NaN/Inf", g)
                .tip("Stop when the monitor becomes NaN or infinite (tip 4: check the data).").build());
        f.add(param("startFromEpoch", "earlyStopping.startFromEpoch", "Start from epoch", g)
                .tip("Epochs before patience starts counting.").build());
        f.add(param("timeLimitSeconds", "earlyStopping.timeLimitSeconds", "Time limit (s)", g)
                .tip("Stop after this much wall time; 0 = none.").build());
        f.add(param("restoreBest", "earlyStopping.restoreBest", "Restore best weights", g)
                .tip("Tip 3: keep the model with the lowest eval loss.").build());

        g = ParamGroup.CHECKPOINTS;
        f.add(param("keepBest", "checkpoints.keepBest", "Keep best", g)
                .tip("How many best checkpoints by the monitor to keep.").build());
        f.add(param("keepLast", "checkpoints.keepLast", "Keep last", g)
                .tip("Also keep the last epoch's checkpoint (needed to resume).").build());
        return f;
    }

    /** Editor key to field path, in display order. */
    private static final Map<String, String> PATHS = new LinkedHashMap<>();

    static {
        for (ParamField f : create()) {
            PATHS.put(f.key(), f.path());
        }
    }

    private static ParamField.Builder param(String key, String path, String label, ParamGroup group) {
        ConfigField c = ConfigPaths.field(path);
        ParamField.Builder b = ParamField.builder(key, label, group, typeOf(c)).path(path).appliesTo(c::appliesTo);
        c.range().ifPresent(r -> b.bounds(r.min(), r.minInclusive(), r.max(), r.maxInclusive()));
        if (!c.choices().isEmpty()) {
            b.choices(c.choices());
        }
        List<InputSpec.Kind> kinds = Arrays.stream(InputSpec.Kind.values())
                .filter(k -> c.appliesToData(Preset.dataKindOf(k))).toList();
        if (kinds.size() < InputSpec.Kind.values().length) {
            b.forInputs(kinds.get(0), kinds.subList(1, kinds.size()).toArray(InputSpec.Kind[]::new));
        }
        return b;
    }

    private static Type typeOf(ConfigField c) {
        return switch (c.type()) {
            case INT -> c.isLong() ? Type.LONG : Type.INT;
            case FLOAT -> c.nullable() ? Type.OPTIONAL_DOUBLE : Type.DOUBLE;
            case BOOL -> Type.BOOL;
            case ENUM, STRING -> Type.CHOICE;
            case INT_LIST -> Type.INT_LIST;
        };
    }

    /**
     * Returns the config field path of an editor key ({@code learningRate} is {@code optimizer.learningRate}).
     *
     * @throws IllegalArgumentException for an unknown key
     */
    public static String path(String key) {
        String p = PATHS.get(key);
        if (p == null) {
            throw new IllegalArgumentException("no hyperparameter named " + key);
        }
        return p;
    }

    /** Returns preset notes (by field path) re-keyed by editor key; notes on other paths are left out. */
    public static Map<String, String> notesByKey(Map<String, String> notesByPath) {
        Map<String, String> m = new LinkedHashMap<>();
        PATHS.forEach((key, path) -> {
            String n = notesByPath.get(path);
            if (n != null) {
                m.put(key, n);
            }
        });
        return m;
    }

    /** Returns the field texts of a config by key: the fields of its template only. */
    public static Map<String, String> toTexts(RunConfig c) {
        Map<String, String> m = new LinkedHashMap<>();
        String template = c.model().template();
        PATHS.forEach((key, path) -> {
            ConfigField f = ConfigPaths.field(path);
            if (f.appliesTo(template)) {
                m.put(key, f.text(c));
            }
        });
        return m;
    }

    /**
     * Returns the config the texts describe, for the given template; texts of other templates' fields are ignored.
     *
     * @throws IllegalArgumentException naming the first field that is missing or does not parse
     */
    public static RunConfig fromTexts(String template, Map<String, String> v) {
        RunConfig c = RunConfig.defaults(template, null);
        for (Map.Entry<String, String> e : PATHS.entrySet()) {
            ConfigField f = ConfigPaths.field(e.getValue());
            if (!f.appliesTo(template) || f.path().equals(ConfigPaths.TEMPLATE)) {
                continue;
            }
            String text = v.get(e.getKey());
            if (text == null) {
                throw new IllegalArgumentException(e.getKey() + ": missing");
            }
            try {
                c = f.withText(c, text);
            } catch (ConfigPathException x) {
                throw new IllegalArgumentException(e.getKey() + ": " + x.detail(), x);
            }
        }
        return c;
    }

    /** Returns a double as short text that parses back to the same value ("0.001", "1e-5"). */
    public static String str(double d) {
        return ConfigField.formatNumber(d);
    }
}
