package dev.tunebench.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    @Test
    void readsRfc4180QuotingWithLineNumbers() {
        String text = "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\n\"multi\nline\",2\nplain,\"\"\n";
        List<Csv.Row> rows = Csv.parse(text, ',');
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
        List<Csv.Row> rows = Csv.parse("a\tb\tc\n1\t\t3\n4\t5\t", '\t');
        assertArrayEquals(new String[] {"1", "", "3"}, rows.get(1).fields());
        assertArrayEquals(new String[] {"4", "5", ""}, rows.get(2).fields());
    }

    @Test
    void malformedQuotesAreRowErrorsNotSilentFixes() {
        List<Csv.Row> rows = Csv.parse("a,b\n\"x\"y,1\nok,2\n\"open,3\n", ',');
        assertNotNull(rows.get(1).error());
        assertTrue(rows.get(1).error().contains("after a closing quote"), rows.get(1).error());
        assertNull(rows.get(2).error());
        assertEquals(3, rows.get(2).line());
        assertTrue(rows.get(3).error().contains("never closed"), rows.get(3).error());
    }

    @Test
    void emptyFileAndHeaderOnlyAreErrors() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        DataException e = assertThrows(DataException.class, () -> Csv.read(Source.file(empty), ','));
        assertTrue(e.getMessage().contains("empty.csv") && e.getMessage().contains("empty"), e.getMessage());
        Path head = Files.writeString(dir.resolve("head.csv"), "a,b\n");
        e = assertThrows(DataException.class, () -> Csv.read(Source.file(head), ','));
        assertTrue(e.getMessage().contains("no data rows"), e.getMessage());
    }

    @Test
    void nonUtf8NamesLineAndByte() throws Exception {
        byte[] bytes = "text,label\nok,1\ncaf\u00e9,2\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path f = Files.write(dir.resolve("latin1.csv"), bytes);
        DataException e = assertThrows(DataException.class, () -> Csv.read(Source.file(f), ','));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("latin1.csv, line 3") && e.getMessage().contains("0xE9")
                && e.getMessage().contains("byte 4"), e.getMessage());
    }

    @Test
    void bomIsDroppedAndDelimiterFollowsTheName() throws Exception {
        Path f = Files.write(dir.resolve("bom.csv"), ("\uFEFFa,b\n1,2\n").getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        Csv.Table t = Csv.read(Source.file(f), ',');
        assertEquals(List.of("a", "b"), t.header());
        assertEquals('\t', Csv.delimiter(null, "x.tsv.gz"));
        assertEquals(',', Csv.delimiter(null, "x.csv"));
        assertEquals(';', Csv.delimiter("semicolon", "x.tsv"));
        assertThrows(DataException.class, () -> Csv.delimiter("pipe", "x.csv"));
    }
}
