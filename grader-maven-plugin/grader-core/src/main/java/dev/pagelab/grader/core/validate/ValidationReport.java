package dev.pagelab.grader.core.validate;

import java.util.List;

/**
 * The outcome of a validation.
 *
 * @param log what was checked and found, one line each, for the build log
 * @param problems what must be fixed; empty if the exercise is valid
 */
public record ValidationReport(List<String> log, List<String> problems) {
  /** Defensive copies. */
  public ValidationReport {
    log = List.copyOf(log);
    problems = List.copyOf(problems);
  }

  /** True if nothing must be fixed. */
  public boolean valid() {
    return problems.isEmpty();
  }
}
