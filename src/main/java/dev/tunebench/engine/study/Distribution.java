package dev.tunebench.engine.study;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The values one searched field may take. Samplers work on an internal number per value, as Optuna's distributions
 * do: the index of a choice, the number itself for int and float ranges.
 */
public sealed interface Distribution permits ChoiceDistribution, IntDistribution, FloatDistribution,
        FixedDistribution {

    /** Returns the sweep-file type name: {@code choice}, {@code int}, {@code float} or {@code fixed}. */
    String type();

    /** Returns whether only one value is possible (nothing to search). */
    boolean single();

    /** Returns whether a value belongs to this distribution. */
    boolean contains(JsonElement value);

    /** Returns the internal number of a value, or NaN when the value does not belong to this distribution. */
    double toInternal(JsonElement value);

    /** Returns the value of an internal number (already rounded to a valid value by the sampler). */
    JsonElement toExternal(double internal);

    /** Returns the distribution as its sweep-file JSON object (with {@code type}). */
    JsonObject toJson();

    /** Returns a short human form, e.g. {@code float 0.0001..0.01 log}. */
    String describe();
}
