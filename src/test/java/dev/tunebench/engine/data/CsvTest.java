package dev.tunebench.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    private static final Csv.Dialect CSV = new Csv.Dialect(',', true, false);
    private static final Csv.Dialect TSV = new Csv.Dialect('\t', false, false);
    private static final Csv.Dialect TSV_QUOTED = new Csv.Dialect('\t', true, true);

    @TempDir
    Path dir;

    private Csv.Table open(Path f, Csv.Dialect d) {
        return Csv.open(Source.file(f), d, null);
    }

    @Test
    void readsRfc4180QuotingWithLineNumbers() {
        String text = "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\n\"multi\nline\",2\nplain,\"\"\n";
        List<Csv.Row> rows = Csv.parse(text, CSV);
        assertEquals(4, rows.size());
        assertArrayEquals(new String[] {"x, y", "say \"hi\""}, rows.get(1).fields());
        assertEquals(2, rows.get(1).line());
        assertArrayEquals(new String[] {"multi\nline", "2"}, rows.get(2).fields());
        assertEquals(4, rows.get(2).line(), "blank line 3 is skipped, the record starts on line 4");
        assertEquals(6, rows.get(3).line());
        assertArrayEquals(new String[] {"plain", ""}, rows.get(3).fields());
        assertNull(rows.get(3).error());
    }

    @Test
    void tabsAndTrailingEmptyFields() {
        List<Csv.Row> rows = Csv.parse("a\tb\tc\n1\t\t3\n4\t5\t", TSV);
        assertArrayEquals(new String[] {"1", "", "3"}, rows.get(1).fields());
        assertArrayEquals(new String[] {"4", "5", ""}, rows.get(2).fields());
    }

    @Test
    void tsvQuoteMarksAreDataUnlessRfc4180IsChosen() {
        String text = "review\tscore\n\"Lavazza Italian Coffee\" is the best\t5\n\"a\ttab\"\t4\n";
        List<Csv.Row> plain = Csv.parse(text, TSV);
        assertArrayEquals(new String[] {"\"Lavazza Italian Coffee\" is the best", "5"}, plain.get(1).fields());
        assertNull(plain.get(1).error());
        assertEquals(3, plain.get(2).fields().length, "without quoting the tab inside quotes separates fields");
        List<Csv.Row> quoted = Csv.parse(text, TSV_QUOTED);
        assertNotNull(quoted.get(1).error());
        assertTrue(quoted.get(1).error().contains("quote=rfc4180") && quoted.get(1).error().contains("TSV are data"),
                quoted.get(1).error());
        assertArrayEquals(new String[] {"a\ttab", "4"}, quoted.get(2).fields());
        List<Csv.Row> csvNone = Csv.parse("a,b\n\"x\"y,1\n", new Csv.Dialect(',', false, true));
        assertArrayEquals(new String[] {"\"x\"y", "1"}, csvNone.get(1).fields());
    }

    @Test
    void malformedQuotesAreRowErrorsThatSayWhichConventionApplies() {
        List<Csv.Row> rows = Csv.parse("a,b\n\"x\"y,1\nok,2\n\"open,3\n", CSV);
        assertNotNull(rows.get(1).error());
        assertTrue(rows.get(1).error().contains("after the closing quote"), rows.get(1).error());
        assertTrue(rows.get(1).error().contains("RFC 4180 quoting applies (the default for CSV); quote=none"),
                rows.get(1).error());
        assertNull(rows.get(2).error());
        assertEquals(3, rows.get(2).line());
        assertTrue(rows.get(3).error().contains("never closed") && rows.get(3).error().contains("quote=none"),
                rows.get(3).error());
    }

    @Test
    void emptyFileHeaderOnlyAndDuplicateColumnsAreErrors() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        DataException e = assertThrows(DataException.class, () -> open(empty, CSV));
        assertTrue(e.getMessage().contains("empty.csv") && e.getMessage().contains("empty"), e.getMessage());
        Path blank = Files.writeString(dir.resolve("blank.csv"), "\n\r\n\n");
        e = assertThrows(DataException.class, () -> open(blank, CSV));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        Path head = Files.writeString(dir.resolve("head.csv"), "a,b\n");
        e = assertThrows(DataException.class, () -> open(head, CSV));
        assertTrue(e.getMessage().contains("no data rows"), e.getMessage());
        Path dup = Files.writeString(dir.resolve("dup.csv"), "text,label, text\na,b,c\n");
        e = assertThrows(DataException.class, () -> open(dup, CSV));
        assertEquals(dup + ", line 1, column 'text': duplicate column name: columns 1 and 3 are both called 'text'; "
                + "rename one (or name them all with columns=...)", e.getMessage());
        Path unnamed = Files.writeString(dir.resolve("unnamed.csv"), ",,x\n1,2,3\n");
        assertEquals(List.of("", "", "x"), open(unnamed, CSV).header(), "pandas' unnamed index columns are fine");
    }

    @Test
    void nonUtf8NamesLineByteAndOffset() throws Exception {
        byte[] bytes = "text,label\nok,1\ncaf\u00e9,2\n".getBytes(StandardCharsets.ISO_8859_1);
        Path f = Files.write(dir.resolve("latin1.csv"), bytes);
        DataException e = assertThrows(DataException.class, () -> readAll(open(f, CSV)));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("latin1.csv, line 3") && e.getMessage().contains("0xE9")
                && e.getMessage().contains("byte 4 of the line (offset 19 in the file)"), e.getMessage());
        // A sequence cut short by the end of the file, an overlong encoding and a UTF-16 surrogate.
        for (byte[] tail : new byte[][] {{(byte) 0xe2, (byte) 0x82}, {(byte) 0xc0, (byte) 0xaf},
                {(byte) 0xed, (byte) 0xa0, (byte) 0x80}}) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes("a,b\n1,".getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(tail);
            Path g = Files.write(dir.resolve("bad.csv"), b.toByteArray());
            e = assertThrows(DataException.class, () -> readAll(open(g, CSV)));
            assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("not valid UTF-8"),
                    e.getMessage());
        }
        Path ok = Files.write(dir.resolve("ok.csv"), "a,b\n\u20ac,\uD83D\uDE00\n".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(new String[] {"\u20ac", "\uD83D\uDE00"}, readAll(open(ok, CSV)).get(0).fields());
    }

    @Test
    void nulBytesAndUtf16AreRefused() throws Exception {
        Path nul = Files.write(dir.resolve("nul.csv"), "a,b\n1,x\u0000y\n".getBytes(StandardCharsets.UTF_8));
        DataException e = assertThrows(DataException.class, () -> readAll(open(nul, CSV)));
        assertTrue(e.getMessage().contains("nul.csv, line 2: NUL byte at byte 4 of the line"), e.getMessage());
        Path utf16 = Files.write(dir.resolve("u16.csv"), "a,b\n1,2\n".getBytes(StandardCharsets.UTF_16));
        e = assertThrows(DataException.class, () -> open(utf16, CSV));
        assertTrue(e.getMessage().contains("UTF-16") && e.getMessage().contains("save it as UTF-8"), e.getMessage());
        Path utf16le = Files.write(dir.resolve("u16le.csv"), "a,b\n1,2\n".getBytes(StandardCharsets.UTF_16LE));
        e = assertThrows(DataException.class, () -> open(utf16le, CSV));
        assertTrue(e.getMessage().contains("NUL byte"), e.getMessage());
    }

    @Test
    void aRecordLongerThanTheLimitIsRefusedNotBuffered() throws Exception {
        Path f = dir.resolve("open.csv");
        try (var out = Files.newBufferedWriter(f)) {
            out.write("a,b\n\"never closed,1\n");
            String line = "x".repeat(1023) + "\n";
            for (int i = 0; i < (Csv.MAX_RECORD_BYTES >> 10) + 2; i++) {
                out.write(line);
            }
        }
        DataException e = assertThrows(DataException.class, () -> readAll(open(f, CSV)));
        assertTrue(e.getMessage().contains("open.csv, line 2") && e.getMessage().contains("longer than 16 MiB")
                && e.getMessage().contains("quote=none"), e.getMessage());
    }

    @Test
    void bomCrLfAndTheDelimiterFollowingTheName() throws Exception {
        Path f = Files.write(dir.resolve("bom.csv"), ("\uFEFFa,b\r\n1,2\r\n\r\n3,4").getBytes(StandardCharsets.UTF_8));
        Csv.Table t = open(f, CSV);
        assertEquals(List.of("a", "b"), t.header());
        List<Csv.Row> rows = readAll(t);
        assertEquals(2, rows.size());
        assertArrayEquals(new String[] {"3", "4"}, rows.get(1).fields(), "no trailing newline needed");
        assertEquals(4, rows.get(1).line());
        assertEquals('\t', Csv.delimiter(null, "x.tsv.gz"));
        assertEquals(',', Csv.delimiter(null, "x.csv"));
        assertEquals(';', Csv.delimiter("semicolon", "x.tsv"));
        assertThrows(DataException.class, () -> Csv.delimiter("pipe", "x.csv"));
        DataSpec tsv = DataSpec.parse("text:r.tsv?text=t&label=l");
        assertEquals(TSV, Csv.dialect(tsv, "r.tsv"));
        assertEquals(CSV, Csv.dialect(tsv, "r.csv"));
        assertEquals(TSV_QUOTED, Csv.dialect(tsv.withOption("quote", "rfc4180"), "r.tsv"));
        assertThrows(DataException.class, () -> Csv.dialect(tsv.withOption("quote", "single"), "r.tsv"));
    }

    @Test
    void gzipIsReadToItsEndAndChecked() throws Exception {
        byte[] plain = "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8);
        byte[] gz = gzip(plain);
        Path good = Files.write(dir.resolve("good.csv.gz"), gz);
        assertEquals(2, readAll(open(good, CSV)).size());
        Path twice = Files.write(dir.resolve("two.csv.gz"), concat(gz, gzip("5,6\n".getBytes(StandardCharsets.UTF_8))));
        assertEquals(3, readAll(open(twice, CSV)).size(), "concatenated gzip members are one stream (RFC 1952)");

        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 8] ^= 1;
        assertGzipError(badCrc, "CRC-32");
        byte[] badLength = gz.clone();
        badLength[badLength.length - 4] ^= 1;
        assertGzipError(badLength, "length trailer");
        assertGzipError(java.util.Arrays.copyOf(gz, gz.length - 3), "truncated");
        assertGzipError(java.util.Arrays.copyOf(gz, gz.length / 2), "truncated");
        assertGzipError(concat(gz, "junk".getBytes(StandardCharsets.US_ASCII)), "4 bytes after the end");
        byte[] flipped = gz.clone();
        flipped[12] ^= 0x55;
        assertGzipError(flipped, "corrupt gzip data");
    }

    private void assertGzipError(byte[] content, String expected) throws Exception {
        Path f = Files.write(dir.resolve("bad.csv.gz"), content);
        DataException e = assertThrows(DataException.class, () -> readAll(open(f, CSV)));
        assertTrue(e.getMessage().startsWith(f + ": ") && e.getMessage().contains(expected), e.getMessage());
        try (InputStream in = Source.file(f).open()) {
            assertThrows(DataException.class, in::readAllBytes);
        }
    }

    static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bo)) {
            out.write(b);
        }
        return bo.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static List<Csv.Row> readAll(Csv.Table t) {
        List<Csv.Row> rows = new java.util.ArrayList<>();
        try (Csv.Reader r = t.rows()) {
            for (Csv.Row row = r.next(); row != null; row = r.next()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
