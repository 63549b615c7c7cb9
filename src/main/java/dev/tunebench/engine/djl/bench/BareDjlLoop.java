package dev.tunebench.engine.djl.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.ArraySplit;
import dev.tunebench.engine.data.InputSpec;
import dev.tunebench.engine.djl.optim.Optimizers;
import dev.tunebench.engine.djl.optim.ParameterOptimizer;
import dev.tunebench.engine.djl.template.ModelTemplate;
import dev.tunebench.engine.djl.template.Templates;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference for the engine benchmark: the same template, data, batch and optimiser as a run, trained by the
 * plainest DJL loop there is (batch arrays, forward in a gradient collector, DJL's softmax cross-entropy for
 * classification or L2 loss for regression, backward, optimiser step, zeroed gradients) with none of the engine's
 * checks, clipping, gradient-norm reporting or events. Owned by the thread that created it.
 */
public final class BareDjlLoop implements AutoCloseable {

    private final InputSpec input;
    private final ArraySplit data;
    private final ModelTemplate template;
    private final NDManager manager;
    private final Block block;
    private final List<Parameter> trainable;
    private final ParameterOptimizer optimizer;
    private final Loss loss;
    private final double learningRate;
    private int cursor;

    /** Builds and initialises the model of {@code config} for the data, seeded by the config's seed. */
    public BareDjlLoop(RunConfig config, InputSpec input, ArraySplit data) {
        this.loss = data.isClassification() ? Loss.softmaxCrossEntropyLoss() : Loss.l2Loss();
        this.input = input;
        this.data = data;
        this.template = Templates.byId(config.model().template());
        this.block = template.build(config.model(), input);
        this.manager = NDManager.newBaseManager();
        long seed = config.training().seed();
        Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
        block.initialize(manager, DataType.FLOAT32, template.inputShapes(input, 1));
        trainable = block.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
        optimizer = Optimizers.create(config.optimizer());
        learningRate = config.optimizer().learningRate();
    }

    /** Trains one batch of the next {@code batchSize} samples, in order, wrapping around; returns its loss. */
    public float step(int batchSize) {
        int[] idx = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            idx[i] = (cursor + i) % data.size();
        }
        cursor = (cursor + batchSize) % data.size();
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = batch(sub, idx);
            NDArray y = labels(sub, idx);
            float value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = block.forward(new ParameterStore(sub, false), new NDList(x), true);
                NDArray l = loss.evaluate(new NDList(y), out);
                collector.backward(l);
                value = l.getFloat();
            }
            List<NDArray> params = new ArrayList<>(trainable.size());
            for (Parameter p : trainable) {
                params.add(p.getArray());
            }
            List<NDArray> grads = Optimizers.gradientsOf(params, sub);
            optimizer.step(params, grads, learningRate); // also zeroes the gradients
            return value;
        }
    }

    /**
     * Returns the number of trainable parameter values: what torch's {@code sum(p.numel() for p in
     * model.parameters())} counts (BatchNorm's running statistics are buffers there, not parameters).
     */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : trainable) {
            n += p.getArray().size();
        }
        return n;
    }

    private NDArray labels(NDManager m, int[] idx) {
        if (data.isClassification()) {
            long[] labels = new long[idx.length];
            for (int i = 0; i < idx.length; i++) {
                labels[i] = data.label(idx[i]);
            }
            return m.create(labels);
        }
        int k = data.targetSize();
        float[] t = new float[idx.length * k];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(data.targets(), idx[i] * k, t, i * k, k);
        }
        return m.create(t, new Shape(idx.length, k));
    }

    private NDArray batch(NDManager m, int[] idx) {
        int row = data.rowSize();
        Shape shape = template.inputShapes(input, idx.length)[0];
        float[] src = data.features();
        if (input.kind() == InputSpec.Kind.TOKENS) {
            long[] ids = new long[idx.length * row];
            for (int k = 0; k < idx.length; k++) {
                for (int j = 0; j < row; j++) {
                    ids[k * row + j] = (long) src[idx[k] * row + j];
                }
            }
            return m.create(ids, shape);
        }
        float[] v = new float[idx.length * row];
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(src, idx[k] * row, v, k * row, row);
        }
        return m.create(v, shape);
    }

    @Override
    public void close() {
        manager.close();
    }
}
