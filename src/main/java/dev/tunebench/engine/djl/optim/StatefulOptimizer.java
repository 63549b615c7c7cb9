package dev.tunebench.engine.djl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Common bookkeeping of the engine's optimisers: a step counter, per-parameter state buffers created lazily as
 * zeros like the parameter (as torch does), a per-parameter step count that, as torch's {@code state['step']}, only
 * counts the steps in which that parameter had a gradient (it drives the bias corrections and SGD's first step), a
 * scratch sub-manager per update so temporaries never accumulate, and a binary state format for exact resume.
 *
 * <p>Updates run on detached aliases ({@link NDArray#stopGradient()}) of the parameters: they share storage, so the
 * in-place update reaches the model, but no autograd graph is recorded whatever the thread's grad mode is. After
 * the update each parameter's own gradient is zeroed, as DJL's optimisers do: PyTorch accumulates gradients
 * across backward passes, so without this every batch would add to the previous batches' gradients.
 */
abstract class StatefulOptimizer implements ParameterOptimizer {
    /** Version 2 adds the per-parameter step counts; version 1 files are still read. */
    private static final int FORMAT_VERSION = 2;

    private final String name;
    private final int buffersPerParameter;
    private final List<NDArray[]> state = new ArrayList<>();
    private final List<long[]> parameterSteps = new ArrayList<>();
    private long steps;

    StatefulOptimizer(String name, int buffersPerParameter) {
        this.name = name;
        this.buffersPerParameter = buffersPerParameter;
    }

    @Override
    public final void step(List<NDArray> parameters, List<NDArray> gradients, double learningRate) {
        if (parameters.size() != gradients.size()) {
            throw new IllegalArgumentException(name + ": " + parameters.size() + " parameters but "
                    + gradients.size() + " gradients");
        }
        if (!state.isEmpty() && state.size() != parameters.size()) {
            throw new IllegalArgumentException(name + ": state holds " + state.size()
                    + " parameters but this step has " + parameters.size() + "; pass the same list every step");
        }
        while (state.size() < parameters.size()) {
            state.add(new NDArray[buffersPerParameter]);
            parameterSteps.add(new long[1]);
        }
        steps++;
        for (int i = 0; i < parameters.size(); i++) {
            NDArray param = parameters.get(i);
            NDArray grad = gradients.get(i);
            if (grad == null) {
                continue;
            }
            NDArray[] buffers = state.get(i);
            for (int b = 0; b < buffersPerParameter; b++) {
                if (buffers[b] == null) {
                    buffers[b] = param.getManager().zeros(param.getShape(), param.getDataType());
                } else if (!buffers[b].getShape().equals(param.getShape())) {
                    throw new IllegalArgumentException(name + ": parameter " + i + " has shape " + param.getShape()
                            + " but its state has shape " + buffers[b].getShape());
                }
            }
            long parameterStep = ++parameterSteps.get(i)[0];
            try (NDManager scratch = param.getManager().newSubManager()) {
                NDArray p = param.stopGradient();
                p.attach(scratch);
                NDArray g = grad.stopGradient();
                g.attach(scratch);
                scratch.tempAttachAll(buffers);
                update(p, g, buffers, parameterStep, learningRate);
            }
            zeroGradient(param);
        }
    }

    private static void zeroGradient(NDArray param) {
        if (!param.hasGradient()) {
            return;
        }
        if (param instanceof PtNDArray pt) {
            // zero_() on the gradient tensor itself: NaN-safe and allocation-free.
            JniUtils.zeroGrad(pt);
        } else {
            try (NDArray g = param.getGradient()) {
                g.subi(g);
            }
        }
    }

    /**
     * Updates one parameter in place. Every array created here must come from operations on the given arrays, which
     * are attached to a scratch manager closed right after.
     *
     * @param step this parameter's step, 1 on the first step in which it has a gradient
     */
    abstract void update(NDArray param, NDArray grad, NDArray[] buffers, long step, double lr);

    @Override
    public final long stepCount() {
        return steps;
    }

    /** Returns the state buffers of parameter {@code index} (null entries before its first step); for tests. */
    final NDArray[] buffers(int index) {
        return state.get(index);
    }

    /**
     * Returns the factor by which buffer {@code buffer} of this parameter is kept larger than torch's (1 unless a
     * native kernel keeps it in its own scale, see {@link FusedKernels}); for tests that compare state with torch.
     */
    double bufferScale(int buffer, NDArray param) {
        return 1;
    }

    @Override
    public final void save(DataOutputStream out) throws IOException {
        out.writeUTF(name);
        out.writeInt(FORMAT_VERSION);
        out.writeLong(steps);
        out.writeInt(state.size());
        out.writeInt(buffersPerParameter);
        for (int i = 0; i < state.size(); i++) {
            out.writeLong(parameterSteps.get(i)[0]);
            for (NDArray buffer : state.get(i)) {
                out.writeBoolean(buffer != null);
                if (buffer == null) {
                    continue;
                }
                long[] dims = buffer.getShape().getShape();
                out.writeInt(dims.length);
                for (long d : dims) {
                    out.writeLong(d);
                }
                float[] data = buffer.toType(DataType.FLOAT32, false).toFloatArray();
                out.writeInt(data.length);
                for (float f : data) {
                    out.writeFloat(f);
                }
            }
        }
    }

    @Override
    public final void load(DataInputStream in, NDManager manager) throws IOException {
        String stored = in.readUTF();
        if (!stored.equals(name)) {
            throw new IOException("optimiser state was written by " + stored + ", not " + name);
        }
        int version = in.readInt();
        if (version != 1 && version != FORMAT_VERSION) {
            throw new IOException("optimiser state format " + version + " is not supported (expected 1 to "
                    + FORMAT_VERSION + ")");
        }
        long loadedSteps = in.readLong();
        int count = in.readInt();
        int perParameter = in.readInt();
        if (perParameter != buffersPerParameter) {
            throw new IOException(name + " state has " + perParameter + " buffers per parameter, expected "
                    + buffersPerParameter);
        }
        List<NDArray[]> loaded = new ArrayList<>(count);
        List<long[]> loadedParameterSteps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long parameterStep = version >= 2 ? in.readLong() : -1;
            NDArray[] buffers = new NDArray[perParameter];
            for (int b = 0; b < perParameter; b++) {
                if (!in.readBoolean()) {
                    continue;
                }
                long[] dims = new long[in.readInt()];
                for (int d = 0; d < dims.length; d++) {
                    dims[d] = in.readLong();
                }
                float[] data = new float[in.readInt()];
                for (int k = 0; k < data.length; k++) {
                    data[k] = in.readFloat();
                }
                buffers[b] = manager.create(data, new Shape(dims));
            }
            if (parameterStep < 0) {
                // Version 1 kept one global count; a parameter whose buffers exist has stepped with every step.
                parameterStep = perParameter == 0 || buffers[0] != null ? loadedSteps : 0;
            }
            loaded.add(buffers);
            loadedParameterSteps.add(new long[] {parameterStep});
        }
        for (NDArray[] old : state) {
            for (NDArray a : old) {
                if (a != null) {
                    a.close();
                }
            }
        }
        state.clear();
        state.addAll(loaded);
        parameterSteps.clear();
        parameterSteps.addAll(loadedParameterSteps);
        steps = loadedSteps;
    }
}
