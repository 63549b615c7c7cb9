package dev.tunebench.engine.fake;

import dev.tunebench.engine.backend.EvalResult;
import dev.tunebench.engine.backend.LayerShape;
import dev.tunebench.engine.backend.ModelSession;
import dev.tunebench.engine.backend.StepResult;
import dev.tunebench.engine.backend.TrainingBackend;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.config.Task;
import dev.tunebench.engine.data.ArraySplit;
import dev.tunebench.engine.data.InputSpec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small real model in plain Java for testing engine logic without DJL: softmax regression (classification) or
 * linear regression with MSE, trained by torch-style SGD with momentum 0.9 (so there is optimiser state to restore)
 * and global-norm clipping. Its losses behave like a real model's: they fall at a good learning rate and blow up at
 * a huge one.
 */
public final class LinearBackend implements TrainingBackend {
    /** Number of sessions opened, to check that a caller opens a fresh one. */
    public int opened;

    @Override
    public String description() {
        return "linear test backend";
    }

    @Override
    public Map<String, String> versions() {
        return Map.of("fake", "1");
    }

    @Override
    public ModelSession open(RunConfig config, InputSpec input) {
        opened++;
        return new Session(config, input);
    }

    /** The session: weights w[in][out], bias b[out], momentum buffers. */
    public static final class Session implements ModelSession {
        private final RunConfig config;
        private final int in;
        private final int out;
        private final boolean classification;
        private double[] w;
        private double[] vel;
        private long steps;

        Session(RunConfig config, InputSpec input) {
            this.config = config;
            this.in = input.sampleSize();
            this.out = input.outputSize();
            this.classification = input.task() == Task.CLASSIFICATION;
            this.w = new double[(in + 1) * out];
            this.vel = new double[w.length];
            Random r = new Random(config.training().seed());
            for (int i = 0; i < in * out; i++) {
                w[i] = r.nextGaussian() * Math.sqrt(1.0 / in);
            }
        }

        /** Returns a copy of the weights. */
        public double[] weights() {
            return w.clone();
        }

        /** Returns the optimiser steps taken. */
        public long steps() {
            return steps;
        }

        private double[] forward(ArraySplit d, int i) {
            double[] z = new double[out];
            float[] f = d.features();
            for (int o = 0; o < out; o++) {
                double s = w[in * out + o];
                for (int k = 0; k < in; k++) {
                    s += f[i * in + k] * w[k * out + o];
                }
                z[o] = s;
            }
            return z;
        }

        /** Returns the loss of sample i and adds its gradient (scaled by 1/n) into g when g is not null. */
        private double lossAndGrad(ArraySplit d, int i, double[] g, int n) {
            double[] z = forward(d, i);
            double[] dz = new double[out];
            double loss;
            if (classification) {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (double v : z) {
                    sum += Math.exp(v - max);
                }
                int y = d.label(i);
                loss = -(z[y] - max - Math.log(sum));
                for (int o = 0; o < out; o++) {
                    dz[o] = Math.exp(z[o] - max) / sum - (o == y ? 1 : 0);
                }
            } else {
                loss = 0;
                for (int o = 0; o < out; o++) {
                    double e = z[o] - d.targets()[i * out + o];
                    loss += e * e / out;
                    dz[o] = 2 * e / out;
                }
            }
            if (g != null) {
                float[] f = d.features();
                for (int o = 0; o < out; o++) {
                    for (int k = 0; k < in; k++) {
                        g[k * out + o] += f[i * in + k] * dz[o] / n;
                    }
                    g[in * out + o] += dz[o] / n;
                }
            }
            return loss;
        }

        @Override
        public long parameterCount() {
            return w.length;
        }

        @Override
        public List<LayerShape> shapeTrace(int batchSize) {
            return List.of(new LayerShape(0, "linear", "(" + batchSize + ", " + out + ")", w.length));
        }

        @Override
        public void seedEpoch(long seed) {
        }

        @Override
        public StepResult trainStep(ArraySplit data, int[] indices, double learningRate) {
            double[] g = new double[w.length];
            double loss = 0;
            for (int i : indices) {
                loss += lossAndGrad(data, i, g, indices.length);
            }
            loss /= indices.length;
            double norm = 0;
            for (double v : g) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            double clip = config.training().clipNorm();
            double scale = clip > 0 && norm > clip ? clip / (norm + 1e-6) : 1;
            for (int k = 0; k < w.length; k++) {
                vel[k] = 0.9 * vel[k] + g[k] * scale;
                w[k] -= learningRate * vel[k];
            }
            steps++;
            return new StepResult(loss, norm, norm * scale, scale < 1);
        }

