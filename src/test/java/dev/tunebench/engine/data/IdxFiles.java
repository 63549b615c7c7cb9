package dev.tunebench.engine.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes real IDX files for tests and benchmarks. */
final class IdxFiles {
    private IdxFiles() {
    }

    static void writeImages(Path p, int n, int h, int w, byte[] pixels, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(p);
                OutputStream o = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
                DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(o, 1 << 16))) {
            out.writeInt(0x00000803);
            out.writeInt(n);
            out.writeInt(h);
            out.writeInt(w);
            out.write(pixels);
        }
    }

    static void writeLabels(Path p, byte[] labels, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(p);
                OutputStream o = gzip ? new GZIPOutputStream(raw) : raw;
                DataOutputStream out = new DataOutputStream(o)) {
            out.writeInt(0x00000801);
            out.writeInt(labels.length);
            out.write(labels);
        }
    }
}
