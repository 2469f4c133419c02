package dev.pagelab.grader.maven;

import dev.pagelab.grader.core.ForkLimits;
import dev.pagelab.grader.core.check.StaticPolicy;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** The parameters every grader goal shares: tests, static policy and the forked JVM's limits. */
abstract class AbstractGraderMojo extends AbstractMojo {
  /** The project being built. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  /**
   * The compiled tests whose {@code @Graded} methods are run, e.g. {@code
   * <testClassesDirectory>${project.build.testOutputDirectory}</testClassesDirectory>}.
   */
  @Parameter(
      property = "pagelab.grader.testClassesDirectory",
      defaultValue = "${project.build.testOutputDirectory}")
  protected File testClassesDirectory;

  /**
   * Count only the {@code @Graded} tests of this exercise; all exercises if unset. Example: {@code
   * <exercise>pagewalk</exercise>}.
   */
  @Parameter(property = "pagelab.grader.exercise")
  protected String exercise;

  /**
   * Packages the student's classes may use, in ArchUnit syntax ({@code ..} includes sub-packages).
   * Default: {@code java.lang}, {@code java.util}, {@code java.util.function}, {@code
   * java.util.stream}, {@code dev.pagelab.sim.spi..}. Example: {@code
   * <allowedPackages><allowedPackage>java.lang</allowedPackage><allowedPackage>java.util</allowedPackage></allowedPackages>}.
   * What no submission may ever use (System.exit, Runtime, threads, reflection, files...) stays
   * forbidden whatever this says.
   */
  @Parameter protected List<String> allowedPackages;

  /**
   * Single classes allowed outside those packages. Default: {@code java.io.PrintStream} (for {@code
   * System.out.println}). Example: {@code
   * <allowedClasses><allowedClass>java.io.PrintStream</allowedClass></allowedClasses>}.
   */
  @Parameter protected List<String> allowedClasses;

  /** The forked JVM's maximum heap ({@code -Xmx}). Example: {@code <heap>256m</heap>}. */
  @Parameter(property = "pagelab.grader.heap", defaultValue = "256m")
  protected String heap;

  /**
   * Seconds one test method may run before its JVM is stopped and it scores 0 (timeout). Example:
   * {@code <testTimeout>10</testTimeout>}.
   */
  @Parameter(property = "pagelab.grader.testTimeout", defaultValue = "10")
  protected int testTimeout;

  /**
   * Seconds the whole test run may take; tests not run by then score 0. Example: {@code
   * <timeout>300</timeout>}.
   */
  @Parameter(property = "pagelab.grader.timeout", defaultValue = "300")
  protected int timeout;

  /**
   * Bytes of one test's output kept for the report; the rest is counted and dropped. Example:
   * {@code <outputCap>65536</outputCap>}.
   */
  @Parameter(property = "pagelab.grader.outputCap", defaultValue = "65536")
  protected int outputCap;

  /**
   * Where reports and scratch files go. Example: {@code
   * <outputDirectory>${project.build.directory}/grader</outputDirectory>}.
   */
  @Parameter(
      property = "pagelab.grader.outputDirectory",
      defaultValue = "${project.build.directory}/grader")
  protected File outputDirectory;

  /** Skip this goal. Example: {@code -Dpagelab.grader.skip=true}. */
  @Parameter(property = "pagelab.grader.skip", defaultValue = "false")
  protected boolean skip;

  /** The static policy from the parameters. */
  protected StaticPolicy policy() {
    return new StaticPolicy(
        allowedPackages == null || allowedPackages.isEmpty()
            ? StaticPolicy.DEFAULTS.allowedPackages()
            : allowedPackages,
        allowedClasses == null ? StaticPolicy.DEFAULTS.allowedClasses() : allowedClasses);
  }

  /** The fork's limits from the parameters. */
  protected ForkLimits limits() throws MojoExecutionException {
    try {
      return new ForkLimits(
          heap, Duration.ofSeconds(testTimeout), Duration.ofSeconds(timeout), outputCap);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(
          "bad grader limits: "
              + e.getMessage()
              + " (check <heap>, <testTimeout>, <timeout>, <outputCap>)");
    }
  }

  /** The project's test classpath. */
  protected List<Path> testClasspath() throws MojoExecutionException {
    try {
      List<Path> paths = new ArrayList<>();
      for (String element : project.getTestClasspathElements()) {
        paths.add(Path.of(element));
      }
      return paths;
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException("the test classpath is not resolved: " + e.getMessage(), e);
    }
  }

  /** Logs lines at info level. */
  protected void info(List<String> lines) {
    lines.forEach(getLog()::info);
  }
}
