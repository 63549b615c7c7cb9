package dev.tunebench.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The documentation holds together without building the jar: every page is linked from the README, every relative
 * link and anchor resolves, every runnable block is well formed, and every structural claim of architecture.md
 * names a test that exists. {@code DocCommandsIT} runs the runnable blocks against the built jar.
 */
class DocsTest {
    private static final Pattern CHECK = Pattern.compile("\\(check: ([A-Za-z0-9_.]+)#([A-Za-z0-9_]+)\\)");
    private static final String JAR = "java -jar target/tunebench.jar ";

    @Test
    void everyTopicPageIsLinkedFromTheReadme() {
        Path readme = Docs.project().resolve("README.md");
        List<String> targets = Docs.links(readme).stream().map(Docs.Link::target).toList();
        List<String> missing = new ArrayList<>();
        for (Path page : Docs.pages().subList(1, Docs.pages().size())) {
            String rel = Docs.project().relativize(page).toString();
            if (!targets.contains(rel)) {
                missing.add(rel);
            }
        }
        assertEquals(List.of(), missing, "pages the README does not link");
        assertTrue(Docs.pages().size() >= 9, "the topic pages: " + Docs.pages());
    }

    @Test
    void relativeLinksAndAnchorsResolve() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : Docs.pages()) {
            for (Docs.Link link : Docs.links(page)) {
                String t = link.target();
                if (t.matches("^[a-z]+:.*")) {
                    continue; // an absolute address: not checked offline
                }
                checked++;
                String file = t.contains("#") ? t.substring(0, t.indexOf('#')) : t;
                String anchor = t.contains("#") ? t.substring(t.indexOf('#') + 1) : null;
                Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                String where = Docs.project().relativize(page) + ":" + link.line() + ": " + t;
                if (!Files.exists(target)) {
                    broken.add(where + " (no such file)");
                } else if (anchor != null && !Docs.anchors(target).contains(anchor)) {
                    broken.add(where + " (no such heading; anchors: " + Docs.anchors(target) + ")");
                }
            }
        }
        assertEquals(List.of(), broken);
        assertTrue(checked > 20, "links checked: " + checked);
    }

    @Test
    void runnableBlocksRunTheJarAndEveryPageWithCommandsHasOne() {
        int blocks = 0;
        for (Path page : Docs.pages()) {
            for (Docs.Block b : Docs.runnableBlocks(page)) {
                blocks++;
                assertFalse(b.commands().isEmpty(), b.where() + ": an empty runnable block");
                for (String c : b.commands()) {
                    assertTrue(c.startsWith(JAR), b.where() + ": runnable commands run the built jar from the "
                            + "project root (" + JAR + "...), got: " + c);
                }
            }
        }
        assertTrue(blocks >= 3, "runnable blocks: " + blocks);
    }

    @Test
    void everyCommandBlockIsRunOrSaysWhyNot() {
        // A fenced block that shows a command must be run by DocCommandsIT, or say why it cannot be
        // (<!-- not runnable: opens the window -->), so no shown command goes stale unnoticed.
        List<String> unmarked = new ArrayList<>();
        for (Path page : Docs.pages()) {
            List<String> lines = Docs.lines(page);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).trim().startsWith("```")) {
                    continue;
                }
                int end = i + 1;
                boolean command = false;
                for (; end < lines.size() && !lines.get(end).trim().startsWith("```"); end++) {
                    String l = lines.get(end).trim();
                    command |= l.startsWith("java -jar target/tunebench.jar") || l.startsWith("mvn ");
                }
                String before = i > 0 ? lines.get(i - 1).trim() : "";
                if (command && !Docs.RUNNABLE.matcher(before).matches()
                        && !before.matches("<!--\\s*not runnable: .+-->")) {
                    unmarked.add(Docs.project().relativize(page) + ":" + (i + 1));
                }
                i = end;
            }
        }
        assertEquals(List.of(), unmarked, "command blocks marked neither <!-- runnable --> nor "
                + "<!-- not runnable: why -->");
    }

    @Test
    void everyArchitectureClaimNamesAnExistingTest() throws Exception {
        Path page = Docs.siteDir().resolve("architecture.md");
        List<String> lines = Docs.lines(page);
        String section = "";
        int claims = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("## ")) {
                section = l.substring(3).trim();
            }
            if (!l.startsWith("- ")) {
                continue;
            }
            // A list item runs until the next item, blank line or heading.
            StringBuilder item = new StringBuilder(l);
            for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("  "); j++) {
                item.append(' ').append(lines.get(j).trim());
            }
            Matcher m = CHECK.matcher(item);
            boolean rule = section.equals("Layers") || section.equals("Threads") || section.equals("Engine rules");
            if (rule && !m.find()) {
                problems.add("architecture.md:" + (i + 1) + ": a rule without a (check: Test#method)");
                continue;
            }
            m.reset();
            while (m.find()) {
                claims++;
                Class<?> test = Class.forName("dev.tunebench." + m.group(1));
                String name = m.group(2);
                boolean isTest = java.util.Arrays.stream(test.getDeclaredMethods())
                        .filter(x -> x.getName().equals(name))
                        .anyMatch(x -> x.isAnnotationPresent(Test.class)
                                || x.isAnnotationPresent(org.junit.jupiter.params.ParameterizedTest.class));
                if (!isTest) {
                    problems.add("architecture.md:" + (i + 1) + ": " + m.group(0) + " is not a test method");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(claims >= 10, "claims with checks: " + claims);
    }
}
