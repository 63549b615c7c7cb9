package dev.tunebench.engine.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A streaming reader for CSV and TSV, strict UTF-8, with line numbers. Records end at LF, CRLF or CR; blank lines
 * are not records; a UTF-8 byte-order mark is dropped. CSV follows RFC 4180 (quoted fields, doubled quotes inside
 * them, line breaks inside quotes); TSV follows the TSV convention, where quote marks are data; {@code quote=} in
 * the spec chooses the other way. Files are read as streams, so only what a caller keeps takes memory.
 */
final class Csv {
    /** The longest record read; past it the file is refused (an unclosed quote usually causes it). */
    static final int MAX_RECORD_BYTES = 16 << 20;

    /** One record: its first line, its fields, or why it is malformed. */
    record Row(long line, String[] fields, String error) {
    }

    /**
     * How records are split into fields.
     *
     * @param delimiter the field separator
     * @param quoting   whether RFC 4180 quoting applies (else quote marks are data)
     * @param chosen    whether {@code quote=} chose it (else it is the default for the delimiter)
     */
    record Dialect(char delimiter, boolean quoting, boolean chosen) {

        /** Returns the file kind the delimiter implies: CSV or TSV. */
        String kind() {
            return delimiter == '\t' ? "TSV" : "CSV";
        }

        /** Returns which quoting convention applies and how to choose the other one, for messages about quotes. */
        String quoteRule() {
            if (quoting) {
                return chosen && delimiter == '\t'
                        ? "RFC 4180 quoting applies (quote=rfc4180); without that option quote marks in TSV are data"
                        : "RFC 4180 quoting applies (the default for " + kind() + "); quote=none reads quote marks as "
                        + "data";
            }
            return (chosen && delimiter != '\t' ? "no quoting applies (quote=none)"
                    : "no quoting applies (the TSV convention)") + ": quote marks are data; quote=rfc4180 reads "
                    + "\"quoted\" fields";
        }
    }

    /** A file's header and the means to stream its records (again). */
    record Table(Source source, Dialect dialect, List<String> header, boolean headerLine) {

        String file() {
            return source.name();
        }

        /** Returns a reader positioned after the header line; each call reads the file again from its start. */
        Reader rows() {
            Reader r = new Reader(source.open(), source.name(), dialect);
            if (headerLine) {
                r.next();
            }
            return r;
        }

        /**
         * Returns whether a row parsed and has as many fields as the header; reports it to {@code bad} (which
         * throws, or counts it when bad rows are skipped) when not.
         */
        boolean wellFormed(Row r, BadRows bad) {
            if (r.error() != null) {
                bad.bad(file(), r.line(), null, "malformed row: " + r.error());
                return false;
            }
            if (r.fields().length != header.size()) {
                String hint = "";
                if (!dialect.quoting() && String.join("", r.fields()).indexOf('"') >= 0) {
                    hint = "; the row has quote marks and " + dialect.quoteRule();
                }
                bad.bad(file(), r.line(), null, r.fields().length + " fields, expected " + header.size()
                        + " like the header (" + String.join(", ", header) + ")" + hint);
                return false;
            }
            return true;
        }

        /** Returns the index of a column, or throws naming the columns there are. */
        int column(String name, String option) {
            int i = header.indexOf(name);
            if (i >= 0) {
                return i;
            }
            int found = -1;
            for (int k = 0; k < header.size(); k++) {
                if (header.get(k).equalsIgnoreCase(name)) {
                    if (found >= 0) {
                        throw new DataException(file(), 1, name, "no such column (option " + option + "), and "
                                + header.get(found) + " and " + header.get(k) + " differ from it only in case");
                    }
                    found = k;
                }
            }
            if (found >= 0) {
                return found;
            }
            String hint = "";
            if (!dialect.quoting() && header.contains("\"" + name + "\"")) {
                hint = "; the header's names are in quote marks and " + dialect.quoteRule();
            }
            throw new DataException(file(), headerLine ? 1 : 0, name, "no such column (option " + option
                    + "); the " + (headerLine ? "header has: " : "columns option names: ") + String.join(", ", header)
                    + hint);
        }
    }

    private Csv() {
    }

