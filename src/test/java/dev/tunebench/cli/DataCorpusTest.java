package dev.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of malformed data and its valid neighbours, for every reader and option, run through the CLI as a user
 * would: {@code inspect --data <spec>} (and {@code train} for some). Each bad input exits 2 with exactly one line
 * on stderr naming the file (and line or column where there is one), no stack trace and nothing written; each
 * valid neighbour exits 0.
 */
class DataCorpusTest {

    /** Writes the files of one case into a folder. */
    interface Setup {
        void write(Path dir) throws Exception;
    }

    /**
     * One input.
     *
     * @param name   what it is
     * @param setup  writes its files
     * @param spec   the data spec; {@code {dir}} stands for the case's folder
     * @param exit   0 (valid) or 2 (refused)
     * @param expect substrings of the error line (refused) or of the inspection (valid); {@code {dir}} as in spec
     */
    record Case(String name, Setup setup, String spec, int exit, List<String> expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case bad(String name, Setup setup, String spec, String... expect) {
        return new Case(name, setup, spec, 2, List.of(expect));
    }

    private static Case ok(String name, Setup setup, String spec, String... expect) {
        return new Case(name, setup, spec, 0, List.of(expect));
    }

    // ---- files ----

    private static final String REVIEWS_CSV = "review,label\n\"good, really\",pos\nbad,neg\nfine,pos\nawful,neg\n"
            + "nice,pos\npoor,neg\ngreat,pos\nmeh,neg\n";
    private static final String UNQUOTED_CSV = REVIEWS_CSV.replace("\"good, really\"", "good");
    private static final String REVIEWS_TSV = "review\tlabel\n\"Lavazza Italian Coffee\" is the best\tpos\n"
            + "awful \"coffee\"\tneg\nfine\tpos\nbad\tneg\nnice\tpos\npoor\tneg\ngreat\tpos\nmeh\tneg\n";

    private static Setup text(String name, String content) {
        return dir -> Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static Setup bytes(String name, byte[] content) {
        return dir -> Files.write(dir.resolve(name), content);
    }

    private static Setup reviewsWith(String extraRows) {
        return text("r.csv", REVIEWS_CSV + extraRows);
    }

    private static String series(String cell) {
        StringBuilder sb = new StringBuilder("t,y\n");
        for (int i = 0; i < 60; i++) {
            sb.append(i).append(',').append(i == 40 ? cell : String.valueOf(i % 7)).append('\n');
        }
        return sb.toString();
    }

    private static Setup seriesWith(String cell) {
        String s = series(cell);
        return text("s.csv", cell.contains(",") ? s.replace("40," + cell, "40,\"" + cell + "\"") : s);
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bo)) {
            out.write(b);
        }
        return bo.toByteArray();
    }

