package dev.tunebench.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.app.common.AppSettings;
import dev.tunebench.app.model.PresetChoice;
import dev.tunebench.engine.djl.DjlBackend;
import dev.tunebench.engine.schedule.SchedulePlan;
import dev.tunebench.preset.PresetLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbench view-model without a toolkit: background and UI executors run inline, the engine, presets and
 * built-in data are real.
 */
@Tag("djl")
class WorkbenchViewModelTest {

    private static WorkbenchViewModel vm(Path home, AppSettings settings) {
        DefaultEngineServices services = new DefaultEngineServices(new DjlBackend(),
                new PresetLibrary(home.resolve("presets")), home.resolve("runs"));
        WorkbenchViewModel vm = new WorkbenchViewModel(services, Runnable::run, Runnable::run, null, Duration.ZERO,
                settings);
        vm.initialize();
        return vm;
    }

    @Test
    void firstStartPicksTheBuiltInDigitsWithItsPresetAndAllowsStart(@TempDir Path home) {
        WorkbenchViewModel vm = vm(home, new AppSettings());
        assertTrue(vm.engineReadyProperty().get(), vm.engineStatusProperty().get());
        assertEquals("builtin:digits", vm.dataProperty().get().spec());
        assertEquals("cnn-digits", vm.presetProperty().get().id());
        assertEquals("resnet", vm.templateProperty().get().id());
        assertNotNull(vm.loadedDataProperty().get());
        assertEquals(1222, vm.loadedDataProperty().get().train().size());
        assertEquals("", vm.startBlockedReasonProperty().get());
        assertTrue(vm.training().canStartProperty().get());
        assertTrue(vm.inspector().summaryProperty().get().contains("IMAGE"), vm.inspector().summaryProperty().get());
        assertFalse(vm.inspector().preview().isEmpty());
        // The digits are images: the Data tab shows them as pictures, 8 x 8 each.
        assertFalse(vm.inspector().previewImages().isEmpty());
        assertEquals(64, vm.inspector().previewImages().get(0).argb().length);
    }

    @Test
    void pickingAnotherDataSetOfTheSameKindTakesThePresetMadeForItUnlessValuesWereEdited(@TempDir Path home) {
        WorkbenchViewModel vm = vm(home, new AppSettings());
        assertEquals("cnn-digits", vm.presetProperty().get().id());
        vm.dataProperty().set(vm.dataChoices().stream().filter(d -> d.spec().equals("builtin:fashion-mnist"))
                .findFirst().get());
        assertEquals("builtin:fashion-mnist", vm.presetProperty().get().dataSpec(),
                "the template's preset for Fashion-MNIST replaces the one made for the 8x8 digits");
        // With edited values the choice stays: switching presets would throw the edits away.
        vm.hyperparameters().set("epochs", "3");
        String edited = vm.presetProperty().get().id();
        vm.dataProperty().set(vm.dataChoices().stream().filter(d -> d.spec().equals("builtin:digits"))
                .findFirst().get());
        assertEquals(edited, vm.presetProperty().get().id());
        assertEquals("3", vm.hyperparameters().field("epochs").textProperty().get());
    }

    @Test
    void aRememberedPresetStaysWithTheRememberedDataSet(@TempDir Path home) {
        AppSettings settings = new AppSettings();
        settings.preset = "cnn-digits";
        settings.data = "builtin:fashion-mnist";
        WorkbenchViewModel vm = vm(home, settings);
        assertEquals("builtin:fashion-mnist", vm.dataProperty().get().spec());
        assertEquals("cnn-digits", vm.presetProperty().get().id(), "the last session's own choice is kept");
    }

    @Test
    void invalidValueBlocksStartWithTheReason(@TempDir Path home) {
        WorkbenchViewModel vm = vm(home, new AppSettings());
        vm.hyperparameters().set("batchSize", "0");
        assertFalse(vm.training().canStartProperty().get());
        assertEquals("some hyperparameters are invalid", vm.startBlockedReasonProperty().get());
        assertFalse(vm.start());
        vm.hyperparameters().resetToPreset();
        assertTrue(vm.training().canStartProperty().get());
    }

    @Test
    void templateFiltersPresetsAndChecksWarnWithoutBlocking(@TempDir Path home) {
        WorkbenchViewModel vm = vm(home, new AppSettings());
        vm.templateProperty().set(vm.templates().stream().filter(t -> t.id().equals("lstm")).findFirst().get());
        assertTrue(vm.presets().stream().allMatch(p -> p.config().model().template().equals("lstm")));
        assertEquals("lstm", vm.presetProperty().get().config().model().template());
        // An LSTM cannot read 8x8 images: the validator's error blocks Start and says why.
        assertFalse(vm.hyperparameters().validProperty().get());
        assertFalse(vm.hyperparameters().errorSummaryProperty().get().isEmpty());
        assertFalse(vm.training().canStartProperty().get());
        // On a series it can; picking the data takes this template's series preset. A preset check warns about the
        // missing clipping (tip 9) without blocking.
        vm.dataProperty().set(vm.dataChoices().stream().filter(d -> d.spec().equals("builtin:births")).findFirst()
                .get());
        assertEquals("lstm-series", vm.presetProperty().get().id());
        assertTrue(vm.hyperparameters().validProperty().get(), vm.hyperparameters().errorSummaryProperty().get());
        vm.hyperparameters().set("clipNorm", "0");
        assertTrue(vm.hyperparameters().warnings().stream().anyMatch(w -> w.contains("tip 9")),
                vm.hyperparameters().warnings().toString());
        assertTrue(vm.hyperparameters().validProperty().get());
        assertTrue(vm.training().canStartProperty().get());
        assertTrue(vm.hyperparameters().warnings().stream().noneMatch(w -> w.startsWith("dataKind")),
                "the series preset fits the series data");

        // Picking this template's text preset for the series data warns that it was made for other data (tip 6).
        vm.presetProperty().set(vm.presets().stream().filter(p -> "text".equals(p.dataKind())).findFirst().get());
        assertTrue(vm.hyperparameters().warnings().stream().anyMatch(w -> w.startsWith("dataKind (tip 6)")
                && w.contains("is for text data but the chosen data is series")),
                vm.hyperparameters().warnings().toString());
    }

