package dev.tunebench.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads a synthetic 60,000 x 28 x 28 IDX gz (the size of full Fashion-MNIST) into training arrays and prints
 * samples/s, side by side with a naive byte-at-a-time reader on the same file. Not a timed test: it never fails
 * on a slow machine. Run: {@code mvn -o test -Dtest=IdxReadBenchmarkTest -DexcludedTestGroups=none}.
 */
@Tag("benchmark")
class IdxReadBenchmarkTest {
    private static final int N = 60_000;

    @TempDir
    Path dir;

    @Test
    void readSixtyThousandImages() throws Exception {
        byte[] px = new byte[N * 784];
        byte[] labels = new byte[N];
        Random rng = new Random(1);
        for (int i = 0; i < N; i++) {
            labels[i] = (byte) rng.nextInt(10);
            // Fashion-MNIST-like: a bright blob on a dark background, so the gzip ratio is realistic.
            int cx = 8 + rng.nextInt(12);
            int cy = 8 + rng.nextInt(12);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    px[i * 784 + y * 28 + x] = (byte) (d2 < 60 ? 120 + rng.nextInt(136) : 0);
                }
            }
        }
        IdxFiles.writeImages(dir.resolve("images.gz"), N, 28, 28, px, true);
        IdxFiles.writeLabels(dir.resolve("labels.gz"), labels, true);
        DataSpec spec = DataSpec.parse("idx:images.gz,labels.gz?maxTrain=all&maxVal=all&valFraction=0.1");

        double fastBest = Double.MAX_VALUE;
        double naiveBest = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            LoadedData d = DataLoader.load(spec, dir);
            double fast = (System.nanoTime() - t0) / 1e9;
            assertEquals(N, d.train().size() + d.validation().size());
            fastBest = Math.min(fastBest, fast);

            if (round == 0) { // the naive reader takes long enough that one round is a fair measure
                t0 = System.nanoTime();
                float[] naive = naiveRead(dir.resolve("images.gz"));
                naiveBest = (System.nanoTime() - t0) / 1e9;
                assertEquals(N * 784, naive.length);
            }
        }
        System.out.printf("IDX 60k x 28x28 gz -> ArraySplit (split + stratify + floats): best %.3f s = %.0f samples/s;"
                + " naive unbuffered byte-at-a-time read: %.3f s = %.0f samples/s; speed-up x%.1f (file %.1f MB)%n",
                fastBest, N / fastBest, naiveBest, N / naiveBest, naiveBest / fastBest,
                Files.size(dir.resolve("images.gz")) / 1e6);
    }

    /** The reader one writes first: DataInputStream straight on GZIPInputStream, one readUnsignedByte per pixel. */
    private static float[] naiveRead(Path p) throws Exception {
        try (InputStream raw = Files.newInputStream(p);
                DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
            in.readInt();
            int n = in.readInt();
            int h = in.readInt();
            int w = in.readInt();
            float[] f = new float[n * h * w];
            for (int i = 0; i < f.length; i++) {
                f[i] = in.readUnsignedByte() / 255f;
            }
            return f;
        }
    }
}
