package dev.tunebench.engine.djl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.tunebench.engine.config.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints the cost of one optimiser step over a ResNet-sized parameter list: the engine's torch-faithful Adam
 * against DJL's built-in (fused, differently placed epsilon) Adam, measured alternately in the same process.
 */
@Tag("benchmark")
class OptimizerStepBenchmark {

    @Test
    void engineAdamVersusDjlAdam() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray> params = new ArrayList<>();
            List<NDArray> grads = new ArrayList<>();
            int[] channels = {1, 32, 32, 64, 64, 128, 128};
            for (int i = 1; i < channels.length; i++) {
                for (int b = 0; b < 4; b++) {
                    params.add(manager.randomNormal(new Shape(channels[i], b == 0 ? channels[i - 1] : channels[i], 3, 3)));
                    params.add(manager.randomNormal(new Shape(channels[i])));
                    params.add(manager.randomNormal(new Shape(channels[i])));
                }
            }
            params.add(manager.randomNormal(new Shape(10, 128)));
            params.add(manager.randomNormal(new Shape(10)));
            for (NDArray p : params) {
                p.setRequiresGradient(true);
                grads.add(manager.randomNormal(p.getShape()).muli(1e-3));
            }
            ParameterOptimizer engine = Optimizers.create(OptimizerSpec.adamDefaults());
            Optimizer djl = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).optWeightDecays(1e-4f)
                    .build();
            int rounds = 4;
            int steps = 50;
            double engineNs = 0;
            double djlNs = 0;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                for (int s = 0; s < steps; s++) {
                    engine.step(params, grads, 1e-3);
                }
                long t1 = System.nanoTime();
                for (int s = 0; s < steps; s++) {
                    for (int i = 0; i < params.size(); i++) {
                        djl.update("p" + i, params.get(i), grads.get(i));
                    }
                }
                long t2 = System.nanoTime();
                System.out.printf("round %d: engine %.3f ms/step, djl %.3f ms/step%n", r,
                        (t1 - t0) / 1e6 / steps, (t2 - t1) / 1e6 / steps);
                if (r > 0) {
                    engineNs += t1 - t0;
                    djlNs += t2 - t1;
                }
            }
            int n = (rounds - 1) * steps;
            System.out.printf("{\"parameters\": %d, \"engineAdamMsPerStep\": %.3f, \"djlAdamMsPerStep\": %.3f,"
                    + " \"ratio\": %.3f}%n", params.size(), engineNs / n / 1e6, djlNs / n / 1e6, engineNs / djlNs);
        }
    }
}
