package dev.tunebench.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderImporterTest {
    @TempDir
    Path dir;

    private void image(String path, int w, int h, int rgb, String format) throws Exception {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        assertTrue(ImageIO.write(img, format, p.toFile()));
    }

    private LoadedData load(String spec) {
        return DataLoader.load(DataSpec.parse(spec), dir);
    }

    @Test
    void grayFoldersGiveOneChannel() throws Exception {
        for (int i = 0; i < 4; i++) {
            image("photos/cat/c" + i + ".png", 4, 3, 0x404040, "png");
            image("photos/dog/d" + i + ".png", 4, 3, 0xC0C0C0, "png");
        }
        LoadedData d = load("images:photos?valFraction=0.25");
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertArrayEquals(new int[] {1, 3, 4}, d.input().shape());
        assertEquals(6, d.train().size());
        assertEquals(2, d.validation().size());
        assertEquals(0x40 / 255f, d.train().features()[0], 1e-5);
        assertEquals(0, d.train().label(0));
    }

    @Test
    void colourJpegAndResize() throws Exception {
        image("p/red/a.png", 8, 8, 0xFF0000, "png");
        image("p/red/b.png", 8, 8, 0xFF0000, "png");
        image("p/blue/a.jpg", 16, 10, 0x0000FF, "jpg");
        image("p/blue/b.jpg", 16, 10, 0x0000FF, "jpg");
        LoadedData d = load("images:p?size=4&valFraction=0");
        assertArrayEquals(new int[] {3, 4, 4}, d.input().shape());
        assertEquals(List.of("blue", "red"), d.classNames());
        float[] f = d.train().features();
        assertTrue(f[2 * 16] > 0.9f && f[0] < 0.1f, "blue image: blue plane high, red plane low");
        assertEquals(1f, f[2 * 48], 1e-6, "red image: red plane");
        assertTrue(d.preprocessing().get("resize").getAsBoolean());
        LoadedData g = load("images:p?size=4x2&grayscale=true&valFraction=0");
        assertArrayEquals(new int[] {1, 2, 4}, g.input().shape());
        assertEquals(0.299f, g.train().features()[2 * 8], 1e-3, "luma of pure red");
    }

    @Test
    void mixedSizesWithoutResizingAreReported() throws Exception {
        image("m/a/1.png", 4, 4, 0, "png");
        image("m/a/2.png", 5, 4, 0, "png");
        image("m/b/1.png", 4, 4, 0, "png");
        image("m/b/2.png", 4, 4, 0, "png");
        DataException e = assertThrows(DataException.class, () -> load("images:m"));
        assertTrue(e.getMessage().contains("2.png") && e.getMessage().contains("5x4")
                && e.getMessage().contains("size=N"), e.getMessage());
        LoadedData d = load("images:m?skipBadRows=true&valFraction=0");
        assertEquals(3, d.train().size());
        assertTrue(d.notes().stream().anyMatch(n -> n.startsWith("skipped 1 bad image")), d.notes().toString());
    }

    @Test
    void corruptImagesStrayFilesAndUnknownClassFolders() throws Exception {
        image("c/a/1.png", 2, 2, 0, "png");
        image("c/a/2.png", 2, 2, 0, "png");
        image("c/b/1.png", 2, 2, 0xFFFFFF, "png");
        image("c/b/3.png", 2, 2, 0xFFFFFF, "png");
        Files.writeString(dir.resolve("c/b/2.png"), "not a png");
        Files.writeString(dir.resolve("c/b/notes.txt"), "hello");
        DataException e = assertThrows(DataException.class, () -> load("images:c"));
        assertTrue(e.getMessage().contains("2.png") && e.getMessage().contains("cannot be decoded"), e.getMessage());
        LoadedData d = load("images:c?skipBadRows=true&valFraction=0");
        assertEquals(4, d.train().size());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("ignored 1 file") && n.contains("notes.txt")),
                d.notes().toString());
        image("v/a/1.png", 2, 2, 0, "png");
        image("v/zebra/1.png", 2, 2, 0, "png");
        e = assertThrows(DataException.class, () -> load("images:c?skipBadRows=true&validation=v"));
        assertTrue(e.getMessage().contains("zebra") && e.getMessage().contains("known classes: a, b"),
                e.getMessage());
        e = assertThrows(DataException.class, () -> load("images:nowhere"));
        assertTrue(e.getMessage().contains("folder not found"), e.getMessage());
        Files.createDirectories(dir.resolve("flat"));
        e = assertThrows(DataException.class, () -> load("images:flat"));
        assertTrue(e.getMessage().contains("one sub-folder"), e.getMessage());
    }

    @Test
    void applyResizesNewImagesToTheModelSize() throws Exception {
        image("t/a/1.png", 4, 4, 0, "png");
        image("t/b/1.png", 4, 4, 0xFFFFFF, "png");
        LoadedData trained = load("images:t?valFraction=0");
        image("n/b/big.png", 9, 9, 0xFFFFFF, "png");
        LoadedData fresh = DataLoader.apply(trained.preprocessing(), DataSpec.parse("images:n"), dir);
        assertEquals(1, fresh.test().size());
        assertEquals(16, fresh.test().rowSize());
        assertEquals(1, fresh.test().label(0));
    }
}
