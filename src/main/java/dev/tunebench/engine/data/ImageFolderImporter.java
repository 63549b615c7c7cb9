package dev.tunebench.engine.data;

import com.google.gson.JsonObject;
import dev.tunebench.engine.config.Task;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** A folder with one sub-folder of PNG/JPEG images per class, read with javax.imageio. */
final class ImageFolderImporter {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    private ImageFolderImporter() {
    }

    /** Decoded images of one folder as RGB floats 0..1, [n, 3, h, w], with whether all of them are gray. */
    record Pool(String folder, List<float[]> rgb, int[] labels, int height, int width, boolean allGray,
            List<String> notes) {
    }

    /** Target size: 0 means keep the images' own size (they must then all agree). */
    record Size(int height, int width, boolean resize) {
    }

    static Size size(DataSpec spec) {
        String v = spec.option("size");
        if (v == null || v.isBlank() || v.equalsIgnoreCase("none")) {
            return new Size(0, 0, false);
        }
        String[] p = v.toLowerCase(Locale.ROOT).split("x");
        try {
            int w = Integer.parseInt(p[0].strip());
            int h = p.length > 1 ? Integer.parseInt(p[1].strip()) : w;
            if (p.length > 2 || w < 1 || h < 1 || w > 4096 || h > 4096) {
                throw new NumberFormatException();
            }
            return new Size(h, w, true);
        } catch (NumberFormatException e) {
            throw new DataException("data spec '" + spec + "': option size='" + v
                    + "'; allowed: N (square, for example 28), WxH (for example 32x24) or none");
        }
    }

    /** Returns the class sub-folders' names, sorted. */
    static List<String> classFolders(Path dir) {
        return listing(dir).classes();
    }

    /**
     * What a folder of class folders holds.
     *
     * @param classes the class sub-folders' names, sorted
     * @param notes   what was ignored there (files beside the class folders), never silently
     */
    record Listing(List<String> classes, List<String> notes) {
    }

    /** Lists the class sub-folders; refuses dangling links, link loops and a folder without class folders. */
    static Listing listing(Path dir) {
        if (!Files.isDirectory(dir)) {
            if (Files.isSymbolicLink(dir)) {
                Source.checkRegularFile(dir, dir.toString()); // names a dangling link or a loop
            }
            throw new DataException(dir.toString(), 0, null, Files.exists(dir) ? "is a file; expected a folder with "
                    + "one sub-folder per class" : "folder not found");
        }
        Path root = realPath(dir, dir);
        List<String> names = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (Path p : entries(dir)) {
            String n = p.getFileName().toString();
            if (n.startsWith(".")) {
                continue; // hidden: .DS_Store, .git and the like
            }
            checkLink(p);
            if (Files.isDirectory(p)) {
                Path real = realPath(p, p);
                if (root.startsWith(real)) {
                    throw new DataException(p.toString(), 0, null, "is a symbolic link back to " + real
                            + ", which holds it: a link loop; remove it");
                }
                names.add(n);
            } else {
                files.add(n);
            }
        }
        if (names.isEmpty()) {
            throw new DataException(dir.toString(), 0, null, "has no class sub-folders; expected one sub-folder "
                    + "of images per class, e.g. " + dir.resolve("cat") + " and " + dir.resolve("dog"));
        }
        List<String> notes = new ArrayList<>();
        if (!files.isEmpty()) {
            notes.add("ignored " + files.size() + " file" + (files.size() == 1 ? "" : "s") + " beside the class "
                    + "folders of " + dir + " (images are read only inside a class folder; first: "
                    + files.stream().sorted().findFirst().orElse("") + ")");
        }
        return new Listing(names.stream().sorted().toList(), notes);
    }

