package dev.pagelab.grader.maven;

import dev.pagelab.grader.core.ForkLimits;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every grader goal shares: the instructor's tests, the exercise's libraries and the forked
 * JVM's limits. A value given on the command line ({@code -Dpagelab.grader.skip=false}) wins over
 * the pom's {@code <configuration>}, so whoever runs the build decides, not the pom.
 */
abstract class AbstractGraderMojo extends AbstractMojo {
  /** The project being built. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  /** The build session (for the command line's properties). */
  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  /**
   * The exercise to grade: its {@code @Graded} tests count and its policy ({@code
   * META-INF/pagelab-grader/<exercise>/grader-policy.txt} among the tests) applies. Example: {@code
   * <exercise>pagewalk</exercise>}. On the command line ({@code -Dpagelab.grader.exercise=oom}) it
   * chooses: an execution configured for another exercise is skipped.
   */
  @Parameter(property = "pagelab.grader.exercise")
  protected String exercise;

  /**
   * Test jars among the project's dependencies whose tests count too, as {@code
   * groupId:artifactId[:type[:classifier]]}, e.g. {@code
   * <dependenciesToScan><dependency>dev.pagelab:pagelab-exercises:test-jar</dependency></dependenciesToScan>}.
   * The project's own compiled tests always count.
   */
  @Parameter protected List<String> dependenciesToScan;

  /** The forked JVM's maximum heap ({@code -Xmx}). Example: {@code <heap>256m</heap>}. */
  @Parameter(property = "pagelab.grader.heap", defaultValue = "256m")
  protected String heap;

  /**
   * Seconds one test (with the creation of its class and instance) may run before its JVM is
   * stopped and it scores 0 (timeout). Example: {@code <testTimeout>10</testTimeout>}.
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
   * Where reports and scratch files go; emptied first. Example: {@code
   * <outputDirectory>${project.build.directory}/grader</outputDirectory>}.
   */
  @Parameter(
      property = "pagelab.grader.outputDirectory",
      defaultValue = "${project.build.directory}/grader")
  protected File outputDirectory;

  /**
   * The {@code java} the tests run with; by default the one running Maven. It must have the
   * SecurityManager (Java 17 to 23). Example: {@code -Dpagelab.grader.jvm=/opt/jdk-17/bin/java}.
   */
  @Parameter(property = "pagelab.grader.jvm")
  protected File jvm;

  /** Skip this goal. Example: {@code -Dpagelab.grader.skip=true}. */
  @Parameter(property = "pagelab.grader.skip", defaultValue = "false")
  protected boolean skip;

  /** Applies the command line's {@code pagelab.grader.*} properties over the pom's values. */
  protected void applyCommandLine() throws MojoExecutionException {
    Properties cli = session.getUserProperties();
    String chosen = cli.getProperty("pagelab.grader.exercise");
    heap = cli.getProperty("pagelab.grader.heap", heap);
    testTimeout = intProperty(cli, "pagelab.grader.testTimeout", testTimeout);
    timeout = intProperty(cli, "pagelab.grader.timeout", timeout);
    outputCap = intProperty(cli, "pagelab.grader.outputCap", outputCap);
    if (cli.getProperty("pagelab.grader.outputDirectory") != null) {
      outputDirectory = resolve(cli.getProperty("pagelab.grader.outputDirectory"));
    }
    if (cli.getProperty("pagelab.grader.jvm") != null) {
      jvm = resolve(cli.getProperty("pagelab.grader.jvm"));
    }
    String skipped = cli.getProperty("pagelab.grader.skip");
    if (skipped != null) {
      skip = skipped.isEmpty() || Boolean.parseBoolean(skipped);
    }
    if (chosen != null && !chosen.isBlank()) {
      chooseExercise(chosen.strip());
    }
  }

