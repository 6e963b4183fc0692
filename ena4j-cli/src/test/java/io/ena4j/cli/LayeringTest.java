package io.ena4j.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/ARCHITECTURE.md, enforced: interface definitions at the bottom, the platform
 * beside them, the driver and the device model each on top of those two and never on each other,
 * the command-line tools on top of everything. The Maven module graph already makes a forbidden
 * import fail to compile; this test states the rule and guards it against a pom that adds the
 * wrong dependency.
 */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ena4j");
    }

    @Test
    void driverNeverUsesTheDeviceModel() {
        noClasses().that().resideInAPackage("io.ena4j.driver..")
                .should().dependOnClassesThat().resideInAPackage("io.ena4j.model..")
                .check(classes);
    }

    @Test
    void deviceModelNeverUsesTheDriver() {
        noClasses().that().resideInAPackage("io.ena4j.model..")
                .should().dependOnClassesThat().resideInAPackage("io.ena4j.driver..")
                .check(classes);
    }

    @Test
    void interfaceDefinitionsStandAlone() {
        noClasses().that().resideInAPackage("io.ena4j.spec..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ena4j.platform..", "io.ena4j.driver..",
                        "io.ena4j.model..", "io.ena4j.cli..")
                .check(classes);
    }

    @Test
    void platformKnowsNoEnaLayerAboveIt() {
        noClasses().that().resideInAPackage("io.ena4j.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ena4j.spec..", "io.ena4j.driver..",
                        "io.ena4j.model..", "io.ena4j.cli..")
                .check(classes);
    }

    @Test
    void onlyTheToolsDependOnTheTools() {
        noClasses().that().resideOutsideOfPackage("io.ena4j.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.ena4j.cli..")
                .check(classes);
    }

    @Test
    void noUnsafeAndNoJni() {
        noClasses().should().dependOnClassesThat().resideInAPackage("sun.misc..")
                .check(classes);
        noClasses().should().callMethod(System.class, "loadLibrary", String.class)
                .check(classes);
    }
}
