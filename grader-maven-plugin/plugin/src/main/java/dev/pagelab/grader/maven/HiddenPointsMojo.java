package dev.pagelab.grader.maven;

import dev.pagelab.grader.core.GraderException;
import dev.pagelab.grader.core.HiddenPointsSync;
import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks, in the instructor's solutions project, that an exercise's hidden-points manifest (how
 * many hidden tests there are and their points per task, no names) equals the hidden tests, and
 * rewrites it on request. Students' reports read the manifest to show the points the hidden tests
 * hold. Fails the build when the manifest is missing or out of date, or a hidden test is VISIBLE.
 */
@Mojo(name = "hidden-points", defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES, threadSafe = true)
public final class HiddenPointsMojo extends AbstractMojo {
  /** The flag that rewrites the manifest. */
  static final String UPDATE_PROPERTY = "pagelab.grader.updateHiddenPoints";

  /**
   * The compiled hidden tests. Example: {@code
   * <testClassesDirectory>${project.build.testOutputDirectory}</testClassesDirectory>}.
   */
  @Parameter(
      property = "pagelab.grader.testClassesDirectory",
      defaultValue = "${project.build.testOutputDirectory}")
  private File testClassesDirectory;

  /** The exercise. Example: {@code <exercise>pagewalk</exercise>}. */
  @Parameter(property = "pagelab.grader.exercise", required = true)
  private String exercise;

  /**
   * The manifest the students' project ships. Example: {@code
   * <hiddenPoints>${project.basedir}/../exercises/pagewalk/hidden-points.properties</hiddenPoints>}.
   */
  @Parameter(required = true)
  private File hiddenPoints;

  /** Rewrite the manifest from the hidden tests instead of failing. Example: {@code -D} + name. */
  @Parameter(property = UPDATE_PROPERTY, defaultValue = "false")
  private boolean update;

  /** Skip this goal. Example: {@code -Dpagelab.grader.skip=true}. */
  @Parameter(property = "pagelab.grader.skip", defaultValue = "false")
  private boolean skip;

  /** Checks or rewrites the manifest. */
  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("pagelab grader hidden-points: skipped");
      return;
    }
    if (!testClassesDirectory.isDirectory()) {
      throw new MojoExecutionException(
          "pagelab grader hidden-points: no compiled hidden tests in "
              + testClassesDirectory
              + "; run it after test-compile");
    }
    HiddenPointsSync.Outcome outcome;
    try {
      outcome =
          HiddenPointsSync.sync(
              testClassesDirectory.toPath(),
              exercise,
              hiddenPoints.toPath().normalize(),
              update,
              "-D" + UPDATE_PROPERTY);
    } catch (GraderException e) {
      throw new MojoFailureException("pagelab grader hidden-points: " + e.getMessage(), e);
    }
    if (!outcome.ok()) {
      throw new MojoFailureException("pagelab grader hidden-points: " + outcome.message());
    }
    getLog().info("pagelab grader hidden-points: " + outcome.message());
  }
}
