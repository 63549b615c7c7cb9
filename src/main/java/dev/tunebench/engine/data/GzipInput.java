package dev.tunebench.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A strict gzip reader (RFC 1952). Unlike {@link java.util.zip.GZIPInputStream}, which ignores bytes after the last
 * member, every member's CRC-32 and length trailer is checked, a file cut short is refused, and anything after the
 * last member that is not another member is refused: each as a {@link DataException} naming the file.
 */
final class GzipInput extends InputStream {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream in;
    private final String name;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] raw = new byte[1 << 16];
    private int rawPos;
    private int rawLen;
    private boolean inMember;
    private boolean done;
    private int members;
    private long memberSize;
    private long total;
    private final byte[] one = new byte[1];

    GzipInput(InputStream in, String name) {
        this.in = in;
        this.name = name;
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!done) {
            if (!inMember) {
                startMember();
                continue;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw fail("corrupt gzip data (" + e.getMessage() + ") after " + total + " bytes of content");
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberSize += n;
                total += n;
                return n;
            }
            if (inflater.finished()) {
                rawPos = rawLen - inflater.getRemaining();
                inMember = false;
                checkTrailer();
            } else if (inflater.needsDictionary()) {
                throw fail("corrupt gzip data: it asks for a preset dictionary, which gzip does not have");
            } else if (inflater.needsInput()) {
                if (!fill()) {
                    throw truncated();
                }
                inflater.setInput(raw, 0, rawLen);
                rawPos = rawLen;
            }
        }
        return -1;
    }

    /** Reads a member header, or ends the stream cleanly at the end of the file. */
    private void startMember() throws IOException {
        int b0 = rawByte();
        if (b0 < 0) {
            if (members == 0) {
                throw fail("file is empty");
            }
            done = true;
            return;
        }
        int b1 = rawByte();
        if (b0 != 0x1f || b1 != 0x8b) {
            long extra = (b1 < 0 ? 1 : 2) + (rawLen - rawPos) + in.transferTo(java.io.OutputStream.nullOutputStream());
            throw fail(extra + " byte" + (extra == 1 ? "" : "s") + " after the end of the gzip data (after "
                    + total + " bytes of content) are not another gzip member; the file is damaged or was "
                    + "appended to: copy or download it again");
        }
        int method = need();
        if (method != 8) {
            throw fail("gzip compression method " + method + " is not supported; allowed: 8 (deflate)");
        }
        int flags = need();
        if ((flags & 0xe0) != 0) {
            throw fail("corrupt gzip header: reserved flag bits are set");
        }
        for (int i = 0; i < 6; i++) { // mtime, extra flags, operating system
            need();
        }
        if ((flags & FEXTRA) != 0) {
            int xlen = need() | (need() << 8);
            for (int i = 0; i < xlen; i++) {
                need();
            }
        }
        if ((flags & FNAME) != 0) {
            while (need() != 0) {
                // the original file name, not used
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (need() != 0) {
                // a comment, not used
            }
        }
        if ((flags & FHCRC) != 0) {
            need();
            need();
        }
        inflater.reset();
        crc.reset();
        memberSize = 0;
        members++;
        inMember = true;
        if (rawPos < rawLen) {
            inflater.setInput(raw, rawPos, rawLen - rawPos);
            rawPos = rawLen;
        }
    }

    private void checkTrailer() throws IOException {
        long storedCrc = word();
        long storedSize = word();
        if (storedCrc != crc.getValue()) {
            throw fail(String.format("corrupt gzip data: the CRC-32 in the trailer is %08x but the content's is %08x; "
                    + "the file is damaged: copy or download it again", storedCrc, crc.getValue()));
        }
        if (storedSize != (memberSize & 0xffffffffL)) {
            throw fail("corrupt gzip data: the length trailer says " + storedSize + " bytes but the content has "
                    + memberSize + "; the file is damaged: copy or download it again");
        }
    }

    private long word() throws IOException {
        return need() | ((long) need() << 8) | ((long) need() << 16) | ((long) need() << 24);
    }

    private int need() throws IOException {
        int b = rawByte();
        if (b < 0) {
            throw truncated();
        }
        return b;
    }

    private int rawByte() throws IOException {
        if (rawPos >= rawLen && !fill()) {
            return -1;
        }
        return raw[rawPos++] & 0xff;
    }

    private boolean fill() throws IOException {
        int n = in.read(raw, 0, raw.length);
        rawPos = 0;
        rawLen = Math.max(n, 0);
        return n > 0;
    }

    private DataException truncated() {
        return fail("truncated gzip data: the file ends " + (inMember ? "inside the compressed data" : "inside a gzip "
                + "header or trailer") + " after " + total + " bytes of content; copy or download it again");
    }

    private DataException fail(String problem) {
        return new DataException(name, 0, null, problem);
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
