package dev.tunebench.engine.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tunebench.engine.config.Task;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** IDX (MNIST format) image and label files, gzip or plain: unsigned bytes scaled to 0..1. */
final class IdxImporter {
    private IdxImporter() {
    }

    /** Images as unsigned bytes, {@code count} of {@code height x width}. */
    record Images(String file, int count, int height, int width, byte[] pixels) {
    }

    /** Reads an IDX file of unsigned bytes with 1 (labels) or 3 (images) dimensions, in one bulk read. */
    static int[] readHeader(DataInputStream in, String file) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new DataException(file, 0, null, "file is empty; expected an IDX file (MNIST format)");
        }
        if ((magic >>> 16) != 0) {
            throw new DataException(file, 0, null, String.format("not an IDX file: magic number 0x%08X; expected "
                    + "0x00000801 (labels) or 0x00000803 (images), gzip or plain", magic));
        }
        int type = (magic >>> 8) & 0xff;
        if (type != 0x08) {
            throw new DataException(file, 0, null, String.format("IDX element type 0x%02X is not supported; "
                    + "allowed: 0x08 (unsigned byte)", type));
        }
        int dims = magic & 0xff;
        if (dims == 0) {
            throw new DataException(file, 0, null, "IDX header has no dimensions; expected 1 (labels) or 3 (images)");
        }
        int[] d = new int[dims];
        for (int i = 0; i < dims; i++) {
            try {
                d[i] = in.readInt();
            } catch (EOFException e) {
                throw new DataException(file, 0, null, "truncated: the file ends inside the IDX header");
            }
            if (d[i] < 0) {
                throw new DataException(file, 0, null, "IDX dimension " + (i + 1) + " is negative");
            }
        }
        if (d[0] == 0) {
            throw new DataException(file, 0, null, "has no items: the IDX header announces 0 " + (dims == 1 ? "labels"
                    : "images"));
        }
        for (int i = 1; i < dims; i++) {
            if (d[i] == 0) {
                throw new DataException(file, 0, null, "IDX dimension " + (i + 1) + " is 0: each item would be "
                        + "empty");
            }
        }
        return d;
    }

    static Images readImages(Source src) {
        try (DataInputStream in = new DataInputStream(src.open())) {
            int[] d = readHeader(in, src.name());
            if (d.length != 3) {
                throw new DataException(src.name(), 0, null, "IDX image file must have 3 dimensions (count, height, "
                        + "width); this one has " + d.length + (d.length == 1 ? " (is it the labels file?)" : ""));
            }
            long total = (long) d[0] * d[1] * d[2];
            if (total > Integer.MAX_VALUE - 8) {
                throw new DataException(src.name(), 0, null, "too large: the header announces " + total + " pixels; "
                        + "at most " + (Integer.MAX_VALUE - 8) + " are read");
            }
            checkPlainSize(src, 16 + total);
            // The bytes, and later the floats of the kept samples: refuse before reading what cannot fit.
            Memory.require(src.name(), "the " + d[0] + " images of " + d[1] + "x" + d[2], total * 5,
                    Memory.capAdvice());
            byte[] px = new byte[(int) total];
            readFully(in, px, src.name(), "images");
            expectEnd(in, src.name(), d[0] + " images");
            return new Images(src.name(), d[0], d[1], d[2], px);
        } catch (IOException e) {
            throw new DataException(src.name(), 0, null, "cannot read: " + e.getMessage());
        }
    }

    static int[] readLabels(Source src) {
        try (DataInputStream in = new DataInputStream(src.open())) {
            int[] d = readHeader(in, src.name());
            if (d.length != 1) {
                throw new DataException(src.name(), 0, null, "IDX label file must have 1 dimension; this one has "
                        + d.length + (d.length == 3 ? " (is it the images file?)" : ""));
            }
            checkPlainSize(src, 8 + (long) d[0]);
            Memory.require(src.name(), "the " + d[0] + " labels", d[0] * 5L, Memory.capAdvice());
            byte[] b = new byte[d[0]];
            readFully(in, b, src.name(), "labels");
            expectEnd(in, src.name(), d[0] + " labels");
            int[] out = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                out[i] = b[i] & 0xff;
            }
            return out;
        } catch (IOException e) {
            throw new DataException(src.name(), 0, null, "cannot read: " + e.getMessage());
        }
    }

    /** Refuses an uncompressed file whose size is not what its header announces, before reading its items. */
    private static void checkPlainSize(Source src, long expected) {
        if (src.file() == null || src.compression() != Source.Compression.NONE) {
            return;
        }
        long size = src.size();
        if (size > expected) {
            throw new DataException(src.name(), 0, null, bytes(size - expected) + " after the last item: the "
                    + "header announces " + expected + " bytes in all but the file has " + size);
        }
        if (size < expected) {
            throw new DataException(src.name(), 0, null, "truncated: the header announces " + expected + " bytes "
                    + "in all but the file has " + size);
        }
    }

    private static String bytes(long n) {
        return n + (n == 1 ? " byte" : " bytes");
    }

    /** Reads on to the end (which also checks a gzip trailer) and refuses bytes after the last item. */
    private static void expectEnd(InputStream in, String file, String what) throws IOException {
        byte[] rest = new byte[8192];
        long extra = 0;
        for (int r = in.read(rest); r >= 0; r = in.read(rest)) {
            extra += r;
        }
        if (extra > 0) {
            throw new DataException(file, 0, null, bytes(extra) + " after the last item (the header announces "
                    + what + ")");
        }
    }

    private static void readFully(InputStream in, byte[] b, String file, String what) throws IOException {
        int off = 0;
        while (off < b.length) {
            int r = in.read(b, off, b.length - off);
            if (r < 0) {
                throw new DataException(file, 0, null, "truncated: the header announces " + b.length + " bytes of "
                        + what + " but the file ends after " + off);
            }
            off += r;
        }
    }

    /** Returns pixels of the given images scaled to 0..1, row-major [n, 1, h, w]. */
    static float[] toFloats(Images im, int[] idx) {
        int size = im.height() * im.width();
        float[] lut = new float[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = v / 255f;
        }
        float[] f = new float[idx.length * size];
        byte[] px = im.pixels();
        for (int k = 0; k < idx.length; k++) {
            int src = idx[k] * size;
            int dst = k * size;
            for (int j = 0; j < size; j++) {
                f[dst + j] = lut[px[src + j] & 0xff];
            }
        }
        return f;
    }

    /** Splits "images,labels" into two paths. */
    static String[] pair(String value, String option) {
        String[] p = value.split(",");
        if (p.length != 2 || p[0].isBlank() || p[1].isBlank()) {
            throw new DataException("data spec: " + option + " '" + value
                    + "' must be two files, images then labels: images.gz,labels.gz");
        }
        return new String[] {p[0].strip(), p[1].strip()};
    }

    private record Pool(Images images, int[] labels) {
    }

    private static Pool pool(String value, String option, Resolver res, int maxClasses) {
        String[] p = pair(value, option);
        Images im = readImages(res.source(p[0]));
        Source ls = res.source(p[1]);
        int[] labels = readLabels(ls);
        if (labels.length != im.count()) {
            throw new DataException(ls.name(), 0, null, labels.length + " labels for " + im.count() + " images in "
                    + im.file() + "; the counts must match");
        }
        if (maxClasses > 0) {
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] >= maxClasses) {
                    throw new DataException(ls.name(), i + 1, null, "label " + labels[i] + " (record " + (i + 1)
                            + ") is not a known class; allowed: 0.." + (maxClasses - 1));
                }
            }
        }
        return new Pool(im, labels);
    }

    static Loaded load(DataSpec spec, Resolver res, List<String> builtinClassNames) {
        List<String> names = builtinClassNames;
        if (spec.has("classNames")) {
            names = TextImporter.splitList(spec.option("classNames"));
        }
        Pool train = pool(spec.path(), "path", res, names == null ? 0 : names.size());
        if (names == null) {
            int max = 0;
            for (int l : train.labels()) {
                max = Math.max(max, l);
            }
            names = new ArrayList<>();
            for (int c = 0; c <= max; c++) {
                names.add(String.valueOf(c));
            }
        }
        long distinct = java.util.Arrays.stream(train.labels()).distinct().count();
        if (distinct < 2) {
            throw new DataException(res.source(pair(spec.path(), "path")[1]).name(), 0, null, "every one of the "
                    + train.labels().length + " labels is " + train.labels()[0] + " (" + names.get(train.labels()[0])
                    + "): classification needs at least two classes");
        }
        int h = train.images().height();
        int w = train.images().width();
        Pool val = spec.has("validation") ? pool(spec.option("validation"), "validation", res, names.size()) : null;
        Pool test = spec.has("test") ? pool(spec.option("test"), "test", res, names.size()) : null;
        for (Pool p : new Pool[] {val, test}) {
            if (p != null && (p.images().height() != h || p.images().width() != w)) {
                throw new DataException(p.images().file(), 0, null, "images are " + p.images().height() + "x"
                        + p.images().width() + " but the training images are " + h + "x" + w);
            }
        }
        ClassPlan plan = ClassPlan.of(spec, train.images().file(), train.labels(), val == null ? null : val.labels(),
                test == null ? null : test.labels(), names.size());
        ArraySplit tr = split(train, plan.train());
        ArraySplit va = split(plan.valFromTrain() ? train : val, plan.validation());
        ArraySplit te = test == null ? null : split(test, plan.test());
        InputSpec input = new InputSpec(InputSpec.Kind.IMAGE, new int[] {1, h, w}, 0, Task.CLASSIFICATION,
                names.size());
        LoadedData data = new LoadedData(spec.toString(), input, tr, va, te, names, preprocessing(1, h, w, names,
                false), plan.notes());
        return Loaded.of(data);
    }

    /** All images of a new IDX pair with the saved preprocessing; everything goes to test. */
    static LoadedData apply(JsonObject pre, DataSpec spec, Resolver res) {
        List<String> names = new ArrayList<>();
        pre.getAsJsonArray("classNames").forEach(e -> names.add(e.getAsString()));
        Pool p = pool(spec.path(), "path", res, names.size());
        int c = pre.get("channels").getAsInt();
        int h = pre.get("height").getAsInt();
        int w = pre.get("width").getAsInt();
        if (c != 1 || p.images().height() != h || p.images().width() != w) {
            throw new DataException(p.images().file(), 0, null, "images are 1x" + p.images().height() + "x"
                    + p.images().width() + " but the model expects " + c + "x" + h + "x" + w);
        }
        ArraySplit all = split(p, Splits.range(p.labels().length));
        int rs = h * w;
        InputSpec input = new InputSpec(InputSpec.Kind.IMAGE, new int[] {1, h, w}, 0, Task.CLASSIFICATION,
                names.size());
        return new LoadedData(spec.toString(), input, TextImporter.empty(rs), TextImporter.empty(rs), all, names, pre,
                List.of());
    }

    private static ArraySplit split(Pool p, int[] idx) {
        return ArraySplit.classification(toFloats(p.images(), idx), p.images().height() * p.images().width(),
                Splits.pick(p.labels(), idx));
    }

    static JsonObject preprocessing(int c, int h, int w, List<String> names, boolean resize) {
        JsonObject o = new JsonObject();
        o.addProperty("format", "image");
        o.addProperty("channels", c);
        o.addProperty("height", h);
        o.addProperty("width", w);
        o.addProperty("scale", "pixel / 255 (0..1)");
        o.addProperty("resize", resize);
        JsonArray a = new JsonArray();
        names.forEach(a::add);
        o.add("classNames", a);
        return o;
    }
}