        @Override
        public EvalResult evaluate(ArraySplit data, int batchSize) {
            double loss = 0;
            int correct = 0;
            for (int i = 0; i < data.size(); i++) {
                loss += lossAndGrad(data, i, null, 1);
                if (classification) {
                    double[] z = forward(data, i);
                    int arg = 0;
                    for (int o = 1; o < out; o++) {
                        if (z[o] > z[arg]) {
                            arg = o;
                        }
                    }
                    correct += arg == data.label(i) ? 1 : 0;
                }
            }
            return classification
                    ? new EvalResult(loss / data.size(), Map.of("accuracy", correct / (double) data.size()))
                    : new EvalResult(loss / data.size(), Map.of("mae", Double.NaN));
        }

        @Override
        public float[][] predict(ArraySplit data, int n) {
            float[][] p = new float[Math.min(n, data.size())][];
            for (int i = 0; i < p.length; i++) {
                double[] z = forward(data, i);
                p[i] = new float[z.length];
                for (int o = 0; o < z.length; o++) {
                    p[i][o] = (float) z[o];
                }
            }
            return p;
        }

        @Override
        public Object snapshotWeights() {
            return w.clone();
        }

        @Override
        public void restoreWeights(Object snapshot) {
            w = ((double[]) snapshot).clone();
        }

        @Override
        public void save(Path folder) throws IOException {
            try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(folder.resolve("w.bin")))) {
                for (double v : w) {
                    o.writeDouble(v);
                }
            }
            try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(folder.resolve("opt.bin")))) {
                o.writeLong(steps);
                for (double v : vel) {
                    o.writeDouble(v);
                }
            }
        }

        @Override
        public void load(Path folder, boolean withOptimizer) throws IOException {
            try (DataInputStream i = new DataInputStream(Files.newInputStream(folder.resolve("w.bin")))) {
                for (int k = 0; k < w.length; k++) {
                    w[k] = i.readDouble();
                }
            }
            if (withOptimizer) {
                try (DataInputStream i = new DataInputStream(Files.newInputStream(folder.resolve("opt.bin")))) {
                    steps = i.readLong();
                    for (int k = 0; k < vel.length; k++) {
                        vel[k] = i.readDouble();
                    }
                }
            }
        }

        @Override
        public List<String> savedFileNames() {
            return List.of("w.bin", "opt.bin");
        }

        @Override
        public void close() {
        }
    }

    /** Returns Gaussian clusters around fixed class centres: linearly separable for a small spread. */
    public static ArraySplit clusters(int n, int dim, int classes, double spread, long seed) {
        Random r = new Random(seed);
        double[][] centres = new double[classes][dim];
        for (double[] c : centres) {
            for (int k = 0; k < dim; k++) {
                c[k] = r.nextGaussian() * 2;
            }
        }
        float[] f = new float[n * dim];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int k = 0; k < dim; k++) {
                f[i * dim + k] = (float) (centres[y[i]][k] + spread * r.nextGaussian());
            }
        }
        return ArraySplit.classification(f, dim, y);
    }

    /** Returns y = 2 x0 - x1 + 0.5 x2 + 3 (+ Gaussian noise) over standard normal features (extra features: 0). */
    public static ArraySplit linear(int n, int dim, double noise, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * dim];
        float[] y = new float[n];
        double[] coef = {2, -1, 0.5};
        for (int i = 0; i < n; i++) {
            double t = 3;
            for (int k = 0; k < dim; k++) {
                x[i * dim + k] = (float) r.nextGaussian();
                t += k < coef.length ? coef[k] * x[i * dim + k] : 0;
            }
            y[i] = (float) (t + noise * r.nextGaussian());
        }
        return ArraySplit.regression(x, dim, y, 1);
    }

    /** Returns the same features with labels shuffled by a seed: nothing left to learn. */
    public static ArraySplit shuffledLabels(ArraySplit d, long seed) {
        int[] y = d.labels().clone();
        Random r = new Random(seed);
        for (int i = y.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = y[i];
            y[i] = y[j];
            y[j] = t;
        }
        return ArraySplit.classification(d.features(), d.rowSize(), y);
    }
}
