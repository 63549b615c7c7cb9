package dev.tunebench.engine.djl.bench;

import dev.tunebench.engine.config.CheckpointSpec;
import dev.tunebench.engine.config.EarlyStoppingSpec;
import dev.tunebench.engine.config.LossKind;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.config.MonitorSpec;
import dev.tunebench.engine.config.OptimizerSpec;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.ScheduleSpec;
import dev.tunebench.engine.config.TrainingSpec;
import dev.tunebench.engine.data.InputSpec;
import dev.tunebench.engine.data.LoadedData;
import dev.tunebench.engine.djl.DjlBackend;
import dev.tunebench.engine.event.BatchMetrics;
import dev.tunebench.engine.event.RunFinished;
import dev.tunebench.engine.event.RunStatus;
import dev.tunebench.engine.event.TrainingListener;
import dev.tunebench.engine.run.RunRequest;
import dev.tunebench.engine.run.TrainingRun;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput of the full engine ({@link TrainingRun}: epoch loop, schedule, events, gradient-norm reporting and the
 * config's clipping, on a {@link dev.tunebench.engine.djl.DjlModelSession}) against {@link BareDjlLoop} on the
 * standard shapes, in the same process, alternating in rounds of the same number of steps so that machine noise
 * falls on both alike. Each round of each side builds a fresh model and is timed from the end of its first step to
 * the end of its last, which leaves out model building, the first step's one-off costs and the run's end-of-epoch
 * evaluation (on one sample).
 */
public final class EngineBenchmark {

    /**
     * A benchmark setup: template, run config and synthetic data of the standard shapes (LSTM/GRU: vocabulary 5000,
     * embedding 128, 2 layers of 256, sequence 64, batch 32; ResNet: 1x28x28, stages 32/64/128, batch 64).
     *
     * @param template template id
     * @param config   run config
     * @param data     synthetic data
     */
    public record Setup(String template, RunConfig config, SyntheticData data) {
    }

    /**
     * Outcome of a benchmark.
     *
     * @param template          template id
     * @param input             what one sample looks like ({@link InputSpec#toString()})
     * @param parameters        trainable parameter values of the model (see {@link BareDjlLoop#parameterCount()})
     * @param batchSize         samples per step
     * @param rounds            measured rounds per side
     * @param stepsPerRound     optimiser steps per round and side
     * @param engineSamplesPerS engine samples per second
     * @param bareSamplesPerS   bare loop samples per second
     * @param ratio             engine / bare
     * @param cpuRatio          the same ratio measured in process CPU time (steadier on a busy machine)
     */
    public record Result(String template, String input, long parameters, int batchSize, int rounds,
                         int stepsPerRound, double engineSamplesPerS, double bareSamplesPerS, double ratio,
                         double cpuRatio) {

        /** Returns the result as a map for JSON. */
        public Map<String, Object> toMap(Map<String, String> versions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("template", template);
            m.put("input", input);
            m.put("parameters", parameters);
            m.put("batchSize", batchSize);
            m.put("rounds", rounds);
            m.put("stepsPerRound", stepsPerRound);
            m.put("engineSamplesPerSecond", round(engineSamplesPerS));
            m.put("bareSamplesPerSecond", round(bareSamplesPerS));
            m.put("ratio", Double.parseDouble(String.format(Locale.ROOT, "%.4f", ratio)));
            m.put("cpuRatio", Double.parseDouble(String.format(Locale.ROOT, "%.4f", cpuRatio)));
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
            case "lstm", "gru" -> new Setup(template, config(ModelSpec.defaults(template), 32),
                    SyntheticData.randomTokens(1024, 64, 5000, 2, 1));
            case "resnet" -> new Setup(template, config(ModelSpec.defaults(template), 64),
                    SyntheticData.randomImages(1024, 1, 28, 10, 1));
            default -> throw new IllegalArgumentException("--template: '" + template
                    + "' is not one of lstm, gru, resnet");
        };
    }

    /**
     * Returns a setup for any model on synthetic data of the given shape: {@code max(1024, 4 * batchSize)} random
     * samples (so that a round always has at least three steps), trained with {@code optimizer}.
     */
    public static Setup of(ModelSpec model, int batchSize, OptimizerSpec optimizer, InputSpec input) {
        SyntheticData data = SyntheticData.random(input, Math.max(1024, 4 * batchSize), 1);
        return new Setup(model.template(), config(model, batchSize, optimizer, LossKind.defaultFor(input.task())),
                data);
    }

    /** Returns a copy of a setup with another model, batch size or optimiser, on the same data. */
    public static Setup of(Setup base, ModelSpec model, int batchSize, OptimizerSpec optimizer) {
        return new Setup(model.template(), config(model, batchSize, optimizer, base.config().training().loss()),
                base.data());
    }

    private static RunConfig config(ModelSpec model, int batch) {
        return config(model, batch, OptimizerSpec.adamDefaults(), LossKind.CROSS_ENTROPY);
    }

    /**
     * Returns the config of a setup. Clipping is off so that both sides run the same algorithm (the bare loop does
     * plain steps); the engine still computes and reports the gradient norm every step, which is part of its cost.
     */
    private static RunConfig config(ModelSpec model, int batch, OptimizerSpec optimizer, LossKind loss) {
        return new RunConfig(model, new TrainingSpec(1, batch, 1, 0.0, loss, 1.0),
                optimizer, ScheduleSpec.cosineDefaults(), MonitorSpec.valLoss(),
                new EarlyStoppingSpec(false, 5, null, null, true, 0, 0, false), CheckpointSpec.defaults());
    }

    /**
     * Runs the benchmark on the calling thread: one warm-up round per side, then {@code rounds} alternating rounds
     * per side, each about {@code seconds / (2 * rounds)} long (at least 3 steps).
     */
    public static Result run(Setup setup, double seconds, int rounds) {
        int batch = setup.config().training().batchSize();
        SyntheticData d = setup.data();
        LoadedData data = new LoadedData("synthetic:" + setup.template(), d.input(), d.split(), d.split().head(1),
                null, List.of(), null, List.of("synthetic benchmark data"));
        double[] warm = bareRound(setup, batch, 4);
        long parameters = (long) warm[2];
        engineRound(setup.config(), data, 4);
        double stepSeconds = warm[0] / 3;
        int steps = Math.max(3, (int) Math.min(Math.max(1, d.split().size() / batch),
                Math.round(seconds / (2.0 * rounds) / stepSeconds)));
        double[] engine = new double[2];
        double[] plain = new double[2];
        for (int r = 0; r < rounds; r++) {
            double[] e = engineRound(setup.config(), data, steps);
            double[] b = bareRound(setup, batch, steps);
            for (int k = 0; k < 2; k++) {
                engine[k] += e[k];
                plain[k] += b[k];
            }
        }
        double samples = rounds * (steps - 1) * (double) batch;
        double eps = samples / engine[0];
        double bps = samples / plain[0];
        return new Result(setup.template(), d.input().toString(), parameters, batch, rounds, steps, eps, bps,
                eps / bps, plain[1] / engine[1]);
    }

    /**
     * Returns {wall seconds, process CPU seconds} of a one-epoch run of {@code steps} batches, from its first batch
     * end to its last.
     */
    private static double[] engineRound(RunConfig config, LoadedData data, int steps) {
        long[] wall = new long[2];
        long[] cpu = new long[2];
        int[] seen = {0};
        TrainingRun run = new TrainingRun(new RunRequest(config, data, null, "bench", null, steps),
                new DjlBackend());
        run.addListener(new TrainingListener() {
            @Override
            public void onBatchEnd(BatchMetrics metrics) {
                seen[0]++;
                if (seen[0] == 1 || seen[0] == steps) {
                    int k = seen[0] == 1 ? 0 : 1;
                    wall[k] = System.nanoTime();
                    cpu[k] = processCpuNanos();
                }
            }
        });
        RunFinished finished = run.run();
        if (finished.status() == RunStatus.FAILED || seen[0] < steps) {
            throw new IllegalStateException("benchmark run ended early: " + finished.status() + " "
                    + (finished.error() != null ? finished.error() : finished.message()));
        }
        return new double[] {(wall[1] - wall[0]) / 1e9, (cpu[1] - cpu[0]) / 1e9};
    }

    /**
     * Returns {wall seconds, process CPU seconds, parameter count} of {@code steps} steps of a fresh bare loop (fresh
     * like the run's model, so both sides start from new arrays), from the first step's end to the last's.
     */
    private static double[] bareRound(Setup setup, int batch, int steps) {
        try (BareDjlLoop bare = new BareDjlLoop(setup.config(), setup.data().input(), setup.data().split())) {
            bare.step(batch);
            long start = System.nanoTime();
            long cpu = processCpuNanos();
            for (int i = 1; i < steps; i++) {
                bare.step(batch);
            }
            return new double[] {(System.nanoTime() - start) / 1e9, (processCpuNanos() - cpu) / 1e9,
                    bare.parameterCount()};
        }
    }

    /** Returns the CPU time of the whole process (all threads: PyTorch's workers, GC) in nanoseconds. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
