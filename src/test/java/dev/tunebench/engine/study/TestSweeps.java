package dev.tunebench.engine.study;

import com.google.gson.JsonPrimitive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** Sweeps and clocks for study tests. */
final class TestSweeps {
    private TestSweeps() {
    }

    /** Returns a sweep over one dummy choice with a sampler, a pruner and a trial budget. */
    static SweepSpec sweep(Direction direction, String sampler, SweepSpec.PrunerSpec pruner, int trials) {
        Map<String, Distribution> space = new LinkedHashMap<>();
        space.put("x", new ChoiceDistribution(List.of(new JsonPrimitive(1), new JsonPrimitive(2))));
        return new SweepSpec("test", null, new SweepSpec.Objective("val_loss", direction),
                new SweepSpec.Budget(trials, null), new SweepSpec.SamplerSpec(sampler, 1L, Map.of()), pruner, 1, 0,
                new SearchSpace(space));
    }

    /** Returns a sweep over a space. */
    static SweepSpec sweep(SearchSpace space, String sampler, long seed, Integer trials, int retries) {
        return new SweepSpec("test", null, new SweepSpec.Objective("val_loss", Direction.MIN),
                new SweepSpec.Budget(trials, null), new SweepSpec.SamplerSpec(sampler, seed, Map.of()),
                new SweepSpec.PrunerSpec("none", Map.of()), 1, retries, space);
    }

    /** Returns a clock that advances one second per reading. */
    static LongSupplier ticking() {
        AtomicLong t = new AtomicLong(1_700_000_000_000L);
        return () -> t.addAndGet(1000);
    }
}
