package dev.tunebench.app.checkpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.app.common.Background;
import dev.tunebench.app.workbench.DefaultEngineServices;
import dev.tunebench.engine.fake.LinearBackend;
import dev.tunebench.preset.PresetLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Checkpoints panel in a real Stage on headless Monocle: the last good one and a failed write with its reason. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class CheckpointsViewUiTest {
    private CheckpointsViewModel vm;
    private Path home;

    @Start
    void start(Stage stage) throws Exception {
        home = Files.createTempDirectory("tunebench-cp-ui-");
        DefaultEngineServices services = new DefaultEngineServices(new LinearBackend(),
                new PresetLibrary(home.resolve("presets")), home.resolve("runs"));
        vm = new CheckpointsViewModel(services, new Background(r -> new Thread(r).start(), Platform::runLater),
                () -> null);
        CheckpointsView view = new CheckpointsView(vm);
        Scene scene = new Scene(view, 1100, 420);
        scene.getStylesheets().add(Path.of("assets/css/tunebench.css").toUri().toString());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void theFailedWriteIsListedWithItsReasonAndCannotBeResumed(FxRobot robot) throws Exception {
        Path run = CheckpointRuns.withAFailedWrite(home.resolve("runs"));
        robot.interact(() -> vm.runDirProperty().set(run));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> vm.rows().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        Label lastGood = robot.lookup("#checkpoints-last-good").queryAs(Label.class);
        assertTrue(lastGood.getText().startsWith("Last good: epoch-0003"), lastGood.getText());
        // The failed row is drawn as one, and its reason is in the table.
        assertTrue(robot.lookup(".checkpoint-failed").tryQuery().isPresent(), "a row styled as failed");
        TableRow<?> failedRow = robot.lookup(".checkpoint-failed").queryAs(TableRow.class);
        assertEquals("epoch-0004", ((CheckpointRow) failedRow.getItem()).id());
        assertTrue(robot.lookup(".checkpoint-last-good").tryQuery().isPresent(), "the last good row is marked");
        assertTrue(robot.lookup(n -> n instanceof javafx.scene.control.Labeled l && l.getText() != null
                && l.getText().contains("No space left on device")).tryQuery().isPresent(), "the reason is shown");

        Button resume = robot.lookup("#resume").queryAs(Button.class);
        robot.clickOn(failedRow);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(resume.isDisabled(), "a failed write has nothing to resume from");
        assertTrue(robot.lookup("#evaluate-validation").queryAs(Button.class).isDisabled());
        robot.interact(() -> robot.lookup("#checkpoints-table").queryAs(javafx.scene.control.TableView.class)
                .getSelectionModel().select(1));
        assertFalse(resume.isDisabled(), "the last good checkpoint can be resumed");
        Path shot = Path.of("target", "checkpoints-panel.png");
        robot.interact(() -> {
            try {
                dev.tunebench.app.workbench.Screenshots.save(resume.getScene(), shot);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