    @Test
    void thePlannedScheduleFollowsTheEditorsValuesAndTheDataSize(@TempDir Path home) {
        WorkbenchViewModel vm = vm(home, new AppSettings());
        vm.hyperparameters().set("schedule", "COSINE");
        vm.hyperparameters().set("tMax", "4");
        vm.hyperparameters().set("etaMin", "0");
        vm.hyperparameters().set("warmupSteps", "0");
        vm.hyperparameters().set("learningRate", "0.01");
        vm.hyperparameters().set("epochs", "10");
        vm.hyperparameters().set("batchSize", "100");
        SchedulePlan plan = vm.plannedScheduleProperty().get();
        assertNotNull(plan, vm.hyperparameters().errorSummaryProperty().get());
        assertEquals(10, plan.epochs());
        assertEquals(13, plan.stepsPerEpoch(), "1222 training digits in batches of 100");
        assertEquals(0.01, plan.epochLearningRate(0), 1e-15);
        assertEquals(0.0, plan.epochLearningRate(4), 1e-15, "eta_min at T_max");
        assertEquals(0.01, plan.epochLearningRate(8), 1e-15, "past T_max the cosine climbs back, as torch's does");

        vm.hyperparameters().set("batchSize", "32");
        assertEquals(39, vm.plannedScheduleProperty().get().stepsPerEpoch(), "ceil(1222 / 32)");
        vm.hyperparameters().set("epochs", "25");
        assertEquals(25, vm.plannedScheduleProperty().get().epochs());
        vm.training().maxBatchesPerEpochProperty().set(3);
        assertEquals(3, vm.plannedScheduleProperty().get().stepsPerEpoch(), "the per-epoch cap counts too");
        vm.hyperparameters().set("warmupSteps", "20");
        assertEquals(0.01 / 20, vm.plannedScheduleProperty().get().learningRate(0), 1e-15);
        // Another data set changes the steps per epoch.
        vm.training().maxBatchesPerEpochProperty().set(0);
        vm.dataProperty().set(vm.dataChoices().stream().filter(d -> d.spec().equals("builtin:fashion-mnist"))
                .findFirst().get());
        SchedulePlan fashion = vm.plannedScheduleProperty().get();
        assertNotNull(fashion);
        assertEquals(SchedulePlan.stepsPerEpoch(vm.loadedDataProperty().get().train().size(),
                vm.hyperparameters().configProperty().get().training().batchSize(), 0), fashion.stepsPerEpoch());
        // Invalid values draw no plan.
        vm.hyperparameters().set("learningRate", "-1");
        assertNull(vm.plannedScheduleProperty().get());
    }

    @Test
    void saveAsPresetWritesAUserPresetAndSelectsIt(@TempDir Path home) {
        AppSettings settings = new AppSettings();
        WorkbenchViewModel vm = vm(home, settings);
        vm.hyperparameters().set("learningRate", "3e-4");
        vm.saveAsPreset("My digits CNN", "faster");
        PresetChoice p = vm.presetProperty().get();
        assertTrue(p.userPreset());
        assertEquals("my-digits-cnn", p.id());
        assertTrue(Files.isRegularFile(home.resolve("presets/my-digits-cnn.json")));
        assertEquals(3e-4, p.config().optimizer().learningRate());
        assertEquals("my-digits-cnn", settings.preset);

        // A second session remembers the choice and lists the user preset.
        WorkbenchViewModel again = vm(home, settings);
        assertEquals("my-digits-cnn", again.presetProperty().get().id());
        assertEquals(3e-4, again.hyperparameters().configProperty().get().optimizer().learningRate());
    }

    @Test
    void anOlderUserPresetSaysInItsWarningsWhichFieldsWereIgnored(@TempDir Path home) throws Exception {
        Path old = Path.of(getClass().getResource("/fixtures/legacy/preset-cnn-digits.json").toURI());
        Files.createDirectories(home.resolve("presets"));
        Files.writeString(home.resolve("presets/old-digits.json"),
                Files.readString(old).replace("\"id\": \"cnn-digits\"", "\"id\": \"old-digits\""));
        WorkbenchViewModel vm = vm(home, new AppSettings());
        PresetChoice p = vm.presets().stream().filter(c -> c.id().equals("old-digits")).findFirst().orElseThrow();
        vm.presetProperty().set(p);
        assertEquals(p.config(), vm.hyperparameters().configProperty().get(), "it loads as it was");
        assertEquals(1, vm.hyperparameters().warnings().stream().filter(w -> w.contains("older format")).count(),
                vm.hyperparameters().warnings().toString());
        assertTrue(vm.hyperparameters().warnings().get(0).contains("ignored the 10 that do not apply to resnet: "
                + "layers, embeddingSize"), vm.hyperparameters().warnings().toString());
    }
}
