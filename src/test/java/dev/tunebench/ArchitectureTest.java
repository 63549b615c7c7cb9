package dev.tunebench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of architecture.md, checked on the compiled classes (after JabRef's CommonArchitectureTest):
 * the engine and presets never touch JavaFX, only engine.djl touches DJL, and view-models use javafx.base only.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tunebench");
    }

    static final ArchRule ENGINE_AND_PRESETS_HAVE_NO_JAVAFX = noClasses()
            .that().resideInAnyPackage("dev.tunebench.engine..", "dev.tunebench.preset..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.jfree..", "org.controlsfx..")
            .because("the engine and presets must run headless (CLI, tests, a future engine-only module)");

    static final ArchRule ONLY_ENGINE_DJL_USES_DJL = noClasses()
            .that().resideOutsideOfPackage("dev.tunebench.engine.djl..")
            .should().dependOnClassesThat().resideInAPackage("ai.djl..")
            .because("one package owns every DJL object, so DJL traps are handled in one place");

    static final ArchRule ENGINE_DOES_NOT_DEPEND_ON_FRONT_ENDS = noClasses()
            .that().resideInAnyPackage("dev.tunebench.engine..", "dev.tunebench.preset..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.tunebench.app..", "dev.tunebench.cli..")
            .because("the GUI and the CLI are two front ends on one engine");

    static final ArchRule VIEW_MODELS_USE_JAVAFX_BASE_ONLY = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .or().resideInAPackage("dev.tunebench.app..model..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.jfree..", "org.controlsfx..")
            .because("view-models are tested without a toolkit");

    @Test
    void engineAndPresetsHaveNoJavaFx() {
        ENGINE_AND_PRESETS_HAVE_NO_JAVAFX.check(classes);
    }

    @Test
    void onlyEngineDjlUsesDjl() {
        ONLY_ENGINE_DJL_USES_DJL.check(classes);
    }

    @Test
    void engineDoesNotDependOnFrontEnds() {
        ENGINE_DOES_NOT_DEPEND_ON_FRONT_ENDS.check(classes);
    }

    @Test
    void viewModelsUseJavaFxBaseOnly() {
        VIEW_MODELS_USE_JAVAFX_BASE_ONLY.check(classes);
    }

    @Test
    void enginePackagesAreFreeOfCycles() {
        // If the engine ships alone later, splitting it into modules must stay a mechanical move.
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching("dev.tunebench.engine.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theRulesSeeTheClassesTheyGuard() {
        // An empty import would make every rule pass vacuously.
        assertTrue(classes.contain(dev.tunebench.engine.djl.DjlBackend.class));
        assertTrue(classes.stream().filter(c -> c.getSimpleName().endsWith("ViewModel")).count() >= 5);
    }
}
