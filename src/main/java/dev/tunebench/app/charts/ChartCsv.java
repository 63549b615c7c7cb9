package dev.tunebench.app.charts;

import dev.tunebench.engine.checkpoint.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Writes chart data as tidy CSV: one row per point, {@code series,step,epoch,value}, full resolution (the stored
 * data, never the decimated display copy), so pandas or a spreadsheet can pivot it as it likes.
 */
public final class ChartCsv {
    /** The header row. */
    public static final String HEADER = "series,step,epoch,value";

    private ChartCsv() {
    }

    /**
     * Copies {@code series} now (call on the FX thread, which owns the arrays) and writes the copy in the
     * background; the future holds the number of data rows, or fails with the file named.
     */
    public static CompletableFuture<Integer> writeInBackground(Path file, List<SeriesData> series) {
        List<SeriesData> copy = series.stream().map(SeriesData::copy).toList();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return write(file, copy);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Writes {@code series} to {@code file} atomically (a temporary file beside it, then a move: a failed export
     * leaves no half-written file) and returns the number of data rows.
     */
    public static int write(Path file, List<SeriesData> series) throws IOException {
        int rows = 0;
        Path tmp = AtomicFiles.tempSibling(file);
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
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
            AtomicFiles.moveAtomically(tmp, file);
        } catch (IOException e) {
            AtomicFiles.deleteQuietly(tmp);
            throw new IOException("Could not write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            AtomicFiles.deleteQuietly(tmp);
            throw e;
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
