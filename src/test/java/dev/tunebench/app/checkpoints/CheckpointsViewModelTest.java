package dev.tunebench.app.checkpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.app.common.Background;
import dev.tunebench.app.workbench.DefaultEngineServices;
import dev.tunebench.engine.checkpoint.CheckpointFailure;
import dev.tunebench.engine.fake.LinearBackend;
import dev.tunebench.preset.PresetLibrary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Checkpoints panel's state without a toolkit, on a real run folder with a failed write. */
class CheckpointsViewModelTest {
    @TempDir
    Path tmp;

    @Test
    void listsTheKeptCheckpointsMarksTheLastGoodAndShowsTheFailedWriteBesideThem() throws Exception {
        Path run = CheckpointRuns.withAFailedWrite(tmp.resolve("runs"));
        DefaultEngineServices services = new DefaultEngineServices(new LinearBackend(),
                new PresetLibrary(tmp.resolve("presets")), tmp.resolve("runs"));
        CheckpointsViewModel vm = new CheckpointsViewModel(services, new Background(Runnable::run, Runnable::run),
                () -> null);
        vm.runDirProperty().set(run);

        assertEquals(List.of("epoch-0002", "epoch-0003"), vm.checkpoints().stream().map(c -> c.id()).toList());
        assertEquals("epoch-0003", vm.lastGoodProperty().get().id(), "the newest verified, not the best");
        List<CheckpointRow> rows = vm.rows();
        assertEquals(List.of("epoch-0002", "epoch-0003", "epoch-0004"), rows.stream().map(CheckpointRow::id).toList());
        assertFalse(rows.get(0).isFailure());
        assertEquals("verified after writing", rows.get(0).trust());
        assertTrue(rows.get(1).lastGood());
        assertTrue(rows.get(1).trust().startsWith("last good"), rows.get(1).trust());
        CheckpointRow failed = rows.get(2);
        assertTrue(failed.isFailure());
        assertEquals(CheckpointFailure.Stage.WRITE, failed.failure().stage());
        assertEquals("not saved", failed.keptAs());
        assertEquals("0.40000", failed.valueText());
        assertTrue(failed.trust().startsWith("failed while writing its files: No space left on device"),
                failed.trust());
        String status = vm.statusProperty().get();
        assertTrue(status.contains("last good: epoch-0003") && status.contains("1 write did not commit")
                && status.contains("No space left on device"), status);

        vm.runDirProperty().set(null);
        assertTrue(vm.rows().isEmpty());
        assertEquals(null, vm.lastGoodProperty().get());
    }
}
