package dev.tunebench.engine.run;

import dev.tunebench.engine.backend.EvalResult;
import dev.tunebench.engine.backend.LayerShape;
import dev.tunebench.engine.backend.ModelSession;
import dev.tunebench.engine.backend.StepResult;
import dev.tunebench.engine.backend.TrainingBackend;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.ArraySplit;
import dev.tunebench.engine.data.InputSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * A scripted backend for fast engine-logic tests. Its "weights" are the number of epochs trained; the validation
 * loss it reports is a script of that number, so restore-best is visible in the evaluation after the run.
 */
final class FakeBackend implements TrainingBackend {
    final IntToDoubleFunction valLossOfEpoch;
    final IntToDoubleFunction trainLossOfStep;
    final List<int[]> batches = new ArrayList<>();
    final List<Long> epochSeeds = new ArrayList<>();
    final List<Double> learningRates = new ArrayList<>();
    volatile Thread owner;
    volatile int stepDelayMillis;
    /** Runs after each save with the epochs trained so far and the folder: a test adds bytes or throws. */
    volatile SaveHook saveHook = (epochs, folder) -> { };
    FakeSession last;

    /** Extra work of a save. */
    @FunctionalInterface
    interface SaveHook {
        void afterSave(int trainedEpochs, Path folder) throws IOException;
    }

    FakeBackend(IntToDoubleFunction valLossOfEpoch, IntToDoubleFunction trainLossOfStep) {
        this.valLossOfEpoch = valLossOfEpoch;
        this.trainLossOfStep = trainLossOfStep;
    }

    @Override
    public String description() {
        return "fake";
    }

    @Override
    public Map<String, String> versions() {
        return Map.of("fake", "1");
    }

    @Override
    public ModelSession open(RunConfig config, InputSpec input) {
        owner = Thread.currentThread();
        last = new FakeSession();
        return last;
    }

    final class FakeSession implements ModelSession {
        int trainedEpochs;
        int stepsInEpoch;
        long steps;
        int batchesPerEpoch = -1;
        boolean closed;

        @Override
        public long parameterCount() {
            return 42;
        }

        @Override
        public List<LayerShape> shapeTrace(int batchSize) {
            return List.of(new LayerShape(0, "fake", "(" + batchSize + ", 1)", 42));
        }

        @Override
        public void seedEpoch(long seed) {
            check();
            epochSeeds.add(seed);
            stepsInEpoch = 0;
        }

        @Override
        public StepResult trainStep(ArraySplit data, int[] indices, double learningRate) {
            check();
            batches.add(indices.clone());
            learningRates.add(learningRate);
            steps++;
            stepsInEpoch++;
            if (stepDelayMillis > 0) {
                try {
                    Thread.sleep(stepDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            double loss = trainLossOfStep.applyAsDouble((int) steps);
            return new StepResult(loss, 2.0, 1.0, true);
        }

        @Override
        public EvalResult evaluate(ArraySplit data, int batchSize) {
            check();
            if (stepsInEpoch > 0) {
                trainedEpochs++;
                stepsInEpoch = 0;
            }
            return new EvalResult(valLossOfEpoch.applyAsDouble(trainedEpochs), Map.of("accuracy", 0.5));
        }

        @Override
        public float[][] predict(ArraySplit data, int n) {
            return new float[n][1];
        }

        @Override
        public Object snapshotWeights() {
            return trainedEpochs;
        }

        @Override
        public void restoreWeights(Object snapshot) {
            trainedEpochs = (Integer) snapshot;
        }

        @Override
        public void save(Path folder) throws IOException {
            Files.writeString(folder.resolve("fake.weights"), trainedEpochs + " " + steps);
            saveHook.afterSave(trainedEpochs, folder);
        }

        @Override
        public void load(Path folder, boolean withOptimizer) throws IOException {
            String[] s = Files.readString(folder.resolve("fake.weights")).trim().split(" ");
            trainedEpochs = Integer.parseInt(s[0]);
            if (withOptimizer) {
                steps = Long.parseLong(s[1]);
            }
        }

        @Override
        public List<String> savedFileNames() {
            return List.of("fake.weights");
        }

        @Override
        public void close() {
            closed = true;
        }

        private void check() {
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("session used from another thread");
            }
        }
    }
}
