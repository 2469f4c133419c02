package dev.pagelab.site;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The site uses the simulator only through its stable entry point, {@code
 * dev.pagelab.sim.cli.Main.execute}: the simulator's internals change without the site noticing.
 * Its drawing code knows nothing of pages or commands.
 */
@AnalyzeClasses(
    packages = "dev.pagelab.site",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class SiteArchitectureTest {
  @ArchTest
  static final ArchRule onlyTheCliEntryPoint =
      noClasses()
          .that()
          .resideInAPackage("dev.pagelab.site..")
          .should()
          .dependOnClassesThat(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "are in dev.pagelab.sim but not dev.pagelab.sim.cli.Main",
                  c ->
                      c.getPackageName().startsWith("dev.pagelab.sim")
                          && !c.getName().equals("dev.pagelab.sim.cli.Main")));

  @ArchTest
  static final ArchRule svgIsPlainDrawing =
      noClasses()
          .that()
          .resideInAPackage("dev.pagelab.site.svg..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.pagelab.site", "dev.pagelab.site.figure..", "dev.pagelab.site.markdown..");
}
