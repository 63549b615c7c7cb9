package dev.tunebench.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every command the documentation marks runnable against the jar that {@code mvn package} built, from a
 * fresh working folder per page (holding a link to the project's {@code target/}), blocks of a page in order, so
 * that a later block may use what an earlier one wrote. Each block must exit as its marker says and print no stack
 * trace. Runs in Failsafe's integration-test phase, after the jar exists.
 */
class DocCommandsIT {
    private static final long BLOCK_TIMEOUT_SECONDS = 600;

    @TestFactory
    Stream<DynamicTest> documentedCommandsStillWork() throws IOException {
        Path jar = Docs.project().resolve("target/tunebench.jar");
        assertTrue(Files.isRegularFile(jar), "the jar must be built before this test: " + jar);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path page : Docs.pages()) {
            List<Docs.Block> blocks = Docs.runnableBlocks(page);
            if (blocks.isEmpty()) {
                continue;
            }
            Path work = Files.createTempDirectory("tunebench-doc-");
            Files.createSymbolicLink(work.resolve("target"), Docs.project().resolve("target"));
            for (Docs.Block b : blocks) {
                tests.add(DynamicTest.dynamicTest(b.where(), () -> run(b, work)));
            }
        }
        assertFalse(tests.isEmpty(), "no runnable blocks found");
        return tests.stream();
    }

    private static void run(Docs.Block block, Path work) throws Exception {
        Path log = Files.createTempFile(work, "block-", ".log");
        String script = "set -eu -o pipefail\n" + String.join("\n", block.commands()) + "\n";
        Process p = new ProcessBuilder("bash", "-c", script).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(BLOCK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(block.where() + ": still running after " + BLOCK_TIMEOUT_SECONDS + " s");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        String tail = out.length() > 4000 ? out.substring(out.length() - 4000) : out;
        assertEquals(block.expectedExit(), p.exitValue(), block.where() + " exited " + p.exitValue()
                + "; output:\n" + tail);
        assertFalse(out.contains("\tat ") || out.contains("Exception in thread"),
                block.where() + " printed a stack trace:\n" + tail);
    }
}
