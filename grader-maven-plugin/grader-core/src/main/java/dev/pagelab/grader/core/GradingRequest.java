package dev.pagelab.grader.core;

import dev.pagelab.grader.core.check.StaticPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything one grading needs.
 *
 * @param codeUnderTest the directories of the student's compiled classes, first wins (one for a
 *     student; a mutant and the model answer for validation); the static checks read the first
 * @param testClasses the compiled tests
 * @param projectClasspath the project's test classpath (libraries; the two directories above may
 *     appear in it and are moved to the end)
 * @param exercise only tests of this exercise count, or null for every {@code @Graded} test
 * @param policy what the student's classes may use
 * @param limits the forked JVM's limits
 * @param workDir a scratch directory for the fork
 * @param staticChecks false to skip the static checks (only for the grader's own tests)
 */
public record GradingRequest(
    List<Path> codeUnderTest,
    Path testClasses,
    List<Path> projectClasspath,
    String exercise,
    StaticPolicy policy,
    ForkLimits limits,
    Path workDir,
    boolean staticChecks) {
  /** Checks the values. */
  public GradingRequest {
    codeUnderTest = List.copyOf(codeUnderTest);
    if (codeUnderTest.isEmpty()) {
      throw new IllegalArgumentException("GradingRequest: no directory of code under test");
    }
    Objects.requireNonNull(testClasses, "testClasses");
    projectClasspath = List.copyOf(projectClasspath);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(workDir, "workDir");
  }
}
