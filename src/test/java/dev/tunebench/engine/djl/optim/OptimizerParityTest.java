package dev.tunebench.engine.djl.optim;

import dev.tunebench.engine.djl.Fixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every optimiser against torch 1.13 over 60 float32 steps (fixtures/optimizers.json). */
@Tag("djl")
class OptimizerParityTest {

    static Stream<Arguments> cases() throws IOException {
        JsonObject root = Fixtures.load("optimizers.json");
        List<Arguments> out = new ArrayList<>();
        for (JsonElement e : root.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            out.add(Arguments.of(c.get("name").getAsString(), c));
        }
        return out.stream();
    }

    /** Every case twice: the fused native path the engine uses and the element-wise reference path. */
    static Stream<Arguments> casesBothPaths() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (Arguments a : cases().toList()) {
            out.add(Arguments.of(a.get()[0] + " fused", a.get()[1], true));
            out.add(Arguments.of(a.get()[0] + " element-wise", a.get()[1], false));
        }
        return out.stream();
    }

    static OptimizerSpec spec(JsonObject c) {
        return new OptimizerSpec(OptimizerSpec.Kind.valueOf(c.get("kind").getAsString()),
                c.get("learningRate").getAsDouble(), c.get("beta1").getAsDouble(), c.get("beta2").getAsDouble(),
                c.get("epsilon").getAsDouble(), c.get("weightDecay").getAsDouble(),
                c.get("momentum").getAsDouble(), c.get("nesterov").getAsBoolean());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesBothPaths")
    void matchesTorchAtEveryStep(String name, JsonObject c, boolean fused) {
        OptimizerSpec spec = spec(c);
        JsonArray grads = c.getAsJsonArray("gradients");
        JsonArray expected = c.getAsJsonArray("params");
        assertTrue(grads.size() >= 50, "fixture has at least 50 steps");
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray> params = initialParams(manager, c);
            ParameterOptimizer optimizer = Optimizers.create(spec, fused);
            for (int step = 0; step < grads.size(); step++) {
                runStep(manager, optimizer, params, grads.get(step).getAsJsonArray(), spec.learningRate());
                assertParams(name, step, params, expected.get(step).getAsJsonArray());
            }
            assertEquals(grads.size(), optimizer.stepCount());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void savedStateResumesExactly(String name, JsonObject c) throws IOException {
        OptimizerSpec spec = spec(c);
        JsonArray grads = c.getAsJsonArray("gradients");
        int half = 20;
        try (NDManager straightManager = NDManager.newBaseManager();
             NDManager resumedManager = NDManager.newBaseManager()) {
            List<NDArray> straight = initialParams(straightManager, c);
            ParameterOptimizer straightOpt = Optimizers.create(spec);
            for (int step = 0; step < 2 * half; step++) {
                runStep(straightManager, straightOpt, straight, grads.get(step).getAsJsonArray(),
                        spec.learningRate());
            }

            List<NDArray> resumed = initialParams(resumedManager, c);
            ParameterOptimizer first = Optimizers.create(spec);
            for (int step = 0; step < half; step++) {
                runStep(resumedManager, first, resumed, grads.get(step).getAsJsonArray(), spec.learningRate());
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
            for (int step = half; step < 2 * half; step++) {
                runStep(resumedManager, second, resumed, grads.get(step).getAsJsonArray(), spec.learningRate());
            }
            for (int i = 0; i < straight.size(); i++) {
                float[] a = straight.get(i).toFloatArray();
                float[] b = resumed.get(i).toFloatArray();
                for (int k = 0; k < a.length; k++) {
                    assertEquals(a[k], b[k], 0f, name + ": parameter " + i + "[" + k + "] after resume");
                }
            }
        }
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
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> {
                try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                    sgd.load(in, manager);
                }
            });
            assertTrue(e.getMessage().contains("Adam"), e.getMessage());
        }
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

    private static void runStep(NDManager manager, ParameterOptimizer optimizer, List<NDArray> params,
                                JsonArray stepGrads, double lr) {
        try (NDManager scratch = manager.newSubManager()) {
            List<NDArray> grads = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                grads.add(scratch.create(Fixtures.floats(stepGrads.get(i).getAsJsonArray()), params.get(i).getShape()));
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
                    fail(name + " step " + (step + 1) + " parameter " + i + "[" + k + "]: java " + java[k]
                            + " torch " + torch[k]);
                }
            }
        }
    }
}
