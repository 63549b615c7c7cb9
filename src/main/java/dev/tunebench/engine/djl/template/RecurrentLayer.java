package dev.tunebench.engine.djl.template;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * One recurrent layer (LSTM or GRU), batch-first, optionally bidirectional, running PyTorch's fused kernel. Its
 * parameters are named and ordered exactly as {@code torch.nn.LSTM}/{@code GRU} name and flatten them
 * ({@code weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0}, then the {@code _reverse} set), with PyTorch's gate
 * order (LSTM i, f, g, o; GRU r, z, n) inside each (gates*H, ...) matrix.
 *
 * <p>Why not DJL's LSTM/GRU block: it registers parameters layer by type by direction, so with
 * {@code bidirectional} the list it hands to {@code torch::lstm} puts the reverse weights where PyTorch expects the
 * forward biases. One layer per block also lets the templates put LayerNorm between layers (tip 13) and
 * initialise each layer's hidden-to-hidden gate blocks orthogonally (tip 10).
 */
public final class RecurrentLayer extends AbstractBlock {

    /** Which cell. */
    public enum Cell {
        LSTM(4), GRU(3);

        private final int gates;

        Cell(int gates) {
            this.gates = gates;
        }

        /** Returns the number of gate blocks stacked in each weight matrix. */
        public int gates() {
            return gates;
        }
    }

    private static final byte VERSION = 1;

    private final Cell cell;
    private final int hiddenSize;
    private final boolean bidirectional;
    private final List<Parameter> flat = new ArrayList<>();

    /** Creates a layer; its input size is taken from the first input shape (B, T, F). */
    public RecurrentLayer(Cell cell, int hiddenSize, boolean bidirectional) {
        super(VERSION);
        this.cell = cell;
        this.hiddenSize = hiddenSize;
        this.bidirectional = bidirectional;
        for (String suffix : bidirectional ? new String[] {"", "_reverse"} : new String[] {""}) {
            flat.add(add("weight_ih_l0" + suffix, Parameter.Type.WEIGHT));
            flat.add(add("weight_hh_l0" + suffix, Parameter.Type.WEIGHT));
            flat.add(add("bias_ih_l0" + suffix, Parameter.Type.BIAS));
            flat.add(add("bias_hh_l0" + suffix, Parameter.Type.BIAS));
        }
    }

    private Parameter add(String name, Parameter.Type type) {
        return addParameter(Parameter.builder().setName(name).setType(type).build());
    }

    /** Returns the cell kind. */
    public Cell cell() {
        return cell;
    }

    /** Returns the hidden size per direction. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** Returns whether the layer reads both directions. */
    public boolean bidirectional() {
        return bidirectional;
    }

    private int directions() {
        return bidirectional ? 2 : 1;
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        long inputSize = inputShapes[0].get(2);
        long rows = (long) cell.gates() * hiddenSize;
        for (Parameter p : flat) {
            String name = p.getName();
            if (name.startsWith("bias")) {
                p.setShape(new Shape(rows));
            } else if (name.startsWith("weight_ih")) {
                p.setShape(new Shape(rows, inputSize));
            } else {
                p.setShape(new Shape(rows, hiddenSize));
            }
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDList weights = new NDList(flat.size());
        for (Parameter p : flat) {
            weights.add(store.getValue(p, x.getDevice(), training));
        }
        NDManager manager = x.getManager();
        Shape stateShape = new Shape(directions(), x.getShape().get(0), hiddenSize);
        NDArrayEx ex = x.getNDArrayInternal();
        NDList out;
        if (cell == Cell.LSTM) {
            NDList state = new NDList(manager.zeros(stateShape), manager.zeros(stateShape));
            out = ex.lstm(x, state, weights, true, 1, 0.0, training, bidirectional, true);
        } else {
            out = ex.gru(x, manager.zeros(stateShape), weights, true, 1, 0.0, training, bidirectional, true);
        }
        // The final states are not used: free them now rather than at the end of the step.
        for (int i = 1; i < out.size(); i++) {
            out.get(i).close();
        }
        return new NDList(out.get(0));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), (long) hiddenSize * directions())};
    }
}
