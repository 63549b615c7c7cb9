package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Parameter importance by fANOVA over a random forest, as Optuna 3.1's default evaluator
 * ({@code FanovaImportanceEvaluator}: 64 trees of depth at most 64, scikit-learn's RandomForestRegressor defaults
 * otherwise: bootstrap samples, every feature tried at each split, squared error, at least 2 samples to split and 1
 * per leaf). The forest predicts the objective of the COMPLETE trials from their parameters on the raw scale (no log,
 * choices one-hot); a parameter's importance is the share of the forest's variance that its marginal explains,
 * averaged over the trees and normalised to sum to 1 (Hutter et al. 2014, as Optuna computes it).
 *
 * <p>Optuna's numbers cannot be reproduced exactly: its forest draws bootstrap samples and breaks ties between
 * splits with numpy's and scikit-learn's generators. With one tree and no bootstrap the computation is
 * deterministic, and there it matches Optuna's to rounding (see FanovaImportanceTest).
 */
public final class FanovaImportance {
    /** Trees in the forest (Optuna's n_trees). */
    public static final int TREES = 64;
    /** Largest tree depth (Optuna's max_depth). */
    public static final int MAX_DEPTH = 64;
    private static final double FEATURE_THRESHOLD = 1e-7;
    private static final double EPSILON = Math.ulp(1.0);

    private final int trees;
    private final int maxDepth;
    private final boolean bootstrap;

    FanovaImportance(int trees, int maxDepth, boolean bootstrap) {
        this.trees = trees;
        this.maxDepth = maxDepth;
        this.bootstrap = bootstrap;
    }

    /**
     * Returns the importance of every searched field, largest first, summing to 1, from the COMPLETE trials with a
     * finite value; fields that hold one value only are left out.
     *
     * @param seed the forest's seed (the same trials and seed give the same importances)
     * @throws IllegalArgumentException when fewer than two trials can be used or all their values are equal
     */
    public static Map<String, Double> evaluate(SearchSpace space, List<TrialSnapshot> trials, long seed) {
        return new FanovaImportance(TREES, MAX_DEPTH, true).importances(space, trials, seed);
    }

