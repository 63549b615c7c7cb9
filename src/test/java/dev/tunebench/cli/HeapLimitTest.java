package dev.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data too large for the heap is refused before it is read, with one line, in a JVM with a small heap. */
class HeapLimitTest {

    @Test
    void dataThatCannotFitIsRefusedBeforeReadingInASmallHeap(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("review,label\n");
            String text = "a fairly long review of some coffee that goes on for a while ".repeat(2);
            for (int i = 0; i < 250_000; i++) {
                w.write(text + i + "," + (i % 2) + "\n");
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                Cli.class.getName(), "inspect", "--data", "text:" + csv + "?text=review&label=label&maxTrain=all"
                + "&maxVal=all").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(2, p.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("tunebench inspect: " + csv + ": the texts of ") && err.contains("would need about")
                && err.contains("lower maxTrain, maxVal or maxTest") && err.contains("-Xmx"), err);
        assertFalse(err.contains("Exception") || err.contains("OutOfMemoryError"), err);
    }
}
