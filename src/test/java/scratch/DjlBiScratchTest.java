package scratch;

import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class DjlBiScratchTest {
    @Test
    void bi() {
        try (NDManager m = NDManager.newBaseManager()) {
            LSTM l = LSTM.builder().setStateSize(2).setNumLayers(1).optBidirectional(true).build();
            Shape s = new Shape(new long[] {2, 4, 3}, LayoutType.fromValue("NTC"));
            l.initialize(m, DataType.FLOAT32, s);
            l.getParameters().forEach(p -> System.out.println("PARAM " + p.getKey() + " " + p.getValue().getArray().getShape()));
            try {
                NDArray out = l.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(2, 4, 3))), false).head();
                System.out.println("OUT " + out.getShape());
            } catch (Exception e) { System.out.println("FAILS " + e); }
        }
    }
}
