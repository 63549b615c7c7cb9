package dev.tunebench.engine.study;

/** Makes samplers and pruners from their sweep-file specs. */
public final class Samplers {
    private Samplers() {
    }

    /**
     * Returns the sampler a spec names.
     *
     * @param spec      the spec; its seed must be set (a study records the seed it drew)
     * @param direction the objective's direction (TPE ranks by it)
     */
    public static Sampler create(SweepSpec.SamplerSpec spec, Direction direction) {
        return switch (spec.type()) {
            case "grid" -> new GridSampler();
            case "random" -> new RandomSampler(seedOf(spec));
            case "tpe" -> {
                TpeSampler.Options d = TpeSampler.Options.defaults();
                var o = spec.options();
                yield new TpeSampler(seedOf(spec), direction, new TpeSampler.Options(
                        (Integer) o.getOrDefault("startupTrials", d.startupTrials()),
                        (Integer) o.getOrDefault("eiCandidates", d.eiCandidates()),
                        (Boolean) o.getOrDefault("considerPrior", d.considerPrior()),
                        ((Number) o.getOrDefault("priorWeight", d.priorWeight())).doubleValue(),
                        (Boolean) o.getOrDefault("magicClip", d.magicClip()),
                        (Boolean) o.getOrDefault("considerEndpoints", d.considerEndpoints()),
                        (Boolean) o.getOrDefault("constantLiar", d.constantLiar())));
            }
            default -> throw new IllegalArgumentException("unknown sampler " + spec.type() + "; allowed: "
                    + SweepCodec.SAMPLERS);
        };
    }

    private static long seedOf(SweepSpec.SamplerSpec spec) {
        if (spec.seed() == null) {
            throw new IllegalArgumentException("the sampler has no seed; a study draws one when it is created");
        }
        return spec.seed();
    }

    /** Returns the pruner a spec names, with Optuna's defaults for what it leaves out (reduction factor 3). */
    public static Pruner pruner(SweepSpec.PrunerSpec spec) {
        var o = spec.options();
        return switch (spec.type()) {
            case "none" -> new NopPruner();
            case "median" -> new PercentilePruner(50, (Integer) o.getOrDefault("startupTrials", 5),
                    (Integer) o.getOrDefault("warmupEpochs", 0), (Integer) o.getOrDefault("intervalEpochs", 1),
                    (Integer) o.getOrDefault("minTrials", 1));
            case "asha" -> {
                Object m = o.getOrDefault("minResource", "auto");
                yield new SuccessiveHalvingPruner(m instanceof Integer i ? i : null,
                        (Integer) o.getOrDefault("reductionFactor", 3),
                        (Integer) o.getOrDefault("minEarlyStoppingRate", 0),
                        (Integer) o.getOrDefault("bootstrapCount", 0));
            }
            default -> throw new IllegalArgumentException("unknown pruner " + spec.type() + "; allowed: "
                    + SweepCodec.PRUNERS);
        };
    }
}
