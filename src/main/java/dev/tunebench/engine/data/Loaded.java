package dev.tunebench.engine.data;

import com.google.gson.JsonObject;

/**
 * What an importer produced, with the raw facts the {@link Inspector} reports beyond {@link LoadedData}.
 *
 * @param data         the loaded data
 * @param table        the training file's table (text and series), or null
 * @param trainLengths token counts of the training samples before padding or truncation (text), or null
 * @param valTokens    tokens in the validation samples before truncation (text)
 * @param valOov       of those, how many are out of vocabulary (text)
 * @param facts        importer-specific facts for the inspector (series: baselines), never null
 */
record Loaded(LoadedData data, Csv.Table table, int[] trainLengths, long valTokens, long valOov, JsonObject facts) {

    static Loaded of(LoadedData data) {
        return new Loaded(data, null, null, 0, 0, new JsonObject());
    }
}
