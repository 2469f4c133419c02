package dev.pagelab.grader.maven;

import dev.pagelab.grader.core.GraderException;
import dev.pagelab.grader.core.validate.ValidationReport;
import dev.pagelab.grader.core.validate.ValidationRequest;
import dev.pagelab.grader.core.validate.Validator;
import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Validates one exercise in the solutions project: the model answer scores 100%, the stub scores 0
 * with every graded test "not started", every mutant scores below 100% (the catching tests are
 * logged), and the stub's public API equals the answer's. Fails the build otherwise.
 */
@Mojo(
    name = "validate",
    defaultPhase = LifecyclePhase.VERIFY,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public final class ValidateMojo extends AbstractGraderMojo {
  /**
   * The model answer's compiled classes. Example: {@code
   * <answerClasses>${project.build.outputDirectory}</answerClasses>}.
   */
  @Parameter(
      property = "pagelab.grader.answerClasses",
      defaultValue = "${project.build.outputDirectory}")
  private File answerClasses;

  /**
   * The stub's compiled classes; if unset, {@code stubSources} is compiled instead. Example: {@code
   * <stubClasses>${project.basedir}/../exercises/target/classes</stubClasses>}.
   */
  @Parameter(property = "pagelab.grader.stubClasses")
  private File stubClasses;

  /**
   * The stub's sources (compiled with javax.tools against the project's classpath). Example: {@code
   * <stubSources>${project.basedir}/../exercises/src/main/java</stubSources>}.
   */
  @Parameter(property = "pagelab.grader.stubSources")
  private File stubSources;

  /**
   * The directory with one sub-directory of sources per mutant, each file starting with {@code //
   * mutant: <what it gets wrong>}. Default: {@code src/mutants/<exercise>}. Example: {@code
   * <mutantsDirectory>${project.basedir}/src/mutants/pagewalk</mutantsDirectory>}.
   */
  @Parameter(property = "pagelab.grader.mutantsDirectory")
  private File mutantsDirectory;

  /** Validates and fails the build on any problem. */
  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("pagelab grader validate: skipped");
      return;
    }
    if (stubClasses == null && stubSources == null) {
      throw new MojoExecutionException(
          "pagelab grader validate: set <stubClasses> or <stubSources> to the exercise's stub");
    }
    File mutants = mutantsDirectory;
    if (mutants == null && exercise != null) {
      mutants = new File(project.getBasedir(), "src/mutants/" + exercise);
    }
    ValidationReport report;
    try {
      report =
          new Validator()
              .validate(
                  new ValidationRequest(
                      answerClasses.toPath(),
                      stubClasses == null ? null : stubClasses.toPath(),
                      stubSources == null ? null : stubSources.toPath(),
                      mutants == null ? null : mutants.toPath(),
                      testClassesDirectory.toPath(),
                      testClasspath(),
                      exercise,
                      policy(),
                      limits(),
                      outputDirectory.toPath().resolve("validate")));
    } catch (GraderException e) {
      throw new MojoExecutionException("pagelab grader validate: " + e.getMessage(), e);
    }
    info(report.log());
    if (!report.valid()) {
      report.problems().forEach(p -> getLog().error(p));
      throw new MojoFailureException(
          "pagelab grader validate: "
              + report.problems().size()
              + " problem(s) in exercise "
              + exercise
              + "; fix each line logged above");
    }
    getLog().info("pagelab grader validate: exercise " + exercise + " is valid");
  }
}
