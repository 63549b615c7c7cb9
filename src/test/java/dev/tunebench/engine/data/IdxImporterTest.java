package dev.tunebench.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxImporterTest {
    @TempDir
    Path dir;

    /** n images of 2x3 where image i has all pixels equal to 10 i; labels i % 3. */
    private void write(String prefix, int n, boolean gzip) throws Exception {
        byte[] px = new byte[n * 6];
        byte[] lab = new byte[n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(px, i * 6, i * 6 + 6, (byte) (10 * i));
            lab[i] = (byte) (i % 3);
        }
        String ext = gzip ? ".gz" : "";
        IdxFiles.writeImages(dir.resolve(prefix + "-images" + ext), n, 2, 3, px, gzip);
        IdxFiles.writeLabels(dir.resolve(prefix + "-labels" + ext), lab, gzip);
    }

    private LoadedData load(String spec) {
        return DataLoader.load(DataSpec.parse(spec), dir);
    }

    @Test
    void readsGzipAndPlainAlike() throws Exception {
        write("a", 20, true);
        write("b", 20, false);
        LoadedData g = load("idx:a-images.gz,a-labels.gz?valFraction=0");
        LoadedData p = load("idx:b-images,b-labels?valFraction=0");
        assertArrayEquals(new int[] {1, 2, 3}, g.input().shape());
        assertArrayEquals(g.train().features(), p.train().features());
        assertEquals(20, g.train().size());
        assertEquals(10 * 7 / 255f, g.train().features()[7 * 6 + 5], 1e-7);
        assertEquals(1, g.train().label(7));
        assertEquals(List.of("0", "1", "2"), g.classNames());
        assertEquals(1, g.preprocessing().get("channels").getAsInt());
    }

    @Test
    void testFileClassNamesAndStratifiedValidation() throws Exception {
        write("tr", 24, true);
        write("te", 6, true);
        LoadedData d = load("idx:tr-images.gz,tr-labels.gz?test=te-images.gz,te-labels.gz&valFraction=0.25"
                + "&classNames=cat,dog,bird");
        assertEquals(18, d.train().size());
        assertEquals(6, d.validation().size());
        assertEquals(6, d.test().size());
        assertEquals(List.of("cat", "dog", "bird"), d.classNames());
        int[] perClass = new int[3];
        for (int l : d.validation().labels()) {
            perClass[l]++;
        }
        assertArrayEquals(new int[] {2, 2, 2}, perClass);
    }

    @Test
    void badIdxFiles() throws Exception {
        write("a", 5, true);
        IdxFiles.writeLabels(dir.resolve("few-labels.gz"), new byte[] {0, 1, 2}, true);
        DataException e = assertThrows(DataException.class, () -> load("idx:a-images.gz,few-labels.gz"));
        assertTrue(e.getMessage().contains("3 labels for 5 images"), e.getMessage());
        e = assertThrows(DataException.class, () -> load("idx:a-labels.gz,a-images.gz"));
        assertTrue(e.getMessage().contains("is it the labels file?"), e.getMessage());
        Files.writeString(dir.resolve("text.gz"), "hello world, not idx");
        e = assertThrows(DataException.class, () -> load("idx:text.gz,a-labels.gz"));
        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
        write("plain", 5, false);
        byte[] plain = Files.readAllBytes(dir.resolve("plain-images"));
        Files.write(dir.resolve("cut-images"), java.util.Arrays.copyOf(plain, plain.length - 4));
        e = assertThrows(DataException.class, () -> load("idx:cut-images,a-labels.gz"));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Files.write(dir.resolve("empty"), new byte[0]);
        e = assertThrows(DataException.class, () -> load("idx:empty,a-labels.gz"));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(DataException.class, () -> load("idx:a-images.gz"));
        assertTrue(e.getMessage().contains("images.gz,labels.gz"), e.getMessage());
    }

    @Test
    void unknownLabelInTestFile() throws Exception {
        write("tr", 6, true);
        IdxFiles.writeImages(dir.resolve("te-images"), 2, 2, 3, new byte[12], false);
        IdxFiles.writeLabels(dir.resolve("te-labels"), new byte[] {1, 7}, false);
        DataException e = assertThrows(DataException.class,
                () -> load("idx:tr-images.gz,tr-labels.gz?test=te-images,te-labels&classNames=a,b,c"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("label 7 (record 2)") && e.getMessage().contains("0..2"), e.getMessage());
    }

    @Test
    void applyChecksTheSavedImageSize() throws Exception {
        write("tr", 9, true);
        LoadedData trained = load("idx:tr-images.gz,tr-labels.gz");
        write("new", 4, false);
        LoadedData fresh = DataLoader.apply(trained.preprocessing(), DataSpec.parse("idx:new-images,new-labels"), dir);
        assertEquals(4, fresh.test().size());
        assertEquals(trained.classNames(), fresh.classNames());
        IdxFiles.writeImages(dir.resolve("big-images"), 1, 3, 3, new byte[9], false);
        IdxFiles.writeLabels(dir.resolve("big-labels"), new byte[] {0}, false);
        DataException e = assertThrows(DataException.class,
                () -> DataLoader.apply(trained.preprocessing(), DataSpec.parse("idx:big-images,big-labels"), dir));
        assertTrue(e.getMessage().contains("model expects 1x2x3"), e.getMessage());
    }
}
