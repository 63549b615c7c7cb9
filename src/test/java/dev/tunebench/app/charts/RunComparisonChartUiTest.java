package dev.tunebench.app.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.event.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The run overlay draws once per change and then rests: no redraw loop on an idle window. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class RunComparisonChartUiTest {
    private RunComparisonChart chart;

    @Start
    void start(Stage stage) {
        chart = new RunComparisonChart();
        stage.setScene(new Scene(chart, 900, 600));
        stage.show();
    }

    private static RunCurves run(String name, double scale) {
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int e = 1; e <= 10; e++) {
            double v = scale / e;
            epochs.add(new EpochMetrics(e, v * 1.1, v, Map.of("train_loss", v * 1.1, "val_loss", v), 1e-3, 1, e));
        }
        return new RunCurves(name, epochs);
    }

    @Test
    void anIdleOverlayDoesNotKeepRedrawing(FxRobot robot) throws Exception {
        robot.interact(() -> chart.showRuns(List.of(run("a", 1.0), run("b", 2.0))));
        Thread.sleep(800);
        robot.interact(() -> { });
        long settled = robotRead(robot);
        Thread.sleep(1500);
        long later = robotRead(robot);
        assertEquals(settled, later, "redraws while idle");
        assertEquals(2, (int) chart.inspect(c -> c.getXYPlot().getDataset().getSeriesCount()));
        assertTrue(settled >= 1);
    }

    private long robotRead(FxRobot robot) {
        long[] n = new long[1];
        robot.interact(() -> n[0] = chart.redrawCount());
        return n[0];
    }
}
