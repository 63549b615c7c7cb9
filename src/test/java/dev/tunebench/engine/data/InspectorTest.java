package dev.tunebench.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tunebench.cli.Args;
import dev.tunebench.cli.InspectCommand;
import dev.tunebench.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectorTest {
    @TempDir
    Path dir;

    @Test
    void describeMatchesPandas() {
        // pandas.Series([1, 2, 3, 4, 10]).describe(): mean 4, std 3.535534, 25% 2, 50% 3, 75% 4.
        JsonObject d = Inspector.describe(new double[] {10, 1, 3, 2, 4});
        assertEquals(5, d.get("count").getAsInt());
        assertEquals(4.0, d.get("mean").getAsDouble(), 1e-9);
        assertEquals(3.535534, d.get("std").getAsDouble(), 1e-6);
        assertEquals(1.0, d.get("min").getAsDouble());
        assertEquals(2.0, d.get("25%").getAsDouble());
        assertEquals(3.0, d.get("50%").getAsDouble());
        assertEquals(4.0, d.get("75%").getAsDouble());
        assertEquals(10.0, d.get("max").getAsDouble());
        // numpy.percentile([1, 2, 3, 4], 25) = 1.75 (linear interpolation)
        assertEquals(1.75, Inspector.percentile(new double[] {1, 2, 3, 4}, 25), 1e-12);
    }

    @Test
    void textInspectionCoversLengthsVocabularyAndPreview() throws Exception {
        StringBuilder sb = new StringBuilder("text,label,stars\n");
        for (int i = 1; i <= 10; i++) {
            sb.append("\"").append("w ".repeat(i).strip()).append("\",").append(i <= 7 ? "a" : "b").append(',')
                    .append(i).append('\n');
        }
        Files.writeString(dir.resolve("t.csv"), sb.toString());
        Files.writeString(dir.resolve("v.csv"), "text,label,stars\n\"w new new w\",a,1\n");
        JsonObject o = Inspector.inspect(DataSpec.parse("text:t.csv?text=text&label=label&validation=v.csv"), dir, 3);
        JsonObject lengths = o.getAsJsonObject("sequenceLengths");
        assertEquals(9, lengths.get("padLength").getAsInt(), "lengths 1..10: 9 covers 90%");
        JsonArray cover = lengths.getAsJsonArray("coverage");
        assertEquals(9, cover.get(0).getAsJsonObject().get("padLength").getAsInt());
        assertEquals(1, cover.get(0).getAsJsonObject().get("truncatedSamples").getAsInt());
        assertEquals(10, cover.get(2).getAsJsonObject().get("padLength").getAsInt());
        assertEquals(0, cover.get(2).getAsJsonObject().get("truncatedSamples").getAsInt());
        assertEquals(5.5, lengths.getAsJsonObject("describe").get("mean").getAsDouble(), 1e-9);
        JsonObject vocab = o.getAsJsonObject("vocabulary");
        assertEquals(3, vocab.get("size").getAsInt());
        assertEquals(0.5, vocab.get("oovRate").getAsDouble(), 1e-12);
        JsonObject classes = o.getAsJsonObject("classes");
        assertEquals(7, classes.getAsJsonObject("train").get("a").getAsInt());
        assertEquals(7.0 / 3.0, classes.get("imbalanceRatio").getAsDouble(), 1e-6);
        JsonArray cols = o.getAsJsonArray("columns");
        JsonObject stars = cols.get(2).getAsJsonObject();
        assertTrue(stars.get("numeric").getAsBoolean());
        assertEquals(5.5, stars.get("mean").getAsDouble(), 1e-9);
        assertEquals(3.25, stars.get("25%").getAsDouble(), 1e-9);
        assertFalse(cols.get(1).getAsJsonObject().get("numeric").getAsBoolean());
        JsonArray preview = o.getAsJsonArray("preview");
        assertEquals(3, preview.size());
        JsonObject first = preview.get(0).getAsJsonObject();
        assertEquals("w", first.get("decoded").getAsString());
        assertEquals("a", first.get("label").getAsString());
        assertEquals(8, first.get("padding").getAsInt());
    }

    @Test
    void seriesInspectionHasBaselinesAndWindows() throws Exception {
        StringBuilder sb = new StringBuilder("y\n");
        for (int t = 0; t < 60; t++) {
            sb.append(t % 7 == 0 ? 100 : 10).append('\n');
        }
        Files.writeString(dir.resolve("s.csv"), sb.toString());
        JsonObject o = Inspector.inspect(DataSpec.parse("series:s.csv?target=y&window=7&season=7&valFraction=0.5"),
                dir, 2);
        JsonObject b = o.getAsJsonObject("baselines");
        assertEquals(0.0, b.getAsJsonObject("seasonal7").get("mae").getAsDouble(), 1e-12,
                "a weekly pattern is repeated exactly by the same-weekday baseline");
        JsonObject last = b.getAsJsonObject("lastValue");
        assertTrue(last.get("mae").getAsDouble() > 10);
        double scale = DataLoader.load(DataSpec.parse("series:s.csv?target=y&window=7&valFraction=0.5"), dir)
                .preprocessing().getAsJsonObject("scale").get("y").getAsDouble();
        assertEquals(last.get("mae").getAsDouble() / scale, last.get("maeNormalized").getAsDouble(), 1e-9,
                "normalised baselines are in the units of the training metrics");
        JsonObject w = o.getAsJsonArray("preview").get(0).getAsJsonObject();
        assertEquals(7, w.getAsJsonObject("inputs").getAsJsonArray("y").size());
        assertEquals(100.0, w.getAsJsonObject("inputs").getAsJsonArray("y").get(0).getAsDouble(), 1e-3);
        assertEquals(100.0, w.getAsJsonObject("target").get("y").getAsDouble(), 1e-3, "row 7 follows rows 0..6");
    }

    @Test
    void imageInspectionAndCommand() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int rc = new InspectCommand().run(Args.parse(List.of("--data", "builtin:digits", "--preview", "1"),
                Set.of()), out, System.err);
        assertEquals(0, rc);
        JsonObject o = com.google.gson.JsonParser.parseString(buf.toString(StandardCharsets.UTF_8))
                .getAsJsonObject();
        assertEquals("IMAGE", o.getAsJsonObject("input").get("kind").getAsString());
        assertEquals(1, o.getAsJsonArray("preview").size());
        JsonObject sample = o.getAsJsonArray("preview").get(0).getAsJsonObject();
        assertEquals(8, sample.getAsJsonArray("ascii").size());
        // The preview carries the pixels themselves too (as the loader yields them) for the window's thumbnails.
        assertEquals("[1,8,8]", sample.getAsJsonArray("shape").toString());
        JsonArray values = sample.getAsJsonArray("values");
        assertEquals(64, values.size());
        double max = 0;
        for (var v : values) {
            max = Math.max(max, v.getAsDouble());
        }
        assertEquals(sample.get("max").getAsDouble(), max, 1e-6, "the values are the sample's pixels");
        double mean = o.getAsJsonObject("pixels").getAsJsonArray("channelMean").get(0).getAsDouble();
        assertTrue(mean > 0.1 && mean < 0.6, "digits are mostly background: " + mean);
        UsageException e = assertThrows(UsageException.class, () -> new InspectCommand().run(
                Args.parse(List.of("--data", "text:" + dir.resolve("none.csv") + "?text=a&label=b"), Set.of()),
                out, System.err));
        assertTrue(e.getMessage().contains("none.csv") && e.getMessage().contains("not found"), e.getMessage());
    }
}
