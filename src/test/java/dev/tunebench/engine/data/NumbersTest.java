package dev.tunebench.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Numbers reads cells as pandas' CSV reader does: checked against pandas itself (fixtures/pandas_numbers.py). */
class NumbersTest {

    @Test
    void agreesWithPandasOnEveryCase() throws Exception {
        JsonObject fixture;
        try (var in = new InputStreamReader(NumbersTest.class.getResourceAsStream("/fixtures/pandas_numbers.json"),
                StandardCharsets.UTF_8)) {
            fixture = JsonParser.parseReader(in).getAsJsonObject();
        }
        int n = 0;
        for (JsonElement e : fixture.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String cell = c.get("cell").getAsString();
            Numbers.Parsed p = Numbers.parse(cell);
            assertEquals(c.get("kind").getAsString(), p.kind().name().toLowerCase(Locale.ROOT), "cell '" + cell + "'");
            if (p.kind() == Numbers.Kind.NUMBER) {
                assertEquals(c.get("value").getAsDouble(), p.value(), 0.0, "cell '" + cell + "'");
            }
            if (p.kind() == Numbers.Kind.INFINITE) {
                assertEquals(c.get("value").getAsString().startsWith("-"), p.value() < 0, cell);
            }
            n++;
        }
        assertTrue(n > 90, "the fixture has its cases");
    }

    @Test
    void programmingLanguageLiteralsGetAHint() {
        assertTrue(Numbers.parse("2.5d").problem().contains("type suffix d") && Numbers.parse("2.5d").problem()
                .contains("write 2.5"), Numbers.parse("2.5d").problem());
        assertTrue(Numbers.parse("0x1p3").problem().contains("hexadecimal"));
        assertTrue(Numbers.parse("1,5").problem().contains("write 1.5"));
        assertTrue(Numbers.parse("1_000").problem().contains("write 1000"));
        assertEquals("'abc' is not a number", Numbers.parse("abc").problem());
        assertEquals("'a\\nb' is not a number", Numbers.parse("a\nb").problem(), "messages stay on one line");
    }
}
