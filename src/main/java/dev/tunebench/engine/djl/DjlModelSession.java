package dev.tunebench.engine.djl;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import dev.tunebench.engine.backend.EvalResult;
import dev.tunebench.engine.backend.LayerShape;
import dev.tunebench.engine.backend.ModelSession;
import dev.tunebench.engine.backend.StepResult;
import dev.tunebench.engine.config.LossKind;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.data.ArraySplit;
import dev.tunebench.engine.data.InputSpec;
import dev.tunebench.engine.djl.optim.GradientClipping;
import dev.tunebench.engine.djl.optim.Optimizers;
import dev.tunebench.engine.djl.optim.ParameterOptimizer;
import dev.tunebench.engine.djl.template.ModelTemplate;
import dev.tunebench.engine.djl.template.ShapeTrace;
import dev.tunebench.engine.djl.template.Templates;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model of a template on DJL's PyTorch engine, with its optimiser. One {@link NDManager} holds the parameters and
 * the optimiser state; every step, evaluation batch and trace works on a sub-manager closed at its end, so native
 * memory stays flat over a run. Owned by the thread that opened it.
 */
public final class DjlModelSession implements ModelSession {

    /** File name of the weights written by {@link #save}. */
    public static final String WEIGHTS_FILE = "model.params";
    /** File name of the optimiser state written by {@link #save}. */
    public static final String OPTIMIZER_FILE = "optimizer.state";

    private static final int EVAL_BATCH_LIMIT = 1024;

    private final RunConfig config;
    private final InputSpec input;
    private final ModelTemplate template;
    private final NDManager manager;
    private final Block block;
    private final List<Parameter> parameters;
    private final List<Parameter> trainable;
    private final ParameterOptimizer optimizer;
    private final Thread owner;
    private boolean closed;

    /**
     * Builds, seeds and initialises the model on the calling thread.
     *
     * @throws IllegalArgumentException when the config does not fit the input, naming the field
     */
    public DjlModelSession(RunConfig config, InputSpec input) {
        this.config = config;
        this.input = input;
        validate(config, input);
        this.template = Templates.byId(config.model().template());
        this.block = template.build(config.model(), input);
        this.owner = Thread.currentThread();
        this.manager = NDManager.newBaseManager();
        try {
            Engine.getInstance().setRandomSeed(foldSeed(config.training().seed()));
            block.initialize(manager, DataType.FLOAT32, template.inputShapes(input, 1));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        parameters = new ArrayList<>(block.getParameters().values());
        trainable = parameters.stream().filter(Parameter::requiresGradient).toList();
        optimizer = Optimizers.create(config.optimizer());
    }

    private static void validate(RunConfig config, InputSpec input) {
        if (config.model() == null) {
            throw new IllegalArgumentException("model: missing");
        }
        if (config.training() == null) {
            throw new IllegalArgumentException("training: missing");
        }
        if (config.optimizer() == null) {
            throw new IllegalArgumentException("optimizer: missing");
        }
        LossKind loss = config.training().loss();
        if (loss == null) {
            throw new IllegalArgumentException("training.loss: missing; allowed: "
                    + (input.task() == Task.CLASSIFICATION ? "CROSS_ENTROPY" : "MSE, L1, HUBER"));
        }
        if (!loss.fits(input.task())) {
            throw new IllegalArgumentException("training.loss: " + loss + " does not fit " + input.task()
                    + " data; allowed: " + (input.task() == Task.CLASSIFICATION ? "CROSS_ENTROPY" : "MSE, L1, HUBER"));
        }
        if (loss == LossKind.HUBER && !(config.training().huberDelta() > 0)) {
            throw new IllegalArgumentException("training.huberDelta: " + config.training().huberDelta()
                    + " must be a positive number");
        }
    }

    /** Returns the int seed PyTorch takes for a long run seed. */
    static int foldSeed(long seed) {
        return (int) (seed ^ (seed >>> 32));
    }

    /** Returns the template the model was built from. */
    public ModelTemplate template() {
        return template;
    }

    /** Returns the DJL block (for the bare benchmark loop and tests; same thread only). */
    public Block block() {
        return block;
    }

    /** Returns the number of arrays attached to the session's manager (parameters, optimiser state); for tests. */
    public int attachedArrayCount() {
        return manager.getManagedArrays().size();
    }

    @Override
    public long parameterCount() {
        long n = 0;
        for (Parameter p : trainable) {
            n += p.getShape().size();
        }
        return n;
    }

    @Override
    public List<LayerShape> shapeTrace(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size: " + batchSize + " must be at least 1");
        }
        return ShapeTrace.of(block, template.inputShapes(input, batchSize));
    }

