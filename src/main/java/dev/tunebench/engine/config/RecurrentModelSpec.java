package dev.tunebench.engine.config;

import java.util.Locale;
import java.util.Objects;

/**
 * Architecture of the {@code lstm} and {@code gru} templates (tips 10, 12, 13, 16, 17, 21): an optional token
 * embedding, stacked recurrent layers, the last step or the mean over time, a dense head.
 *
 * @param cell                  LSTM or GRU cells; names the template
 * @param layers                stacked recurrent layers, 1-4 (tip 17: 2 or 3)
 * @param embeddingSize         token embedding size (tip 16: 64 or 128); unused for real-valued input
 * @param hiddenSize            recurrent hidden size (tip 16: 256 or 512)
 * @param bidirectional         whether the recurrent layers read both directions
 * @param sequenceOutput        which recurrent output feeds the head
 * @param layerNorm             LayerNorm between stacked recurrent layers (tip 13)
 * @param dropoutAfterEmbedding dropout probability right after the embedding / input (tip 12); 0 = off
 * @param dropoutBeforeOutput   dropout probability before the output layer (tip 12); 0 = off
 * @param init                  initialisation of input-to-hidden and dense weights (tip 10)
 * @param recurrentInit         initialisation of hidden-to-hidden weights (tip 10)
 * @param orthogonalGain        gain of the orthogonal initialiser
 * @param forgetGateBias        LSTM: initialise the forget-gate bias to 1; a GRU has no forget gate, so it is always
 *                              false there
 */
public record RecurrentModelSpec(
        Cell cell,
        int layers,
        int embeddingSize,
        int hiddenSize,
        boolean bidirectional,
        SequenceOutput sequenceOutput,
        boolean layerNorm,
        double dropoutAfterEmbedding,
        double dropoutBeforeOutput,
        InitScheme init,
        RecurrentInit recurrentInit,
        double orthogonalGain,
        boolean forgetGateBias) implements ModelSpec {

    public RecurrentModelSpec {
        Objects.requireNonNull(cell, "cell");
        // Canonical form: two GRU specs that build the same model are equal, whatever an LSTM field once said.
        forgetGateBias = forgetGateBias && cell == Cell.LSTM;
    }

    /** The recurrent cell; its lower-case name is the template id. */
    public enum Cell {
        LSTM, GRU;

        /** Returns the template id: {@code lstm} or {@code gru}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Returns the cell of a template id.
         *
         * @throws IllegalArgumentException for another id, naming the ids allowed
         */
        public static Cell ofId(String id) {
            for (Cell c : values()) {
                if (c.id().equals(id)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("model.template: '" + id + "' is not one of "
                    + String.join(", ", ModelSpec.TEMPLATES));
        }
    }

    /** Which recurrent output feeds the head. */
    public enum SequenceOutput { LAST, MEAN }

    /** Initialisation of recurrent hidden-to-hidden weights (tip 10). */
    public enum RecurrentInit { ORTHOGONAL, SAME_AS_INIT }

    /** Returns the playbook's LSTM defaults: 2 layers, embedding 128, hidden 256, orthogonal recurrent weights. */
    public static RecurrentModelSpec lstmDefaults() {
        return new RecurrentModelSpec(Cell.LSTM, 2, 128, 256, false, SequenceOutput.LAST, false, 0.1, 0.2,
                InitScheme.HE_NORMAL, RecurrentInit.ORTHOGONAL, 1.0, true);
    }

    /** Returns the playbook's GRU defaults: the LSTM's (tip 21: GRU is about as good as LSTM). */
    public static RecurrentModelSpec gruDefaults() {
        return lstmDefaults().withCell(Cell.GRU);
    }

    /** Returns the defaults of a cell. */
    public static RecurrentModelSpec defaults(Cell cell) {
        return cell == Cell.LSTM ? lstmDefaults() : gruDefaults();
    }

    @Override
    public String template() {
        return cell.id();
    }

    /**
     * Returns a copy with another cell and every other field kept; switching to an LSTM starts the forget-gate bias
     * at the LSTM default (a GRU has none to carry over).
     */
    public RecurrentModelSpec withCell(Cell c) {
        boolean forget = c == cell ? forgetGateBias : lstmDefaults().forgetGateBias();
        return new RecurrentModelSpec(c, layers, embeddingSize, hiddenSize, bidirectional, sequenceOutput, layerNorm,
                dropoutAfterEmbedding, dropoutBeforeOutput, init, recurrentInit, orthogonalGain, forget);
    }

    @Override
    public RecurrentModelSpec withoutDropout() {
        return new RecurrentModelSpec(cell, layers, embeddingSize, hiddenSize, bidirectional, sequenceOutput,
                layerNorm, 0.0, 0.0, init, recurrentInit, orthogonalGain, forgetGateBias);
    }
}
