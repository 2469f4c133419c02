package dev.pagelab.sim.scenario;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The scenario language stands alone: it uses only the JDK and its own package. */
class ScenarioArchitectureTest {
  @Test
  void dependsOnNoOtherSimulatorPackage() {
    JavaClasses scenario =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pagelab.sim.scenario");
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.pagelab.sim.scenario..", "java..")
        .check(scenario);
  }
}