    private static byte[] gz(String s) {
        try {
            return gzip(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] damaged(byte[] b, int fromEnd) {
        byte[] c = b.clone();
        c[c.length - fromEnd] ^= 1;
        return c;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] zip(String entry, String content) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bo)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(content.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return bo.toByteArray();
    }

    /** IDX images of n x h x w (image i filled with i), with extra bytes appended. */
    static byte[] idxImages(int n, int h, int w, int extra) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bo);
        out.writeInt(0x803);
        out.writeInt(n);
        out.writeInt(h);
        out.writeInt(w);
        for (int i = 0; i < n * h * w + extra; i++) {
            out.write(i / Math.max(1, h * w));
        }
        return bo.toByteArray();
    }

    static byte[] idxLabels(int n, int classes, int extra) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bo);
        out.writeInt(0x801);
        out.writeInt(n);
        for (int i = 0; i < n + extra; i++) {
            out.write(i % classes);
        }
        return bo.toByteArray();
    }

    private static Setup idx(byte[] images, byte[] labels, boolean gzip) {
        return dir -> {
            Files.write(dir.resolve(gzip ? "i.gz" : "i.idx"), gzip ? gzip(images) : images);
            Files.write(dir.resolve(gzip ? "l.gz" : "l.idx"), gzip ? gzip(labels) : labels);
        };
    }

    static void png(Path p, int w, int h, int rgb) throws IOException {
        Files.createDirectories(p.getParent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ImageIO.write(img, "png", p.toFile());
    }

    /** Folder p with classes cat and dog, four 4x4 images each. */
    private static Setup photos(Setup more) {
        return dir -> {
            for (int i = 0; i < 4; i++) {
                png(dir.resolve("p/cat/c" + i + ".png"), 4, 4, 0x303030);
                png(dir.resolve("p/dog/d" + i + ".png"), 4, 4, 0xd0d0d0);
            }
            more.write(dir);
        };
    }

    private static Setup both(Setup a, Setup b) {
        return dir -> {
            a.write(dir);
            b.write(dir);
        };
    }

    private static void fifo(Path p) throws Exception {
        Process pr = new ProcessBuilder("mkfifo", p.toString()).start();
        Assumptions.assumeTrue(pr.waitFor() == 0, "mkfifo is available");
    }

    static Stream<Case> corpus() throws Exception {
        String r = "text:{dir}/r.csv?text=review&label=label";
        String rt = "text:{dir}/r.tsv?text=review&label=label";
        String s = "series:{dir}/s.csv?target=y&window=3";
        String i = "idx:{dir}/i.idx,{dir}/l.idx?valFraction=0.25";
        String ig = "idx:{dir}/i.gz,{dir}/l.gz?valFraction=0.25";
        String p = "images:{dir}/p?valFraction=0.25";
        byte[] reviewsGz = gz(REVIEWS_CSV);
        List<Case> c = new ArrayList<>(List.of(
                // ---- text: quoting conventions ----
                ok("tsv: a review that begins with a quoted product name", text("r.tsv", REVIEWS_TSV), rt,
                        "\"train\": 6"),
                bad("tsv with quote=rfc4180: the same review", text("r.tsv", REVIEWS_TSV), rt + "&quote=rfc4180",
                        "{dir}/r.tsv, line 2: malformed row", "after the closing quote", "quote=rfc4180"),
                ok("tsv with quote=rfc4180: a quoted field with a tab", text("r.tsv", "review\tlabel\n\"a\tb\"\tpos\n"
                        + "c\tneg\nd\tpos\ne\tneg\n"), rt + "&quote=rfc4180&valFraction=0", "\"train\": 4"),
                bad("tsv: a quoted field with a tab, without quote=rfc4180", text("r.tsv", "review\tlabel\n"
                        + "\"a\tb\"\tpos\nc\tneg\n"), rt, "{dir}/r.tsv, line 2: 3 fields, expected 2",
                        "quote=rfc4180"),
                bad("csv: a quote never closed", text("r.csv", UNQUOTED_CSV + "\"open,pos\n"), r,
                        "{dir}/r.csv, line 10", "never closed", "quote=none"),
                ok("csv with quote=none: the same file", text("r.csv", UNQUOTED_CSV + "\"open,pos\n"),
                        r + "&quote=none"),
                ok("a real product-review TSV with stray quote marks (Amazon reviews, from wink-sentiment)",
                        dir -> Files.copy(Path.of(DataCorpusTest.class.getResource(
                                "/data/amazon-reviews/amazon_cells_labelled.txt").toURI()),
                                dir.resolve("amazon_cells_labelled.txt")),
                        "text:{dir}/amazon_cells_labelled.txt?delimiter=tab&columns=sentence,label&text=sentence"
                                + "&label=label", "\"train\": 53", "\"validation\": 7"),
                bad("csv: text after a closing quote", reviewsWith("\"x\"y,pos\n"), r, "{dir}/r.csv, line 10",
                        "after the closing quote"),
                bad("quote option: unknown value", reviewsWith(""), r + "&quote=single", "quote='single'",
                        "rfc4180, none"),
                // ---- text: structure ----
                bad("empty file", text("r.csv", ""), r, "{dir}/r.csv: file is empty"),
                bad("only blank lines", text("r.csv", "\n\n\r\n"), r, "{dir}/r.csv: file is empty"),
                bad("header only", text("r.csv", "review,label\n"), r, "{dir}/r.csv: has a header but no data"),
                bad("a row with too many fields", reviewsWith("a,pos,extra\n"), r, "{dir}/r.csv, line 10",
                        "3 fields, expected 2"),
                ok("the same with skipBadRows=true", reviewsWith("a,pos,extra\n"), r + "&skipBadRows=true",
                        "skipped 1 bad row"),
                bad("duplicate column names", text("r.csv", "review,label,review\na,pos,b\nc,neg,d\n"), r,
                        "{dir}/r.csv, line 1, column 'review': duplicate column name"),
                bad("no such column", reviewsWith(""), "text:{dir}/r.csv?text=body&label=label",
                        "{dir}/r.csv, line 1, column 'body': no such column", "review, label"),
                bad("a single class", text("r.csv", "review,label\na,pos\nb,pos\nc,pos\n"), r,
                        "{dir}/r.csv, column 'label': only one label ([pos])"),
                bad("a missing-value marker as a label", reviewsWith("x,NA\n"), r, "{dir}/r.csv, line 10, column "
                        + "'label': label 'NA' marks a missing value"),
                bad("an empty label", reviewsWith("x,\n"), r, "{dir}/r.csv, line 10, column 'label': label is empty"),
                bad("a test file with an unknown label", both(reviewsWith(""), text("t.csv", "review,label\na,pos\n"
                        + "b,maybe\n")), r + "&test={dir}/t.csv", "{dir}/t.csv, line 3, column 'label'",
                        "does not occur in the training data"),
                ok("no header line, named by columns=", text("r.csv", REVIEWS_CSV.substring(REVIEWS_CSV.indexOf('\n')
                        + 1)), r + "&columns=review,label", "\"train\": 6"),
                bad("columns= naming a column twice", reviewsWith(""), r + "&columns=review,review",
                        "option columns: 'review' is given twice"),
                ok("BOM, CRLF, blank lines and no final newline", bytes("r.csv", ("\uFEFF" + REVIEWS_CSV
                        .replace("\n", "\r\n").replace("bad,neg\r\n", "bad,neg\r\n\r\n")).strip()
                        .getBytes(StandardCharsets.UTF_8)), r, "\"name\": \"review\""),
                // ---- text: encoding ----
                bad("Latin-1 text", bytes("r.csv", (REVIEWS_CSV + "caf\u00e9,pos\n").getBytes(
                        StandardCharsets.ISO_8859_1)), r, "{dir}/r.csv, line 10: byte 0xE9 at byte 4 of the line",
                        "not valid UTF-8"),
                bad("a NUL byte", reviewsWith("a\u0000b,pos\n"), r, "{dir}/r.csv, line 10: NUL byte at byte 2"),
                bad("UTF-16 with a byte-order mark", bytes("r.csv", REVIEWS_CSV.getBytes(StandardCharsets.UTF_16)), r,
                        "{dir}/r.csv: is UTF-16 text"),
                bad("UTF-16 without a byte-order mark", bytes("r.csv", REVIEWS_CSV.getBytes(
                        StandardCharsets.UTF_16LE)), r, "{dir}/r.csv, line 1: NUL byte", "UTF-16"),
                // ---- compression ----
                ok("gzip", bytes("r.csv.gz", reviewsGz), "text:{dir}/r.csv.gz?text=review&label=label"),
                ok("gzip data in a file named .csv: read, and said so", bytes("r.csv", reviewsGz), r,
                        "holds gzip-compressed data although its name does not end in .gz"),
                ok("plain data in a file named .gz: read, and said so", text("r.csv.gz", REVIEWS_CSV),
                        "text:{dir}/r.csv.gz?text=review&label=label", "is not gzip-compressed"),
                bad("gzip with a wrong CRC", bytes("r.csv.gz", damaged(reviewsGz, 8)),
                        "text:{dir}/r.csv.gz?text=review&label=label", "{dir}/r.csv.gz: corrupt gzip data: the CRC-32"),
                bad("gzip with a wrong length trailer", bytes("r.csv.gz", damaged(reviewsGz, 2)),
                        "text:{dir}/r.csv.gz?text=review&label=label", "{dir}/r.csv.gz: corrupt gzip data: the length"),
                bad("truncated gzip", bytes("r.csv.gz", java.util.Arrays.copyOf(reviewsGz, reviewsGz.length - 5)),
                        "text:{dir}/r.csv.gz?text=review&label=label", "{dir}/r.csv.gz: truncated gzip data"),
                bad("gzip cut in half", bytes("r.csv.gz", java.util.Arrays.copyOf(reviewsGz, reviewsGz.length / 2)),
                        "text:{dir}/r.csv.gz?text=review&label=label", "{dir}/r.csv.gz: truncated gzip data"),
                bad("bytes after the gzip data", bytes("r.csv.gz", concat(reviewsGz, new byte[] {0, 0, 0})),
                        "text:{dir}/r.csv.gz?text=review&label=label", "{dir}/r.csv.gz: 3 bytes after the end"),
                bad("a zip archive named .csv", bytes("r.csv", zip("r.csv", REVIEWS_CSV)), r,
                        "{dir}/r.csv: is a zip archive"),
                bad("bzip2 data", bytes("r.csv", "BZh91AY&SY".getBytes(StandardCharsets.US_ASCII)), r,
                        "{dir}/r.csv: is bzip2-compressed"),
                // ---- paths that are not regular files ----
                bad("a missing file", dir -> { }, r, "{dir}/r.csv: file not found"),
                bad("a folder", dir -> Files.createDirectories(dir.resolve("r.csv")), r, "{dir}/r.csv: is a folder"),
                bad("a device", dir -> { }, "text:/dev/zero?text=review&label=label",
                        "/dev/zero: is a character device, not a regular file"),
                bad("a link to a device", dir -> Files.createSymbolicLink(dir.resolve("r.csv"), Path.of("/dev/zero")),
                        r, "{dir}/r.csv: is a link to /dev/zero, a character device"),
                bad("a FIFO", dir -> fifo(dir.resolve("r.csv")), r, "{dir}/r.csv: is a named pipe (FIFO)"),
                bad("a dangling link", dir -> Files.createSymbolicLink(dir.resolve("r.csv"), dir.resolve("gone.csv")),
                        r, "{dir}/r.csv: is a dangling symbolic link"),
                bad("a link loop", dir -> {
                    Files.createSymbolicLink(dir.resolve("r.csv"), dir.resolve("q.csv"));
                    Files.createSymbolicLink(dir.resolve("q.csv"), dir.resolve("r.csv"));
                }, r, "{dir}/r.csv: is a symbolic link that cannot be followed"),
                // ---- the spec string ----
                bad("an empty text=", reviewsWith(""), "text:{dir}/r.csv?text=&label=label",
                        "option text has an empty value"),
                bad("an empty tokenizer=", reviewsWith(""), r + "&tokenizer=", "option tokenizer has an empty value"),
                bad("an option in the wrong case", reviewsWith(""), "text:{dir}/r.csv?Text=review&label=label",
                        "unknown option 'Text' (did you mean text?)"),
                bad("an option given twice", reviewsWith(""), r + "&label=label", "option 'label' given twice"),
                bad("an option without =", reviewsWith(""), r + "&lowercase", "must be written name=value"),
                bad("a bad percent escape", reviewsWith(""), "text:{dir}/r%zz.csv?text=review&label=label",
                        "is not a percent escape"),
                bad("an unknown format", reviewsWith(""), "csv:{dir}/r.csv", "unknown format 'csv'"),
                bad("no path", reviewsWith(""), "text:?text=review", "path missing"),
                bad("no format", reviewsWith(""), "{dir}/r.csv", "expected format:path"),
                bad("a Java float as valFraction", reviewsWith(""), r + "&valFraction=0.2d",
                        "valFraction='0.2d' is not a number"),
                bad("valFraction out of range", reviewsWith(""), r + "&valFraction=1.5", "must be in [0, 1.0)"),
                bad("an unknown tokenizer", reviewsWith(""), r + "&tokenizer=bpe", "allowed: word, char"),
                bad("an unknown delimiter", reviewsWith(""), r + "&delimiter=pipe", "allowed: comma, tab, semicolon"),
                bad("maxTrain=0.5", reviewsWith(""), r + "&maxTrain=0.5", "is not a whole number"),
                bad("a padLength that cannot fit in memory", reviewsWith(""), r + "&padLength=2000000000",
                        "{dir}/r.csv: the 8 samples of 2000000000 token ids would need about", "lower padLength"),
                // ---- series: numbers as pandas reads them ----
                ok("numbers pandas reads: 1e5, +1.5, spaces, .5, 5.", text("s.csv", series("1")
                        .replace("\n3,3\n", "\n3,1e5\n").replace("\n4,4\n", "\n4,+1.5\n")
                        .replace("\n5,5\n", "\n5, 1.5 \n").replace("\n8,1\n", "\n8,.5\n")
                        .replace("\n9,2\n", "\n9,5.\n")), s, "\"train\""),
                bad("2.5d", seriesWith("2.5d"), s, "{dir}/s.csv, line 42, column 'y': '2.5d' is not a number",
                        "type suffix d"),
                bad("1f", seriesWith("1f"), s, "{dir}/s.csv, line 42, column 'y': '1f' is not a number"),
                bad("a hex float", seriesWith("0x1p3"), s, "{dir}/s.csv, line 42, column 'y': '0x1p3' is not",
                        "hexadecimal"),
                bad("a decimal comma", seriesWith("1,5"), s, "{dir}/s.csv, line 42, column 'y': '1,5' is not",
                        "decimal comma"),
                bad("inf", seriesWith("inf"), s, "{dir}/s.csv, line 42, column 'y': 'inf' is infinite"),
                bad("-inf", seriesWith("-inf"), s, "'-inf' is infinite"),
                bad("NaN", seriesWith("NaN"), s, "{dir}/s.csv, line 42, column 'y': 'NaN' marks a missing value"),
                bad("NA", seriesWith("NA"), s, "'NA' marks a missing value"),
                bad("an empty cell", seriesWith(""), s, "{dir}/s.csv, line 42, column 'y': empty cell"),
                bad("beyond a double", seriesWith("1e400"), s, "'1e400' is beyond the range"),
                ok("a missing value skipped", seriesWith("NaN"), s + "&skipBadRows=true", "skipped 1 bad row",
                        "gap in time"),
                bad("a series target that is not a column", seriesWith("1"), "series:{dir}/s.csv?target=z",
                        "{dir}/s.csv, line 1, column 'z': no such column"),
                bad("too few rows", text("s.csv", "t,y\n1,2\n2,3\n"), s, "{dir}/s.csv: only 2 training rows"),
                bad("window=0", seriesWith("1"), "series:{dir}/s.csv?target=y&window=0", "must be at least 1"),
                bad("an empty target=", seriesWith("1"), "series:{dir}/s.csv?target=",
                        "option target has an empty value"),
                bad("a NUL byte in a series file", text("s.csv", series("1").replace("\n7,0\n", "\n7,\u00000\n")), s,
                        "{dir}/s.csv, line 9: NUL byte"),
                bad("a series gzip with a wrong CRC", bytes("s.csv.gz", damaged(gz(series("1")), 8)),
                        "series:{dir}/s.csv.gz?target=y", "{dir}/s.csv.gz: corrupt gzip data"),
                // ---- IDX ----
                ok("IDX plain", idx(idxImages(8, 2, 3, 0), idxLabels(8, 2, 0), false), i, "\"kind\": \"IMAGE\""),
                ok("IDX gzip", idx(idxImages(8, 2, 3, 0), idxLabels(8, 2, 0), true), ig, "\"kind\": \"IMAGE\""),
                bad("IDX images with bytes after the last item", idx(idxImages(8, 2, 3, 5), idxLabels(8, 2, 0),
                        false), i, "{dir}/i.idx: 5 bytes after the last item"),
                bad("IDX labels with bytes after the last item (gzip)", idx(idxImages(8, 2, 3, 0), idxLabels(8, 2, 1),
                        true), ig, "{dir}/l.gz: 1 byte after the last item"),
                bad("IDX truncated", dir -> {
                    byte[] im = idxImages(8, 2, 3, 0);
                    Files.write(dir.resolve("i.idx"), java.util.Arrays.copyOf(im, im.length - 4));
                    Files.write(dir.resolve("l.idx"), idxLabels(8, 2, 0));
                }, i, "{dir}/i.idx: truncated"),
                bad("IDX with a zero dimension", idx(idxImages(8, 0, 3, 0), idxLabels(8, 2, 0), false), i,
                        "{dir}/i.idx: IDX dimension 2 is 0"),
                bad("IDX with no items", idx(idxImages(0, 2, 3, 0), idxLabels(0, 2, 0), false), i,
                        "{dir}/i.idx: has no items"),
                bad("IDX with a single class", idx(idxImages(8, 2, 3, 0), idxLabels(8, 1, 0), false), i,
                        "{dir}/l.idx: every one of the 8 labels is 0", "at least two classes"),
                bad("IDX counts that differ", idx(idxImages(8, 2, 3, 0), idxLabels(7, 2, 0), false), i,
                        "{dir}/l.idx: 7 labels for 8 images"),
                bad("IDX labels given as images", idx(idxLabels(8, 2, 0), idxLabels(8, 2, 0), false), i,
                        "{dir}/i.idx: IDX image file must have 3 dimensions", "labels file?"),
                bad("IDX gzip with a wrong CRC", dir -> {
                    Files.write(dir.resolve("i.gz"), damaged(gzip(idxImages(8, 2, 3, 0)), 8));
                    Files.write(dir.resolve("l.gz"), gzip(idxLabels(8, 2, 0)));
                }, ig, "{dir}/i.gz: corrupt gzip data: the CRC-32"),
                bad("IDX gzip truncated", dir -> {
                    byte[] g = gzip(idxImages(8, 2, 3, 0));
                    Files.write(dir.resolve("i.gz"), java.util.Arrays.copyOf(g, g.length - 6));
                    Files.write(dir.resolve("l.gz"), gzip(idxLabels(8, 2, 0)));
                }, ig, "{dir}/i.gz: truncated gzip data"),
                bad("IDX announcing more pixels than can be read", idx(new byte[] {0, 0, 8, 3, 0x7f, 0, 0, 0, 0, 0, 1,
                        0, 0, 0, 1, 0}, idxLabels(8, 2, 0), false), i, "{dir}/i.idx: too large"),
                bad("not an IDX file", idx("hello world, this is text".getBytes(StandardCharsets.US_ASCII),
                        idxLabels(8, 2, 0), false), i, "{dir}/i.idx: not an IDX file"),
                bad("IDX: one file only", idx(idxImages(8, 2, 3, 0), idxLabels(8, 2, 0), false),
                        "idx:{dir}/i.idx", "must be two files"),
                // ---- image folders ----
                ok("an image folder", photos(dir -> { }), p, "\"names\""),
                bad("a class folder with no images", photos(dir -> Files.createDirectories(dir.resolve("p/bird"))),
                        p, "{dir}/p/bird: class folder 'bird' has no images"),
                bad("a single class folder", dir -> png(dir.resolve("p/cat/a.png"), 4, 4, 0), p,
                        "{dir}/p: has only one class folder (cat)"),
                ok("sub-folders inside a class folder: listed as ignored", photos(dir -> png(dir.resolve(
                        "p/cat/more/x.png"), 4, 4, 0)), p, "ignored 1 sub-folder inside the class folders"),
                ok("a file beside the class folders: listed as ignored", photos(text("p/labels.txt", "x")), p,
                        "ignored 1 file beside the class folders"),
                bad("class folders one level down", both(photos(dir -> { }), dir -> {
                    Files.move(dir.resolve("p"), dir.resolve("q"));
                    Files.createDirectories(dir.resolve("p/train"));
                    Files.createDirectories(dir.resolve("p/val"));
                    Files.move(dir.resolve("q"), dir.resolve("p/train/x"));
                }), p, "class folder 'train' has no images", "sub-folders (x)", "one level down"),
                bad("a dangling link to an image", photos(dir -> Files.createSymbolicLink(dir.resolve("p/cat/z.png"),
                        dir.resolve("nowhere.png"))), p, "{dir}/p/cat/z.png: is a dangling symbolic link"),
                ok("the same with skipBadRows=true", photos(dir -> Files.createSymbolicLink(dir.resolve(
                        "p/cat/z.png"), dir.resolve("nowhere.png"))), p + "&skipBadRows=true", "skipped 1 bad image"),
                bad("an image link that loops", photos(dir -> Files.createSymbolicLink(dir.resolve("p/cat/z.png"),
                        dir.resolve("p/cat/z.png"))), p, "{dir}/p/cat/z.png: is a symbolic link that cannot be"),
                bad("a class folder that links back to its parent", photos(dir -> Files.createSymbolicLink(
                        dir.resolve("p/loop"), dir.resolve("p"))), p, "{dir}/p/loop: is a symbolic link back to",
                        "a link loop"),
                bad("a dangling class-folder link", photos(dir -> Files.createSymbolicLink(dir.resolve("p/bird"),
                        dir.resolve("birds"))), p, "{dir}/p/bird: is a dangling symbolic link"),
                bad("an image that is not one", photos(text("p/dog/x.png", "not a png")), p,
                        "{dir}/p/dog/x.png: cannot be decoded as an image"),
                bad("a file given as the folder", text("p", "x"), p, "{dir}/p: is a file; expected a folder"),
                bad("size=0", photos(dir -> { }), p + "&size=0", "option size='0'")));
        return c.stream();
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(List<String> argv) {
        out.reset();
        err.reset();
        return new Cli().execute(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void inspectRefusesBadInputWithOneLineAndReadsItsNeighbours(Case c, @TempDir Path dir) throws Exception {
        c.setup().write(dir);
        Map<String, Long> before = tree(dir);
        String spec = c.spec().replace("{dir}", dir.toString());
        int code = run(List.of("inspect", "--data", spec, "--preview", "1"));
        String errText = err.toString(StandardCharsets.UTF_8);
        String outText = out.toString(StandardCharsets.UTF_8);
        assertEquals(c.exit(), code, c.name() + ": " + errText + outText);
        if (c.exit() == 2) {
            assertEquals(1, errText.lines().count(), errText);
            assertTrue(errText.startsWith("tunebench inspect: "), errText);
            assertFalse(errText.contains("Exception") || errText.contains("\tat ") || errText.contains("Error"),
                    errText);
            assertEquals("", outText);
        } else {
            assertEquals("", errText);
        }
        for (String e : c.expect()) {
            String want = e.replace("{dir}", dir.toString());
            assertTrue((c.exit() == 2 ? errText : outText).contains(want), "expected '" + want + "' in: " + errText
                    + outText);
        }
        assertEquals(before, tree(dir), "nothing written beside the data");
    }

    /** The bad inputs of each reader, through {@code train}: exit 2, one line, no run folder, nothing written. */
    @Test
    void trainRefusesBadDataBeforeItCreatesTheRunFolder(@TempDir Path dir) throws Exception {
        List<String[]> cases = List.of(
                new String[] {"text:{dir}/r.tsv?text=review&label=label&quote=rfc4180", "r.tsv, line 2"},
                new String[] {"series:{dir}/s.csv?target=y&window=3", "s.csv, line 42, column 'y': '2.5d'"},
                new String[] {"idx:{dir}/i.idx,{dir}/l.idx", "i.idx: 5 bytes after the last item"},
                new String[] {"images:{dir}/p", "p/bird: class folder 'bird' has no images"});
        Files.writeString(dir.resolve("r.tsv"), REVIEWS_TSV);
        Files.writeString(dir.resolve("s.csv"), series("2.5d"));
        Files.write(dir.resolve("i.idx"), idxImages(8, 2, 3, 5));
        Files.write(dir.resolve("l.idx"), idxLabels(8, 2, 0));
        photos(d -> Files.createDirectories(d.resolve("p/bird"))).write(dir);
        Map<String, Long> before = tree(dir);
        for (String[] c : cases) {
            Path runDir = dir.resolve("run");
            int code = run(List.of("train", "--preset", "cnn-digits", "--data", c[0].replace("{dir}", dir.toString()),
                    "--epochs", "1", "--max-batches", "1", "--out", runDir.toString(), "--no-progress"));
            String errText = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, code, errText);
            assertEquals(1, errText.lines().count(), errText);
            assertTrue(errText.startsWith("tunebench train: ") && errText.contains(c[1]), errText);
            assertFalse(Files.exists(runDir), "no run folder for data that cannot be read");
            assertEquals(before, tree(dir));
        }
    }

    /** A valid neighbour of each reader trains one batch on the real engine and writes only its run folder. */
    @Test
    @Tag("djl")
    void trainReadsTheValidNeighbours(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("r.tsv"), REVIEWS_TSV);
        Files.writeString(dir.resolve("s.csv"), series("+1.5"));
        Files.write(dir.resolve("i.idx"), idxImages(16, 8, 8, 0));
        Files.write(dir.resolve("l.idx"), idxLabels(16, 2, 0));
        List<String[]> cases = List.of(
                new String[] {"gru-text", "text:{dir}/r.tsv?text=review&label=label&valFraction=0.25"},
                new String[] {"gru-series", "series:{dir}/s.csv?target=y&window=5"},
                new String[] {"cnn-digits", "idx:{dir}/i.idx,{dir}/l.idx?valFraction=0.25"});
        Map<String, Long> before = tree(dir);
        int k = 0;
        for (String[] c : cases) {
            Path runDir = dir.resolve("runs/run" + k++);
            int code = run(List.of("train", "--preset", c[0], "--data", c[1].replace("{dir}", dir.toString()),
                    "--epochs", "1", "--max-batches", "1", "--out", runDir.toString(), "--no-progress"));
            assertEquals(0, code, c[1] + ": " + err.toString(StandardCharsets.UTF_8));
            assertTrue(Files.isRegularFile(runDir.resolve("summary.json")));
            Map<String, Long> after = tree(dir);
            after.keySet().removeIf(name -> name.startsWith("runs"));
            assertEquals(before, after, "only the run folder is written");
        }
    }

    /** Returns every path under dir with its size (and -1 for folders), following no links. */
    static Map<String, Long> tree(Path dir) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = dir.relativize(p).toString();
                long size = Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? Files.size(p)
                        : Files.isSymbolicLink(p) ? -2 : -1;
                m.put(rel, size);
            }
        }
        return m;
    }
}