    @Override
    public void seedEpoch(long seed) {
        checkThread();
        Engine.getInstance().setRandomSeed(foldSeed(seed));
    }

    /**
     * {@inheritDoc} The gradient norm is reported whether or not clipping is on. A step whose loss or gradient
     * norm is not finite updates nothing and reports the non-finite value.
     */
    @Override
    public StepResult trainStep(ArraySplit data, int[] indices, double learningRate) {
        checkThread();
        checkData(data);
        if (indices.length == 0) {
            throw new IllegalArgumentException("trainStep: no samples");
        }
        try (NDManager step = manager.newSubManager()) {
            NDList x = features(step, data, indices);
            NDArray y = targets(step, data, indices);
            double loss;
            // Autograd by hand rather than through DJL's GradientCollector: PyTorch's grad mode is per thread, but
            // DJL's collector also holds a process-wide flag that would refuse a second run training on another
            // thread at the same time.
            boolean previous = setGradMode(true);
            try {
                NDArray out = block.forward(new ParameterStore(step, false), x, true).head();
                NDArray lossArray = Losses.perSample(config.training().loss(), config.training().huberDelta(), out, y)
                        .mean();
                JniUtils.backward((PtNDArray) lossArray, (PtNDArray) lossArray.onesLike(), false, false);
                loss = lossArray.getFloat();
                // The optimiser and clipping work on detached aliases; no graph is needed until the next forward.
                setGradMode(false);
                List<NDArray> params = new ArrayList<>(trainable.size());
                for (Parameter p : trainable) {
                    params.add(p.getArray());
                }
                List<NDArray> grads = Optimizers.gradientsOf(params, step);
                GradientClipping.ClipResult clip = GradientClipping.clipByGlobalNorm(grads,
                        config.training().clipNorm());
                // A non-finite loss or gradient ends the run (tip 2); skipping its update keeps the weights as
                // they were, so the last checkpoint and restore-best still hold finite numbers.
                if (Double.isFinite(loss) && Double.isFinite(clip.normBefore())) {
                    optimizer.step(params, grads, learningRate); // also zeroes the gradients
                } else {
                    for (NDArray w : params) {
                        JniUtils.zeroGrad((PtNDArray) w);
                    }
                }
                return new StepResult(loss, clip.normBefore(), clip.normAfter(), clip.clipped());
            } finally {
                setGradMode(previous);
            }
        }
    }