    Map<String, Double> importances(SearchSpace space, List<TrialSnapshot> trials, long seed) {
        List<String> names = space.searched();
        List<TrialSnapshot> usable = trials.stream().filter(t -> t.state() == TrialState.COMPLETE
                && t.value() != null && Double.isFinite(t.value()) && space.contains(t.params())).toList();
        if (names.isEmpty()) {
            return Map.of();
        }
        if (usable.size() < 2) {
            throw new IllegalArgumentException("importance needs at least 2 COMPLETE trials, got " + usable.size());
        }
        // Encode: numbers as they are, choices one-hot, each column with its bounds.
        List<double[]> bounds = new ArrayList<>();
        List<int[]> columnsOf = new ArrayList<>();
        for (String n : names) {
            Distribution d = space.get(n);
            int first = bounds.size();
            if (d instanceof ChoiceDistribution c) {
                for (int k = 0; k < c.values().size(); k++) {
                    bounds.add(new double[] {0, 1});
                }
            } else if (d instanceof IntDistribution i) {
                bounds.add(new double[] {i.low(), i.high()});
            } else {
                FloatDistribution f = (FloatDistribution) d;
                bounds.add(new double[] {f.low(), f.high()});
            }
            int[] cols = new int[bounds.size() - first];
            for (int k = 0; k < cols.length; k++) {
                cols[k] = first + k;
            }
            columnsOf.add(cols);
        }
        int nf = bounds.size();
        float[][] x = new float[usable.size()][nf];
        double[] y = new double[usable.size()];
        for (int s = 0; s < usable.size(); s++) {
            TrialSnapshot t = usable.get(s);
            for (int p = 0; p < names.size(); p++) {
                Distribution d = space.get(names.get(p));
                JsonElement v = t.params().get(names.get(p));
                int[] cols = columnsOf.get(p);
                if (d instanceof ChoiceDistribution c) {
                    x[s][cols[c.indexOf(v)]] = 1f;
                } else {
                    // scikit-learn's trees work on float32 features.
                    x[s][cols[0]] = (float) v.getAsDouble();
                }
            }
            y[s] = t.value();
        }
        double[][] space2 = bounds.toArray(new double[0][]);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] sums = new double[names.size()];
        int[] counts = new int[names.size()];
        boolean anyVariance = false;
        for (int t = 0; t < trees; t++) {
            SplittableRandom treeRng = rng.split();
            double[] w = new double[y.length];
            if (bootstrap) {
                for (int i = 0; i < y.length; i++) {
                    w[treeRng.nextInt(y.length)] += 1;
                }
            } else {
                Arrays.fill(w, 1);
            }
            Tree tree = Tree.fit(x, y, w, maxDepth, treeRng);
            Marginals m = new Marginals(tree, space2);
            double total = m.variance();
            if (total > 0) {
                anyVariance = true;
                for (int p = 0; p < names.size(); p++) {
                    sums[p] += Math.max(0, m.marginalVariance(columnsOf.get(p))) / total;
                    counts[p]++;
                }
            }
        }
        if (!anyVariance) {
            throw new IllegalArgumentException("every tree has zero variance (all trials have the same value?): "
                    + "importance cannot be assessed");
        }
        double[] imp = new double[names.size()];
        double norm = 0;
        for (int p = 0; p < names.size(); p++) {
            imp[p] = counts[p] == 0 ? 0 : sums[p] / counts[p];
            norm += imp[p];
        }
        Integer[] order = new Integer[names.size()];
        for (int p = 0; p < order.length; p++) {
            order[p] = p;
        }
        double n2 = norm;
        Arrays.sort(order, (a, b) -> Double.compare(imp[b], imp[a]));
        Map<String, Double> out = new LinkedHashMap<>();
        for (int p : order) {
            out.put(names.get(p), n2 > 0 ? imp[p] / n2 : 0.0);
        }
        return out;
    }

    /** A regression tree in scikit-learn's layout: nodes in depth-first order, left child first. */
    static final class Tree {
        final List<Integer> feature = new ArrayList<>();
        final List<Double> threshold = new ArrayList<>();
        final List<Integer> left = new ArrayList<>();
        final List<Integer> right = new ArrayList<>();
        final List<Double> value = new ArrayList<>();
        private final float[][] x;
        private final double[] y;
        private final double[] w;
        private final int maxDepth;
        private final SplittableRandom rng;

        private Tree(float[][] x, double[] y, double[] w, int maxDepth, SplittableRandom rng) {
            this.x = x;
            this.y = y;
            this.w = w;
            this.maxDepth = maxDepth;
            this.rng = rng;
        }

        /** Fits a tree to the samples with non-zero weight (bootstrap counts). */
        static Tree fit(float[][] x, double[] y, double[] w, int maxDepth, SplittableRandom rng) {
            Tree t = new Tree(x, y, w, maxDepth, rng);
            int[] samples = java.util.stream.IntStream.range(0, y.length).filter(i -> w[i] != 0).toArray();
            t.build(samples, 0);
            return t;
        }

        int size() {
            return feature.size();
        }

        private int build(int[] samples, int depth) {
            int id = feature.size();
            feature.add(-2);
            threshold.add(-2.0);
            left.add(-1);
            right.add(-1);
            double wn = 0;
            double sum = 0;
            double sq = 0;
            for (int s : samples) {
                wn += w[s];
                sum += w[s] * y[s];
                sq += w[s] * y[s] * y[s];
            }
            double mean = sum / wn;
            value.add(mean);
            double impurity = sq / wn - mean * mean;
            if (depth >= maxDepth || samples.length < 2 || impurity <= EPSILON) {
                return id;
            }
            int nf = x[0].length;
            int[] features = new int[nf];
            for (int f = 0; f < nf; f++) {
                features[f] = f;
            }
            for (int f = nf - 1; f > 0; f--) {
                int j = rng.nextInt(f + 1);
                int tmp = features[f];
                features[f] = features[j];
                features[j] = tmp;
            }
            int bestFeature = -1;
            double bestProxy = Double.NEGATIVE_INFINITY;
            double bestThreshold = 0;
            Integer[] order = new Integer[samples.length];
            for (int f : features) {
                for (int i = 0; i < samples.length; i++) {
                    order[i] = samples[i];
                }
                final int ff = f;
                Arrays.sort(order, (a, b) -> Float.compare(x[a][ff], x[b][ff]));
                double lo = x[order[0]][f];
                double hi = x[order[order.length - 1]][f];
                if (hi <= lo + FEATURE_THRESHOLD) {
                    continue;
                }
                double sumL = 0;
                double wL = 0;
                for (int p = 1; p < order.length; p++) {
                    int prev = order[p - 1];
                    sumL += w[prev] * y[prev];
                    wL += w[prev];
                    double xp = x[order[p]][f];
                    double xq = x[prev][f];
                    if (xp <= xq + FEATURE_THRESHOLD) {
                        continue;
                    }
                    double sumR = sum - sumL;
                    double wR = wn - wL;
                    double proxy = sumL * sumL / wL + sumR * sumR / wR;
                    if (proxy > bestProxy) {
                        bestProxy = proxy;
                        bestFeature = f;
                        double t = xq / 2.0 + xp / 2.0;
                        bestThreshold = t == xp || Double.isInfinite(t) ? xq : t;
                    }
                }
            }
            if (bestFeature < 0) {
                return id;
            }
            final int bf = bestFeature;
            final double bt = bestThreshold;
            int[] l = Arrays.stream(samples).filter(s -> x[s][bf] <= bt).toArray();
            int[] r = Arrays.stream(samples).filter(s -> x[s][bf] > bt).toArray();
            feature.set(id, bf);
            threshold.set(id, bt);
            left.set(id, build(l, depth + 1));
            right.set(id, build(r, depth + 1));
            return id;
        }
    }

    /** Optuna's _FanovaTree: per-node marginal statistics over the search box, and marginal variances. */
    static final class Marginals {
        private final Tree tree;
        private final double[][] box;
        private final double[][] stats;
        private final double[][] midpoints;
        private final double[][] sizes;
        private final boolean[][] active;

        Marginals(Tree tree, double[][] box) {
            this.tree = tree;
            this.box = box;
            int n = tree.size();
            int nf = box.length;
            stats = new double[n][2];
            double[][][] sub = new double[n][][];
            sub[0] = copy(box);
            for (int i = 0; i < n; i++) {
                if (leaf(i)) {
                    stats[i] = new double[] {tree.value.get(i), cardinality(sub[i])};
                } else {
                    int f = tree.feature.get(i);
                    double t = tree.threshold.get(i);
                    double[][] l = copy(sub[i]);
                    l[f][1] = t;
                    double[][] r = copy(sub[i]);
                    r[f][0] = t;
                    sub[tree.left.get(i)] = l;
                    sub[tree.right.get(i)] = r;
                }
            }
            for (int i = n - 1; i >= 0; i--) {
                if (!leaf(i)) {
                    double[] a = stats[tree.left.get(i)];
                    double[] b = stats[tree.right.get(i)];
                    double wsum = a[1] + b[1];
                    stats[i] = new double[] {(a[0] * a[1] + b[0] * b[1]) / wsum, wsum};
                }
            }
            midpoints = new double[nf][];
            sizes = new double[nf][];
            List<TreeSet<Double>> splits = new ArrayList<>();
            for (int f = 0; f < nf; f++) {
                splits.add(new TreeSet<>());
            }
            for (int i = 0; i < n; i++) {
                if (!leaf(i)) {
                    splits.get(tree.feature.get(i)).add(tree.threshold.get(i));
                }
            }
            for (int f = 0; f < nf; f++) {
                double[] v = new double[splits.get(f).size() + 2];
                v[0] = box[f][0];
                int k = 1;
                for (double s : splits.get(f)) {
                    v[k++] = s;
                }
                v[k] = box[f][1];
                midpoints[f] = new double[v.length - 1];
                sizes[f] = new double[v.length - 1];
                for (int j = 0; j + 1 < v.length; j++) {
                    midpoints[f][j] = 0.5 * (v[j + 1] + v[j]);
                    sizes[f][j] = v[j + 1] - v[j];
                }
            }
            active = new boolean[n][nf];
            for (int i = n - 1; i >= 0; i--) {
                if (!leaf(i)) {
                    active[i][tree.feature.get(i)] = true;
                    for (int c : new int[] {tree.left.get(i), tree.right.get(i)}) {
                        for (int f = 0; f < nf; f++) {
                            active[i][f] |= active[c][f];
                        }
                    }
                }
            }
        }

        private boolean leaf(int i) {
            return tree.feature.get(i) < 0;
        }

        /** Returns the variance of the tree's prediction over the box (leaf values weighted by their volume). */
        double variance() {
            double wsum = 0;
            double avg = 0;
            for (int i = 0; i < tree.size(); i++) {
                if (leaf(i)) {
                    wsum += stats[i][1];
                    avg += stats[i][0] * stats[i][1];
                }
            }
            avg /= wsum;
            double var = 0;
            for (int i = 0; i < tree.size(); i++) {
                if (leaf(i)) {
                    double d = stats[i][0] - avg;
                    var += d * d * stats[i][1];
                }
            }
            return var / wsum;
        }

        /** Returns the variance of the marginal prediction over the given columns (one parameter's). */
        double marginalVariance(int[] features) {
            int combos = 1;
            for (int f : features) {
                combos *= midpoints[f].length;
            }
            double[] values = new double[combos];
            double[] weights = new double[combos];
            double[] sample = new double[box.length];
            Arrays.fill(sample, Double.NaN);
            int[] idx = new int[features.length];
            for (int c = 0; c < combos; c++) {
                // itertools.product order: the last feature varies fastest.
                int rem = c;
                for (int k = features.length - 1; k >= 0; k--) {
                    idx[k] = rem % midpoints[features[k]].length;
                    rem /= midpoints[features[k]].length;
                }
                double size = 1;
                for (int k = 0; k < features.length; k++) {
                    sample[features[k]] = midpoints[features[k]][idx[k]];
                    size *= sizes[features[k]][idx[k]];
                }
                double[] vw = marginalized(sample);
                values[c] = vw[0];
                weights[c] = vw[1] * size;
            }
            double wsum = 0;
            double avg = 0;
            for (int c = 0; c < combos; c++) {
                wsum += weights[c];
                avg += values[c] * weights[c];
            }
            avg /= wsum;
            double var = 0;
            for (int c = 0; c < combos; c++) {
                double d = values[c] - avg;
                var += d * d * weights[c];
            }
            return var / wsum;
        }

        /** Returns (value, weight) of the tree with the NaN features marginalised (Optuna's traversal). */
        private double[] marginalized(double[] sample) {
            int nf = box.length;
            boolean[] isActive = new boolean[nf];
            double[][] start = copy(box);
            for (int f = 0; f < nf; f++) {
                isActive[f] = !Double.isNaN(sample[f]);
                if (!isActive[f]) {
                    start[f][0] = 0;
                    start[f][1] = 1;
                }
            }
            Deque<Integer> nodes = new ArrayDeque<>();
            Deque<double[][]> spaces = new ArrayDeque<>();
            nodes.push(0);
            spaces.push(start);
            double wsum = 0;
            double vsum = 0;
            while (!nodes.isEmpty()) {
                int i = nodes.pop();
                double[][] s = spaces.pop();
                int f = tree.feature.get(i);
                if (f >= 0) {
                    double response = sample[f];
                    if (!Double.isNaN(response)) {
                        double t = tree.threshold.get(i);
                        double[][] next = copy(s);
                        if (response <= t) {
                            next[f][1] = t;
                            nodes.push(tree.left.get(i));
                        } else {
                            next[f][0] = t;
                            nodes.push(tree.right.get(i));
                        }
                        spaces.push(next);
                        continue;
                    }
                    boolean any = false;
                    for (int g = 0; g < nf; g++) {
                        any |= isActive[g] && active[i][g];
                    }
                    if (any) {
                        nodes.push(tree.left.get(i));
                        spaces.push(s);
                        nodes.push(tree.right.get(i));
                        spaces.push(s);
                        continue;
                    }
                }
                double w = stats[i][1] / cardinality(s);
                wsum += w;
                vsum += stats[i][0] * w;
            }
            return new double[] {vsum / wsum, wsum};
        }

        private static double cardinality(double[][] s) {
            double c = 1;
            for (double[] b : s) {
                c *= b[1] - b[0];
            }
            return c;
        }

        private static double[][] copy(double[][] a) {
            double[][] c = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                c[i] = a[i].clone();
            }
            return c;
        }
    }
}
