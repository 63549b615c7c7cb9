package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Independent uniform sampling (Optuna's RandomSampler): uniform on the log scale for log ranges, uniform over the
 * steps of stepped ranges (rounded half to even, as numpy rounds), uniform over choices. Trial n's values depend
 * only on the seed and n.
 */
public final class RandomSampler implements Sampler {
    private final long seed;

    /** Creates one with a seed. */
    public RandomSampler(long seed) {
        this.seed = seed;
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public Optional<Map<String, JsonElement>> sample(SearchSpace space, List<TrialSnapshot> trials, int trialNumber) {
        SplittableRandom rng = rngFor(seed, trialNumber);
        Map<String, JsonElement> out = new LinkedHashMap<>();
        space.distributions().forEach((name, d) -> out.put(name, d.toExternal(sampleInternal(d, rng))));
        return Optional.of(out);
    }

    /** Returns the random stream of trial n: independent streams for every (seed, n). */
    static SplittableRandom rngFor(long seed, int trialNumber) {
        return new SplittableRandom(mix64(mix64(seed) ^ mix64(0x9E3779B97F4A7C15L * (trialNumber + 1L))));
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Returns one uniform draw of a distribution in its internal form, as Optuna's RandomSampler draws it. */
    static double sampleInternal(Distribution d, SplittableRandom rng) {
        if (d instanceof FixedDistribution) {
            return 0;
        }
        if (d instanceof ChoiceDistribution c) {
            return c.values().size() == 1 ? 0 : rng.nextInt(c.values().size());
        }
        if (d instanceof IntDistribution i) {
            if (i.single()) {
                return i.low();
            }
            if (i.log()) {
                double lo = Math.log(i.low() - 0.5);
                double hi = Math.log(i.high() + 0.5);
                double v = Math.rint(Math.exp(uniform(rng, lo, hi)));
                return Math.min(Math.max(v, i.low()), i.high());
            }
            double u = uniform(rng, i.low() - 0.5 * i.step(), i.high() + 0.5 * i.step());
            double v = Math.rint((u - i.low()) / i.step()) * i.step() + i.low();
            return Math.min(Math.max(v, i.low()), i.high());
        }
        FloatDistribution f = (FloatDistribution) d;
        if (f.single()) {
            return f.low();
        }
        if (f.log()) {
            double v = Math.exp(uniform(rng, Math.log(f.low()), Math.log(f.high())));
            return Math.min(v, Math.nextDown(f.high()));
        }
        if (f.step() != null) {
            double u = uniform(rng, f.low() - 0.5 * f.step(), f.high() + 0.5 * f.step());
            long k = (long) Math.rint((u - f.low()) / f.step());
            return f.valueAt(Math.max(0, Math.min(k, f.count() - 1)));
        }
        return Math.min(uniform(rng, f.low(), f.high()), Math.nextDown(f.high()));
    }

    private static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
