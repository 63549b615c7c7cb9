package dev.tunebench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.tunebench.engine.config.RunConfig;
import dev.tunebench.engine.event.TrainingListener;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of architecture.md, checked on the compiled classes (after JabRef's CommonArchitectureTest):
 * the engine and presets never touch JavaFX, only engine.djl touches DJL, and view-models use javafx.base only.
 * Every rule here is a claim of src/site/markdown/architecture.md, which names the test that checks it.
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
    void frontEndsAreIndependent() {
        noClasses().that().resideInAPackage("dev.tunebench.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.tunebench.cli..")
                .because("what both front ends need belongs in the engine or the presets").check(classes);
        noClasses().that().resideInAPackage("dev.tunebench.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.tunebench.app..")
                .because("the CLI must run without a toolkit").check(classes);
    }

    @Test
    void runLoopIsBackendNeutral() {
        noClasses().that().resideInAPackage("dev.tunebench.engine.run..")
                .should().dependOnClassesThat().resideInAPackage("dev.tunebench.engine.djl..")
                .because("the run loop trains through TrainingBackend, so the fake and the DJL backend are "
                        + "interchangeable").check(classes);
    }

    @Test
    void configAndEventsAreImmutable() {
        // Everything reachable from RunConfig's components, and every argument of a listener method, crosses
        // threads: each must be a record, an enum, a boxed/primitive value, a String or a List of those.
        List<Type> roots = new ArrayList<>(List.of(RunConfig.class));
        for (Method m : TrainingListener.class.getDeclaredMethods()) {
            roots.addAll(List.of(m.getGenericParameterTypes()));
        }
        Set<Class<?>> seen = new HashSet<>();
        Deque<Type> todo = new ArrayDeque<>(roots);
        List<String> mutable = new ArrayList<>();
        while (!todo.isEmpty()) {
            Type t = todo.pop();
            if (t instanceof ParameterizedType p) {
                todo.push(p.getRawType());
                for (Type a : p.getActualTypeArguments()) {
                    todo.push(a);
                }
                continue;
            }
            if (!(t instanceof Class<?> c) || !seen.add(c)) {
                continue;
            }
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    if (rc.getType().isArray() && DEFENSIVE_COPIES.contains(c.getSimpleName() + "." + rc.getName())) {
                        continue;
                    }
                    todo.push(rc.getGenericType());
                }
            } else if (c.isInterface() && c.isSealed()) {
                for (Class<?> sub : c.getPermittedSubclasses()) {
                    todo.push(sub);
                }
            } else if (!(c.isEnum() || c.isPrimitive() || c == String.class || Number.class.isAssignableFrom(c)
                    || c == Boolean.class || c == List.class || c == java.util.Map.class
                    || c == java.nio.file.Path.class || c == java.time.Instant.class)) {
                mutable.add(c.getName());
            }
        }
        assertEquals(List.of(), mutable, "types reachable from RunConfig or the listener events that are not "
                + "immutable values");
        assertTrue(seen.size() > 10, "the walk must reach the config and event records: " + seen);
        // The one array component is copied in and out.
        int[] shape = {1, 8, 8};
        var spec = new dev.tunebench.engine.data.InputSpec(dev.tunebench.engine.data.InputSpec.Kind.IMAGE, shape, 0,
                dev.tunebench.engine.config.Task.CLASSIFICATION, 10);
        shape[0] = 3;
        spec.shape()[1] = 5;
        assertEquals(List.of(1, 8, 8), java.util.Arrays.stream(spec.shape()).boxed().toList());
    }

    /** Array components of records that copy the array in their constructor and accessor. */
    private static final Set<String> DEFENSIVE_COPIES = Set.of("InputSpec.shape");

    @Test
    void noOneStopsARunByInterrupting() {
        noClasses().should().callMethod(javafx.concurrent.Worker.class, "cancel")
                .orShould().callMethod(javafx.concurrent.Task.class, "cancel")
                .orShould().callMethod(javafx.concurrent.Task.class, "cancel", boolean.class)
                .orShould().callMethod(java.util.concurrent.Future.class, "cancel", boolean.class)
                .because("stop is cooperative: an interrupt could cut a checkpoint write in half").check(classes);
        // Thread.interrupt() is only allowed to restore the current thread's flag after an InterruptedException.
        methods().that().areDeclaredInClassesThat().resideInAPackage("dev.tunebench..")
                .should(new ArchCondition<JavaMethod>("interrupt only the current thread") {
                    @Override
                    public void check(JavaMethod m, ConditionEvents events) {
                        boolean interrupts = m.getMethodCallsFromSelf().stream().anyMatch(c ->
                                c.getTarget().getOwner().isEquivalentTo(Thread.class)
                                        && c.getTarget().getName().equals("interrupt"));
                        boolean current = m.getMethodCallsFromSelf().stream().anyMatch(c ->
                                c.getTarget().getOwner().isEquivalentTo(Thread.class)
                                        && c.getTarget().getName().equals("currentThread"));
                        if (interrupts && !current) {
                            events.add(SimpleConditionEvent.violated(m, m.getFullName()
                                    + " interrupts a thread other than its own"));
                        }
                    }
                }).allowEmptyShould(true).check(classes);
    }

    @Test
    void noGradientCollector() {
        noClasses().that().resideOutsideOfPackage("dev.tunebench.engine.djl.bench..")
                .should().dependOnClassesThat().haveFullyQualifiedName("ai.djl.training.GradientCollector")
                .because("its flag is process-wide; the session sets PyTorch's per-thread grad mode (only the "
                        + "bench's bare DJL loop, which measures plain DJL, uses it)").check(classes);
    }

    @Test
    void jfreeChartStaysInChartViews() {
        noClasses().that().resideOutsideOfPackage("dev.tunebench.app.charts..")
                .and().doNotHaveSimpleName("LrFindView").and().doNotHaveSimpleName("DataInspectorView")
                .should().dependOnClassesThat().resideInAPackage("org.jfree..")
                .because("live charts are drawn by one render thread in app.charts").check(classes);
    }

    @Test
    void templatesLiveInTheTemplatePackage() {
        classes().that().implement(dev.tunebench.engine.djl.template.ModelTemplate.class)
                .should().resideInAPackage("dev.tunebench.engine.djl.template").check(classes);
        // Every template class is registered, so the menus, the codec and the CLI all see it.
        Set<String> registered = new HashSet<>();
        dev.tunebench.engine.djl.template.Templates.all().forEach(t -> registered.add(t.getClass().getName()));
        List<String> unregistered = classes.stream().filter(c -> !c.isInterface()
                        && c.isAssignableTo(dev.tunebench.engine.djl.template.ModelTemplate.class))
                .map(c -> c.getName()).filter(n -> !registered.contains(n)).toList();
        assertEquals(List.of(), unregistered, "template classes missing from Templates.all()");
    }

    @Test
    void optimisersLiveInTheOptimPackage() {
        classes().that().implement(dev.tunebench.engine.djl.optim.ParameterOptimizer.class)
                .should().resideInAPackage("dev.tunebench.engine.djl.optim").check(classes);
    }

    @Test
    void theRulesSeeTheClassesTheyGuard() {
        // An empty import would make every rule pass vacuously.
        assertTrue(classes.contain(dev.tunebench.engine.djl.DjlBackend.class));
        assertTrue(classes.stream().filter(c -> c.getSimpleName().endsWith("ViewModel")).count() >= 5);
    }
}
