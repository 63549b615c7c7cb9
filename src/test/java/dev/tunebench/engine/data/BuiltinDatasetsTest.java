package dev.tunebench.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.engine.config.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinDatasetsTest {

    @Test
    void namesAndSpecs() {
        assertEquals(List.of("fashion-mnist", "digits", "spam", "births"), BuiltinDatasets.names());
        for (String n : BuiltinDatasets.names()) {
            BuiltinDatasets.Info i = BuiltinDatasets.info(n);
            DataSpec s = DataSpec.parse(i.spec());
            assertNotNull(s.format());
            assertEquals("builtin:" + n, BuiltinDatasets.spec(n).toString());
            for (String f : List.of("SOURCE", "LICENSE")) {
                assertNotNull(BuiltinDatasets.class.getResource("/assets/datasets/" + n + "/" + f), n + "/" + f);
            }
        }
    }

    @Test
    void fashionMnistFromTheClassPath() {
        LoadedData d = DataLoader.load(DataSpec.parse("builtin:fashion-mnist"));
        assertEquals("builtin:fashion-mnist", d.source());
        assertArrayEquals(new int[] {1, 28, 28}, d.input().shape());
        assertEquals(8100, d.train().size());
        assertEquals(900, d.validation().size());
        assertEquals(2000, d.test().size());
        assertEquals("Ankle boot", d.classNames().get(9));
        float max = 0;
        for (float v : d.train().features()) {
            max = Math.max(max, v);
        }
        assertEquals(1f, max);
    }

    @Test
    void digitsSpamAndBirths() {
        LoadedData digits = DataLoader.load(DataSpec.parse("builtin:digits"));
        assertArrayEquals(new int[] {1, 8, 8}, digits.input().shape());
        assertEquals(1438, digits.train().size() + digits.validation().size());
        assertEquals(359, digits.test().size());

        LoadedData spam = DataLoader.load(DataSpec.parse("builtin:spam?maxTrain=500"));
        assertEquals(List.of("ham", "spam"), spam.classNames());
        assertEquals(InputSpec.Kind.TOKENS, spam.input().kind());
        assertEquals(500, spam.train().size());
        assertEquals(368, spam.validation().size());
        assertEquals(920, spam.test().size());
        assertTrue(spam.input().vocabularySize() > 1000);

        LoadedData births = DataLoader.load(DataSpec.parse("builtin:births"));
        assertEquals(Task.REGRESSION, births.input().task());
        assertArrayEquals(new int[] {28, 1}, births.input().shape());
        assertEquals(5479 - 2 * 548 - 28, births.train().size());
        assertEquals(548, births.validation().size());
        assertEquals(548, births.test().size());
    }
}
