package dev.pagelab.grader.core;

import java.util.Objects;

/**
 * The grader's verdict on one graded test.
 *
 * @param test the test
 * @param status how it ended
 * @param detail the failure or the cause of no result (exception text, exit status, limit), or
 *     empty; control characters removed ({@link PlainText})
 * @param output what the test printed, capped; control characters removed
 * @param millis wall time the parent measured (not part of grade.json: it varies between runs)
 */
public record TestResult(
    GradedTest test, TestStatus status, String detail, String output, long millis) {
  /** Checks the values and removes control characters from the texts. */
  public TestResult {
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(status, "status");
    detail = PlainText.of(detail);
    output = PlainText.of(output);
  }

  /** The points earned: all of them on a pass, none otherwise. */
  public int score() {
    return status.earnsPoints() ? test.points() : 0;
  }
}
