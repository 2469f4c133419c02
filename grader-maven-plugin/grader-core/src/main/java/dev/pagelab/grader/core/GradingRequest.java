package dev.pagelab.grader.core;

import dev.pagelab.grader.core.check.Policy;
import dev.pagelab.grader.core.fork.JavaRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything grading one exercise of one submission needs.
 *
 * @param exercise the exercise, e.g. {@code pagewalk}: only its {@code @Graded} tests count
 * @param submission the student's sources (or, for model answers, class files)
 * @param tests the instructor's compiled tests, directories or jars: scanned for graded tests, the
 *     policy and run from memory
 * @param libraries the exercise's classpath: what the submission compiles against and the tests run
 *     with (the simulator, JUnit, grader-api); never the submission's or a model answer's classes
 * @param policy the static policy, or null to read it from the tests ({@link Policy#find})
 * @param limits the forked JVM's limits
 * @param locale the language of the compiler's messages
 * @param workDir a scratch directory, emptied by nobody but the caller
 * @param java the {@code java} the tests run with
 * @param staticChecks false to skip the static checks (only for the grader's own tests)
 * @param runtimeGuard false to run without the runtime guard (only for the grader's own tests)
 */
public record GradingRequest(
    String exercise,
    Submission submission,
    List<Path> tests,
    List<Path> libraries,
    Policy policy,
    ForkLimits limits,
    Locale locale,
    Path workDir,
    Path java,
    boolean staticChecks,
    boolean runtimeGuard) {
  /** Checks the values. */
  public GradingRequest {
    Objects.requireNonNull(exercise, "exercise");
    Objects.requireNonNull(submission, "submission");
    tests = List.copyOf(tests);
    libraries = List.copyOf(libraries);
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(java, "java");
  }

  /** A request with every defence on, the running JVM's {@code java} and the tests' policy. */
  public static GradingRequest of(
      String exercise,
      Submission submission,
      List<Path> tests,
      List<Path> libraries,
      ForkLimits limits,
      Locale locale,
      Path workDir) {
    return new GradingRequest(
        exercise,
        submission,
        tests,
        libraries,
        null,
        limits,
        locale,
        workDir,
        JavaRuntime.current(),
        true,
        true);
  }

  /** The same request with another policy. */
  public GradingRequest withPolicy(Policy other) {
    return new GradingRequest(
        exercise,
        submission,
        tests,
        libraries,
        other,
        limits,
        locale,
        workDir,
        java,
        staticChecks,
        runtimeGuard);
  }

  /** The same request with another {@code java} for the tests. */
  public GradingRequest withJava(Path other) {
    return new GradingRequest(
        exercise,
        submission,
        tests,
        libraries,
        policy,
        limits,
        locale,
        workDir,
        other,
        staticChecks,
        runtimeGuard);
  }

  /** The same request with the given defences (false only in the grader's own tests). */
  public GradingRequest withDefences(boolean checks, boolean guard) {
    return new GradingRequest(
        exercise,
        submission,
        tests,
        libraries,
        policy,
        limits,
        locale,
        workDir,
        java,
        checks,
        guard);
  }
}
