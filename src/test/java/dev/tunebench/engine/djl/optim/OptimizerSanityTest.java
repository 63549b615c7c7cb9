package dev.tunebench.engine.djl.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import dev.tunebench.engine.config.OptimizerSpec;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("djl")
class OptimizerSanityTest {

    @Test
    void adamFirstStepMovesEachWeightByLearningRateAgainstTheGradientSign() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {1f, -2f, 3f});
            w.setRequiresGradient(true);
            NDArray grad;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = w.mul(w).sum();
                gc.backward(loss);
            }
            grad = w.getGradient();
            ParameterOptimizer adam = Optimizers.create(OptimizerSpec.adamDefaults().withLearningRate(0.1)
                    .withKind(OptimizerSpec.Kind.ADAM));
            // Weight decay 1e-4 of adamDefaults is added to the gradient; the first Adam step is ~lr*sign(g).
            adam.step(List.of(w), List.of(grad), 0.1);
            float[] after = w.toFloatArray();
            assertArrayEquals(new float[] {0.9f, -1.9f, 2.9f}, after, 1e-5f);
            assertEquals(1, adam.stepCount());
            assertTrue(w.hasGradient(), "the parameter still collects gradients after the update");
        }
    }

    @Test
    void repeatedStepsAndClippingLeaveNoArraysBehind() {
        for (OptimizerSpec.Kind kind : OptimizerSpec.Kind.values()) {
            OptimizerSpec spec = new OptimizerSpec(kind, 0.01, 0.9, 0.999, 1e-8, 1e-2, 0.9,
                    kind == OptimizerSpec.Kind.SGD);
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray w = manager.randomNormal(new ai.djl.ndarray.types.Shape(8, 4));
                w.setRequiresGradient(true);
                ParameterOptimizer optimizer = Optimizers.create(spec);
                int afterFirst = -1;
                for (int i = 0; i < 30; i++) {
                    try (NDManager batch = manager.newSubManager()) {
                        NDArray g = batch.randomNormal(w.getShape());
                        GradientClipping.clipByGlobalNorm(List.of(g), 0.5);
                        optimizer.step(List.of(w), List.of(g), 0.01);
                    }
                    int managed = ((BaseNDManager) manager).getManagedArrays().size();
                    if (i == 0) {
                        afterFirst = managed;
                    }
                    assertEquals(afterFirst, managed, kind + ": arrays on the parameter's manager after step " + i);
                }
                assertTrue(w.hasGradient(), kind + " keeps the parameter's gradient flag");
            }
        }
    }
}
