package dev.tunebench.engine.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.tunebench.engine.backend.ModelSession;
import dev.tunebench.engine.backend.TrainingBackend;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.data.InputSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** The real backend: DJL with the PyTorch engine on the CPU. */
public final class DjlBackend implements TrainingBackend {

    /** Creates the backend; the engine loads on first use. */
    public DjlBackend() {
    }

    @Override
    public String description() {
        Map<String, String> v = versions();
        return "DJL " + v.get("djl") + " / PyTorch " + v.get("pytorch") + ", " + v.get("threads") + " CPU threads";
    }

    @Override
    public Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("djl", Engine.getDjlVersion());
        Engine engine = Engine.getInstance();
        v.put("engine", engine.getEngineName());
        v.put("pytorch", engine.getVersion());
        // PyTorch's intra-op threads: one per core unless ai.djl.pytorch.num_threads says otherwise.
        v.put("threads", Integer.toString(JniUtils.getNumThreads()));
        return v;
    }

    @Override
    public ModelSession open(RunConfig config, InputSpec input) {
        return new DjlModelSession(config, input);
    }
}
