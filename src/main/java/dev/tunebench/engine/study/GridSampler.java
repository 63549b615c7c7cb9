package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every combination of the values of the space, in a stable order: the first field varies slowest, as nested loops
 * in the sweep file's order would. Each new trial takes the first combination that no trial has taken yet (running
 * ones included, so parallel workers never duplicate a point). A continuous float range has no grid: give it a
 * step or make it a choice.
 */
public final class GridSampler implements Sampler {
    /** The largest grid accepted: beyond it, a grid is a mistake rather than a plan. */
    public static final long MAX_POINTS = 1_000_000;

    @Override
    public String name() {
        return "grid";
    }

    /** Returns why the space has no grid (a continuous range, or too many points), or null when it has one. */
    public static String problem(SearchSpace space) {
        long n = 1;
        for (Map.Entry<String, Distribution> e : space.distributions().entrySet()) {
            if (e.getValue() instanceof FloatDistribution f && f.step() == null && !f.single()) {
                return e.getKey() + " is a continuous float range, which has no grid; give it a step or list the "
                        + "values as a choice";
            }
            long a = axis(e.getValue());
            if (a > MAX_POINTS || n > MAX_POINTS / a) {
                return "the grid has more than " + MAX_POINTS + " points; use random or tpe, or fewer values";
            }
            n *= a;
        }
        return null;
    }

    /** Returns the number of points of the space's grid. */
    public static long size(SearchSpace space) {
        String p = problem(space);
        if (p != null) {
            throw new IllegalArgumentException(p);
        }
        long n = 1;
        for (Distribution d : space.distributions().values()) {
            n *= axis(d);
        }
        return n;
    }

    @Override
    public Optional<Map<String, JsonElement>> sample(SearchSpace space, List<TrialSnapshot> trials, int trialNumber) {
        long size = size(space);
        BitSet taken = new BitSet();
        for (TrialSnapshot t : trials) {
            long k = indexOf(space, t.params());
            if (k >= 0) {
                taken.set((int) k);
            }
        }
        int free = taken.nextClearBit(0);
        if (free >= size) {
            return Optional.empty();
        }
        return Optional.of(point(space, free));
    }

    /** Returns the k-th point of the grid. */
    public static Map<String, JsonElement> point(SearchSpace space, long k) {
        List<Map.Entry<String, Distribution>> axes = new ArrayList<>(space.distributions().entrySet());
        long[] idx = new long[axes.size()];
        for (int i = axes.size() - 1; i >= 0; i--) {
            long n = axis(axes.get(i).getValue());
            idx[i] = k % n;
            k /= n;
        }
        Map<String, JsonElement> out = new LinkedHashMap<>();
        for (int i = 0; i < axes.size(); i++) {
            out.put(axes.get(i).getKey(), valueAt(axes.get(i).getValue(), idx[i]));
        }
        return out;
    }

    /** Returns the grid index of a trial's parameters, or -1 when they are not a point of this grid. */
    static long indexOf(SearchSpace space, Map<String, JsonElement> params) {
        long k = 0;
        for (Map.Entry<String, Distribution> e : space.distributions().entrySet()) {
            long i = positionOf(e.getValue(), params.get(e.getKey()));
            if (i < 0) {
                return -1;
            }
            k = k * axis(e.getValue()) + i;
        }
        return k;
    }

    private static long axis(Distribution d) {
        if (d instanceof ChoiceDistribution c) {
            return c.values().size();
        }
        if (d instanceof IntDistribution i) {
            return i.count();
        }
        if (d instanceof FloatDistribution f) {
            return f.single() ? 1 : f.count();
        }
        return 1;
    }

    private static JsonElement valueAt(Distribution d, long i) {
        if (d instanceof ChoiceDistribution c) {
            return c.values().get((int) i).deepCopy();
        }
        if (d instanceof IntDistribution n) {
            return n.toExternal(n.low() + i * n.step());
        }
        if (d instanceof FloatDistribution f) {
            return f.toExternal(f.single() ? f.low() : f.valueAt(i));
        }
        return ((FixedDistribution) d).value().deepCopy();
    }

    private static long positionOf(Distribution d, JsonElement v) {
        if (v == null || !d.contains(v)) {
            return -1;
        }
        if (d instanceof ChoiceDistribution c) {
            return c.indexOf(v);
        }
        if (d instanceof IntDistribution n) {
            return (IntDistribution.asLong(v) - n.low()) / n.step();
        }
        if (d instanceof FloatDistribution f) {
            return f.single() ? 0 : Math.round((v.getAsDouble() - f.low()) / f.step());
        }
        return 0;
    }
}
