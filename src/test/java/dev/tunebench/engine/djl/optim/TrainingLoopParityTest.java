package dev.tunebench.engine.djl.optim;

import dev.tunebench.engine.djl.Fixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.ScheduleSpec;
import dev.tunebench.engine.schedule.LearningRateScheduler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole step as the engine runs it (backward, gradientsOf, clipping, AdamW, cosine schedule) against the same
 * loop in torch over 2000 steps (fixtures/training_loop.json: loss, norm and parameters at the recorded steps). This
 * also checks that the step zeroes the gradients, since PyTorch would otherwise accumulate them across batches.
 */
@Tag("djl")
class TrainingLoopParityTest {

    @Test
    void linearRegressionTrainsExactlyAsInTorch() throws IOException {
        JsonObject c = Fixtures.load("training_loop.json").getAsJsonObject("case");
        int batchSize = c.get("batchSize").getAsInt();
        int batches = c.get("batchesPerEpoch").getAsInt();
        int epochs = c.get("epochs").getAsInt();
        long[] recorded = Fixtures.longs(c.getAsJsonArray("recordedSteps"));
        assertEquals(2000, epochs * batches, "the fixture is a 2000-step run");
        assertEquals(epochs * batches, recorded[recorded.length - 1]);
        double[] losses = Fixtures.doubles(c.getAsJsonArray("losses"));
        double[] norms = Fixtures.doubles(c.getAsJsonArray("normsBefore"));
        JsonArray expectedParams = c.getAsJsonArray("params");
        OptimizerSpec spec = new OptimizerSpec(OptimizerSpec.Kind.ADAMW, c.get("lr").getAsDouble(), 0.9, 0.999, 1e-8,
                c.get("weightDecay").getAsDouble(), 0.0, false);
        ScheduleSpec schedule = new ScheduleSpec(ScheduleSpec.Kind.COSINE, c.get("tMax").getAsInt(),
                c.get("etaMin").getAsDouble(), 0, false, 0.1, 1, 0.0);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(Fixtures.floats(c.getAsJsonArray("x")), new Shape(batchSize * batches, 3));
            NDArray y = manager.create(Fixtures.floats(c.getAsJsonArray("y")), new Shape(batchSize * batches, 1));
            List<NDArray> params = new ArrayList<>();
            for (var p : c.getAsJsonArray("initial")) {
                JsonObject o = p.getAsJsonObject();
                NDArray a = manager.create(Fixtures.floats(o.getAsJsonArray("data")),
                        new Shape(Fixtures.longs(o.getAsJsonArray("shape"))));
                a.setRequiresGradient(true);
                params.add(a);
            }
            ParameterOptimizer optimizer = Optimizers.create(spec);
            LearningRateScheduler scheduler = new LearningRateScheduler(schedule, spec.learningRate(), null);
            int managedAfterFirstStep = -1;
            int step = 0;
            int next = 0;
            for (int epoch = 0; epoch < epochs; epoch++) {
                for (int b = 0; b < batches; b++, step++) {
                    try (NDManager batch = manager.newSubManager()) {
                        NDArray xb = x.get(new NDIndex(b * batchSize + ":" + (b + 1) * batchSize));
                        NDArray yb = y.get(new NDIndex(b * batchSize + ":" + (b + 1) * batchSize));
                        xb.attach(batch);
                        yb.attach(batch);
                        float loss;
                        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                            NDArray weightT = params.get(0).transpose();
                            weightT.attach(batch);
                            NDArray pred = xb.matMul(weightT).add(params.get(1));
                            NDArray lossArray = pred.sub(yb).square().mean();
                            collector.backward(lossArray);
                            loss = lossArray.getFloat();
                            pred.attach(batch);
                            lossArray.attach(batch);
                        }
                        List<NDArray> grads = Optimizers.gradientsOf(params, batch);
                        GradientClipping.ClipResult clip =
                                GradientClipping.clipByGlobalNorm(grads, c.get("maxNorm").getAsDouble());
                        optimizer.step(params, grads, scheduler.learningRate());
                        scheduler.afterStep();
                        if (step + 1 == recorded[next]) {
                            assertTrue(Fixtures.within(loss, losses[next]), "loss at step " + (step + 1) + ": "
                                    + loss + " torch " + losses[next]);
                            assertTrue(Fixtures.within(clip.normBefore(), norms[next]), "norm at step "
                                    + (step + 1) + ": " + clip.normBefore() + " torch " + norms[next]);
                        }
                    }
                    if (step + 1 == recorded[next]) {
                        JsonArray expected = expectedParams.get(next).getAsJsonArray();
                        for (int i = 0; i < params.size(); i++) {
                            float[] java = params.get(i).toFloatArray();
                            float[] torch = Fixtures.floats(expected.get(i).getAsJsonArray());
                            for (int k = 0; k < java.length; k++) {
                                assertTrue(Fixtures.within(java[k], torch[k]), "step " + (step + 1) + " param " + i
                                        + "[" + k + "]: java " + java[k] + " torch " + torch[k]);
                            }
                        }
                        next++;
                    }
                    int managed = ((BaseNDManager) manager).getManagedArrays().size();
                    if (managedAfterFirstStep < 0) {
                        managedAfterFirstStep = managed;
                    }
                    assertEquals(managedAfterFirstStep, managed, "arrays on the model manager after step " + step);
                }
                scheduler.afterEpoch(Double.NaN);
            }
            assertEquals(recorded.length, next, "every recorded step was compared");
            float[] lastGrad;
            try (NDArray g = params.get(0).getGradient()) {
                lastGrad = g.toFloatArray();
            }
            for (float v : lastGrad) {
                assertEquals(0f, v, "the step leaves zeroed gradients for the next batch");
            }
        }
    }
}
