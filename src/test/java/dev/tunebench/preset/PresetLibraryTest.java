package dev.tunebench.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.config.ConfigField;
import dev.tunebench.engine.config.ConfigPaths;
import dev.tunebench.engine.config.RecurrentModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresetLibraryTest {

    /** The presets/ folder of the checkout (Surefire sets tunebench.project.dir). */
    private static Path presetsFolder() {
        return Path.of(System.getProperty("tunebench.project.dir", ".")).resolve("presets");
    }

    @Test
    void everyFileInPresetsIsValidAndListedInTheIndex() throws Exception {
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(presetsFolder())) {
            for (Path f : s.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.equals("index.json")) {
                    continue;
                }
                assertTrue(name.endsWith(".json"), "only preset JSON files belong in presets/: " + name);
                Preset p = PresetCodec.read(f);
                assertEquals(List.of(), PresetValidator.validate(p), name);
                assertEquals(name, p.id() + ".json", "file name must be the id");
                assertFalse(p.description().isBlank(), name + " needs a description");
                assertTrue(p.data().startsWith("builtin:"), name + " must name built-in default data");
                assertTrue(p.notes().containsKey("data"), name + " must say why its data");
                assertTrue(p.notes().containsKey("training.epochs"), name + " must explain its epoch count");
                assertTrue(p.notes().values().stream().anyMatch(n -> n.matches("(?s).*tip \\d+.*")), name);
                assertTrue(p.config().training().epochs() <= 32, name + ": epochs must suit a CPU demo");
                assertEquals("", p.upgradeNote(), name + " must be in the current format");
                assertEquals(Files.readString(f), PresetCodec.write(p), name + " must state just what it chooses, "
                        + "as PresetCodec.write does");
                for (ConfigField field : ConfigPaths.of(p.config().model().template())) {
                    if (p.sets(field.path()) && !field.path().equals(ConfigPaths.TEMPLATE)) {
                        assertTrue(p.notes().containsKey(field.path()), name + " must say why it sets " + field);
                    }
                }
                files.add(name);
            }
        }
        assertEquals(files.stream().sorted().toList(),
                PresetLibrary.bundledFileNames().stream().sorted().toList(), "index.json must list every preset");
        assertTrue(files.size() >= 10, "the recommended set has at least 10 presets");
    }

    @Test
    void bundledPresetsLoadFromTheClassPath(@TempDir Path home) {
        PresetLibrary lib = new PresetLibrary(home);
        List<String> ids = lib.bundled().stream().map(Preset::id).toList();
        assertTrue(ids.containsAll(List.of("lstm-text", "lstm3-text", "gru-text", "lstm-series", "gru-series",
                "resnet-image", "cnn-digits", "lstm-text-adam-1e-4", "lstm-text-radam", "lstm-text-sgd-baseline")),
                ids.toString());
        Preset lstm = lib.resolve("lstm-text");
        RecurrentModelSpec model = (RecurrentModelSpec) lstm.config().model();
        assertEquals(2, model.layers());
        assertEquals(128, model.embeddingSize());
        assertEquals(256, model.hiddenSize());
        assertEquals(1e-3, lstm.config().optimizer().learningRate());
        assertEquals(1e-4, lstm.config().optimizer().weightDecay());
        assertEquals(32, lstm.config().schedule().tMax());
        assertEquals(1.0, lstm.config().training().clipNorm());
        assertEquals(32, lstm.config().training().batchSize());
        assertEquals("builtin:spam", lstm.data());
        assertEquals("lstm-text", lib.resolve("lstm-text.json").id());
    }

    @Test
    void userPresetsSaveAtomicallyAndResolveByIdOrFile(@TempDir Path home) throws Exception {
        PresetLibrary lib = new PresetLibrary(home.resolve("presets"));
        Preset mine = lib.resolve("gru-text").withIdentity("my-gru", "My GRU");
        Path saved = lib.saveUserPreset(mine);
        assertEquals(home.resolve("presets/my-gru.json"), saved);
        try (Stream<Path> s = Files.list(home.resolve("presets"))) {
            assertEquals(List.of("my-gru.json"), s.map(p -> p.getFileName().toString()).toList(), "no temp file left");
        }
        assertEquals(mine, lib.resolve("my-gru"));
        assertEquals(mine, lib.resolve(saved.toString()));
        Preset changed = mine.withConfig(mine.config().withTraining(mine.config().training().withEpochs(3)));
        lib.saveUserPreset(changed);
        assertEquals(3, lib.resolve("my-gru").config().training().epochs());
        assertTrue(lib.all().contains(changed));
        assertTrue(lib.deleteUserPreset("my-gru"));
        assertFalse(lib.find("my-gru").isPresent());
    }

    @Test
    void savingRefusesBundledIdsAndInvalidValues(@TempDir Path home) {
        PresetLibrary lib = new PresetLibrary(home);
        Preset lstm = lib.resolve("lstm-text");
        PresetException bundled = assertThrows(PresetException.class, () -> lib.saveUserPreset(lstm));
        assertEquals("id", bundled.field());
        Preset bad = lstm.withIdentity("bad", "Bad").withConfig(lstm.config().withTraining(
                lstm.config().training().withBatchSize(0)));
        PresetException invalid = assertThrows(PresetException.class, () -> lib.saveUserPreset(bad));
        assertEquals("training.batchSize", invalid.field());
        Preset badId = lstm.withIdentity("../evil", "x");
        assertEquals("id", assertThrows(PresetException.class, () -> lib.saveUserPreset(badId)).field());
    }

    @Test
    void unknownNameListsTheAvailablePresets(@TempDir Path home) {
        PresetLibrary lib = new PresetLibrary(home);
        PresetException e = assertThrows(PresetException.class, () -> lib.resolve("lstm-txt"));
        assertTrue(e.getMessage().startsWith("lstm-txt: no such file or preset; available presets: [lstm-text"),
                e.getMessage());
    }

    @Test
    void aBadUserFileIsReportedNotHidden(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("broken.json"), "{\"id\": 1}");
        PresetLibrary lib = new PresetLibrary(home);
        assertEquals(List.of(), lib.user());
        assertEquals(1, lib.problems().size());
        assertTrue(lib.problems().get(0).contains("broken.json"), lib.problems().toString());
    }

    @Test
    void userFolderFollowsTunebenchHome() {
        String old = System.getProperty("tunebench.home");
        try {
            System.setProperty("tunebench.home", "/tmp/tb-home");
            assertEquals(Path.of("/tmp/tb-home/presets"), PresetLibrary.defaultUserFolder());
        } finally {
            if (old == null) {
                System.clearProperty("tunebench.home");
            } else {
                System.setProperty("tunebench.home", old);
            }
        }
    }
}
