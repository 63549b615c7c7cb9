package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Independent TPE with Optuna 3.1's defaults and semantics (optuna/samplers/_tpe/sampler.py): random sampling for
 * the first {@code startupTrials} finished trials, then for each field in turn the finished trials are split into the
 * best gamma(n) = min(ceil(0.1 n), 25) ("below") and the rest ("above"), a {@link ParzenEstimator} is fitted to each,
 * {@code eiCandidates} candidates are drawn from the "below" estimator and the one with the largest
 * log l(x) - log g(x) wins.
 *
 * <p>COMPLETE trials rank by value; PRUNED trials rank after every COMPLETE one, those that got further first, then
 * by their last intermediate value (NaN last); a PRUNED trial without intermediate values ranks last. FAILED trials
 * are ignored; RUNNING ones too, unless {@code constantLiar} puts them among the worst ("above").
 */
public final class TpeSampler implements Sampler {
    private final long seed;
    private final Direction direction;
    private final Options options;

    /**
     * TPE settings, Optuna 3.1's names in camel case.
     *
     * @param startupTrials     finished trials sampled at random before TPE starts (Optuna: n_startup_trials 10)
     * @param eiCandidates      candidates drawn per field (n_ei_candidates 24)
     * @param considerPrior     whether each estimator has a prior component (consider_prior true)
     * @param priorWeight       weight of the prior (prior_weight 1.0)
     * @param magicClip         whether bandwidths have a lower bound (consider_magic_clip true)
     * @param considerEndpoints whether the outermost bandwidths count the range ends (consider_endpoints false)
     * @param constantLiar      whether running trials count as bad ones (constant_liar false); helps many workers
     */
    public record Options(int startupTrials, int eiCandidates, boolean considerPrior, double priorWeight,
                          boolean magicClip, boolean considerEndpoints, boolean constantLiar) {

        public Options {
            if (startupTrials < 0) {
                throw new IllegalArgumentException("startupTrials must be at least 0, got " + startupTrials);
            }
            if (eiCandidates < 1) {
                throw new IllegalArgumentException("eiCandidates must be at least 1, got " + eiCandidates);
            }
            if (!(priorWeight > 0) || !Double.isFinite(priorWeight)) {
                throw new IllegalArgumentException("priorWeight must be a positive number, got " + priorWeight);
            }
        }

        /** Returns Optuna 3.1's defaults. */
        public static Options defaults() {
            return new Options(10, 24, true, 1.0, true, false, false);
        }
    }

    /** Creates one. */
    public TpeSampler(long seed, Direction direction, Options options) {
        this.seed = seed;
        this.direction = direction;
        this.options = options;
    }

    @Override
    public String name() {
        return "tpe";
    }

    /** Returns the options. */
    public Options options() {
        return options;
    }

    /** Returns Optuna's default gamma: the number of "below" trials among n. */
    static int gamma(int n) {
        return Math.min((int) Math.ceil(0.1 * n), 25);
    }

    @Override
    public Optional<Map<String, JsonElement>> sample(SearchSpace space, List<TrialSnapshot> trials, int trialNumber) {
        SplittableRandom rng = RandomSampler.rngFor(seed, trialNumber);
        List<Scored> scored = observations(trials);
        int n = (int) scored.stream().filter(s -> !s.running()).count();
        Map<String, JsonElement> out = new LinkedHashMap<>();
        if (n < options.startupTrials()) {
            space.distributions().forEach((name, d) -> out.put(name,
                    d.toExternal(RandomSampler.sampleInternal(d, rng))));
            return Optional.of(out);
        }
        Split split = split(scored, gamma(n));
        for (Map.Entry<String, Distribution> e : space.distributions().entrySet()) {
            Distribution d = e.getValue();
            if (d.single()) {
                out.put(e.getKey(), d.toExternal(RandomSampler.sampleInternal(d, rng)));
                continue;
            }
            double[] below = values(split.below(), e.getKey(), d);
            double[] above = values(split.above(), e.getKey(), d);
            out.put(e.getKey(), d.toExternal(choose(below, above, d, rng).value()));
        }
        return Optional.of(out);
    }

