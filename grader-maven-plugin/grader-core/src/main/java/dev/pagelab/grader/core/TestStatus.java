package dev.pagelab.grader.core;

/** How a graded test ended, as the grader (not the student's JVM) decides it. */
public enum TestStatus {
  /** It passed: full points. */
  PASSED,
  /** An assertion or exception failed it. */
  FAILED,
  /** The code under test is still the stub ({@code TODO(} exception). */
  NOT_STARTED,
  /** Disabled, or an assumption aborted it. */
  SKIPPED,
  /** It gave no result within the per-test time limit; the JVM was killed. */
  TIMEOUT,
  /** The JVM ended while it ran: {@code System.exit}, {@code Runtime.halt}. */
  EXITED,
  /** The JVM ran out of heap while it ran. */
  OUT_OF_MEMORY,
  /** The JVM crashed (killed by a signal) while it ran. */
  CRASHED,
  /** It never ran: the overall time limit ran out, or JUnit did not find it. */
  NOT_RUN,
  /** The static checks rejected the code under test, so no test ran. */
  BLOCKED,
  /** The code under test does not compile, so no test ran. */
  DOES_NOT_COMPILE;

  /** True only for {@link #PASSED}: every other status scores 0. */
  public boolean earnsPoints() {
    return this == PASSED;
  }

  /** The status for what the forked runner reported. */
  public static TestStatus of(dev.pagelab.grader.runner.Wire.Outcome outcome) {
    return switch (outcome) {
      case PASSED -> PASSED;
      case NOT_STARTED -> NOT_STARTED;
      case SKIPPED -> SKIPPED;
      case NOT_FOUND -> NOT_RUN;
      case FAILED -> FAILED;
    };
  }

  /** The lower-case name used in JSON, e.g. {@code not_started}. */
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
