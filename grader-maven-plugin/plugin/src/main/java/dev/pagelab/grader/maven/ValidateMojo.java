package dev.pagelab.grader.maven;

import dev.pagelab.grader.core.GraderException;
import dev.pagelab.grader.core.Submission;
import dev.pagelab.grader.core.TestBundle;
import dev.pagelab.grader.core.check.Policy;
import dev.pagelab.grader.core.validate.ValidationReport;
import dev.pagelab.grader.core.validate.ValidationRequest;
import dev.pagelab.grader.core.validate.Validator;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Validates one exercise in the solutions project, through the real grading path: the policy names
 * only what exists, the model answer scores 100% and passes the static checks, the stub scores 0
 * with every graded test "not started" and has the answer's public API, and every mutant is caught
 * by a graded test, public or hidden (the catching tests are logged). Fails the build otherwise.
 */
@Mojo(
    name = "validate",
    defaultPhase = LifecyclePhase.VERIFY,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public final class ValidateMojo extends AbstractGraderMojo {
  /**
   * The model answer's compiled classes (only the exercise package's are taken). Example: {@code
   * <answerClasses>${project.build.outputDirectory}</answerClasses>}.
   */
  @Parameter(
      property = "pagelab.grader.answerClasses",
      defaultValue = "${project.build.outputDirectory}")
  private File answerClasses;

  /**
   * The source root of the stub (its exercise package's sources are compiled). Example: {@code
   * <stubSources>${project.basedir}/../exercises/src/main/java</stubSources>}.
   */
  @Parameter(property = "pagelab.grader.stubSources", required = true)
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
    applyCommandLine();
    if (skip) {
      getLog().info("pagelab grader validate: skipped");
      return;
    }
    String name = exercise();
    File mutants =
        mutantsDirectory != null
            ? mutantsDirectory
            : new File(project.getBasedir(), "src/mutants/" + name);
    ValidationReport report;
    try {
      List<Path> tests = tests();
      String pkg = Policy.find(TestBundle.read(tests), name).exercisePackage();
      report =
          new Validator()
              .validate(
                  new ValidationRequest(
                      name,
                      Submission.classes(answerClasses.toPath(), pkg),
                      Submission.sources(stubSources.toPath(), pkg),
                      mutants.toPath(),
                      tests,
                      libraries(),
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
              + name
              + "; fix each line logged above");
    }
    getLog().info("pagelab grader validate: exercise " + name + " is valid");
  }
}
