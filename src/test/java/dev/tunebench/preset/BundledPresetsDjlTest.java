package dev.tunebench.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.backend.LayerShape;
import dev.tunebench.engine.backend.ModelSession;
import dev.tunebench.engine.data.DataLoader;
import dev.tunebench.engine.data.DataSpec;
import dev.tunebench.engine.data.LoadedData;
import dev.tunebench.engine.djl.DjlBackend;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every bundled preset builds on the real engine for its own default data, passes its checks and has no error. */
@Tag("djl")
class BundledPresetsDjlTest {

    @Test
    void everyBundledPresetBuildsOnItsDefaultData() {
        Map<String, LoadedData> cache = new HashMap<>();
        DjlBackend backend = new DjlBackend();
        for (Preset p : new PresetLibrary(Path.of("target/no-user-presets")).bundled()) {
            LoadedData data = cache.computeIfAbsent(p.data(), s -> DataLoader.load(DataSpec.parse(s)));
            assertEquals(p.dataKind(), Preset.dataKindOf(data.input().kind()), p.id());
            assertEquals(List.of(), PresetValidator.validate(p.config(), data.input()), p.id());
            List<Warning> warnings = PresetChecks.check(p, DataFacts.of(data));
            if (p.id().equals("lstm-text-sgd-baseline")) {
                assertEquals(List.of("optimizer.kind"), warnings.stream().map(Warning::field).toList());
            } else {
                assertEquals(List.of(), warnings, p.id() + " must pass its own checks on its own data");
            }
            try (ModelSession s = backend.open(p.config(), data.input())) {
                List<LayerShape> trace = s.shapeTrace(2);
                assertFalse(trace.isEmpty(), p.id());
                assertTrue(s.parameterCount() > 0, p.id());
                assertTrue(trace.get(trace.size() - 1).outputShape().contains(String.valueOf(
                        data.input().outputSize())), p.id() + " ends in " + trace.get(trace.size() - 1));
            }
        }
    }
}
