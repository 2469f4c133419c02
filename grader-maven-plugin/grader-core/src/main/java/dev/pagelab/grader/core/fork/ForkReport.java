package dev.pagelab.grader.core.fork;

import dev.pagelab.grader.core.TestResult;
import java.util.List;

/**
 * What a forked run gives back.
 *
 * @param results one result per graded test, in the order asked
 * @param forks how many JVMs it took: 1, plus one after each test that ended its JVM
 */
public record ForkReport(List<TestResult> results, int forks) {
  /** A defensive copy. */
  public ForkReport {
    results = List.copyOf(results);
  }
}
