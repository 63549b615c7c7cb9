package dev.tunebench.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.config.Task;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextImporterTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private LoadedData load(String spec) {
        return DataLoader.load(DataSpec.parse(spec), dir);
    }

    /** 20 rows: label pos has 'good' words, neg 'bad' words; lengths 1..20 tokens. */
    private String corpus() {
        StringBuilder sb = new StringBuilder("review\tscore\n");
        for (int i = 1; i <= 20; i++) {
            String word = i % 2 == 0 ? "good" : "bad";
            sb.append((word + " ").repeat(i).strip()).append('\t').append(i % 2 == 0 ? "pos" : "neg").append('\n');
        }
        return sb.toString();
    }

    @Test
    void tokensPaddingAndVocabularyFromTrainOnly() throws Exception {
        write("train.tsv", corpus());
        write("val.tsv", "review\tscore\ngood unseen words\tpos\nBAD\tneg\n");
        LoadedData d = load("text:train.tsv?text=review&label=score&validation=val.tsv&padSide=post");
        assertEquals(InputSpec.Kind.TOKENS, d.input().kind());
        assertEquals(Task.CLASSIFICATION, d.input().task());
        assertEquals(List.of("neg", "pos"), d.classNames());
        // Train lengths 1..20: the length covering 90% of samples is 18.
        assertEquals(18, d.input().shape()[0]);
        List<String> vocab = new ArrayList<>();
        d.preprocessing().getAsJsonArray("vocabulary").forEach(e -> vocab.add(e.getAsString()));
        assertEquals(List.of("<pad>", "<oov>", "good", "bad"), vocab, "both words appear 110/100 times: good first");
        assertEquals(4, d.input().vocabularySize());
        assertEquals(20, d.train().size());
        assertEquals(2, d.validation().size());
        // 'good unseen words' -> good OOV OOV then padding (post).
        float[] v = d.validation().features();
        assertArrayEquals(new float[] {2, 1, 1, 0}, java.util.Arrays.copyOfRange(v, 0, 4));
        assertEquals(1, d.validation().label(0));
        assertEquals(3f, v[18], "lower-cased BAD is in the vocabulary");
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("2 of 20 training samples truncated")), d.notes()
                .toString());
    }

    @Test
    void prePaddingKeepsTheStartUnlessTruncatingPre() throws Exception {
        write("t.csv", "text,label\n\"a b c d e\",x\n\"a\",y\n\"b\",x\n\"c\",y\n");
        LoadedData d = load("text:t.csv?text=text&label=label&padLength=3&valFraction=0");
        float[] f = d.train().features();
        List<String> vocab = new ArrayList<>();
        d.preprocessing().getAsJsonArray("vocabulary").forEach(e -> vocab.add(e.getAsString()));
        assertEquals(List.of("a", "b", "c"), TextImporter.decode(f, 0, 3, vocab));
        assertEquals(0f, f[3]);
        assertEquals(0f, f[4]);
        assertEquals("a", vocab.get((int) f[5]), "pre padding puts the token last");
        d = load("text:t.csv?text=text&label=label&padLength=3&valFraction=0&truncateSide=pre");
        assertEquals(List.of("c", "d", "e"), TextImporter.decode(d.train().features(), 0, 3, vocab(d)));
    }

    private static List<String> vocab(LoadedData d) {
        List<String> v = new ArrayList<>();
        d.preprocessing().getAsJsonArray("vocabulary").forEach(e -> v.add(e.getAsString()));
        return v;
    }

    @Test
    void minFreqMaxVocabAndCharTokenizer() throws Exception {
        write("t.csv", "text,label\n\"aa aa aa bb bb cc\",x\n\"aa dd\",y\n");
        LoadedData d = load("text:t.csv?text=text&label=label&minFreq=2&valFraction=0");
        assertEquals(List.of("<pad>", "<oov>", "aa", "bb"), vocab(d));
        d = load("text:t.csv?text=text&label=label&maxVocab=3&valFraction=0");
        assertEquals(List.of("<pad>", "<oov>", "aa"), vocab(d));
        d = load("text:t.csv?text=text&label=label&tokenizer=char&valFraction=0&padSide=post");
        List<String> v = vocab(d);
        assertEquals("a", v.get(2), "a is the most frequent character");
        assertTrue(v.contains(" "));
        assertEquals(17, d.input().shape()[0], "the 90% cover of lengths 17 and 5 is 17");
    }

    @Test
    void multipleTextColumnsNumericLabelsAndGzip() throws Exception {
        String content = "subject\tbody\tstars\nhi\tthere\t10\nyo\tfolks\t2\nhey\tyou\t2\nab\tcd\t10\n";
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("m.tsv.gz")))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        LoadedData d = load("text:m.tsv.gz?text=subject,body&label=stars&valFraction=0");
        assertEquals(List.of("2", "10"), d.classNames(), "numeric labels sort as numbers");
        assertEquals(List.of("hi", "there"), TextImporter.decode(d.train().features(), 0, 2, vocab(d)));
        assertEquals(1, d.train().label(0));
    }

    @Test
    void seededStratifiedSplitAndCaps() throws Exception {
        StringBuilder sb = new StringBuilder("text,label\n");
        for (int i = 0; i < 300; i++) {
            sb.append("w").append(i).append(',').append(i % 3 == 0 ? "a" : "b").append('\n');
        }
        write("s.csv", sb.toString());
        LoadedData d1 = load("text:s.csv?text=text&label=label&valFraction=0.2&seed=1");
        LoadedData d2 = load("text:s.csv?text=text&label=label&valFraction=0.2&seed=1");
        LoadedData d3 = load("text:s.csv?text=text&label=label&valFraction=0.2&seed=2");
        assertEquals(240, d1.train().size());
        assertEquals(60, d1.validation().size());
        assertEquals(20, count(d1.validation().labels(), 0), "a is a third of the rows: 100 * 0.2");
        assertArrayEquals(d1.validation().labels(), d2.validation().labels());
        assertEquals(vocab(d1), vocab(d2), "same seed, same split, same vocabulary");
        assertFalse(vocab(d1).equals(vocab(d3)), "another seed puts other rows in training");
        LoadedData capped = load("text:s.csv?text=text&label=label&valFraction=0.2&maxTrain=30&maxVal=9");
        assertEquals(30, capped.train().size());
        assertEquals(10, count(capped.train().labels(), 0), "capping keeps the class shares");
        assertEquals(9, capped.validation().size());
        assertTrue(capped.notes().stream().anyMatch(n -> n.contains("training capped at 30 of 240")));
        assertNull(capped.test());
    }

    private static int count(int[] a, int v) {
        int n = 0;
        for (int x : a) {
            n += x == v ? 1 : 0;
        }
        return n;
    }

    @Test
    void unknownLabelInValidationOrTestFile() throws Exception {
        write("train.csv", "text,label\na,x\nb,y\n");
        write("test.csv", "text,label\na,x\nc,z\n");
        DataException e = assertThrows(DataException.class,
                () -> load("text:train.csv?text=text&label=label&test=test.csv"));
        assertEquals(3, e.line());
        assertEquals("label", e.field());
        assertTrue(e.getMessage().contains("test.csv, line 3, column 'label'") && e.getMessage().contains("x, y"),
                e.getMessage());
        LoadedData d = load("text:train.csv?text=text&label=label&test=test.csv&skipBadRows=true&valFraction=0");
        assertEquals(1, d.test().size());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("skipped 1 bad row of") && n.contains("test.csv")),
                d.notes().toString());
    }

    @Test
    void malformedRowsAndMissingColumns() throws Exception {
        write("bad.csv", "text,label\na,x\nb,y,extra\nc,x\n\"d\"e,y\n,\nf,y\n");
        DataException e = assertThrows(DataException.class, () -> load("text:bad.csv?text=text&label=label"));
        assertTrue(e.getMessage().contains("bad.csv, line 3") && e.getMessage().contains("3 fields, expected 2"),
                e.getMessage());
        LoadedData d = load("text:bad.csv?text=text&label=label&skipBadRows=true&valFraction=0");
        assertEquals(3, d.train().size());
        assertTrue(d.notes().stream().anyMatch(n -> n.startsWith("skipped 3 bad rows")), d.notes().toString());
        e = assertThrows(DataException.class, () -> load("text:bad.csv?text=review&label=label"));
        assertTrue(e.getMessage().contains("column 'review'") && e.getMessage().contains("the header has: text, "
                + "label"), e.getMessage());
        e = assertThrows(DataException.class, () -> load("text:bad.csv?label=label"));
        assertTrue(e.getMessage().contains("text=<column>"), e.getMessage());
    }

    @Test
    void emptyMissingAndNonUtf8Files() throws Exception {
        write("empty.csv", "");
        DataException e = assertThrows(DataException.class, () -> load("text:empty.csv?text=t&label=l"));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(DataException.class, () -> load("text:nothere.csv?text=t&label=l"));
        assertTrue(e.getMessage().contains("nothere.csv") && e.getMessage().contains("not found"), e.getMessage());
        Files.write(dir.resolve("latin.csv"), "t,l\nna\u00efve,x\n".getBytes(StandardCharsets.ISO_8859_1));
        e = assertThrows(DataException.class, () -> load("text:latin.csv?text=t&label=l"));
        assertTrue(e.getMessage().contains("latin.csv, line 2") && e.getMessage().contains("UTF-8"), e.getMessage());
        write("one.csv", "t,l\na,x\nb,x\n");
        e = assertThrows(DataException.class, () -> load("text:one.csv?text=t&label=l"));
        assertTrue(e.getMessage().contains("at least two"), e.getMessage());
    }

    @Test
    void applyReusesTheSavedVocabulary() throws Exception {
        write("train.tsv", corpus());
        LoadedData trained = load("text:train.tsv?text=review&label=score&valFraction=0");
        write("new.tsv", "review\tscore\ngood novel\tpos\n");
        LoadedData fresh = DataLoader.apply(trained.preprocessing(), DataSpec.parse("text:new.tsv"), dir);
        assertEquals(0, fresh.train().size());
        assertEquals(1, fresh.test().size());
        assertEquals(trained.input(), fresh.input());
        float[] f = fresh.test().features();
        int len = trained.input().shape()[0];
        assertEquals(2f, f[len - 2], "good keeps id 2");
        assertEquals(1f, f[len - 1], "novel is OOV, not a new id");
        assertTrue(fresh.notes().get(0).contains("OOV rate 50.00%"), fresh.notes().toString());
        write("new2.tsv", "review\tscore\ngood\tmeh\n");
        DataException e = assertThrows(DataException.class,
                () -> DataLoader.apply(trained.preprocessing(), DataSpec.parse("text:new2.tsv"), dir));
        assertTrue(e.getMessage().contains("meh"), e.getMessage());
        assertThrows(DataException.class,
                () -> DataLoader.apply(trained.preprocessing(), DataSpec.parse("series:new2.tsv?target=x"), dir));
    }

    @Test
    void aRealProductReviewTsvWithStrayQuotesLoadsWithQuotesAsData() throws Exception {
        Path real = Path.of(TextImporterTest.class.getResource("/data/amazon-reviews/amazon_cells_labelled.txt")
                .toURI());
        String spec = "text:" + real + "?delimiter=tab&columns=sentence,label&text=sentence&label=label"
                + "&valFraction=0&padSide=post&lowercase=false";
        LoadedData d = DataLoader.load(DataSpec.parse(spec));
        assertEquals(60, d.train().size(), "every line of the excerpt is a sample");
        assertEquals(List.of("0", "1"), d.classNames());
        List<String> v = vocab(d);
        assertTrue(v.contains("\""), "quote marks are tokens like other punctuation");
        // Line 725 opens a quote it never closes; with the TSV convention that changes nothing around it.
        int row = -1;
        for (int k = 0; k < d.train().size(); k++) {
            List<String> t = TextImporter.decode(d.train().features(), k * d.input().shape()[0], d.input().shape()[0],
                    v);
            if (t.size() > 3 && t.subList(0, 4).equals(List.of("In", "the", "span", "of"))) {
                row = k;
                assertTrue(t.contains("\"") && t.contains("Whoa"), t.toString());
            }
        }
        assertTrue(row >= 0, "the review with the unbalanced quote is a sample of its own");
        assertEquals(1, d.train().label(row));
    }

    @Test
    void tsvReviewsBeginningWithAQuotedNameLoadUnlessRfc4180QuotingIsChosen() throws Exception {
        write("r.tsv", "review\tscore\n\"Lavazza Italian Coffee\" is the best\t5\nburnt \"beans\"\t1\n");
        LoadedData d = load("text:r.tsv?text=review&label=score&valFraction=0&padSide=post&lowercase=false");
        assertEquals(List.of("\"", "Lavazza", "Italian", "Coffee", "\"", "is", "the", "best"),
                TextImporter.decode(d.train().features(), 0, d.input().shape()[0], vocab(d)));
        DataException e = assertThrows(DataException.class,
                () -> load("text:r.tsv?text=review&label=score&quote=rfc4180"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("unexpected ' ' after the closing quote of field 1")
                && e.getMessage().contains("quote=rfc4180"), e.getMessage());
        write("q.csv", "review,score\n\"Lavazza\" is the best,5\nburnt,1\n");
        e = assertThrows(DataException.class, () -> load("text:q.csv?text=review&label=score"));
        assertTrue(e.getMessage().contains("the default for CSV); quote=none reads quote marks as data"),
                e.getMessage());
        assertEquals(2, load("text:q.csv?text=review&label=score&quote=none&valFraction=0").train().size());
    }

    @Test
    void missingValueLabelsAreRefusedLikePandasReadsThem() throws Exception {
        write("t.csv", "text,label\na,x\nb,y\nc,NaN\nd,null\n");
        DataException e = assertThrows(DataException.class, () -> load("text:t.csv?text=text&label=label"));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("label 'NaN' marks a missing value"), e.getMessage());
        LoadedData d = load("text:t.csv?text=text&label=label&skipBadRows=true&valFraction=0");
        assertEquals(2, d.train().size());
        assertTrue(d.notes().stream().anyMatch(n -> n.startsWith("skipped 2 bad rows")), d.notes().toString());
    }
}
