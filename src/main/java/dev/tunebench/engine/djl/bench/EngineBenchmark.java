package dev.tunebench.engine.djl.bench;

import dev.tunebench.engine.backend.ModelSession;
import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.EarlyStoppingSpec;
import dev.tunebench.engine.config.LossKind;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.ScheduleSpec;
import dev.tunebench.engine.config.TrainingSpec;
import dev.tunebench.engine.djl.DjlBackend;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Throughput of the engine's training step against {@link BareDjlLoop} on the standard shapes, measured in the
 * same process and alternating in rounds so that machine noise falls on both alike.
 *
 * <p>The engine side drives a {@link ModelSession} as a run's epoch loop does: a seeded permutation per epoch,
 * {@code seedEpoch}, and {@code trainStep} with gradient-norm reporting and the config's clipping.
 */
public final class EngineBenchmark {

    /** Standard shapes of the issue: LSTM/GRU vocabulary 5000, embedding 128, 2x256, sequence 64, batch 32;
     *  ResNet 1x28x28, stages 32/64/128, batch 64. */
    public record Setup(String template, RunConfig config, SyntheticData data) {
    }

    /**
     * Outcome of a benchmark.
     *
     * @param template          template id
     * @param batchSize         samples per step
     * @param rounds            measured rounds per side
     * @param engineSamplesPerS engine samples per second
     * @param bareSamplesPerS   bare loop samples per second
     * @param ratio             engine / bare
     */
    public record Result(String template, int batchSize, int rounds, double engineSamplesPerS,
                         double bareSamplesPerS, double ratio) {

        /** Returns the result as a map for JSON. */
        public Map<String, Object> toMap(Map<String, String> versions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("template", template);
            m.put("batchSize", batchSize);
            m.put("rounds", rounds);
            m.put("engineSamplesPerSecond", round(engineSamplesPerS));
            m.put("bareSamplesPerSecond", round(bareSamplesPerS));
            m.put("ratio", Double.parseDouble(String.format(Locale.ROOT, "%.4f", ratio)));
            m.put("versions", versions);
            return m;
        }

        private static double round(double v) {
            return Math.round(v * 10) / 10.0;
        }
    }

    private EngineBenchmark() {
    }

    /** Returns the standard setup of a template id. */
    public static Setup standard(String template) {
        return switch (template) {
            case "lstm", "gru" -> new Setup(template, config(ModelSpec.lstmDefaults().withTemplate(template), 32,
                    1.0), SyntheticData.randomTokens(1024, 64, 5000, 2, 1));
            case "resnet" -> new Setup(template, config(ModelSpec.resnetDefaults(), 64, 0.0),
                    SyntheticData.randomImages(1024, 1, 28, 10, 1));
            default -> throw new IllegalArgumentException("--template: '" + template
                    + "' is not one of lstm, gru, resnet");
        };
    }

    private static RunConfig config(ModelSpec model, int batch, double clip) {
        return new RunConfig(model, new TrainingSpec(1, batch, 1, clip, LossKind.CROSS_ENTROPY, 1.0),
                OptimizerSpec.adamDefaults(), ScheduleSpec.constant(), MonitorSpec.valLoss(),
                EarlyStoppingSpec.defaults(), CheckpointSpec.defaults());
    }

    /**
     * Runs the benchmark on the calling thread for about {@code seconds} of measurement (plus one warm-up round per
     * side) in {@code rounds} alternating rounds per side.
     */
    public static Result run(Setup setup, double seconds, int rounds) {
        int batch = setup.config().training().batchSize();
        double roundSeconds = Math.max(0.2, seconds / (2.0 * rounds));
        try (ModelSession engine = new DjlBackend().open(setup.config(), setup.data().input());
             BareDjlLoop bare = new BareDjlLoop(setup.config(), setup.data().input(), setup.data().split())) {
            EngineLoop loop = new EngineLoop(engine, setup);
            // Warm-up: JIT, allocator, PyTorch's first-call costs.
            timeRound(() -> loop.step(), 1, Math.min(roundSeconds, 2));
            timeRound(() -> bare.step(batch), 1, Math.min(roundSeconds, 2));
            long engineSamples = 0;
            long bareSamples = 0;
            double engineTime = 0;
            double bareTime = 0;
            for (int r = 0; r < rounds; r++) {
                double[] e = timeRound(() -> loop.step(), batch, roundSeconds);
                double[] b = timeRound(() -> bare.step(batch), batch, roundSeconds);
                engineSamples += (long) e[0];
                engineTime += e[1];
                bareSamples += (long) b[0];
                bareTime += b[1];
            }
            double eps = engineSamples / engineTime;
            double bps = bareSamples / bareTime;
            return new Result(setup.template(), batch, rounds, eps, bps, eps / bps);
        }
    }

    /** Runs steps until {@code seconds} have passed; returns {samples, seconds}. */
    private static double[] timeRound(Runnable step, int samplesPerStep, double seconds) {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long samples = 0;
        long now;
        do {
            step.run();
            samples += samplesPerStep;
            now = System.nanoTime();
        } while (now < deadline);
        return new double[] {samples, (now - start) / 1e9};
    }

    /** The engine's epoch loop over a session: seeded permutation, seedEpoch, trainStep. */
    private static final class EngineLoop {
        private final ModelSession session;
        private final int size;
        private final int batch;
        private final long seed;
        private final double lr;
        private final dev.tunebench.engine.data.ArraySplit split;
        private int[] order;
        private int position;
        private int epoch;

        EngineLoop(ModelSession session, Setup setup) {
            this.session = session;
            this.split = setup.data().split();
            this.size = split.size();
            this.batch = setup.config().training().batchSize();
            this.seed = setup.config().training().seed();
            this.lr = setup.config().optimizer().learningRate();
            nextEpoch();
        }

        private void nextEpoch() {
            epoch++;
            order = new int[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + epoch);
            for (int i = size - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            position = 0;
            session.seedEpoch(seed + epoch);
        }

        void step() {
            if (position + batch > size) {
                nextEpoch();
            }
            int[] idx = java.util.Arrays.copyOfRange(order, position, position + batch);
            position += batch;
            session.trainStep(split, idx, lr);
        }
    }
}
