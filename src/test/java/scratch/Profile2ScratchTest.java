package scratch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.nn.*;
import ai.djl.training.*;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.engine.PtNDArray;
import dev.tunebench.engine.config.*;
import dev.tunebench.engine.djl.template.*;
import dev.tunebench.engine.djl.optim.*;
import dev.tunebench.engine.djl.bench.SyntheticData;
import org.junit.jupiter.api.Test;
import java.lang.management.*;
import java.util.*;

class Profile2ScratchTest {
    @Test
    void profile() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        SyntheticData d = SyntheticData.learnableTokens(32, 4, 10, 2, 2);
        ModelSpec ms = new ModelSpec("lstm", 2, 8, 16, false, ModelSpec.SequenceOutput.MEAN, true, 0.1, 0.1,
                List.of(), 0, true, true, ModelSpec.Activation.RELU, 0.01, ModelSpec.InitScheme.XAVIER_UNIFORM,
                ModelSpec.RecurrentInit.ORTHOGONAL, 1.0, true);
        var t = Templates.byId("lstm");
        Block b = t.build(ms, d.input());
        long[] acc = new long[6];
        try (NDManager m = NDManager.newBaseManager()) {
            b.initialize(m, DataType.FLOAT32, t.inputShapes(d.input(), 1));
            var params = b.getParameters().values().stream().filter(Parameter::requiresGradient).map(Parameter::getArray).toList();
            System.out.println("PROF params " + params.size());
            var opt = Optimizers.create(OptimizerSpec.adamDefaults());
            for (int it = 0; it < 40; it++) {
                long c0 = mx.getCurrentThreadCpuTime();
                try (NDManager s = m.newSubManager()) {
                    NDArray x = s.randomInteger(2, 9, new Shape(8, 4), DataType.INT64);
                    NDArray y = s.randomInteger(0, 2, new Shape(8), DataType.INT64);
                    long c1, c2, c3, c4;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray out = b.forward(new ParameterStore(s, false), new NDList(x), true).head();
                        NDArray loss = out.logSoftmax(1).mul(y.oneHot(2)).sum(new int[]{1}).neg().mean();
                        c1 = mx.getCurrentThreadCpuTime();
                        gc.backward(loss);
                        loss.getFloat();
                        c2 = mx.getCurrentThreadCpuTime();
                    }
                    List<NDArray> grads = new ArrayList<>();
                    for (NDArray p : params) { NDArray g = p.getGradient(); g.attach(s); grads.add(g); }
                    var c = GradientClipping.clipByGlobalNorm(grads, 0.5);
                    c3 = mx.getCurrentThreadCpuTime();
                    opt.step(params, grads, 1e-3);
                    c4 = mx.getCurrentThreadCpuTime();
                    for (NDArray p : params) JniUtils.zeroGrad((PtNDArray) p);
                    long c5 = mx.getCurrentThreadCpuTime();
                    if (it >= 10) { acc[0] += c1 - c0; acc[1] += c2 - c1; acc[2] += c3 - c2; acc[3] += c4 - c3; acc[4] += c5 - c4; }
                }
            }
            System.out.printf("PROF fwd %.2f bwd %.2f norm %.2f opt %.2f zero %.2f ms%n", acc[0]/30e6, acc[1]/30e6, acc[2]/30e6, acc[3]/30e6, acc[4]/30e6);
        }
    }
}