  /**
   * {@code -Dpagelab.grader.exercise}: an execution without an {@code <exercise>} takes it; of a
   * pom with one execution per exercise, only the execution of that exercise runs.
   */
  private void chooseExercise(String chosen) {
    if (exercise == null || exercise.isBlank()) {
      exercise = chosen;
    } else if (!exercise.strip().equals(chosen)) {
      getLog()
          .info(
              "pagelab grader: this execution is for exercise "
                  + exercise.strip()
                  + "; -Dpagelab.grader.exercise="
                  + chosen
                  + " chose another, so it is skipped");
      skip = true;
    }
  }

  /** A path from the command line, relative to the folder Maven was started in. */
  protected File resolve(String path) {
    File f = new File(path);
    return f.isAbsolute() ? f : new File(session.getExecutionRootDirectory(), path);
  }

  /** An integer property of the command line, or the pom's value. */
  protected static int intProperty(Properties cli, String name, int value)
      throws MojoExecutionException {
    String text = cli.getProperty(name);
    try {
      return text == null ? value : Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new MojoExecutionException("-D" + name + "=" + text + " is not a whole number");
    }
  }

  /** The exercise, which every goal needs. */
  protected String exercise() throws MojoExecutionException {
    if (exercise == null || exercise.isBlank()) {
      throw new MojoExecutionException(
          "pagelab grader: set <exercise> (e.g. <exercise>pagewalk</exercise>) in the plugin's"
              + " configuration, or -Dpagelab.grader.exercise=pagewalk");
    }
    return exercise.strip();
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

  /** The instructor's tests: the project's compiled tests, then the test jars to scan. */
  protected List<Path> tests() throws MojoExecutionException {
    List<Path> tests = new ArrayList<>();
    Path own = Path.of(project.getBuild().getTestOutputDirectory());
    if (java.nio.file.Files.isDirectory(own)) {
      tests.add(own);
    }
    tests.addAll(scannedDependencies());
    return tests;
  }

  /**
   * The exercise's libraries: the project's test classpath without its own classes (a stub or a
   * model answer), its own tests and the test jars to scan.
   */
  protected List<Path> libraries() throws MojoExecutionException {
    Set<Path> excluded = new LinkedHashSet<>();
    excluded.add(normal(project.getBuild().getOutputDirectory()));
    excluded.add(normal(project.getBuild().getTestOutputDirectory()));
    scannedDependencies().forEach(p -> excluded.add(p.toAbsolutePath().normalize()));
    List<Path> libraries = new ArrayList<>();
    try {
      for (String element : project.getTestClasspathElements()) {
        Path p = normal(element);
        if (!excluded.contains(p)) {
          libraries.add(p);
        }
      }
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException("the test classpath is not resolved: " + e.getMessage(), e);
    }
    return libraries;
  }

  private List<Path> scannedDependencies() throws MojoExecutionException {
    List<Path> found = new ArrayList<>();
    for (String pattern : dependenciesToScan == null ? List.<String>of() : dependenciesToScan) {
      String[] parts = pattern.strip().split(":");
      Artifact match = null;
      for (Artifact a : project.getArtifacts()) {
        boolean same =
            parts.length >= 2
                && a.getGroupId().equals(parts[0])
                && a.getArtifactId().equals(parts[1])
                && (parts.length < 3 || a.getType().equals(parts[2]))
                && (parts.length < 4 || parts[3].equals(a.getClassifier()));
        if (same && a.getFile() != null) {
          match = a;
        }
      }
      if (match == null) {
        throw new MojoExecutionException(
            "pagelab grader: <dependenciesToScan> names "
                + pattern
                + ", which is not a resolved dependency of "
                + project.getArtifactId()
                + "; add it to <dependencies> (test scope)");
      }
      found.add(match.getFile().toPath());
    }
    return found;
  }

  private static Path normal(String path) {
    return Path.of(path).toAbsolutePath().normalize();
  }

  /** Logs lines at info level. */
  protected void info(List<String> lines) {
    lines.forEach(getLog()::info);
  }
}
