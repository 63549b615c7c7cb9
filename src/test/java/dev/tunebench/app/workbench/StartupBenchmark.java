package dev.tunebench.app.workbench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Wall time from launching a fresh JVM to the workbench window's first laid-out frame, the "window within 3
 * seconds of launch", measured side by side with a bare JavaFX window (one label) started the same way, so the
 * ratio shows what TuneBench adds to the JVM and JavaFX start. Each child runs the real {@code dev.tunebench
 * .Launcher} with no arguments on headless Monocle with software rendering and its own empty settings folder; it is
 * stopped once it prints its "shown" line. Prints medians of 3 alternating launches; fails only when a child never
 * shows its window. Run: {@code mvn -o test -Dtest=StartupBenchmark -DexcludedTestGroups=none}.
 */
@Tag("benchmark")
class StartupBenchmark {
    private static final int LAUNCHES = 3;

    @Test
    void windowAppearsWithinThreeSecondsOfLaunch() throws Exception {
        double[] app = new double[LAUNCHES];
        double[] bare = new double[LAUNCHES];
        double[] appReported = new double[LAUNCHES];
        for (int i = 0; i < LAUNCHES; i++) {
            double[] b = launch(BareWindow.class.getName(), "bare window shown");
            double[] a = launch("dev.tunebench.Launcher", WorkbenchApp.SHOWN_LINE);
            bare[i] = b[0];
            app[i] = a[0];
            appReported[i] = a[1];
        }
        double appMs = median(app);
        double bareMs = median(bare);
        System.out.printf(Locale.ROOT, "launch to first frame, median of %d: TuneBench %.0f ms (its own report %.0f ms"
                + " after JVM start), bare JavaFX window %.0f ms; ratio %.2f; budget 3000 ms: %s%n", LAUNCHES, appMs,
                median(appReported), bareMs, appMs / bareMs, appMs <= 3000 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "machine: %d cores, load average %.1f%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        assertTrue(appMs > 0 && bareMs > 0);
    }

    /** Starts {@code mainClass} in a child JVM; returns {wall ms to the line, ms the child itself reported}. */
    private static double[] launch(String mainClass, String shownLine) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("tunebench-startup-");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dtunebench.home=" + home, "-Dai.djl.offline=true", "-Dglass.platform=Monocle",
                "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Dprism.text=t2k", "-Djava.awt.headless=true",
                "-Dheadless.geometry=1600x1000-32", "-cp", System.getProperty("java.class.path"), mainClass));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(shownLine)) {
                    double wall = (System.nanoTime() - t0) / 1e6;
                    String[] words = line.substring(shownLine.length()).trim().split(" ");
                    return new double[] {wall, Double.parseDouble(words[0])};
                }
            }
            throw new AssertionError(mainClass + " ended without showing its window (exit " + p.waitFor() + ")");
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    /** The baseline: a JavaFX window with one label, launched and timed like the workbench. */
    public static final class BareWindow {
        private BareWindow() {
        }

        public static void main(String[] args) {
            Application.launch(App.class);
        }

        /** The bare application. */
        public static final class App extends Application {
            @Override
            public void start(Stage stage) {
                stage.setScene(new Scene(new Label("bare"), 1400, 900));
                stage.show();
                WorkbenchApp.reportWhenShown(stage, "bare window shown");
            }
        }
    }
}
