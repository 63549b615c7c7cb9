package dev.tunebench.app.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tunebench.app.model.DataChoice;
import dev.tunebench.engine.data.DataException;
import dev.tunebench.engine.data.DataLoader;
import dev.tunebench.engine.data.DataSpec;
import dev.tunebench.engine.data.LoadedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportViewModelTest {

    @Test
    void buildsASpecTheLoaderReads(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("review\tscore");
        for (int i = 0; i < 40; i++) {
            lines.add((i % 2 == 0 ? "good fine great" : "bad awful poor") + " item " + i + "\t"
                    + (i % 2 == 0 ? "pos" : "neg"));
        }
        Path file = dir.resolve("reviews.tsv");
        Files.write(file, lines);
        ImportViewModel vm = new ImportViewModel();
        assertEquals("choose a file", vm.errorProperty().get());
        vm.pathProperty().set(file.toString());
        vm.value("text").set("review");
        vm.value("label").set("score");
        vm.value("valFraction").set("0.25");
        assertEquals("", vm.errorProperty().get());
        DataChoice c = vm.toChoice();
        assertEquals("text", c.kind());
        LoadedData d = DataLoader.load(DataSpec.parse(c.spec()));
        assertEquals(30, d.train().size());
        assertEquals(10, d.validation().size());
        assertEquals(List.of("neg", "pos"), d.classNames().stream().sorted().toList());
    }

    @Test
    void quotingAndHeaderlessColumnsReachTheLoader(@TempDir Path dir) throws Exception {
        // A headerless TSV whose reviews start with a quoted name: the TSV default reads quotes as data.
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add((i % 2 == 0 ? "\"Lavazza\" is the best coffee " : "\"Brand X\" tastes awful ") + i + "\t"
                    + (i % 2));
        }
        Path file = dir.resolve("reviews.tsv");
        Files.write(file, lines);
        ImportViewModel vm = new ImportViewModel();
        vm.pathProperty().set(file.toString());
        vm.value("columns").set("review,score");
        vm.value("text").set("review");
        vm.value("label").set("score");
        assertEquals("", vm.errorProperty().get());
        LoadedData d = DataLoader.load(DataSpec.parse(vm.toChoice().spec()));
        assertEquals(20, d.train().size() + d.validation().size());
        // Asking for RFC 4180 quoting on the same file is refused by the loader with a message about quotes.
        vm.value("quote").set("rfc4180");
        assertTrue(vm.specProperty().get().contains("quote=rfc4180"), vm.specProperty().get());
        DataException e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
                () -> DataLoader.load(DataSpec.parse(vm.toChoice().spec())));
        assertTrue(e.getMessage().contains("quot"), e.getMessage());
    }

    @Test
    void anUnknownOptionValueIsReportedAndGivesNoChoice() {
        ImportViewModel vm = new ImportViewModel();
        vm.formatProperty().set(DataSpec.Format.SERIES);
        vm.pathProperty().set("births.csv");
        vm.value("window").set("seven");
        assertTrue(vm.errorProperty().get().contains("window"), vm.errorProperty().get());
        assertNull(vm.toChoice());
        vm.value("window").set("7");
        vm.value("target").set("births");
        assertEquals("", vm.errorProperty().get());
        assertTrue(vm.specProperty().get().startsWith("series:births.csv?"));
    }

    @Test
    void idxTakesTwoFiles() {
        ImportViewModel vm = new ImportViewModel();
        vm.formatProperty().set(DataSpec.Format.IDX);
        vm.pathProperty().set("images.gz");
        vm.secondPathProperty().set("labels.gz");
        assertEquals("idx:images.gz,labels.gz", vm.specProperty().get());
        assertEquals("image", vm.toChoice().kind());
    }
}
