package dev.tunebench.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.run.TrainingRun;
import org.junit.jupiter.api.Test;

/** An out-of-memory error says what ran out, loading which file or training, with advice that fits. */
class OutOfMemoryMessageTest {

    @Test
    void loadingNamesTheFileAndAdvisesTheCapsTrainingTheBatchSize() {
        assertEquals("out of memory while training: lower the batch size or the model size",
                TrainingRun.describe(new OutOfMemoryError("Java heap space")));
        assertEquals("out of memory while training: lower the batch size or the model size",
                TrainingRun.describe(new RuntimeException(new OutOfMemoryError())));
        OutOfMemoryError loading = DataLoader.outOfMemory(DataSpec.parse("text:reviews.csv?text=t&label=l"),
                new OutOfMemoryError("Java heap space"));
        String d = TrainingRun.describe(loading);
        assertTrue(d.startsWith("out of memory while loading reviews.csv (text data; the Java heap has ")
                && d.endsWith("lower maxTrain, maxVal or maxTest (subset mode, tip 5), or give Java more heap "
                + "(java -Xmx...)"), d);
        assertFalse(d.contains("batch size"), d);
        assertSame(loading, DataLoader.outOfMemory(DataSpec.parse("series:x.csv?target=y"), loading),
                "the innermost loader names the file");
    }

    @Test
    void whatCannotFitIsRefusedBeforeItIsAllocated() {
        long max = Runtime.getRuntime().maxMemory();
        Memory.require("f.idx", "the images", (long) (max * 0.5), "advice");
        DataException e = assertThrows(DataException.class, () -> Memory.require("f.idx", "the 9 images", max,
                "lower maxTrain"));
        assertTrue(e.getMessage().startsWith("f.idx: the 9 images would need about ") && e.getMessage().endsWith(
                "; lower maxTrain"), e.getMessage());
    }
}