    @Override
    public EvalResult evaluate(ArraySplit data, int batchSize) {
        checkThread();
        checkData(data);
        int n = data.size();
        if (n == 0) {
            throw new IllegalArgumentException("evaluate: the split is empty");
        }
        int b = Math.max(1, Math.min(batchSize, EVAL_BATCH_LIMIT));
        double lossSum = 0;
        double correct = 0;
        double absSum = 0;
        double sqSum = 0;
        long values = 0;
        boolean previous = setGradMode(false);
        try {
            for (int start = 0; start < n; start += b) {
                int[] idx = range(start, Math.min(n, start + b));
                try (NDManager scratch = manager.newSubManager()) {
                    NDList x = features(scratch, data, idx);
                    NDArray y = targets(scratch, data, idx);
                    NDArray out = block.forward(new ParameterStore(scratch, false), x, false).head();
                    NDArray perSample = Losses.perSample(config.training().loss(), config.training().huberDelta(),
                            out, y);
                    lossSum += perSample.sum().toType(DataType.FLOAT64, false).getDouble();
                    if (data.isClassification()) {
                        NDArray hit = out.argMax(1).toType(DataType.INT64, false).eq(y);
                        correct += hit.toType(DataType.FLOAT64, false).sum().getDouble();
                    } else {
                        NDArray diff = out.sub(y).toType(DataType.FLOAT64, false);
                        absSum += diff.abs().sum().getDouble();
                        sqSum += diff.square().sum().getDouble();
                        values += diff.size();
                    }
                }
            }
        } finally {
            setGradMode(previous);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (data.isClassification()) {
            metrics.put("accuracy", correct / n);
        } else {
            metrics.put("mae", absSum / values);
            metrics.put("rmse", Math.sqrt(sqSum / values));
        }
        return new EvalResult(lossSum / n, metrics);
    }

    @Override
    public float[][] predict(ArraySplit data, int n) {
        checkThread();
        checkData(data);
        int count = Math.min(n, data.size());
        float[][] rows = new float[count][];
        boolean previous = setGradMode(false);
        try {
            for (int start = 0; start < count; start += EVAL_BATCH_LIMIT) {
                int end = Math.min(count, start + EVAL_BATCH_LIMIT);
                try (NDManager scratch = manager.newSubManager()) {
                    NDArray out = block.forward(new ParameterStore(scratch, false),
                            features(scratch, data, range(start, end)), false).head();
                    if (data.isClassification()) {
                        long[] cls = out.argMax(1).toType(DataType.INT64, false).toLongArray();
                        for (int i = 0; i < cls.length; i++) {
                            rows[start + i] = new float[] {cls[i]};
                        }
                    } else {
                        int k = (int) out.getShape().get(1);
                        float[] flat = out.toFloatArray();
                        for (int i = 0; i < end - start; i++) {
                            rows[start + i] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
                        }
                    }
                }
            }
        } finally {
            setGradMode(previous);
        }
        return rows;
    }

    /** An in-heap copy of every parameter, BatchNorm running statistics included. */
    private record WeightSnapshot(List<String> names, List<Shape> shapes, List<float[]> values) {
    }

    @Override
    public Object snapshotWeights() {
        checkThread();
        List<String> names = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        for (Parameter p : parameters) {
            NDArray a = p.getArray();
            names.add(p.getName());
            shapes.add(a.getShape());
            values.add(a.toFloatArray());
        }
        return new WeightSnapshot(names, shapes, values);
    }

    @Override
    public void restoreWeights(Object snapshot) {
        checkThread();
        if (!(snapshot instanceof WeightSnapshot s) || s.values().size() != parameters.size()) {
            throw new IllegalArgumentException("restoreWeights: not a snapshot of this model");
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (!s.shapes().get(i).equals(parameters.get(i).getArray().getShape())) {
                throw new IllegalArgumentException("restoreWeights: parameter " + s.names().get(i) + " has shape "
                        + s.shapes().get(i) + ", this model has " + parameters.get(i).getArray().getShape());
            }
        }
        try (NDManager scratch = manager.newSubManager()) {
            for (int i = 0; i < parameters.size(); i++) {
                copyInto(parameters.get(i).getArray(), scratch.create(s.values().get(i), s.shapes().get(i)), scratch);
            }
        }
    }

    /** Copies {@code source} into {@code target} in place, without autograd (the target may be a leaf). */
    private static void copyInto(NDArray target, NDArray source, NDManager scratch) {
        boolean previous = setGradMode(false);
        try {
            NDArray alias = target.stopGradient();
            alias.attach(scratch);
            alias.set(new NDIndex("..."), source.toType(target.getDataType(), false));
        } finally {
            setGradMode(previous);
        }
    }

    @Override
    public void save(Path folder) throws IOException {
        checkThread();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(folder.resolve(WEIGHTS_FILE))))) {
            block.saveParameters(out);
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(folder.resolve(OPTIMIZER_FILE))))) {
            optimizer.save(out);
        }
    }

    @Override
    public void load(Path folder, boolean withOptimizer) throws IOException {
        checkThread();
        Path weights = folder.resolve(WEIGHTS_FILE);
        if (!Files.isRegularFile(weights)) {
            throw new NoSuchFileException(weights.toString(), null, "no weights file in the checkpoint");
        }
        // Read into a fresh twin of the model, check every name and shape, then copy in place: the parameter
        // arrays (and the optimiser's view of them) stay the same objects.
        Block twin = template.build(config.model(), input);
        try (NDManager scratch = manager.newSubManager()) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(weights)))) {
                twin.loadParameters(scratch, in);
            } catch (MalformedModelException | RuntimeException e) {
                throw new IOException(weights + ": not weights of this model (" + e.getMessage() + ")", e);
            }
            List<Parameter> loaded = new ArrayList<>(twin.getParameters().values());
            if (loaded.size() != parameters.size()) {
                throw new IOException(weights + ": holds " + loaded.size() + " parameters, this model has "
                        + parameters.size());
            }
            for (int i = 0; i < loaded.size(); i++) {
                Parameter mine = parameters.get(i);
                Parameter theirs = loaded.get(i);
                if (!theirs.isInitialized() || !theirs.getArray().getShape().equals(mine.getArray().getShape())) {
                    throw new IOException(weights + ": parameter " + mine.getName() + " has shape "
                            + (theirs.isInitialized() ? theirs.getArray().getShape() : "none")
                            + ", this model has " + mine.getArray().getShape());
                }
            }
            for (int i = 0; i < loaded.size(); i++) {
                NDArray source = loaded.get(i).getArray();
                source.attach(scratch);
                copyInto(parameters.get(i).getArray(), source, scratch);
            }
        }
        if (withOptimizer) {
            Path state = folder.resolve(OPTIMIZER_FILE);
            if (!Files.isRegularFile(state)) {
                throw new NoSuchFileException(state.toString(), null, "no optimiser state in the checkpoint");
            }
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(state)))) {
                optimizer.load(in, manager);
            }
        }
    }

    @Override
    public List<String> savedFileNames() {
        return List.of(WEIGHTS_FILE, OPTIMIZER_FILE);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    /** Returns the model inputs of the given samples: int64 token ids, or float32 values, batch first. */
    NDList features(NDManager m, ArraySplit data, int[] indices) {
        int row = data.rowSize();
        float[] src = data.features();
        Shape shape = template.inputShapes(input, indices.length)[0];
        if (input.kind() == InputSpec.Kind.TOKENS) {
            long[] ids = new long[indices.length * row];
            for (int k = 0; k < indices.length; k++) {
                int base = indices[k] * row;
                for (int j = 0; j < row; j++) {
                    float id = src[base + j];
                    if (!(id >= 0 && id < input.vocabularySize()) || id != Math.rint(id)) {
                        throw new IllegalArgumentException("data: token id " + id + " of sample " + indices[k]
                                + " is outside 0-" + (input.vocabularySize() - 1) + " (vocabulary size "
                                + input.vocabularySize() + ")");
                    }
                    ids[k * row + j] = (long) id;
                }
            }
            return new NDList(m.create(ids, shape));
        }
        float[] values = new float[indices.length * row];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(src, indices[k] * row, values, k * row, row);
        }
        return new NDList(m.create(values, shape));
    }

    /** Returns the labels (int64, (B)) or targets (float32, (B, K)) of the given samples. */
    NDArray targets(NDManager m, ArraySplit data, int[] indices) {
        if (data.isClassification()) {
            long[] labels = new long[indices.length];
            for (int k = 0; k < indices.length; k++) {
                int label = data.label(indices[k]);
                if (label < 0 || label >= input.outputSize()) {
                    throw new IllegalArgumentException("data: label " + label + " of sample " + indices[k]
                            + " is outside 0-" + (input.outputSize() - 1) + " (" + input.outputSize() + " classes)");
                }
                labels[k] = label;
            }
            return m.create(labels);
        }
        int k = data.targetSize();
        float[] t = new float[indices.length * k];
        float[] src = data.targets();
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(src, indices[i] * k, t, i * k, k);
        }
        return m.create(t, new Shape(indices.length, k));
    }

    private void checkData(ArraySplit data) {
        if (data.rowSize() != input.sampleSize()) {
            throw new IllegalArgumentException("data: a sample has " + data.rowSize() + " values, the model expects "
                    + input.sampleSize() + " (" + input + ")");
        }
        if (data.isClassification() != (input.task() == Task.CLASSIFICATION)) {
            throw new IllegalArgumentException("data: split is " + (data.isClassification() ? "classification"
                    : "regression") + ", the model was built for " + input.task());
        }
        if (!data.isClassification() && data.targetSize() != input.outputSize()) {
            throw new IllegalArgumentException("data: a sample has " + data.targetSize()
                    + " targets, the model outputs " + input.outputSize());
        }
    }

    private void checkThread() {
        if (closed) {
            throw new IllegalStateException("the model session is closed");
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("the model session belongs to thread '" + owner.getName()
                    + "'; DJL objects and PyTorch's grad mode are per thread");
        }
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    /** Sets PyTorch's thread-local grad mode and returns the previous one. */
    private static boolean setGradMode(boolean enabled) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(enabled);
        return previous;
    }
}
