package dev.tunebench.app.charts;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes chart data as tidy CSV: one row per point, {@code series,step,epoch,value}, full resolution (the stored
 * data, never the decimated display copy), so pandas or a spreadsheet can pivot it as it likes.
 */
public final class ChartCsv {
    /** The header row. */
    public static final String HEADER = "series,step,epoch,value";

    private ChartCsv() {
    }

    /** Writes {@code series} to {@code file} and returns the number of data rows. */
    public static int write(Path file, List<SeriesData> series) throws IOException {
        int rows = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.newLine();
            for (SeriesData s : series) {
                String name = quote(s.key());
                for (int i = 0; i < s.size(); i++) {
                    w.write(name);
                    w.write(',');
                    w.write(coordinate(s.steps()[i]));
                    w.write(',');
                    w.write(coordinate(s.epochs()[i]));
                    w.write(',');
                    w.write(number(s.values()[i]));
                    w.newLine();
                    rows++;
                }
            }
        }
        return rows;
    }

    /** Returns an x coordinate, blank when the series has none (overlay curves carry no step). */
    private static String coordinate(double v) {
        return Double.isFinite(v) ? number(v) : "";
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v); // NaN and Infinity as Java writes them, which pandas reads
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
