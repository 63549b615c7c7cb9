package dev.tunebench.engine.djl.template;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A trainable lookup table from token ids (int64, shape (B, T)) to vectors (B, T, E), initialised N(0, 1) as
 * {@code torch.nn.Embedding} does. DJL's own embeddings need a vocabulary of objects; the data layer already maps
 * tokens to ids (0 = PAD, 1 = OOV).
 */
public final class TokenEmbedding extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int embeddingSize;
    private final Parameter weight;

    /** Creates a table of {@code vocabularySize} rows of {@code embeddingSize} values. */
    public TokenEmbedding(int vocabularySize, int embeddingSize) {
        super(VERSION);
        this.embeddingSize = embeddingSize;
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocabularySize, embeddingSize))
                .optInitializer(new NormalInitializer(1f))
                .build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.head();
        NDArray table = store.getValue(weight, ids.getDevice(), training);
        return Embedding.embedding(ids, table, SparseFormat.DENSE);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].addAll(new Shape(embeddingSize))};
    }
}