    /** Returns the delimiter for an option value or, when absent, the file name (.tsv and .tab mean tab). */
    static char delimiter(String option, String fileName) {
        if (option != null && !option.isBlank()) {
            return switch (option.strip().toLowerCase(Locale.ROOT)) {
                case "tab", "\\t" -> '\t';
                case "comma", "," -> ',';
                case "semicolon", ";" -> ';';
                default -> throw new DataException("option delimiter='" + option
                        + "'; allowed: comma, tab, semicolon");
            };
        }
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".tsv") || n.endsWith(".tsv.gz") || n.endsWith(".tab") || n.endsWith(".tab.gz") ? '\t' : ',';
    }

    /** Returns the dialect of the spec's options {@code delimiter} and {@code quote} for a file. */
    static Dialect dialect(DataSpec spec, String fileName) {
        char d = delimiter(spec.option("delimiter"), fileName);
        if (!spec.has("quote")) {
            return new Dialect(d, d != '\t', false);
        }
        return new Dialect(d, spec.choiceOption("quote", "rfc4180", "rfc4180", "none").equals("rfc4180"), true);
    }

    /** Returns the names of the {@code columns} option (for files without a header line), or null. */
    static List<String> columnsOption(DataSpec spec) {
        if (!spec.has("columns")) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String s : spec.option("columns").split(",", -1)) {
            names.add(s.strip());
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isEmpty()) {
                throw new DataException("data spec '" + spec + "': option columns: name " + (i + 1) + " is empty; "
                        + "give one name per column, for example columns=review,score");
            }
            if (names.indexOf(names.get(i)) != i) {
                throw new DataException("data spec '" + spec + "': option columns: '" + names.get(i)
                        + "' is given twice; column names must be unique");
            }
        }
        return List.copyOf(names);
    }

    /**
     * Reads the header of a file: its first record, or the given names when the file has no header line.
     *
     * @param columns the column names of a file without a header line, or null when its first record is the header
     * @throws DataException if the file is empty, has no data rows, or repeats a column name
     */
    static Table open(Source src, Dialect dialect, List<String> columns) {
        try (Reader r = new Reader(src.open(), src.name(), dialect)) {
            Row head = r.next();
            if (head == null) {
                throw new DataException(src.name(), 0, null, "file is empty; expected a header line and data rows");
            }
            List<String> header;
            if (columns == null) {
                if (head.error() != null) {
                    throw new DataException(src.name(), head.line(), null, "malformed header: " + head.error());
                }
                header = new ArrayList<>();
                Map<String, Integer> seen = new HashMap<>();
                for (String h : head.fields()) {
                    String name = h.strip();
                    Integer before = seen.put(name, header.size());
                    if (before != null && !name.isEmpty()) {
                        throw new DataException(src.name(), head.line(), name, "duplicate column name: columns "
                                + (before + 1) + " and " + (header.size() + 1) + " are both called " + quote(name)
                                + "; rename one (or name them all with columns=...)");
                    }
                    header.add(name);
                }
                if (r.next() == null) {
                    throw new DataException(src.name(), 0, null, "has a header but no data rows");
                }
            } else {
                header = columns;
            }
            return new Table(src, dialect, List.copyOf(header), columns == null);
        }
    }

    /** Returns the records of {@code text} (for tests and small strings); blank lines are not records. */
    static List<Row> parse(String text, Dialect dialect) {
        List<Row> rows = new ArrayList<>();
        try (Reader r = new Reader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "text",
                dialect)) {
            for (Row row = r.next(); row != null; row = r.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** Returns a short, quoted, one-line rendering of a value for messages. */
    static String quote(String s) {
        String t = s.length() > 40 ? s.substring(0, 37) + "..." : s;
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('\'').toString();
    }

    /**
     * Streams the records of one file. Bytes are checked as they come: UTF-8 strictly (the error names the line,
     * the byte in the line and the offset in the file), no NUL bytes, records at most {@link #MAX_RECORD_BYTES}.
     * Reading to the end also checks a gzip file's trailer.
     */
    static final class Reader implements AutoCloseable {
        private final InputStream in;
        private final String file;
        private final char delim;
        private final boolean quoting;
        private final Dialect dialect;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int len;
        private long bufStart;
        private boolean eof;
        private long line = 1;
        private long lineStart;
        private byte[] field = new byte[256];
        private int flen;
        private long recordBytes;
        private long recordLine;
        private final List<String> fields = new ArrayList<>();
        // UTF-8 validation state: continuation bytes still expected, bounds of the next one, where the sequence began
        private int need;
        private int lo = 0x80;
        private int hi = 0xbf;
        private long seqOffset;
        private long seqLine;
        private long seqLineStart;
        private int seqLead;

        Reader(InputStream in, String file, Dialect dialect) {
            this.in = in;
            this.file = file;
            this.dialect = dialect;
            this.delim = dialect.delimiter();
            this.quoting = dialect.quoting();
            try {
                start();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        private void start() {
            fill();
            if (len >= 2 && ((buf[0] & 0xff) == 0xff && (buf[1] & 0xff) == 0xfe
                    || (buf[0] & 0xff) == 0xfe && (buf[1] & 0xff) == 0xff)) {
                throw new DataException(file, 0, null, "is UTF-16 text (it starts with a UTF-16 byte-order mark); "
                        + "save it as UTF-8");
            }
            if (len >= 3 && (buf[0] & 0xff) == 0xef && (buf[1] & 0xff) == 0xbb && (buf[2] & 0xff) == 0xbf) {
                pos = 3;
                lineStart = 3;
            }
        }

        private boolean fill() {
            if (eof) {
                return false;
            }
            bufStart += len;
            pos = 0;
            try {
                len = in.readNBytes(buf, 0, buf.length);
            } catch (IOException e) {
                throw new DataException(file, line, null, "cannot read: " + e.getMessage());
            }
            if (len <= 0) {
                len = 0;
                eof = true;
                return false;
            }
            return true;
        }

        /** Returns the next byte without consuming it, or -1 at the end. */
        private int peek() {
            if (pos >= len && !fill()) {
                return -1;
            }
            return buf[pos] & 0xff;
        }

        /** Consumes and checks the byte {@link #peek()} returned. */
        private void consume(int c) {
            long off = bufStart + pos;
            pos++;
            if (c < 0x80 && need == 0) {
                if (c == 0) {
                    throw new DataException(file, line, null, "NUL byte at byte " + (off - lineStart + 1)
                            + " of the line (offset " + off + " in the file): this is not UTF-8 text (binary data, "
                            + "or UTF-16?); text files may not contain NUL bytes");
                }
                return;
            }
            utf8(c, off);
        }

        private void utf8(int c, long off) {
            if (need > 0) {
                if (c < lo || c > hi) {
                    badByte();
                }
                need--;
                lo = 0x80;
                hi = 0xbf;
                return;
            }
            seqOffset = off;
            seqLine = line;
            seqLineStart = lineStart;
            seqLead = c;
            if (c >= 0xc2 && c <= 0xdf) {
                need = 1;
            } else if (c >= 0xe0 && c <= 0xef) {
                need = 2;
                lo = c == 0xe0 ? 0xa0 : 0x80;
                hi = c == 0xed ? 0x9f : 0xbf;
            } else if (c >= 0xf0 && c <= 0xf4) {
                need = 3;
                lo = c == 0xf0 ? 0x90 : 0x80;
                hi = c == 0xf4 ? 0x8f : 0xbf;
            } else {
                badByte();
            }
        }

        private void badByte() {
            throw new DataException(file, seqLine, null, String.format(Locale.ROOT, "byte 0x%02X at byte %d of the "
                    + "line (offset %d in the file) is not valid UTF-8; save the file as UTF-8", seqLead,
                    seqOffset - seqLineStart + 1, seqOffset));
        }

        private void newline() {
            line++;
            lineStart = bufStart + pos;
        }

        /** Reads the rest of an unquoted field: up to the delimiter or line end, checking every byte. */
        private void scanUnquoted() {
            while (pos < len || fill()) {
                int i = scan(pos, false);
                boolean stop = i < len;
                appendRange(pos, i);
                pos = i;
                if (stop) {
                    return;
                }
            }
        }

        /** Reads a stretch of a quoted field: up to a quote or a line break, checking every byte. */
        private void scanQuoted() {
            int i = scan(pos, true);
            appendRange(pos, i);
            pos = i;
        }

        /**
         * Returns the index in the buffer of the first byte from {@code i} that ends the stretch (a quote or line
         * break, and outside quotes the delimiter), or {@code len}; validates the bytes before it.
         */
        private int scan(int i, boolean quoted) {
            byte[] b = buf;
            int end = len;
            while (i < end) {
                int c = b[i] & 0xff;
                if (c == '\n' || c == '\r' || (quoted ? c == '"' : c == delim)) {
                    break;
                }
                if (c < 0x80 && need == 0) {
                    if (c == 0) {
                        pos = i;
                        consume(0); // throws, naming the line and offset
                    }
                } else {
                    utf8(c, bufStart + i);
                }
                i++;
            }
            return i;
        }

        private void appendRange(int from, int to) {
            int n = to - from;
            if (n == 0) {
                return;
            }
            if (flen + n > field.length) {
                field = java.util.Arrays.copyOf(field, Math.max(field.length * 2, flen + n));
            }
            System.arraycopy(buf, from, field, flen, n);
            flen += n;
            recordBytes += n;
            if (recordBytes > MAX_RECORD_BYTES) {
                throw tooLong();
            }
        }

        private DataException tooLong() {
            return new DataException(file, recordLine, null, "the record starting on this line is longer than "
                    + (MAX_RECORD_BYTES >> 20) + " MiB" + (quoting ? "; a quote opened there may never be closed: "
                    + dialect.quoteRule() : ""));
        }

        private void append(int c) {
            if (flen == field.length) {
                field = java.util.Arrays.copyOf(field, field.length * 2);
            }
            field[flen++] = (byte) c;
            if (++recordBytes > MAX_RECORD_BYTES) {
                throw tooLong();
            }
        }

        /** Returns how many bytes of content (after decompression) were read so far. */
        long offset() {
            return bufStart + pos;
        }

        /** Returns the next record, or null at the end of the file (whose trailer, for gzip, is then checked). */
        Row next() {
            int c;
            while (true) {
                c = peek();
                if (c < 0) {
                    if (need > 0) {
                        badByte();
                    }
                    return null;
                }
                if (c == '\n') {
                    consume(c);
                    newline();
                } else if (c == '\r') {
                    consume(c);
                    if (peek() == '\n') {
                        consume('\n');
                    }
                    newline();
                } else {
                    break;
                }
            }
            recordLine = line;
            recordBytes = 0;
            fields.clear();
            String error = null;
            while (true) {
                flen = 0;
                c = peek();
                if (quoting && c == '"') {
                    consume(c);
                    boolean closed = false;
                    while ((c = peek()) >= 0) {
                        if (c != '"' && c != '\n' && c != '\r') {
                            scanQuoted();
                            continue;
                        }
                        consume(c);
                        if (c == '"') {
                            if (peek() == '"') {
                                consume('"');
                                append('"');
                                continue;
                            }
                            closed = true;
                            break;
                        }
                        append(c);
                        if (c == '\n' || c == '\r' && peek() != '\n') {
                            newline();
                        }
                    }
                    if (!closed) {
                        error = "the quoted field opened on line " + recordLine + " is never closed; "
                                + dialect.quoteRule();
                        fields.add(text());
                        break;
                    }
                    c = peek();
                    if (c >= 0 && c != delim && c != '\n' && c != '\r') {
                        error = "unexpected " + show(c) + " after the closing quote of field " + (fields.size() + 1)
                                + " (write \"\" for a quote inside a quoted field); " + dialect.quoteRule();
                        // Resynchronise at the end of this line.
                        while ((c = peek()) >= 0 && c != '\n' && c != '\r') {
                            consume(c);
                        }
                    }
                } else {
                    scanUnquoted();
                }
                fields.add(text());
                c = peek();
                if (c < 0) {
                    break;
                }
                consume(c);
                if (c == delim) {
                    continue;
                }
                if (c == '\r' && peek() == '\n') {
                    consume('\n');
                }
                newline();
                break;
            }
            return new Row(recordLine, fields.toArray(new String[0]), error);
        }

        private String show(int c) {
            return c < 0x80 ? quote(String.valueOf((char) c)) : "a non-ASCII character";
        }

        private String text() {
            return new String(field, 0, flen, StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                // nothing was lost: the records were read already
            }
        }
    }
}
