package dev.tunebench.engine.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** A readable file: on disk, or a class-path resource (built-in datasets, also inside the jar). */
record Source(String name, Path file, String resource) {

    static Source file(Path p) {
        return new Source(p.toString(), p, null);
    }

    static Source resource(String r) {
        return new Source(r, null, r);
    }

    /** Returns the raw stream, gunzipped when the content starts with the gzip magic bytes. */
    InputStream open() {
        InputStream raw;
        try {
            if (file != null) {
                if (!Files.exists(file)) {
                    throw new DataException(name, 0, null, "file not found");
                }
                if (Files.isDirectory(file)) {
                    throw new DataException(name, 0, null, "is a folder; expected a file");
                }
                raw = Files.newInputStream(file);
            } else {
                raw = Source.class.getResourceAsStream(resource);
                if (raw == null) {
                    throw new DataException(name, 0, null, "built-in resource missing from the class path");
                }
            }
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            }
            return in;
        } catch (IOException e) {
            throw new DataException(name, 0, null, "cannot read: " + e.getMessage());
        }
    }

    /** Returns all (gunzipped) bytes. */
    byte[] readAllBytes() {
        try (InputStream in = open()) {
            return in.readAllBytes();
        } catch (java.util.zip.ZipException e) {
            throw new DataException(name, 0, null, "corrupt gzip data: " + e.getMessage());
        } catch (IOException e) {
            throw new DataException(name, 0, null, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Returns the content as text, strictly UTF-8 (a leading byte-order mark is dropped).
     *
     * @throws DataException naming the line and byte column of the first invalid byte
     */
    String readUtf8() {
        byte[] bytes = readAllBytes();
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            int bad = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new DataException(name, line, null, String.format(
                    "byte 0x%02X at byte %d of the line is not valid UTF-8; save the file as UTF-8",
                    bytes[bad] & 0xff, bad - lineStart + 1));
        }
        dec.flush(out);
        out.flip();
        return out.toString();
    }
}
