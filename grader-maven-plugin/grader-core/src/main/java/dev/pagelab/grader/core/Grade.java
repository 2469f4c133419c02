package dev.pagelab.grader.core;

import dev.pagelab.grader.core.check.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one grading. Apart from {@link #gradedAt()} and the tests' {@code millis}, the
 * same code gives an equal grade every time: tests are in {@link GradedTest#REPORT_ORDER} and
 * violations are sorted.
 *
 * @param exercise the exercise graded, or the exercises found, comma-separated
 * @param gradedAt when
 * @param violations what the static checks rejected; if any, no test ran
 * @param results one per graded test, in {@link GradedTest#REPORT_ORDER}
 * @param forks how many JVMs the run took
 */
public record Grade(
    String exercise,
    Instant gradedAt,
    List<Violation> violations,
    List<TestResult> results,
    int forks) {
  /** Defensive copies. */
  public Grade {
    Objects.requireNonNull(exercise, "exercise");
    Objects.requireNonNull(gradedAt, "gradedAt");
    violations = List.copyOf(violations);
    results = List.copyOf(results);
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
