package dev.pagelab.grader.core;

import dev.pagelab.grader.core.check.Violation;
import dev.pagelab.grader.core.compile.CompileError;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of grading one exercise. Apart from {@link #gradedAt()} and the tests' {@code
 * millis}, the same code gives an equal grade every time: tests are in {@link
 * GradedTest#REPORT_ORDER} and violations are sorted.
 *
 * @param exercise the exercise graded
 * @param gradedAt when
 * @param compileErrors the compiler's errors; if any, the submission does not compile, no test ran
 *     and every test is {@link TestStatus#DOES_NOT_COMPILE}
 * @param violations what the static checks blocked; if any, no test ran and every test is {@link
 *     TestStatus#BLOCKED}
 * @param results one per graded test, in {@link GradedTest#REPORT_ORDER}
 * @param forks how many JVMs the run took
 */
public record Grade(
    String exercise,
    Instant gradedAt,
    List<CompileError> compileErrors,
    List<Violation> violations,
    List<TestResult> results,
    int forks) {
  /** Defensive copies. */
  public Grade {
    Objects.requireNonNull(exercise, "exercise");
    Objects.requireNonNull(gradedAt, "gradedAt");
    compileErrors = List.copyOf(compileErrors);
    violations = List.copyOf(violations);
    results = List.copyOf(results);
  }

  /** A grade of code that compiled. */
  public Grade(
      String exercise,
      Instant gradedAt,
      List<Violation> violations,
      List<TestResult> results,
      int forks) {
    this(exercise, gradedAt, List.of(), violations, results, forks);
  }

  /** True unless the submission does not compile. */
  public boolean compiled() {
    return compileErrors.isEmpty();
  }

  /** The points earned. */
  public int score() {
    return results.stream().mapToInt(TestResult::score).sum();
  }

  /** The points there are. */
  public int maxScore() {
    return results.stream().mapToInt(r -> r.test().points()).sum();
  }

  /** The score in percent, rounded down; 0 when there is nothing to earn. */
  public int percent() {
    return maxScore() == 0 ? 0 : score() * 100 / maxScore();
  }

  /** How many tests ended with this status. */
  public long count(TestStatus status) {
    return results.stream().filter(r -> r.status() == status).count();
  }
}
