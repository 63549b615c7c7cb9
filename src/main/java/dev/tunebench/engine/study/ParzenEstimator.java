package dev.tunebench.engine.study;

import java.util.SplittableRandom;

/**
 * The univariate Parzen estimator of Optuna 3.1's independent TPE (optuna/samplers/_tpe/parzen_estimator.py): a
 * mixture of truncated normals (one per observation plus a prior) on the parameter's internal scale (log for log
 * ranges), with Optuna's bandwidths (the larger gap to a neighbour, the endpoints' own rule, magic clip), its
 * weights (a ramp for old observations beyond 25), and for choices a categorical kernel with the prior weight
 * spread over every choice. Discrete ranges (int, stepped float) get the mass of their step's interval.
 */
final class ParzenEstimator {
    private static final double EPS = 1e-12;

    private final Distribution distribution;
    private final boolean categorical;
    private final double low;
    private final double high;
    private final double q;
    private final double[] weights;
    private final double[] mus;
    private final double[] sigmas;
    private final double[][] categoricalWeights;

    /**
     * Creates one.
     *
     * @param observations the observed values in internal form (choice index, or the number), chronological
     * @param distribution the parameter's distribution: choice, int or float
     * @param options      the TPE options (prior, prior weight, magic clip, endpoints)
     */
    ParzenEstimator(double[] observations, Distribution distribution, TpeSampler.Options options) {
        this.distribution = distribution;
        this.categorical = distribution instanceof ChoiceDistribution;
        int n = observations.length;
        boolean prior = options.considerPrior() || n == 0;
        this.weights = weights(n, prior, options.priorWeight());
        if (categorical) {
            low = Double.NaN;
            high = Double.NaN;
            q = Double.NaN;
            mus = null;
            sigmas = null;
            categoricalWeights = categorical(observations, ((ChoiceDistribution) distribution).values().size(),
                    prior, options.priorWeight());
            return;
        }
        double[] bounds = bounds(distribution);
        low = bounds[0];
        high = bounds[1];
        q = bounds[2];
        categoricalWeights = null;
        double[] obs = toUniform(observations);
        int m = prior ? n + 1 : n;
        mus = new double[m];
        System.arraycopy(obs, 0, mus, 0, n);
        if (prior) {
            mus[n] = 0.5 * (low + high);
        }
        int[] order = NumpySort.argsort(mus);
        double[] withEnds = new double[m + 2];
        withEnds[0] = low;
        for (int i = 0; i < m; i++) {
            withEnds[i + 1] = mus[order[i]];
        }
        withEnds[m + 1] = high;
        double[] sortedSigmas = new double[m];
        for (int i = 0; i < m; i++) {
            sortedSigmas[i] = Math.max(withEnds[i + 1] - withEnds[i], withEnds[i + 2] - withEnds[i + 1]);
        }
        if (!options.considerEndpoints() && withEnds.length >= 4) {
            sortedSigmas[0] = withEnds[2] - withEnds[1];
            sortedSigmas[m - 1] = withEnds[m] - withEnds[m - 1];
        }
        sigmas = new double[m];
        for (int i = 0; i < m; i++) {
            sigmas[order[i]] = sortedSigmas[i];
        }
        double maxSigma = high - low;
        double minSigma = options.magicClip() ? (high - low) / Math.min(100.0, 1.0 + m) : EPS;
        for (int i = 0; i < m; i++) {
            sigmas[i] = Math.min(Math.max(sigmas[i], minSigma), maxSigma);
        }
        if (prior) {
            sigmas[n] = high - low;
        }
    }

    /** Returns Optuna's default_weights(n): ones, with a linear ramp from 1/n for all but the newest 25. */
    static double[] defaultWeights(int n) {
        double[] w = new double[n];
        if (n < 25) {
            java.util.Arrays.fill(w, 1.0);
            return w;
        }
        int ramp = n - 25;
        double start = 1.0 / n;
        if (ramp == 1) {
            w[0] = start;
        } else if (ramp > 1) {
            double step = (1.0 - start) / (ramp - 1);
            for (int i = 0; i < ramp; i++) {
                w[i] = i * step + start;
            }
            w[ramp - 1] = 1.0;
        }
        for (int i = ramp; i < n; i++) {
            w[i] = 1.0;
        }
        return w;
    }

