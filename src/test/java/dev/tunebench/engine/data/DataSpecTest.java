package dev.tunebench.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataSpecTest {

    @Test
    void parsesTheCompactFormAndRoundTrips() {
        for (String s : List.of("text:reviews.tsv?text=review&label=score&tokenizer=word",
                "series:births.csv?target=births&window=28&horizon=1", "idx:images.gz,labels.gz", "images:photos/",
                "builtin:fashion-mnist", "builtin:spam?maxTrain=1000&seed=7",
                "text:a b.csv?text=x&label=y&validation=v.csv&test=t.csv&maxTrain=all&padLength=50&minFreq=2")) {
            DataSpec d = DataSpec.parse(s);
            assertEquals(s, d.toString());
            assertEquals(d, DataSpec.parse(d.toString()));
            assertEquals(d, DataSpec.fromJson(d.toJson()));
        }
        DataSpec t = DataSpec.parse("text:reviews.tsv?text=review&label=score&tokenizer=word");
        assertEquals(DataSpec.Format.TEXT, t.format());
        assertEquals("reviews.tsv", t.path());
        assertEquals("review", t.option("text"));
        assertEquals(List.of("text", "label", "tokenizer"), List.copyOf(t.options().keySet()));
    }

    @Test
    void percentEncodesReservedCharacters() {
        DataSpec d = DataSpec.of(DataSpec.Format.IDX, "dir?x/a%b.gz,l.gz").withOption("classNames", "a&b,c=d,e%f");
        DataSpec back = DataSpec.parse(d.toString());
        assertEquals("dir?x/a%b.gz,l.gz", back.path());
        assertEquals("a&b,c=d,e%f", back.option("classNames"));
        assertEquals(d, back);
    }

    @Test
    void jsonFormAcceptsStringObjectAndNumbers() {
        JsonObject o = JsonParser.parseString("{\"format\":\"series\",\"path\":\"b.csv\","
                + "\"options\":{\"target\":\"births\",\"window\":28,\"skipBadRows\":true}}").getAsJsonObject();
        DataSpec d = DataSpec.fromJson(o);
        assertEquals("28", d.option("window"));
        assertEquals("true", d.option("skipBadRows"));
        assertEquals(d, DataSpec.fromJson(JsonParser.parseString("\"" + d + "\"")));
        assertEquals(d, DataSpec.fromJson(JsonParser.parseString("{\"spec\":\"" + d + "\"}").getAsJsonObject()));
    }

    @Test
    void badSpecsSayWhatIsAllowed() {
        DataException e = assertThrows(DataException.class, () -> DataSpec.parse("csv:x.csv"));
        assertTrue(e.getMessage().contains("allowed: text, series, idx, images, builtin"), e.getMessage());
        e = assertThrows(DataException.class, () -> DataSpec.parse("text:x.csv?txt=a"));
        assertTrue(e.getMessage().contains("unknown option 'txt'") && e.getMessage().contains("text, label"),
                e.getMessage());
        e = assertThrows(DataException.class, () -> DataSpec.parse("text:x.csv?text"));
        assertTrue(e.getMessage().contains("name=value"), e.getMessage());
        e = assertThrows(DataException.class, () -> DataSpec.parse("images:"));
        assertTrue(e.getMessage().contains("path missing"), e.getMessage());
        e = assertThrows(DataException.class, () -> DataSpec.parse("reviews.tsv"));
        assertTrue(e.getMessage().contains("format:path"), e.getMessage());
        e = assertThrows(DataException.class, () -> DataSpec.parse("text:x.csv?text=a&text=b"));
        assertTrue(e.getMessage().contains("given twice"), e.getMessage());
        e = assertThrows(DataException.class, () -> DataSpec.parse("builtin:nope"));
        assertTrue(e.getMessage().contains("fashion-mnist, digits, spam, births"), e.getMessage());
    }

    @Test
    void typedOptionsRejectBadValues() {
        DataSpec d = DataSpec.parse("series:x.csv?window=abc&valFraction=1.5&skipBadRows=maybe&normalize=log");
        assertThrows(DataException.class, () -> d.intOption("window", 1, 1));
        DataException e = assertThrows(DataException.class, () -> d.fractionOption("valFraction", 0.1, 1.0));
        assertTrue(e.getMessage().contains("[0, 1.0)"), e.getMessage());
        e = assertThrows(DataException.class, () -> d.boolOption("skipBadRows", false));
        assertTrue(e.getMessage().contains("true, false"), e.getMessage());
        e = assertThrows(DataException.class, () -> d.choiceOption("normalize", "zscore", "zscore", "minmax", "none"));
        assertTrue(e.getMessage().contains("zscore, minmax, none"), e.getMessage());
        assertEquals(Integer.MAX_VALUE, DataSpec.parse("idx:a,b?maxTrain=all").capOption("maxTrain", 20000));
        assertEquals(20000, DataSpec.parse("idx:a,b").capOption("maxTrain", 20000));
    }

    @Test
    void emptyOptionValuesAreRefusedWhereverTheSpecComesFrom() {
        DataException e = assertThrows(DataException.class, () -> DataSpec.parse("text:r.csv?text=&label=l"));
        assertTrue(e.getMessage().contains("option text has an empty value; give one (for example text=review)"),
                e.getMessage());
        e = assertThrows(DataException.class, () -> DataSpec.parse("text:r.csv?tokenizer=%20"));
        assertTrue(e.getMessage().contains("option tokenizer has an empty value"), e.getMessage());
        e = assertThrows(DataException.class, () -> DataSpec.fromJson(JsonParser.parseString(
                "{\"format\":\"text\",\"path\":\"r.csv\",\"options\":{\"label\":\"\"}}")));
        assertTrue(e.getMessage().contains("option label has an empty value"), e.getMessage());
        e = assertThrows(DataException.class, () -> DataSpec.parse("text:r.csv?Label=l"));
        assertTrue(e.getMessage().contains("unknown option 'Label' (did you mean label?)"), e.getMessage());
        assertEquals("none", DataSpec.parse("series:s.csv?target=y&quote=none&columns=a,y").option("quote"));
    }
}