    private static List<Path> entries(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new DataException(dir.toString(), 0, null, "cannot list: " + e.getMessage());
        }
    }

    private static Path realPath(Path p, Path named) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new DataException(named.toString(), 0, null, "cannot resolve: " + e.getMessage());
        }
    }

    /** Refuses a dangling symbolic link or one that loops. */
    private static void checkLink(Path p) {
        if (Files.isSymbolicLink(p) && !Files.exists(p)) {
            Source.checkRegularFile(p, p.toString());
        }
    }

    /** The entries of one class folder. */
    private record ClassFiles(List<Path> images, int ignoredFiles, String firstIgnored, List<String> subFolders) {
    }

    private static ClassFiles classFiles(Path folder, BadRows bad) {
        List<Path> images = new ArrayList<>();
        int ignored = 0;
        String firstIgnored = null;
        List<String> subFolders = new ArrayList<>();
        for (Path f : entries(folder)) {
            String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
            if (Files.isSymbolicLink(f) && !Files.exists(f)) {
                try {
                    Source.checkRegularFile(f, f.toString());
                } catch (DataException e) {
                    bad.bad(f.toString(), 0, null, e.getMessage().substring(f.toString().length() + 2));
                }
                continue;
            }
            if (Files.isDirectory(f)) {
                if (!n.startsWith(".")) {
                    subFolders.add(f.getFileName().toString());
                }
                continue;
            }
            if (!Files.isRegularFile(f) || EXTENSIONS.stream().noneMatch(n::endsWith)) {
                if (!n.startsWith(".")) {
                    ignored++;
                    firstIgnored = firstIgnored == null ? f.toString() : firstIgnored;
                }
                continue;
            }
            images.add(f);
        }
        return new ClassFiles(images, ignored, firstIgnored, subFolders);
    }

    static Pool read(Path dir, List<String> classNames, boolean requireKnown, Size size, BadRows bad) {
        Listing listing = listing(dir);
        List<String> folders = listing.classes();
        List<float[]> rgb = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> notes = new ArrayList<>(listing.notes());
        int h = size.height();
        int w = size.width();
        String firstFile = null;
        boolean allGray = true;
        int ignored = 0;
        String ignoredExample = null;
        int subFolders = 0;
        String subFolderExample = null;
        List<ClassFiles> perClass = new ArrayList<>();
        long imageCount = 0;
        for (String folder : folders) {
            int label = classNames.indexOf(folder);
            if (label < 0) {
                if (requireKnown) {
                    throw new DataException(dir.resolve(folder).toString(), 0, null, "class folder '" + folder
                            + "' does not occur in the training data; known classes: " + String.join(", ",
                            classNames));
                }
                throw new IllegalStateException(folder);
            }
            ClassFiles cf = classFiles(dir.resolve(folder), bad);
            if (cf.images().isEmpty()) {
                throw new DataException(dir.resolve(folder).toString(), 0, null, "class folder '" + folder + "' has no "
                        + "images (.png/.jpg/.jpeg/.bmp/.gif)" + (cf.subFolders().isEmpty() ? "; add some or remove "
                        + "the folder" : "; it has sub-folders (" + String.join(", ", cf.subFolders()) + "): are "
                        + "the class folders one level down?"));
            }
            perClass.add(cf);
            imageCount += cf.images().size();
        }
        if (size.resize()) {
            Memory.require(dir.toString(), "the " + imageCount + " images of " + w + "x" + h, imageCount * 3L * h * w
                    * 4 * 2, Memory.capAdvice());
        }
        for (int ci = 0; ci < folders.size(); ci++) {
            String folder = folders.get(ci);
            int label = classNames.indexOf(folder);
            ClassFiles cf = perClass.get(ci);
            ignored += cf.ignoredFiles();
            ignoredExample = ignoredExample == null ? cf.firstIgnored() : ignoredExample;
            subFolders += cf.subFolders().size();
            if (subFolderExample == null && !cf.subFolders().isEmpty()) {
                subFolderExample = dir.resolve(folder).resolve(cf.subFolders().get(0)).toString();
            }
            for (Path f : cf.images()) {
                BufferedImage img;
                try {
                    img = ImageIO.read(f.toFile());
                } catch (IOException | RuntimeException e) {
                    img = null;
                }
                if (img == null) {
                    bad.bad(f.toString(), 0, null, "cannot be decoded as an image (PNG, JPEG, BMP or GIF)");
                    continue;
                }
                if (!size.resize()) {
                    if (h == 0) {
                        h = img.getHeight();
                        w = img.getWidth();
                        firstFile = f.toString();
                        Memory.require(dir.toString(), "the " + imageCount + " images of " + w + "x" + h,
                                imageCount * 3L * h * w * 4 * 2, Memory.capAdvice() + ", or set size=N to shrink "
                                + "them");
                    } else if (img.getHeight() != h || img.getWidth() != w) {
                        bad.bad(f.toString(), 0, null, "image is " + img.getWidth() + "x" + img.getHeight()
                                + " but " + (firstFile == null ? "the training images are" : firstFile + " is") + " "
                                + w + "x" + h + "; set size=N (or WxH) to resize all images");
                        continue;
                    }
                } else if (img.getHeight() != h || img.getWidth() != w) {
                    img = resize(img, w, h);
                }
                float[] px = new float[3 * h * w];
                boolean gray = toRgb(img, px, h, w);
                allGray &= gray;
                rgb.add(px);
                labels.add(label);
            }
        }
        if (ignored > 0) {
            notes.add("ignored " + ignored + " file" + (ignored == 1 ? "" : "s") + " of " + dir
                    + " that are not .png/.jpg/.jpeg/.bmp/.gif (first: " + ignoredExample + ")");
        }
        if (subFolders > 0) {
            notes.add("ignored " + subFolders + " sub-folder" + (subFolders == 1 ? "" : "s") + " inside the class "
                    + "folders of " + dir + " (images are read only directly inside a class folder; first: "
                    + subFolderExample + ")");
        }
        if (rgb.isEmpty()) {
            throw new DataException(dir.toString(), 0, null, "no readable images in the class sub-folders");
        }
        return new Pool(dir.toString(), rgb, labels.stream().mapToInt(Integer::intValue).toArray(), h, w, allGray,
                notes);
    }

    private static BufferedImage resize(BufferedImage img, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(img, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Writes channel-planar RGB 0..1 and returns whether every pixel is gray (r = g = b). */
    private static boolean toRgb(BufferedImage img, float[] px, int h, int w) {
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        int plane = h * w;
        boolean gray = true;
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            int r = (p >> 16) & 0xff;
            int g = (p >> 8) & 0xff;
            int b = p & 0xff;
            gray &= r == g && g == b;
            px[i] = r / 255f;
            px[plane + i] = g / 255f;
            px[2 * plane + i] = b / 255f;
        }
        return gray;
    }

    private static ArraySplit toSplit(Pool p, int[] idx, int channels) {
        int plane = p.height() * p.width();
        int row = channels * plane;
        float[] f = new float[idx.length * row];
        for (int k = 0; k < idx.length; k++) {
            float[] src = p.rgb().get(idx[k]);
            if (channels == 3) {
                System.arraycopy(src, 0, f, k * row, row);
            } else {
                // Luma (ITU-R BT.601), as java.awt's gray conversion does.
                for (int i = 0; i < plane; i++) {
                    f[k * row + i] = 0.299f * src[i] + 0.587f * src[plane + i] + 0.114f * src[2 * plane + i];
                }
            }
        }
        return ArraySplit.classification(f, row, Splits.pick(p.labels(), idx));
    }

    static Loaded load(DataSpec spec, Resolver res) {
        Path dir = res.folder(spec.path());
        List<String> classes = classFolders(dir);
        if (classes.size() < 2) {
            throw new DataException(dir.toString(), 0, null, "has only one class folder (" + classes.get(0) + "); "
                    + "classification needs at least two, one sub-folder of images per class");
        }
        Size size = size(spec);
        BadRows bad = new BadRows(spec.boolOption("skipBadRows", false));
        Pool train = read(dir, classes, false, size, bad);
        // Without resizing, validation and test images must match the training size.
        Size fixed = new Size(train.height(), train.width(), false);
        Pool val = spec.has("validation") ? readChecked(res.folder(spec.option("validation")), classes, size, fixed,
                bad) : null;
        Pool test = spec.has("test") ? readChecked(res.folder(spec.option("test")), classes, size, fixed, bad) : null;
        String g = spec.choiceOption("grayscale", "auto", "auto", "true", "false");
        boolean gray = g.equals("true") || (g.equals("auto") && train.allGray()
                && (val == null || val.allGray()) && (test == null || test.allGray()));
        int channels = gray ? 1 : 3;
        ClassPlan plan = ClassPlan.of(spec, dir.toString(), train.labels(), val == null ? null : val.labels(),
                test == null ? null : test.labels(), classes.size());
        List<String> notes = new ArrayList<>(plan.notes());
        notes.addAll(train.notes());
        if (val != null) {
            notes.addAll(val.notes());
        }
        if (test != null) {
            notes.addAll(test.notes());
        }
        notes.addAll(bad.notes("image"));
        notes.add("images: " + channels + " channel" + (channels == 1 ? "" : "s") + " (grayscale=" + g + "), "
                + train.width() + "x" + train.height() + (size.resize() ? " (resized)" : "") + ", pixels scaled to 0..1");
        InputSpec input = new InputSpec(InputSpec.Kind.IMAGE, new int[] {channels, train.height(), train.width()}, 0,
                Task.CLASSIFICATION, classes.size());
        LoadedData data = new LoadedData(spec.toString(), input, toSplit(train, plan.train(), channels),
                toSplit(plan.valFromTrain() ? train : val, plan.validation(), channels),
                test == null ? null : toSplit(test, plan.test(), channels), classes,
                IdxImporter.preprocessing(channels, train.height(), train.width(), classes, size.resize()), notes);
        return Loaded.of(data);
    }

    private static Pool readChecked(Path dir, List<String> classes, Size size, Size fixed, BadRows bad) {
        return read(dir, classes, true, size.resize() ? size : fixed, bad);
    }

    /** All images of a new folder with the saved size and channels; everything goes to test. */
    static LoadedData apply(JsonObject pre, DataSpec spec, Resolver res) {
        List<String> names = new ArrayList<>();
        pre.getAsJsonArray("classNames").forEach(e -> names.add(e.getAsString()));
        int c = pre.get("channels").getAsInt();
        int h = pre.get("height").getAsInt();
        int w = pre.get("width").getAsInt();
        BadRows bad = new BadRows(spec.boolOption("skipBadRows", false));
        Pool p = read(res.folder(spec.path()), names, true, new Size(h, w, true), bad);
        ArraySplit all = toSplit(p, Splits.range(p.labels().length), c);
        InputSpec input = new InputSpec(InputSpec.Kind.IMAGE, new int[] {c, h, w}, 0, Task.CLASSIFICATION,
                names.size());
        List<String> notes = new ArrayList<>(p.notes());
        notes.addAll(bad.notes("image"));
        return new LoadedData(spec.toString(), input, TextImporter.empty(c * h * w), TextImporter.empty(c * h * w),
                all, names, pre, notes);
    }
}
