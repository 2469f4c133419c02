package dev.pagelab.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulator's layering: each package uses only those below it, and the contracts, the
 * formatters and the scenario language stand alone.
 */
class ArchitectureTest {
  private static final JavaClasses SIM =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.pagelab.sim");

  /** Each package and the simulator packages it may use (besides itself and the JDK). */
  private static final Map<String, List<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("spi", List.of()),
          Map.entry("proc", List.of()),
          Map.entry("tools", List.of()),
          Map.entry("scenario", List.of()),
          Map.entry("phys", List.of("spi")),
          Map.entry("paging", List.of("spi", "phys")),
          Map.entry("khugepaged", List.of("spi", "phys", "paging")),
          Map.entry("cache", List.of("spi", "phys")),
          Map.entry("fault", List.of("spi")),
          Map.entry("vm", List.of("spi", "phys", "paging", "cache")),
          Map.entry("oom", List.of("spi")),
          Map.entry("reclaim", List.of("spi", "phys", "paging", "cache", "vm")),
          Map.entry(
              "kernel",
              List.of(
                  "spi",
                  "phys",
                  "paging",
                  "cache",
                  "vm",
                  "fault",
                  "proc",
                  "tools",
                  "oom",
                  "reclaim",
                  "khugepaged")),
          Map.entry(
              "run",
              List.of(
                  "spi",
                  "phys",
                  "paging",
                  "cache",
                  "vm",
                  "fault",
                  "proc",
                  "tools",
                  "kernel",
                  "scenario",
                  "oom",
                  "reclaim",
                  "khugepaged")));

  static List<String> packages() {
    return new ArrayList<>(ALLOWED.keySet());
  }

  @ParameterizedTest
  @MethodSource("packages")
  void packageUsesOnlyTheLayersBelowIt(String pkg) {
    List<String> allowed = new ArrayList<>(List.of("java..", "dev.pagelab.sim." + pkg + ".."));
    for (String other : ALLOWED.get(pkg)) {
      allowed.add("dev.pagelab.sim." + other + "..");
    }
    classes()
        .that()
        .resideInAPackage("dev.pagelab.sim." + pkg + "..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(allowed.toArray(String[]::new))
        .check(SIM);
  }

  @Test
  void onlyTheCommandLineUsesPicocli() {
    classes()
        .that()
        .resideOutsideOfPackage("dev.pagelab.sim.cli..")
        .should()
        .onlyDependOnClassesThat()
        .resideOutsideOfPackage("picocli..")
        .check(SIM);
  }
}
