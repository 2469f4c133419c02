package dev.pagelab.grader.runner;

import org.junit.platform.engine.TestExecutionResult;

/**
 * How the grader classifies one JUnit result, for callers that run tests themselves (the solutions'
 * content test) and must agree with the grader.
 */
public final class Outcomes {
  private Outcomes() {}

  /**
   * PASSED for success, NOT_STARTED if the failure comes from a stub's {@code TODO(} exception,
   * SKIPPED for an aborted test, FAILED otherwise.
   */
  public static Wire.Outcome of(TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
      return Wire.Outcome.PASSED;
    }
    Throwable cause = result.getThrowable().orElse(null);
    if (cause != null && Failures.isStub(cause)) {
      return Wire.Outcome.NOT_STARTED;
    }
    return result.getStatus() == TestExecutionResult.Status.ABORTED
        ? Wire.Outcome.SKIPPED
        : Wire.Outcome.FAILED;
  }
}
