package dev.tunebench.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.config.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesImporterTest {
    @TempDir
    Path dir;

    /** Rows t = 0..n-1 with y = t and x = 10 t. */
    private void ramp(String name, int n) throws Exception {
        StringBuilder sb = new StringBuilder("date,x,y\n");
        for (int t = 0; t < n; t++) {
            sb.append("d").append(t).append(',').append(10 * t).append(',').append(t).append('\n');
        }
        Files.writeString(dir.resolve(name), sb.toString());
    }

    private LoadedData load(String spec) {
        return DataLoader.load(DataSpec.parse(spec), dir);
    }

    @Test
    void windowsTargetsAndChronologicalSplit() throws Exception {
        ramp("r.csv", 100);
        LoadedData d = load("series:r.csv?target=y&inputs=x,y&window=4&horizon=2&valFraction=0.2&testFraction=0.1"
                + "&normalize=none");
        assertEquals(InputSpec.Kind.SERIES, d.input().kind());
        assertEquals(Task.REGRESSION, d.input().task());
        assertArrayEquals(new int[] {4, 2}, d.input().shape());
        // 70 train rows: targets at rows 5..69 -> 65 windows; validation targets 70..89; test 90..99.
        assertEquals(65, d.train().size());
        assertEquals(20, d.validation().size());
        assertEquals(10, d.test().size());
        // First window: rows 0..3, features [x, y]; target y at row 3 + 2 = 5.
        assertArrayEquals(new float[] {0, 0, 10, 1, 20, 2, 30, 3}, java.util.Arrays.copyOf(d.train().features(), 8));
        assertEquals(5f, d.train().targets()[0]);
        assertEquals(70f, d.validation().targets()[0], "the first validation target is the first row after train");
        assertEquals(68f, d.validation().features()[3 * 2 + 1], "its window (rows 65..68) lies in the train rows");
        assertEquals(99f, d.test().targets()[9]);
    }

    @Test
    void severalTargets() throws Exception {
        ramp("r.csv", 30);
        LoadedData d = load("series:r.csv?target=y,x&window=2&normalize=none&valFraction=0.2");
        assertEquals(2, d.input().outputSize());
        assertEquals(2, d.train().targetSize());
        assertArrayEquals(new int[] {2, 2}, d.input().shape(), "inputs default to the targets");
        assertArrayEquals(new float[] {2, 20}, java.util.Arrays.copyOf(d.train().targets(), 2), "y then x at row 2");
        assertArrayEquals(new float[] {0, 0, 1, 10}, java.util.Arrays.copyOf(d.train().features(), 4));
    }

    @Test
    void normaliserIsFittedOnTrainingRowsOnly() throws Exception {
        ramp("r.csv", 100);
        LoadedData d = load("series:r.csv?target=y&window=3&valFraction=0.5");
        // Train rows y = 0..49: mean 24.5, population std sqrt((50^2-1)/12).
        double std = Math.sqrt((50.0 * 50.0 - 1) / 12.0);
        assertEquals(24.5, d.preprocessing().getAsJsonObject("center").get("y").getAsDouble(), 1e-9);
        assertEquals(std, d.preprocessing().getAsJsonObject("scale").get("y").getAsDouble(), 1e-9);
        assertEquals((float) ((0 - 24.5) / std), d.train().features()[0], 1e-6);
        assertEquals((float) ((3 - 24.5) / std), d.train().targets()[0], 1e-6);
        LoadedData m = load("series:r.csv?target=y&window=3&valFraction=0.5&normalize=minmax");
        assertEquals(1f, m.train().targets()[m.train().size() - 1], 1e-6, "row 49 is the training maximum");
        assertTrue(m.validation().targets()[0] > 1f, "validation may leave the training range");
    }

    @Test
    void explicitValidationFileAndCaps() throws Exception {
        ramp("train.csv", 50);
        ramp("val.csv", 12);
        LoadedData d = load("series:train.csv?target=y&window=5&validation=val.csv&maxTrain=10&normalize=none");
        assertEquals(10, d.train().size());
        assertEquals(49f, d.train().targets()[9], "the cap keeps the latest windows");
        assertEquals(7, d.validation().size());
        assertEquals(5f, d.validation().targets()[0]);
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("latest 10 of 45")), d.notes().toString());
    }

    @Test
    void nonNumbersNameLineAndColumn() throws Exception {
        Files.writeString(dir.resolve("b.csv"), "date,y\nd0,1\nd1,2\nd2,oops\nd3,\nd4,5\nd5,6\nd6,7\nd7,8\n");
        DataException e = assertThrows(DataException.class, () -> load("series:b.csv?target=y&window=2"));
        assertEquals(4, e.line());
        assertEquals("y", e.field());
        assertTrue(e.getMessage().contains("b.csv, line 4, column 'y': 'oops' is not a number"), e.getMessage());
        LoadedData d = load("series:b.csv?target=y&window=2&skipBadRows=true&valFraction=0.2");
        assertTrue(d.notes().get(0).startsWith("skipped 2 bad rows of"), d.notes().toString());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("gap in time")));
        e = assertThrows(DataException.class, () -> load("series:b.csv?target=births"));
        assertTrue(e.getMessage().contains("column 'births'") && e.getMessage().contains("date, y"), e.getMessage());
        e = assertThrows(DataException.class, () -> load("series:b.csv"));
        assertTrue(e.getMessage().contains("target=<column>"), e.getMessage());
    }

    @Test
    void tooFewRowsAndMalformedRows() throws Exception {
        ramp("short.csv", 10);
        DataException e = assertThrows(DataException.class, () -> load("series:short.csv?target=y&window=28"));
        assertTrue(e.getMessage().contains("need at least window + horizon"), e.getMessage());
        Files.writeString(dir.resolve("m.csv"), "a,y\n1,2\n3\n");
        e = assertThrows(DataException.class, () -> load("series:m.csv?target=y&window=1"));
        assertTrue(e.getMessage().contains("m.csv, line 3") && e.getMessage().contains("1 fields, expected 2"),
                e.getMessage());
    }

    @Test
    void applyUsesTheSavedNormaliser() throws Exception {
        ramp("r.csv", 100);
        LoadedData trained = load("series:r.csv?target=y&window=3&valFraction=0.5");
        ramp("new.csv", 6);
        LoadedData fresh = DataLoader.apply(trained.preprocessing(), DataSpec.parse("series:new.csv"), dir);
        assertEquals(3, fresh.test().size());
        assertEquals(trained.input(), fresh.input());
        assertEquals(trained.train().features()[0], fresh.test().features()[0], 1e-6,
                "row value 0 maps to the same normalised value: the new file's own mean is not used");
    }

    @Test
    void streamingKeepsOnlyTheCappedRowsAndGivesTheSameNumbers() throws Exception {
        StringBuilder sb = new StringBuilder("t,x,y\n");
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 3000; i++) {
            sb.append(i).append(',').append(r.nextGaussian() * 3 + 1).append(',').append(Math.sin(i / 5.0) + r
                    .nextGaussian()).append('\n');
        }
        Files.writeString(dir.resolve("long.csv"), sb);
        for (String norm : new String[] {"zscore", "minmax", "none"}) {
            String base = "series:long.csv?target=y&inputs=x,y&window=6&horizon=2&testFraction=0.1&season=12"
                    + "&normalize=" + norm;
            LoadedData all = load(base + "&maxTrain=all&maxVal=all");
            LoadedData capped = load(base + "&maxTrain=50&maxVal=20&maxTest=7");
            // The normaliser is fitted on every training row though only the capped windows' rows are kept.
            assertEquals(all.preprocessing(), capped.preprocessing(), norm);
            assertEquals(50, capped.train().size());
            int rs = all.train().rowSize();
            float[] tail = java.util.Arrays.copyOfRange(all.train().features(), (all.train().size() - 50) * rs,
                    all.train().size() * rs);
            assertArrayEquals(tail, capped.train().features(), "the latest 50 training windows, bit for bit");
            assertArrayEquals(java.util.Arrays.copyOf(all.validation().features(), 20 * rs),
                    capped.validation().features(), "the first 20 validation windows");
            assertArrayEquals(java.util.Arrays.copyOf(all.test().targets(), 7), capped.test().targets());
        }
    }

    @Test
    void numbersFollowPandasAndNonFiniteValuesAreRefused() throws Exception {
        Files.writeString(dir.resolve("n.csv"), "t,y\n0, 1.5 \n1,+2\n2,1e1\n3,.5\n4,5.\n5,6\n6,7\n7,8\n8,9\n9,10\n");
        LoadedData d = load("series:n.csv?target=y&window=2&normalize=none&valFraction=0.3");
        assertEquals(1.5f, d.train().features()[0]);
        assertEquals(10f, d.train().targets()[0], "1e1 is ten");
        for (String[] c : new String[][] {{"inf", "'inf' is infinite"}, {"NaN", "'NaN' marks a missing value"},
                {"1f", "type suffix f"}, {"0x1p3", "hexadecimal"}, {"", "empty cell"}}) {
            Files.writeString(dir.resolve("m.csv"), "t,y\n0,1\n1,2\n2," + c[0] + "\n3,4\n4,5\n5,6\n6,7\n");
            DataException e = assertThrows(DataException.class, () -> load("series:m.csv?target=y&window=2"));
            assertEquals(4, e.line(), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }
}
