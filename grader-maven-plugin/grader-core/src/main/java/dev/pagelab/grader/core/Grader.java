package dev.pagelab.grader.core;

import dev.pagelab.grader.core.check.StaticChecker;
import dev.pagelab.grader.core.check.Violation;
import dev.pagelab.grader.core.fork.ForkClasspath;
import dev.pagelab.grader.core.fork.ForkReport;
import dev.pagelab.grader.core.fork.ForkedRun;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Grades one implementation: static checks on its classes, then its graded tests in one forked JVM,
 * then the score. Nothing of the submission runs in the caller's JVM.
 */
public final class Grader {
  private final Clock clock;

  /** A grader with the system clock. */
  public Grader() {
    this(Clock.systemUTC());
  }

  /** A grader with the given clock (for tests). */
  public Grader(Clock clock) {
    this.clock = clock;
  }

  /**
   * Grades.
   *
   * @throws GraderException if an input is missing or malformed (see the message)
   */
  public Grade grade(GradingRequest request) throws GraderException {
    Instant now = clock.instant();
    List<GradedTest> tests = GradedTestScanner.scan(request.testClasses(), request.exercise());
    String exercise = request.exercise() != null ? request.exercise() : exercises(tests);
    List<Violation> violations =
        request.staticChecks()
            ? new StaticChecker(request.policy()).check(request.codeUnderTest().get(0))
            : List.of();
    if (!violations.isEmpty()) {
      List<TestResult> blocked = new ArrayList<>();
      for (GradedTest t : tests) {
        blocked.add(new TestResult(t, TestStatus.BLOCKED, "", "", 0));
      }
      return new Grade(exercise, now, violations, blocked, 0);
    }
    if (tests.isEmpty()) {
      return new Grade(exercise, now, violations, List.of(), 0);
    }
    List<java.nio.file.Path> classpath =
        ForkClasspath.build(
            request.projectClasspath(), request.testClasses(), request.codeUnderTest());
    ForkReport report =
        new ForkedRun(classpath, request.limits(), request.workDir(), ForkedRun.currentJava())
            .run(tests);
    return new Grade(exercise, now, violations, report.results(), report.forks());
  }

  private static String exercises(List<GradedTest> tests) {
    TreeSet<String> names = new TreeSet<>();
    tests.forEach(t -> names.add(t.exercise()));
    return String.join(",", names);
  }
}
