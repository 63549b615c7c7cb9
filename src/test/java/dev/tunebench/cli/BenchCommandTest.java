package dev.tunebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class BenchCommandTest {

    private static int run(List<String> argv, ByteArrayOutputStream out) throws Exception {
        return new BenchCommand().run(Args.parse(argv, Set.of()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void badOptionsAreUsageErrors() {
        UsageException e = assertThrows(UsageException.class,
                () -> run(List.of("--template", "transformer"), new ByteArrayOutputStream()));
        assertEquals("option --template: 'transformer' is not one of lstm, gru, resnet", e.getMessage());
        e = assertThrows(UsageException.class, () -> run(List.of("--seconds", "0"), new ByteArrayOutputStream()));
        assertEquals("option --seconds: 0 is outside 1-3600", e.getMessage());
    }

    @Test
    @Tag("benchmark")
    void printsBothThroughputsAndTheirRatio() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, run(List.of("--template", "gru", "--seconds", "4", "--rounds", "1"), out));
        JsonObject o = JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
        double engine = o.get("engineSamplesPerSecond").getAsDouble();
        double bare = o.get("bareSamplesPerSecond").getAsDouble();
        assertTrue(engine > 0 && bare > 0, o.toString());
        assertEquals(engine / bare, o.get("ratio").getAsDouble(), 0.01 * engine / bare + 0.001);
        assertEquals("gru", o.get("template").getAsString());
        assertEquals(32, o.get("batchSize").getAsInt());
    }
}