    private static double[] weights(int n, boolean prior, double priorWeight) {
        double[] w = defaultWeights(n);
        double[] out = new double[prior ? n + 1 : n];
        System.arraycopy(w, 0, out, 0, n);
        if (prior) {
            out[n] = priorWeight;
        }
        double sum = 0;
        for (double x : out) {
            sum += x;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    private static double[][] categorical(double[] obs, int k, boolean prior, double priorWeight) {
        int n = obs.length;
        int rows = prior ? n + 1 : n;
        double value = prior ? priorWeight / (n + 1) : priorWeight / n;
        double[][] w = new double[rows][k];
        for (double[] row : w) {
            java.util.Arrays.fill(row, value);
        }
        for (int i = 0; i < n; i++) {
            w[i][(int) obs[i]] += 1;
        }
        for (double[] row : w) {
            double s = 0;
            for (double x : row) {
                s += x;
            }
            for (int j = 0; j < k; j++) {
                row[j] /= s;
            }
        }
        return w;
    }

    /** Returns {low, high, q} of the estimator's scale; q is NaN for a continuous scale. */
    static double[] bounds(Distribution d) {
        if (d instanceof FloatDistribution f) {
            if (f.log()) {
                return new double[] {Math.log(f.low()), Math.log(f.high()), Double.NaN};
            }
            if (f.step() != null) {
                return new double[] {f.low() - 0.5 * f.step(), f.high() + 0.5 * f.step(), f.step()};
            }
            return new double[] {f.low(), f.high(), Double.NaN};
        }
        IntDistribution i = (IntDistribution) d;
        if (i.log()) {
            return new double[] {Math.log(i.low() - 0.5), Math.log(i.high() + 0.5), Double.NaN};
        }
        return new double[] {i.low() - 0.5 * i.step(), i.high() + 0.5 * i.step(), i.step()};
    }

    private boolean isLog() {
        return distribution instanceof FloatDistribution f && f.log()
                || distribution instanceof IntDistribution i && i.log();
    }

    private double[] toUniform(double[] values) {
        if (!isLog()) {
            return values.clone();
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.log(values[i]);
        }
        return out;
    }

    private double fromUniform(double s) {
        if (distribution instanceof FloatDistribution f) {
            if (f.log()) {
                return Math.exp(s);
            }
            if (f.step() != null) {
                double v = Math.rint((s - f.low()) / q);
                long k = (long) Math.max(0, Math.min(v, f.count() - 1));
                return f.valueAt(k);
            }
            return s;
        }
        IntDistribution i = (IntDistribution) distribution;
        double v = i.log() ? Math.rint(Math.exp(s)) : Math.rint((s - i.low()) / q) * q + i.low();
        return Math.min(Math.max(v, i.low()), i.high());
    }

    /** Returns the mixture weights (observations then the prior), summing to 1. */
    double[] weights() {
        return weights.clone();
    }

    /** Returns the component means on the estimator's scale, or null for a choice. */
    double[] mus() {
        return mus == null ? null : mus.clone();
    }

    /** Returns the component bandwidths on the estimator's scale, or null for a choice. */
    double[] sigmas() {
        return sigmas == null ? null : sigmas.clone();
    }

    /** Returns the per-component choice probabilities, or null for a numeric range. */
    double[][] categoricalWeights() {
        return categoricalWeights;
    }

    /** Returns size draws from the mixture, in internal form (choice index, or a valid value of the range). */
    double[] sample(SplittableRandom rng, int size) {
        double[] out = new double[size];
        for (int s = 0; s < size; s++) {
            int c = pick(weights, rng.nextDouble());
            if (categorical) {
                out[s] = countBelow(categoricalWeights[c], rng.nextDouble());
            } else {
                double a = (low - mus[c]) / sigmas[c];
                double b = (high - mus[c]) / sigmas[c];
                double x = TruncNorm.ppf(rng.nextDouble(), a, b) * sigmas[c] + mus[c];
                out[s] = fromUniform(x);
            }
        }
        return out;
    }

    /** Returns the index of the component that a uniform draw lands on. */
    private static int pick(double[] p, double u) {
        double cum = 0;
        for (int i = 0; i < p.length; i++) {
            cum += p[i];
            if (u < cum) {
                return i;
            }
        }
        return p.length - 1;
    }

    /** Returns how many cumulative probabilities are below u, as Optuna's categorical draw counts them. */
    private static int countBelow(double[] p, double u) {
        double cum = 0;
        int n = 0;
        for (int j = 0; j < p.length; j++) {
            cum += p[j];
            if (cum < u) {
                n++;
            }
        }
        return Math.min(n, p.length - 1);
    }

    /** Returns the mixture's log-density (Optuna 3.1's form) at each sample, given in internal form. */
    double[] logPdf(double[] samples) {
        double[] out = new double[samples.length];
        if (categorical) {
            int k = categoricalWeights[0].length;
            double[] mix = new double[k];
            for (int c = 0; c < weights.length; c++) {
                for (int j = 0; j < k; j++) {
                    mix[j] += categoricalWeights[c][j] * weights[c];
                }
            }
            for (int s = 0; s < samples.length; s++) {
                out[s] = Math.log(mix[(int) samples[s]]);
            }
            return out;
        }
        double[] x = toUniform(samples);
        int m = mus.length;
        double[] comp = new double[m];
        double[] logAccept = new double[m];
        for (int c = 0; c < m; c++) {
            logAccept[c] = TruncNorm.logGaussMass((low - mus[c]) / sigmas[c], (high - mus[c]) / sigmas[c]);
        }
        for (int s = 0; s < samples.length; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < m; c++) {
                double lp;
                if (Double.isNaN(q)) {
                    lp = TruncNorm.logPdf(x[s], (low - mus[c]) / sigmas[c], (high - mus[c]) / sigmas[c], mus[c],
                            sigmas[c]);
                } else {
                    double ub = Math.min(x[s] + q / 2.0, high);
                    double lb = Math.max(x[s] - q / 2.0, low);
                    lp = TruncNorm.logGaussMass((lb - mus[c]) / sigmas[c], (ub - mus[c]) / sigmas[c]) - logAccept[c];
                }
                comp[c] = lp + Math.log(weights[c]);
                max = Math.max(max, comp[c]);
            }
            double sum = 0;
            for (int c = 0; c < m; c++) {
                sum += Math.exp(comp[c] - max);
            }
            out[s] = Math.log(sum) + max;
        }
        return out;
    }
}
