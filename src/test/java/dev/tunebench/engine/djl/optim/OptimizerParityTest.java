package dev.tunebench.engine.djl.optim;

import dev.tunebench.engine.djl.Fixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tunebench.engine.config.OptimizerSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every optimiser against torch 1.13 over 2000 float32 steps (fixtures/optimizers.json, written by
 * generate_fixtures.py): the parameters at the recorded steps and the optimiser state after the last, within
 * {@link Fixtures#within}, on the fused native path and on the element-wise path. The gradients are the generator's
 * exact stream ({@link Fixtures#streamGradient}), clipped by global norm where a case says so.
 */
@Tag("djl")
class OptimizerParityTest {
    /** Kinds with a fused native path besides the element-wise one. */
    private static final Set<OptimizerSpec.Kind> FUSED_KINDS =
            Set.of(OptimizerSpec.Kind.ADAM, OptimizerSpec.Kind.ADAMW, OptimizerSpec.Kind.RADAM);

    private static JsonObject root;

    private static synchronized JsonObject root() throws IOException {
        if (root == null) {
            root = Fixtures.load("optimizers.json");
        }
        return root;
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonElement e : root().getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            out.add(Arguments.of(c.get("name").getAsString(), c));
        }
        return out.stream();
    }

    /** Adam-family cases twice (the fused native path the engine uses, and the element-wise one), others once. */
    static Stream<Arguments> casesOnEveryPath() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (Arguments a : cases().toList()) {
            JsonObject c = (JsonObject) a.get()[1];
            if (FUSED_KINDS.contains(spec(c).kind())) {
                out.add(Arguments.of(a.get()[0] + " fused", c, true));
                out.add(Arguments.of(a.get()[0] + " element-wise", c, false));
            } else {
                out.add(Arguments.of(a.get()[0] + " element-wise (its only path)", c, false));
            }
        }
        return out.stream();
    }

    static OptimizerSpec spec(JsonObject c) {
        return new OptimizerSpec(OptimizerSpec.Kind.valueOf(c.get("kind").getAsString()),
                c.get("learningRate").getAsDouble(), c.get("beta1").getAsDouble(), c.get("beta2").getAsDouble(),
                c.get("epsilon").getAsDouble(), c.get("weightDecay").getAsDouble(),
                c.get("momentum").getAsDouble(), c.get("dampening").getAsDouble(), c.get("nesterov").getAsBoolean());
    }

    @Test
    void fixturesAreLongRuns() throws IOException {
        JsonObject r = root();
        assertEquals(2000, r.get("steps").getAsInt());
        JsonArray checkpoints = r.getAsJsonArray("checkpoints");
        assertEquals(2000, checkpoints.get(checkpoints.size() - 1).getAsInt());
        for (JsonElement e : r.getAsJsonArray("cases")) {
            assertEquals(checkpoints.size(), e.getAsJsonObject().getAsJsonArray("trajectory").size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesOnEveryPath")
    void matchesTorchOver2000Steps(String name, JsonObject c, boolean fused) throws IOException {
        OptimizerSpec spec = spec(c);
        int steps = root().get("steps").getAsInt();
        int[] checkpoints = ints(root().getAsJsonArray("checkpoints"));
        JsonArray trajectory = c.getAsJsonArray("trajectory");
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray> params = initialParams(manager, c);
            StatefulOptimizer optimizer = (StatefulOptimizer) Optimizers.create(spec, fused);
            int next = 0;
            for (int step = 1; step <= steps; step++) {
                runStep(manager, optimizer, params, c, step, spec.learningRate());
                if (step == checkpoints[next]) {
                    assertParams(name, step, params, trajectory.get(next).getAsJsonArray());
                    next++;
                }
            }
            assertEquals(checkpoints.length, next);
            assertEquals(steps, optimizer.stepCount());
            assertFinalState(name, optimizer, params, c.getAsJsonArray("finalState"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void savedStateResumesExactly(String name, JsonObject c) throws IOException {
        OptimizerSpec spec = spec(c);
        int half = 20;
        try (NDManager straightManager = NDManager.newBaseManager();
             NDManager resumedManager = NDManager.newBaseManager()) {
            List<NDArray> straight = initialParams(straightManager, c);
            ParameterOptimizer straightOpt = Optimizers.create(spec);
            for (int step = 1; step <= 2 * half; step++) {
                runStep(straightManager, straightOpt, straight, c, step, spec.learningRate());
            }

            List<NDArray> resumed = initialParams(resumedManager, c);
            ParameterOptimizer first = Optimizers.create(spec);
            for (int step = 1; step <= half; step++) {
                runStep(resumedManager, first, resumed, c, step, spec.learningRate());
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                first.save(out);
            }
            ParameterOptimizer second = Optimizers.create(spec);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                second.load(in, resumedManager);
            }
            assertEquals(half, second.stepCount());
            for (int step = half + 1; step <= 2 * half; step++) {
                runStep(resumedManager, second, resumed, c, step, spec.learningRate());
            }
            assertBitwiseEqual(name, straight, resumed);
        }
    }

    /**
     * State written before per-parameter step counts (format 1: one global count) still resumes exactly: a parameter
     * whose buffers exist has stepped with every step.
     */
    @Test
    void formatOneStateResumesExactly() throws IOException {
        JsonObject c = caseNamed("sgd_dampening");
        OptimizerSpec spec = spec(c);
        try (NDManager straightManager = NDManager.newBaseManager();
             NDManager resumedManager = NDManager.newBaseManager()) {
            List<NDArray> straight = initialParams(straightManager, c);
            ParameterOptimizer straightOpt = Optimizers.create(spec);
            for (int step = 1; step <= 10; step++) {
                runStep(straightManager, straightOpt, straight, c, step, spec.learningRate());
            }
            List<NDArray> resumed = initialParams(resumedManager, c);
            StatefulOptimizer first = (StatefulOptimizer) Optimizers.create(spec);
            for (int step = 1; step <= 5; step++) {
                runStep(resumedManager, first, resumed, c, step, spec.learningRate());
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF("SGD");
                out.writeInt(1);
                out.writeLong(5);
                out.writeInt(resumed.size());
                out.writeInt(1);
                for (int i = 0; i < resumed.size(); i++) {
                    NDArray buffer = first.buffers(i)[0];
                    out.writeBoolean(true);
                    long[] dims = buffer.getShape().getShape();
                    out.writeInt(dims.length);
                    for (long d : dims) {
                        out.writeLong(d);
                    }
                    float[] data = buffer.toFloatArray();
                    out.writeInt(data.length);
                    for (float f : data) {
                        out.writeFloat(f);
                    }
                }
            }
            ParameterOptimizer second = Optimizers.create(spec);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                second.load(in, resumedManager);
            }
            for (int step = 6; step <= 10; step++) {
                runStep(resumedManager, second, resumed, c, step, spec.learningRate());
            }
            assertBitwiseEqual("format 1", straight, resumed);
        }
    }

    /** The decoupled decay alone (a zero gradient leaves Adam's step at 0) is torch's float32 factor, bit for bit. */
    @ParameterizedTest(name = "fused {0}")
    @MethodSource("decayPaths")
    void adamwDecaysByTorchsFloatFactor(boolean fused) {
        double[][] lrWd = {{1e-3, 1e-4}, {1e-3, 1e-2}, {1e-2, 5e-2}, {3e-4, 0.1}};
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] start = new float[4096];
            java.util.SplittableRandom random = new java.util.SplittableRandom(5);
            for (int i = 0; i < start.length; i++) {
                start[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-3, 4)));
            }
            for (double[] c : lrWd) {
                NDArray p = manager.create(start);
                ParameterOptimizer adamw = Optimizers.create(new OptimizerSpec(OptimizerSpec.Kind.ADAMW, c[0], 0.9,
                        0.999, 1e-8, c[1], 0, false), fused);
                float factor = (float) (1 - c[0] * c[1]);
                float[] expected = start.clone();
                for (int step = 0; step < 5; step++) {
                    try (NDManager scratch = manager.newSubManager()) {
                        adamw.step(List.of(p), List.of(scratch.zeros(p.getShape())), c[0]);
                    }
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] *= factor;
                    }
                }
                float[] actual = p.toFloatArray();
                for (int i = 0; i < actual.length; i++) {
                    if (Float.floatToIntBits(actual[i]) != Float.floatToIntBits(expected[i])) {
                        fail("lr " + c[0] + " wd " + c[1] + " element " + i + ": " + actual[i] + " but torch's "
                                + expected[i] + " (p * (float) (1 - lr*wd) five times)");
                    }
                }
            }
        }
    }

    static Stream<Arguments> decayPaths() {
        return Stream.of(Arguments.of(true), Arguments.of(false));
    }

    @Test
    void nesterovWithDampeningAndDampeningOutsideZeroToOneAreRefused() {
        OptimizerSpec sgd = new OptimizerSpec(OptimizerSpec.Kind.SGD, 0.1, 0.9, 0.999, 1e-8, 0, 0.9, 0.5, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create(sgd));
        assertEquals("optimizer.nesterov needs optimizer.dampening 0 (as torch.optim.SGD), got 0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.create(
                new OptimizerSpec(OptimizerSpec.Kind.SGD, 0.1, 0.9, 0.999, 1e-8, 0, 0.9, 1.5, false)));
        assertEquals("optimizer.dampening must be in [0, 1], got 1.5", e.getMessage());
    }

    @Test
    void loadRejectsStateOfAnotherOptimiser() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            ParameterOptimizer adam = Optimizers.create(OptimizerSpec.adamDefaults());
            NDArray p = manager.create(new float[] {1f, 2f});
            adam.step(List.of(p), List.of(manager.create(new float[] {0.1f, 0.2f})), 1e-3);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                adam.save(out);
            }
            ParameterOptimizer sgd = Optimizers.create(OptimizerSpec.adamDefaults().withKind(OptimizerSpec.Kind.SGD));
            IOException e = assertThrows(IOException.class, () -> {
                try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                    sgd.load(in, manager);
                }
            });
            assertTrue(e.getMessage().contains("Adam"), e.getMessage());
        }
    }

    private static JsonObject caseNamed(String name) throws IOException {
        for (JsonElement e : root().getAsJsonArray("cases")) {
            if (e.getAsJsonObject().get("name").getAsString().equals(name)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no fixture case " + name);
    }

    private static List<NDArray> initialParams(NDManager manager, JsonObject c) {
        List<NDArray> params = new ArrayList<>();
        for (JsonElement p : c.getAsJsonArray("initial")) {
            JsonObject o = p.getAsJsonObject();
            params.add(manager.create(Fixtures.floats(o.getAsJsonArray("data")),
                    new Shape(Fixtures.longs(o.getAsJsonArray("shape")))));
        }
        return params;
    }

    /**
     * One step with the fixture's gradient stream: the second parameter has no gradient in a case's first
     * {@code lateParameterSteps} steps; gradients are clipped by global norm when the case has a max norm.
     */
    private static void runStep(NDManager manager, ParameterOptimizer optimizer, List<NDArray> params, JsonObject c,
                                int step, double lr) {
        long seed = c.get("gradientSeed").getAsLong();
        JsonArray exponents = c.getAsJsonArray("gradientExponents");
        int low = exponents.get(0).getAsInt();
        int high = exponents.get(1).getAsInt();
        int late = c.get("lateParameterSteps").getAsInt();
        double maxNorm = c.get("maxNorm").getAsDouble();
        try (NDManager scratch = manager.newSubManager()) {
            List<NDArray> grads = new ArrayList<>();
            int index = 0;
            for (int i = 0; i < params.size(); i++) {
                Shape shape = params.get(i).getShape();
                float[] g = new float[(int) shape.size()];
                for (int k = 0; k < g.length; k++) {
                    g[k] = Fixtures.streamGradient(seed, step, index + k, low, high);
                }
                index += g.length;
                grads.add(i == 1 && step <= late ? null : scratch.create(g, shape));
            }
            if (maxNorm > 0) {
                GradientClipping.clipByGlobalNorm(grads, maxNorm);
            }
            optimizer.step(params, grads, lr);
        }
    }

    private static void assertParams(String name, int step, List<NDArray> params, JsonArray expected) {
        for (int i = 0; i < params.size(); i++) {
            float[] java = params.get(i).toFloatArray();
            float[] torch = Fixtures.floats(expected.get(i).getAsJsonArray());
            for (int k = 0; k < java.length; k++) {
                if (!Fixtures.within(java[k], torch[k])) {
                    fail(name + " step " + step + " parameter " + i + "[" + k + "]: java " + java[k] + " torch "
                            + torch[k]);
                }
            }
        }
    }

    /**
     * Compares the optimiser's buffers, in torch's scale, with torch's state after the last step: relative 1e-5 with
     * an absolute floor of 1e-6 of the buffer's largest value (second moments of 1e-9 gradients are about 1e-18, so
     * the parameters' floor of 1e-6 would compare nothing).
     */
    private static void assertFinalState(String name, StatefulOptimizer optimizer, List<NDArray> params,
                                         JsonArray expected) {
        for (int i = 0; i < params.size(); i++) {
            JsonArray torchBuffers = expected.get(i).getAsJsonArray();
            NDArray[] buffers = optimizer.buffers(i);
            for (int b = 0; b < torchBuffers.size(); b++) {
                float[] torch = Fixtures.floats(torchBuffers.get(b).getAsJsonArray());
                float[] java = buffers[b].toFloatArray();
                double scale = optimizer.bufferScale(b, params.get(i));
                double largest = 0;
                for (float t : torch) {
                    largest = Math.max(largest, Math.abs(t));
                }
                for (int k = 0; k < java.length; k++) {
                    double value = java[k] / scale;
                    if (Math.abs(value - torch[k]) > Fixtures.RELATIVE * Math.abs(torch[k]) + 1e-6 * largest) {
                        fail(name + " final state: parameter " + i + " buffer " + b + "[" + k + "]: java " + value
                                + " torch " + torch[k]);
                    }
                }
            }
        }
    }

    private static void assertBitwiseEqual(String name, List<NDArray> straight, List<NDArray> resumed) {
        for (int i = 0; i < straight.size(); i++) {
            float[] a = straight.get(i).toFloatArray();
            float[] b = resumed.get(i).toFloatArray();
            for (int k = 0; k < a.length; k++) {
                assertEquals(a[k], b[k], 0f, name + ": parameter " + i + "[" + k + "] after resume");
            }
        }
    }

    private static int[] ints(JsonArray array) {
        return Arrays.stream(Fixtures.longs(array)).mapToInt(Math::toIntExact).toArray();
    }
}
