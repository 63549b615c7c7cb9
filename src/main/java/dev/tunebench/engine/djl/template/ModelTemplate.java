package dev.tunebench.engine.djl.template;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.tunebench.engine.config.ModelSpec;
import dev.tunebench.engine.data.InputSpec;
import java.util.List;

/**
 * A known-good model scaffold (tip 6), after DJL's EasyHpo: it turns architecture hyperparameters and an input
 * description into an uninitialised DJL block whose initialisers are already set as the {@link ModelSpec} asks.
 */
public interface ModelTemplate {

    /** Returns the template id used in presets: {@code lstm}, {@code gru} or {@code resnet}. */
    String id();

    /** Returns a one-line description for menus. */
    String description();

    /** Returns the playbook tips that apply to this template, each a short sentence citing its tip number. */
    List<String> tips();

    /** Returns the input kinds this template accepts. */
    List<InputSpec.Kind> acceptedInputs();

    /**
     * Checks that the spec fits the template and the input.
     *
     * @throws IllegalArgumentException naming the field and what is allowed, e.g. "model.layers: 7 is outside 1-4"
     */
    void validate(ModelSpec spec, InputSpec input);

    /**
     * Returns the model as a block, validated, with initialisers set; call {@code initialize} with
     * {@link #inputShapes} before use.
     *
     * @throws IllegalArgumentException when {@link #validate} fails
     */
    Block build(ModelSpec spec, InputSpec input);

    /** Returns the shapes of the model's inputs for a batch: (B, T) tokens, (B, T, F) series, (B, C, H, W) images. */
    default Shape[] inputShapes(InputSpec input, int batchSize) {
        int[] s = input.shape();
        long[] dims = new long[s.length + 1];
        dims[0] = batchSize;
        for (int i = 0; i < s.length; i++) {
            dims[i + 1] = s[i];
        }
        return new Shape[] {new Shape(dims)};
    }

    /** Returns the data type of the model's input: int64 for token ids, float32 otherwise. */
    default DataType inputType(InputSpec input) {
        return input.kind() == InputSpec.Kind.TOKENS ? DataType.INT64 : DataType.FLOAT32;
    }
}
