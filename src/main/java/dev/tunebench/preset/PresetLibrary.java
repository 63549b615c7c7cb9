package dev.tunebench.preset;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The bundled presets (on the class path under {@code /presets/}, listed by {@code /presets/index.json} so that the
 * jar needs no directory listing) and the user's own presets (JSON files in a folder, by default
 * {@code ~/.tunebench/presets}; the system property {@code tunebench.home} replaces {@code ~/.tunebench}).
 */
public final class PresetLibrary {
    /** Class-path folder of the bundled presets. */
    public static final String RESOURCE_FOLDER = "/presets/";
    /** Class-path index listing the bundled preset files. */
    public static final String INDEX = RESOURCE_FOLDER + "index.json";

    private final Path userFolder;
    private List<Preset> bundledCache;
    private final List<String> problems = new ArrayList<>();

    /** Creates a library whose user presets live in {@code userFolder} (created on first save). */
    public PresetLibrary(Path userFolder) {
        this.userFolder = userFolder;
    }

    /** Returns a library on the default user folder ({@link #defaultUserFolder()}). */
    public static PresetLibrary standard() {
        return new PresetLibrary(defaultUserFolder());
    }

    /** Returns {@code <tunebench.home>/presets}, where tunebench.home defaults to {@code ~/.tunebench}. */
    public static Path defaultUserFolder() {
        String home = System.getProperty("tunebench.home");
        Path base = home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".tunebench");
        return base.resolve("presets");
    }

    /** Returns the user folder. */
    public Path userFolder() {
        return userFolder;
    }

    /**
     * Returns the bundled presets in index order.
     *
     * @throws IllegalStateException when the index or a listed preset is missing or invalid (a build error)
     */
    public synchronized List<Preset> bundled() {
        if (bundledCache == null) {
            List<Preset> out = new ArrayList<>();
            for (String file : bundledFileNames()) {
                String text = resource(RESOURCE_FOLDER + file);
                out.add(PresetCodec.readString(text, "presets/" + file));
            }
            bundledCache = List.copyOf(out);
        }
        return bundledCache;
    }

    /** Returns the file names listed by the bundled index, e.g. {@code lstm-text.json}. */
    public static List<String> bundledFileNames() {
        String index = resource(INDEX);
        List<String> names = new ArrayList<>();
        try {
            for (JsonElement e : JsonParser.parseString(index).getAsJsonObject().getAsJsonArray("presets")) {
                names.add(e.getAsString());
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("presets/index.json must be {\"presets\": [\"file.json\", ...]}: "
                    + e.getMessage(), e);
        }
        return names;
    }

    /**
     * Returns the user's presets sorted by id. A file that is not a valid preset is left out of the list and its
     * one-line message is kept in {@link #problems()}, so a single bad file does not hide the others.
     */
    public synchronized List<Preset> user() {
        problems.clear();
        if (!Files.isDirectory(userFolder)) {
            return List.of();
        }
        List<Preset> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(userFolder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    out.add(PresetCodec.read(f));
                } catch (PresetException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add(userFolder + ": cannot list the folder (" + e.getMessage() + ")");
        }
        out.sort(Comparator.comparing(Preset::id));
        return out;
    }

    /** Returns the messages of user preset files that could not be read at the last {@link #user()} call. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** Returns the bundled presets followed by the user's. */
    public List<Preset> all() {
        List<Preset> out = new ArrayList<>(bundled());
        out.addAll(user());
        return out;
    }

    /** Returns the preset with the given id: the user's first, then the bundled ones. */
    public Optional<Preset> find(String id) {
        for (Preset p : user()) {
            if (p.id().equals(id)) {
                return Optional.of(p);
            }
        }
        return bundled().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Returns whether the id belongs to a bundled preset. */
    public boolean isBundled(String id) {
        return bundled().stream().anyMatch(p -> p.id().equals(id));
    }

    /**
     * Returns the preset a user named: an existing file path, else a preset id (a trailing {@code .json} is
     * ignored), user presets first.
     *
     * @throws PresetException when the file is invalid or no preset has that name (the message lists the ids)
     */
    public Preset resolve(String fileOrName) {
        if (fileOrName == null || fileOrName.isBlank()) {
            throw new PresetException("--preset", null, 0, "empty; give a preset file or one of " + ids());
        }
        Path path = Path.of(fileOrName);
        if (Files.isRegularFile(path)) {
            return PresetCodec.read(path);
        }
        String id = fileOrName.endsWith(".json") ? fileOrName.substring(0, fileOrName.length() - 5) : fileOrName;
        if (id.contains("/") || id.contains("\\")) {
            throw new PresetException(fileOrName, null, 0, "no such file");
        }
        return find(id).orElseThrow(() -> new PresetException(fileOrName, null, 0,
                "no such file or preset; available presets: " + ids()));
    }

    private List<String> ids() {
        return all().stream().map(Preset::id).toList();
    }

    /**
     * Saves a user preset as {@code <userFolder>/<id>.json}, atomically (written to a temporary file, forced to
     * disk, then moved over the old one), and returns the file.
     *
     * @throws PresetException when the preset is invalid or its id is a bundled preset's
     * @throws IOException     when the file cannot be written
     */
    public Path saveUserPreset(Preset preset) throws IOException {
        List<FieldError> errors = PresetValidator.validate(preset);
        if (!errors.isEmpty()) {
            FieldError e = errors.get(0);
            throw new PresetException(preset.id() + ".json", e.field(), 0, e.message(), errors, null);
        }
        if (isBundled(preset.id())) {
            throw new PresetException(preset.id() + ".json", "id", 0, "\"" + preset.id()
                    + "\" is a bundled preset; save under another id");
        }
        Files.createDirectories(userFolder);
        Path target = userFolder.resolve(preset.id() + ".json");
        Path tmp = Files.createTempFile(userFolder, "." + preset.id() + "-", ".tmp");
        try {
            byte[] bytes = PresetCodec.write(preset).getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream os = java.nio.channels.Channels.newOutputStream(ch)) {
                os.write(bytes);
                os.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /**
     * Deletes a user preset file and returns whether it existed.
     *
     * @throws IOException when the file cannot be deleted
     */
    public boolean deleteUserPreset(String id) throws IOException {
        if (id.contains("/") || id.contains("\\") || id.startsWith(".")) {
            throw new IllegalArgumentException("not a preset id: " + id);
        }
        return Files.deleteIfExists(userFolder.resolve(id + ".json"));
    }

    private static String resource(String name) {
        try (InputStream in = PresetLibrary.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + name
                        + " (presets/ must be on the class path, see pom.xml <resources>)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read class-path resource " + name, e);
        }
    }
}
