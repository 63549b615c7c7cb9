package dev.tunebench.engine.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A readable file: on disk, or a class-path resource (built-in datasets, also inside the jar). Content is
 * recognised by its first bytes, not its name: gzip is decompressed (strictly, see {@link GzipInput}); other
 * archive formats are refused. Only regular files are opened: a device, a FIFO or a link to one is refused before
 * anything is read.
 */
record Source(String name, Path file, String resource) {

    /** What the first bytes of a file say it is. */
    enum Compression {
        NONE, GZIP, ZIP, BZIP2, XZ, ZSTD;

        static Compression of(byte[] b, int n) {
            int b0 = n > 0 ? b[0] & 0xff : -1;
            int b1 = n > 1 ? b[1] & 0xff : -1;
            if (b0 == 0x1f && b1 == 0x8b) {
                return GZIP;
            }
            if (n >= 4 && b0 == 'P' && b1 == 'K' && b[2] == 3 && b[3] == 4) {
                return ZIP;
            }
            if (n >= 3 && b0 == 'B' && b1 == 'Z' && b[2] == 'h') {
                return BZIP2;
            }
            if (n >= 6 && b0 == 0xfd && b1 == '7' && b[2] == 'z' && b[3] == 'X' && b[4] == 'Z' && b[5] == 0) {
                return XZ;
            }
            if (n >= 4 && b0 == 0x28 && b1 == 0xb5 && b[2] == 0x2f && (b[3] & 0xff) == 0xfd) {
                return ZSTD;
            }
            return NONE;
        }
    }

    static Source file(Path p) {
        return new Source(p.toString(), p, null);
    }

    static Source resource(String r) {
        return new Source(r, null, r);
    }

    /** Returns the size in bytes on disk (compressed size for gzip), or -1 for a resource. */
    long size() {
        if (file == null) {
            return -1;
        }
        checkRegularFile();
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new DataException(name, 0, null, "cannot read: " + e.getMessage());
        }
    }

    /** Returns what the content's first bytes say it is. */
    Compression compression() {
        try (InputStream in = openRaw()) {
            byte[] b = new byte[6];
            int n = in.readNBytes(b, 0, b.length);
            return Compression.of(b, n);
        } catch (IOException e) {
            throw new DataException(name, 0, null, "cannot read: " + e.getMessage());
        }
    }

    /** Returns a note when the content is gzip but the name does not say so, or the other way round; else null. */
    String compressionNote() {
        boolean named = name.toLowerCase(Locale.ROOT).endsWith(".gz");
        boolean gzip = compression() == Compression.GZIP;
        if (gzip && !named) {
            return name + " holds gzip-compressed data although its name does not end in .gz: it was decompressed "
                    + "while reading (the content decides, not the name)";
        }
        if (!gzip && named) {
            return name + " is not gzip-compressed although its name ends in .gz: it was read as it is";
        }
        return null;
    }

    /** Returns the content stream: gunzipped and checked when it is gzip. */
    InputStream open() {
        InputStream raw = openRaw();
        try {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(8);
            byte[] b = new byte[6];
            int n = in.readNBytes(b, 0, b.length);
            in.reset();
            Compression c = Compression.of(b, n);
            return switch (c) {
                case NONE -> in;
                case GZIP -> new BufferedInputStream(new GzipInput(in, name), 1 << 16);
                default -> {
                    in.close();
                    throw new DataException(name, 0, null, "is " + describe(c) + "; allowed: plain files or gzip "
                            + "(.gz): unpack it first");
                }
            };
        } catch (IOException e) {
            close(raw);
            throw new DataException(name, 0, null, "cannot read: " + e.getMessage());
        }
    }

    private static String describe(Compression c) {
        return switch (c) {
            case ZIP -> "a zip archive";
            case BZIP2 -> "bzip2-compressed";
            case XZ -> "xz-compressed";
            case ZSTD -> "zstd-compressed";
            default -> c.name();
        };
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing with a clearer message
        }
    }

    private InputStream openRaw() {
        if (file == null) {
            InputStream in = Source.class.getResourceAsStream(resource);
            if (in == null) {
                throw new DataException(name, 0, null, "built-in resource missing from the class path");
            }
            return in;
        }
        checkRegularFile();
        try {
            return Files.newInputStream(file);
        } catch (AccessDeniedException e) {
            throw new DataException(name, 0, null, "cannot read: permission denied");
        } catch (IOException e) {
            throw new DataException(name, 0, null, "cannot read: " + e.getMessage());
        }
    }

    /** Refuses, before anything is read, what is not a regular file (or a link to one). */
    void checkRegularFile() {
        checkRegularFile(file, name);
    }

    static void checkRegularFile(Path file, String name) {
        if (Files.isRegularFile(file)) {
            return;
        }
        if (Files.isSymbolicLink(file)) {
            String target = linkTarget(file);
            try {
                file.toRealPath();
            } catch (NoSuchFileException e) {
                throw new DataException(name, 0, null, "is a dangling symbolic link: its target " + target
                        + " does not exist");
            } catch (FileSystemException e) {
                throw new DataException(name, 0, null, "is a symbolic link that cannot be followed ("
                        + (e.getReason() == null ? "a loop?" : e.getReason().toLowerCase(Locale.ROOT)) + ")");
            } catch (IOException e) {
                throw new DataException(name, 0, null, "cannot follow the symbolic link: " + e.getMessage());
            }
            if (Files.isDirectory(file)) {
                throw new DataException(name, 0, null, "is a link to a folder; expected a file");
            }
            throw new DataException(name, 0, null, "is a link to " + target + ", " + kind(file) + ", not a regular "
                    + "file; allowed: regular files");
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new DataException(name, 0, null, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new DataException(name, 0, null, "is a folder; expected a file");
        }
        throw new DataException(name, 0, null, "is " + kind(file) + ", not a regular file; allowed: regular files");
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
        }
    }

    /** Returns what a special file is, from its Unix mode where the platform tells it. */
    static String kind(Path p) {
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode");
            return switch (mode & 0170000) {
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0010000 -> "a named pipe (FIFO)";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
    }
}
