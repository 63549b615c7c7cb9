package dev.tunebench.engine.data;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * A data set ready for training: splits in memory plus everything needed to apply a trained model to new raw
 * data (class names, and the preprocessing such as vocabulary or normaliser as JSON).
 *
 * @param source        the data spec string it was loaded from (for run.json and sidecars)
 * @param input         what a sample looks like and what to predict
 * @param train         training split
 * @param validation    validation split (drives early stopping)
 * @param test          held-out test split, or null when there is none
 * @param classNames    class names by label index (classification), or an empty list
 * @param preprocessing how raw data became these arrays (vocabulary, tokenizer, normaliser...), as JSON; never null
 * @param notes         human-readable notes from loading (skipped rows, subset caps...), never null
 */
public record LoadedData(
        String source,
        InputSpec input,
        ArraySplit train,
        ArraySplit validation,
        ArraySplit test,
        List<String> classNames,
        JsonObject preprocessing,
        List<String> notes) {

    public LoadedData {
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        preprocessing = preprocessing == null ? new JsonObject() : preprocessing;
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** Returns the test split if there is one. */
    public Optional<ArraySplit> testSplit() {
        return Optional.ofNullable(test);
    }
}
