package dev.pagelab.grader.core.validate;

import dev.pagelab.grader.core.GradedTest;
import dev.pagelab.grader.core.TestResult;
import dev.pagelab.grader.core.TestStatus;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one definition of "a test catches a mutant", shared by {@code validate} and the solutions'
 * content tests: a graded test of the exercise (public or hidden) that the model answer passes
 * catches a mutant when, run on the mutant, it ends {@link TestStatus#FAILED}, {@link
 * TestStatus#TIMEOUT}, {@link TestStatus#EXITED}, {@link TestStatus#OUT_OF_MEMORY} or {@link
 * TestStatus#CRASHED}: the mutant's own behaviour lost the points. A mutant is caught when at least
 * one test catches it. A run where the mutant does not compile, is blocked by the static checks, or
 * a test is not started, not run or skipped proves nothing about the tests: that is a problem with
 * the mutant or the harness, reported as such.
 */
public final class Catching {
  private static final Set<TestStatus> CATCHING =
      EnumSet.of(
          TestStatus.FAILED,
          TestStatus.TIMEOUT,
          TestStatus.EXITED,
          TestStatus.OUT_OF_MEMORY,
          TestStatus.CRASHED);

  private static final Set<TestStatus> INCONCLUSIVE =
      EnumSet.of(
          TestStatus.DOES_NOT_COMPILE,
          TestStatus.BLOCKED,
          TestStatus.NOT_STARTED,
          TestStatus.NOT_RUN,
          TestStatus.SKIPPED);

  private Catching() {}

  /**
   * The verdict on one mutant.
   *
   * @param catching the tests that catch it, in the order of the results
   * @param problem why the run proves nothing, if it does not
   */
  public record Verdict(List<GradedTest> catching, Optional<String> problem) {
    /** Defensive copy. */
    public Verdict {
      catching = List.copyOf(catching);
    }

    /** True if the run is conclusive and some test catches the mutant. */
    public boolean caught() {
      return problem.isEmpty() && !catching.isEmpty();
    }
  }

  /** True if a test that ends with this status (and passes on the answer) catches the mutant. */
  public static boolean catches(TestStatus status) {
    return CATCHING.contains(status);
  }

  /**
   * Judges a mutant's results against the model answer's.
   *
   * @param mutant the results of the graded tests on the mutant
   * @param answer the results of the same tests on the model answer
   */
  public static Verdict verdict(List<TestResult> mutant, List<TestResult> answer) {
    Set<String> answerPasses = new HashSet<>();
    answer.stream()
        .filter(r -> r.status() == TestStatus.PASSED)
        .forEach(r -> answerPasses.add(r.test().id()));
    List<GradedTest> catching = new ArrayList<>();
    Optional<String> problem = Optional.empty();
    for (TestResult r : mutant) {
      if (INCONCLUSIVE.contains(r.status()) && problem.isEmpty()) {
        problem =
            Optional.of(
                r.test().shortName()
                    + " is "
                    + r.status().jsonName()
                    + (r.detail().isEmpty()
                        ? ""
                        : ": " + r.detail().lines().findFirst().orElse("")));
      }
      if (catches(r.status()) && answerPasses.contains(r.test().id())) {
        catching.add(r.test());
      }
    }
    return new Verdict(catching, problem);
  }
}