    /** The winning candidate of one field, with the log-densities that chose it. */
    record Choice(double value, double logL, double logG) {
    }

    /** Fits l and g to the two sets of observations and returns the best of the candidates drawn from l. */
    Choice choose(double[] below, double[] above, Distribution d, SplittableRandom rng) {
        ParzenEstimator l = new ParzenEstimator(below, d, options);
        ParzenEstimator g = new ParzenEstimator(above, d, options);
        double[] candidates = l.sample(rng, options.eiCandidates());
        double[] ll = l.logPdf(candidates);
        double[] lg = g.logPdf(candidates);
        int best = argmax(ll, lg);
        return new Choice(candidates[best], ll[best], lg[best]);
    }

    /** Returns numpy's argmax of l - g: the first maximum, or the first NaN. */
    static int argmax(double[] ll, double[] lg) {
        int best = 0;
        double bestScore = ll[0] - lg[0];
        if (Double.isNaN(bestScore)) {
            return 0;
        }
        for (int i = 1; i < ll.length; i++) {
            double s = ll[i] - lg[i];
            if (Double.isNaN(s)) {
                return i;
            }
            if (s > bestScore) {
                bestScore = s;
                best = i;
            }
        }
        return best;
    }

    /** A trial's rank key, as Optuna's _get_observation_pairs builds it: (step, score), lower is better. */
    record Scored(TrialSnapshot trial, double step, double score, boolean running) {
    }

    /** Returns the trials TPE learns from, in number order, with their rank keys. */
    List<Scored> observations(List<TrialSnapshot> trials) {
        List<TrialSnapshot> ordered = new ArrayList<>(trials);
        ordered.sort(Comparator.comparingInt(TrialSnapshot::number));
        double sign = direction.sign();
        List<Scored> out = new ArrayList<>();
        for (TrialSnapshot t : ordered) {
            switch (t.state()) {
                case COMPLETE -> {
                    if (t.value() != null) {
                        out.add(new Scored(t, Double.NEGATIVE_INFINITY, sign * t.value(), false));
                    }
                }
                case PRUNED -> {
                    if (t.intermediate().isEmpty()) {
                        out.add(new Scored(t, 1, 0.0, false));
                    } else {
                        Map.Entry<Integer, Double> last = t.intermediate().lastEntry();
                        double v = last.getValue();
                        out.add(new Scored(t, -last.getKey(), Double.isNaN(v) ? Double.POSITIVE_INFINITY : sign * v,
                                false));
                    }
                }
                case RUNNING -> {
                    if (options.constantLiar()) {
                        out.add(new Scored(t, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, true));
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    /** The two groups, each in chronological order. */
    record Split(List<TrialSnapshot> below, List<TrialSnapshot> above) {
    }

    /** Splits the ranked trials: the first nBelow by (step, score), stable, then each group by number. */
    static Split split(List<Scored> scored, int nBelow) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            order.add(i);
        }
        // numpy compares with < (so -0.0 equals 0.0); List.sort is stable as numpy's kind="stable".
        order.sort((x, y) -> {
            int c = compare(scored.get(x).step(), scored.get(y).step());
            return c != 0 ? c : compare(scored.get(x).score(), scored.get(y).score());
        });
        int cut = Math.min(nBelow, order.size());
        List<Integer> below = new ArrayList<>(order.subList(0, cut));
        List<Integer> above = new ArrayList<>(order.subList(cut, order.size()));
        below.sort(null);
        above.sort(null);
        return new Split(below.stream().map(i -> scored.get(i).trial()).toList(),
                above.stream().map(i -> scored.get(i).trial()).toList());
    }

    private static int compare(double a, double b) {
        return a < b ? -1 : a > b ? 1 : 0;
    }

    /** Returns the internal values of a field over trials, skipping trials without a valid value. */
    static double[] values(List<TrialSnapshot> trials, String name, Distribution d) {
        return trials.stream().mapToDouble(t -> {
            JsonElement v = t.params().get(name);
            return v == null ? Double.NaN : d.toInternal(v);
        }).filter(x -> !Double.isNaN(x)).toArray();
    }
}
