package dev.tunebench.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The user documentation as the doc tests read it: README.md and the topic pages under src/site/markdown/, their
 * headings, links, and the fenced {@code bash} blocks marked {@code <!-- runnable -->} (optionally
 * {@code <!-- runnable exit=N -->}) whose commands a test runs.
 */
final class Docs {
    static final Pattern RUNNABLE = Pattern.compile("<!--\\s*runnable(?:\\s+exit=(\\d+))?\\s*-->");
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)\\)");

    /** A runnable block: its page, the line of its marker, the commands, and the exit code they must give. */
    record Block(Path page, int line, List<String> commands, int expectedExit) {
        String where() {
            return project().relativize(page) + ":" + line;
        }
    }

    /** A link: its page, line and target as written. */
    record Link(Path page, int line, String target) {
    }

    private Docs() {
    }

    static Path project() {
        return Path.of(System.getProperty("tunebench.project.dir", ".")).toAbsolutePath().normalize();
    }

    static Path siteDir() {
        return project().resolve("src/site/markdown");
    }

    /** Returns README.md and every page under src/site/markdown, README first. */
    static List<Path> pages() {
        List<Path> out = new ArrayList<>();
        out.add(project().resolve("README.md"));
        try (Stream<Path> s = Files.list(siteDir())) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<String> lines(Path page) {
        try {
            return Files.readAllLines(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the runnable blocks of a page, in order. A marker not followed by a bash fence is an error. */
    static List<Block> runnableBlocks(Path page) {
        List<String> lines = lines(page);
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = RUNNABLE.matcher(lines.get(i).trim());
            if (!m.matches()) {
                continue;
            }
            int exit = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
            if (i + 1 >= lines.size() || !lines.get(i + 1).trim().equals("```bash")) {
                throw new AssertionError(project().relativize(page) + ":" + (i + 1)
                        + ": a runnable marker must be followed at once by a ```bash fence");
            }
            List<String> commands = new ArrayList<>();
            int j = i + 2;
            for (; j < lines.size() && !lines.get(j).trim().equals("```"); j++) {
                String c = lines.get(j).trim();
                if (!c.isEmpty() && !c.startsWith("#")) {
                    commands.add(c);
                }
            }
            if (j >= lines.size()) {
                throw new AssertionError(project().relativize(page) + ":" + (i + 1) + ": unclosed ```bash fence");
            }
            out.add(new Block(page, i + 1, commands, exit));
            i = j;
        }
        return out;
    }

    /** Returns every Markdown link and image of a page, outside fenced code. */
    static List<Link> links(Path page) {
        List<Link> out = new ArrayList<>();
        boolean fenced = false;
        List<String> lines = lines(page);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.trim().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher m = LINK.matcher(l.replaceAll("`[^`]*`", ""));
            while (m.find()) {
                out.add(new Link(page, i + 1, m.group(1)));
            }
        }
        return out;
    }

    /** Returns GitHub's anchors of a page's headings (lower case, punctuation dropped, spaces to hyphens). */
    static List<String> anchors(Path page) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String l : lines(page)) {
            if (l.trim().startsWith("```")) {
                fenced = !fenced;
            }
            if (fenced || !l.startsWith("#")) {
                continue;
            }
            String text = l.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT);
            String slug = text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            String unique = slug;
            for (int n = 1; out.contains(unique); n++) {
                unique = slug + "-" + n;
            }
            out.add(unique);
        }
        return out;
    }
}
