package dev.pagelab.grader.maven;

import dev.pagelab.grader.core.Grade;
import dev.pagelab.grader.core.Grader;
import dev.pagelab.grader.core.GraderException;
import dev.pagelab.grader.core.GradingRequest;
import dev.pagelab.grader.core.HiddenPoints;
import dev.pagelab.grader.core.report.Reports;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Grades the project's code: static checks on its classes, then its {@code @Graded} tests in one
 * forked JVM, then reports in {@code target/grader/}: {@code index.html}, {@code grade.json},
 * Gradescope's {@code results.json}, Classroom 50's {@code result.json}, and a summary table in the
 * log. Never fails the build unless {@code failBelow} is set.
 */
@Mojo(
    name = "grade",
    defaultPhase = LifecyclePhase.VERIFY,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public final class GradeMojo extends AbstractGraderMojo {
  /**
   * The student's compiled classes: the static checks read them, and they come last on the test
   * classpath so they shadow nothing. Example: {@code
   * <classesDirectory>${project.build.outputDirectory}</classesDirectory>}.
   */
  @Parameter(
      property = "pagelab.grader.classesDirectory",
      defaultValue = "${project.build.outputDirectory}")
  private File classesDirectory;

  /**
   * The language of the reports and the log table: {@code ko} (Korean) or {@code en} (English).
   * Example: {@code -Dpagelab.grader.locale=ko}.
   */
  @Parameter(property = "pagelab.grader.locale", defaultValue = "en")
  private String locale;

  /**
   * The folder whose {@code <exercise>/hidden-points.properties} files say what each exercise's
   * hidden tests are worth; the report shows those points as still to come. Example: {@code
   * <exercisesDirectory>${project.basedir}</exercisesDirectory>}.
   */
  @Parameter(property = "pagelab.grader.exercisesDirectory", defaultValue = "${project.basedir}")
  private File exercisesDirectory;

  /**
   * Fail the build if the score, in percent, is below this. Unset: never fail. Example: {@code
   * <failBelow>100</failBelow>}.
   */
  @Parameter(property = "pagelab.grader.failBelow")
  private Integer failBelow;

  /** Grades and writes the reports. */
  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("pagelab grader: skipped");
      return;
    }
    if (!testClassesDirectory.isDirectory()) {
      getLog()
          .warn(
              "pagelab grader: no test classes in " + testClassesDirectory + ", nothing to grade");
      return;
    }
    Path reports = outputDirectory.toPath();
    Reports writer;
    Grade grade;
    try {
      writer =
          new Reports(
              Locale.forLanguageTag(locale), HiddenPoints.readAll(exercisesDirectory.toPath()));
      grade =
          new Grader()
              .grade(
                  new GradingRequest(
                      List.of(classesDirectory.toPath()),
                      testClassesDirectory.toPath(),
                      testClasspath(),
                      exercise,
                      policy(),
                      limits(),
                      reports.resolve("work"),
                      true));
      writer.writeAll(grade, reports);
    } catch (GraderException e) {
      throw new MojoExecutionException("pagelab grader: " + e.getMessage(), e);
    }
    info(writer.summaryTable(grade));
    getLog().info("Report: " + reports.resolve(Reports.HTML));
    if (failBelow != null && grade.percent() < failBelow) {
      throw new MojoFailureException(
          "pagelab grader: score "
              + grade.percent()
              + "% is below failBelow="
              + failBelow
              + "%: open "
              + reports.resolve(Reports.HTML)
              + " to see which tests lost points");
    }
  }
}
