package dev.tunebench.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.app.charts.ChartKind;
import dev.tunebench.app.charts.LrDeparture;
import dev.tunebench.app.charts.TrainingCharts;
import dev.tunebench.app.charts.TrainingChartsModel;
import dev.tunebench.engine.djl.DjlBackend;
import dev.tunebench.engine.schedule.SchedulePlan;
import dev.tunebench.preset.PresetLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The learning-rate chart in the real window on headless Monocle with the real DJL engine: before Start it draws the
 * whole planned schedule of the editor's values and follows their changes; during a short real run it draws the
 * trained rate over the plan with "you are here" at the current step, and a ReduceLROnPlateau cut as a departure.
 * Leaves target/lr-plan-live.png (the chart) and target/lr-plan-window.png (the window) for the docs' screenshot.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class LearningRatePlanUiTest {
    private WorkbenchWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory("tunebench-lr-ui-");
        System.setProperty("tunebench.home", home.toString());
        DefaultEngineServices services = new DefaultEngineServices(new DjlBackend(),
                new PresetLibrary(home.resolve("presets")), home.resolve("runs"));
        window = new WorkbenchWindow(stage, services, home.resolve("settings.json"));
    }

    @AfterEach
    void stopRun() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.model().training().stop()).get();
        waitFor(60, () -> !window.model().training().stateProperty().get().isActive());
        System.clearProperty("tunebench.home");
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }

    @Test
    void theChartShowsThePlanBeforeStartAndTheTrainedRateWithYouAreHereDuringARun(FxRobot robot)
            throws Exception {
        Button start = robot.lookup("#start").queryAs(Button.class);
        waitFor(90, () -> !start.isDisabled());
        WorkbenchViewModel vm = window.model();
        TrainingCharts charts = window.view().charts();
        TrainingChartsModel chartModel = charts.model();
        robot.interact(() -> {
            var h = vm.hyperparameters();
            h.set("schedule", "COSINE");
            h.set("tMax", "6");
            h.set("etaMin", "0");
            h.set("warmupSteps", "5");
            // A plateau cut after every epoch that does not beat the best by 5: from epoch 3 on, certainly.
            h.set("plateau", "true");
            h.set("plateauFactor", "0.5");
            h.set("plateauPatience", "0");
            h.set("plateauMinLr", "0");
            h.set("minDelta", "5");
            h.set("earlyStopping", "false");
            h.set("epochs", "12");
            vm.training().maxBatchesPerEpochProperty().set(4);
            charts.select(ChartKind.LEARNING_RATE);
        });

        // Before Start: the whole plan of these values, and nothing trained.
        waitFor(30, () -> {
            SchedulePlan p = chartModel.planProperty().get();
            return p != null && p.epochs() == 12 && p.stepsPerEpoch() == 4;
        });
        charts.drawn().get(30, TimeUnit.SECONDS);
        assertTrue(charts.displayedPoints(ChartKind.LEARNING_RATE, TrainingChartsModel.PLAN_KEY) > 0);
        assertEquals(0, charts.displayedPoints(ChartKind.LEARNING_RATE, "learning_rate"));
        SchedulePlan before = chartModel.planProperty().get();
        String readout = charts.crosshairText(ChartKind.LEARNING_RATE, 48);
        assertTrue(readout.contains("planned (current values)"), readout);
        // Past T_max the cosine climbs back: epoch 12 (index 11) is above epoch 6's eta_min.
        assertTrue(before.epochLearningRate(11) > before.epochLearningRate(6));
        // Changing a value changes the plan at once.
        robot.interact(() -> vm.hyperparameters().set("epochs", "16"));
        waitFor(30, () -> chartModel.planProperty().get().epochs() == 16);
        robot.interact(() -> vm.hyperparameters().set("epochs", "12"));
        waitFor(30, () -> chartModel.planProperty().get().epochs() == 12);

        robot.clickOn("#start");
        // Three epochs of four steps: the plateau cut after epoch 2 shows from step 9.
        waitFor(240, () -> chartModel.batchCount() >= 10 || !vm.training().stateProperty().get().isActive());
        assertTrue(vm.training().stateProperty().get().isActive(), "the run trains: "
                + vm.training().lastOutcomeProperty().get());
        waitFor(30, () -> chartModel.planProperty().get() != null
                && chartModel.series(ChartKind.LEARNING_RATE).get(1).label().equals("planned (this run)"));
        robot.interact(() -> vm.training().togglePause()); // hold the run still for the picture
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> charts.refresh(ChartKind.LEARNING_RATE));
        charts.drawn().get(30, TimeUnit.SECONDS);
        assertTrue(charts.displayedPoints(ChartKind.LEARNING_RATE, "learning_rate") >= 10);
        assertTrue(charts.displayedPoints(ChartKind.LEARNING_RATE, TrainingChartsModel.PLAN_KEY) > 0);
        List<String> marks = charts.domainMarkerLabels(ChartKind.LEARNING_RATE);
        String here = marks.stream().filter(m -> m.startsWith("you are here: step ")).findFirst().orElse(null);
        assertTrue(here != null, marks.toString());
        int hereStep = Integer.parseInt(here.substring("you are here: step ".length(), here.indexOf(',')));
        assertTrue(hereStep >= 10, here);
        // The first eight steps trained the plan exactly (warm-up included); then the plateau halved it.
        List<LrDeparture> departures = chartModel.departures();
        assertTrue(!departures.isEmpty(), "the plateau cut departs from the plan");
        assertEquals(9, departures.get(0).step(), departures.toString());
        assertEquals(0.5, departures.get(0).ratio(), 1e-9);
        assertTrue(marks.stream().anyMatch(m -> m.contains("\u00d70.5 of plan")), marks.toString());

        robot.interact(() -> {
            charts.exportPng(ChartKind.LEARNING_RATE, Path.of("target", "lr-plan-live.png"), 1000, 560);
            try {
                Screenshots.save(window.stage().getScene(), Path.of("target", "lr-plan-window.png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        waitFor(30, () -> Files.isRegularFile(Path.of("target", "lr-plan-live.png")));
        robot.interact(() -> vm.training().togglePause());
    }
}
