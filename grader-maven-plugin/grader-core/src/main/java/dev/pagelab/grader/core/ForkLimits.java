package dev.pagelab.grader.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of the forked JVM that runs the tests.
 *
 * @param heap the maximum heap, as for {@code -Xmx}, e.g. {@code 256m}
 * @param perTest how long one test method may run
 * @param overall how long the whole run may take
 * @param outputCapBytes how many bytes of one test's output are kept
 */
public record ForkLimits(String heap, Duration perTest, Duration overall, int outputCapBytes) {
  /** Defaults: 256m heap, 10 s a test, 5 min in all, 64 KiB of output a test. */
  public static final ForkLimits DEFAULTS =
      new ForkLimits("256m", Duration.ofSeconds(10), Duration.ofMinutes(5), 64 * 1024);

  /** Checks the values. */
  public ForkLimits {
    Objects.requireNonNull(heap, "heap");
    if (!heap.matches("[1-9][0-9]*[kKmMgG]?")) {
      throw new IllegalArgumentException(
          "ForkLimits: heap '" + heap + "' is not a size like 256m or 1g");
    }
    if (perTest.isNegative() || perTest.isZero() || overall.isNegative() || overall.isZero()) {
      throw new IllegalArgumentException("ForkLimits: time limits must be positive");
    }
    if (outputCapBytes < 0) {
      throw new IllegalArgumentException("ForkLimits: outputCapBytes " + outputCapBytes + " < 0");
    }
  }
}
