package dev.tunebench.app.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Data tab's image thumbnails, from the inspector's preview JSON, without a toolkit. */
class DataInspectorViewModelTest {

    private static JsonObject inspection(String preview) {
        return JsonParser.parseString("{\"preview\": [" + preview + "]}").getAsJsonObject();
    }

    @Test
    void greySamplesAreStretchedFromTheirMinimumToTheirMaximum() {
        List<DataInspectorViewModel.PreviewImage> images = DataInspectorViewModel.previewImages(inspection(
                "{\"index\": 3, \"label\": \"7\", \"shape\": [1, 2, 2], \"values\": [-1.0, 0.0, 1.0, -0.5]}"));
        assertEquals(1, images.size());
        DataInspectorViewModel.PreviewImage p = images.get(0);
        assertEquals("#3  7", p.caption());
        assertEquals(2, p.width());
        assertEquals(2, p.height());
        assertArrayEquals(new int[] {0xFF000000, 0xFF808080, 0xFFFFFFFF, 0xFF404040}, p.argb(),
                "normalised pixels (-1..1) drawn black to white");
    }

    @Test
    void threeChannelsAreColourAndOtherCountsAreAveraged() {
        List<DataInspectorViewModel.PreviewImage> images = DataInspectorViewModel.previewImages(inspection(
                "{\"index\": 0, \"shape\": [3, 1, 1], \"values\": [1.0, 0.0, 0.5]},"
                        + "{\"index\": 1, \"shape\": [2, 1, 2], \"values\": [0.0, 1.0, 0.0, 1.0]},"
                        + "{\"index\": 2, \"shape\": [1, 2, 2], \"values\": [0.0, 1.0]},"
                        + "{\"index\": 3, \"decoded\": \"a text sample\"}"));
        assertEquals(2, images.size(), "a sample whose values do not fill its shape, and text, are not drawn");
        assertArrayEquals(new int[] {0xFFFF0080}, images.get(0).argb());
        assertArrayEquals(new int[] {0xFF000000, 0xFFFFFFFF}, images.get(1).argb(), "two channels averaged");
        assertEquals("#0", images.get(0).caption());
    }

    @Test
    void seriesWindowsReadAsNumbersAPersonReads() {
        List<String> lines = DataInspectorViewModel.previewLines(inspection(
                "{\"index\": 0, \"inputs\": {\"births\": [9083.2, 11930.4]}, \"target\": {\"births\": 8805.000066}}"));
        assertEquals("#0\nbirths: 2 values, 9083 ... 11930\n-> target births 8805", lines.get(0));
        List<DataInspectorViewModel.Sparkline> spark = DataInspectorViewModel.previewSparklines(inspection(
                "{\"index\": 0, \"inputs\": {\"births\": [9083.2, 11930.4]}, \"target\": {\"births\": 8805.0}},"
                        + "{\"index\": 1, \"inputs\": {\"a\": [1, 2], \"b\": [3, 4]}, \"target\": {\"b\": 5}},"
                        + "{\"index\": 2, \"decoded\": \"text\"}"));
        assertEquals(2, spark.size(), "a line per series window, none for other samples");
        assertArrayEquals(new double[] {9083.2, 11930.4}, spark.get(0).values());
        assertEquals(8805.0, spark.get(0).target());
        assertArrayEquals(new double[] {1, 2}, spark.get(1).values(), "the first input column");
        assertEquals(5.0, spark.get(1).target(), "its own target when it has one, else the first");
    }
}
