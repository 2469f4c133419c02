package dev.pagelab.grader.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.grader.core.GradedTest;
import dev.pagelab.grader.core.TestResult;
import dev.pagelab.grader.core.TestStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatchingTest {
  private static final GradedTest A = new GradedTest("t.T", "a", List.of(), "demo", 1);
  private static final GradedTest B = new GradedTest("t.T", "b", List.of(), "demo", 1);

  private static TestResult r(GradedTest t, TestStatus s) {
    return new TestResult(t, s, "", "", 0);
  }

  @Test
  void aTestTheAnswerPassesCatchesByFailingTimingOutOrEndingTheJvm() {
    for (TestStatus s :
        List.of(
            TestStatus.FAILED,
            TestStatus.TIMEOUT,
            TestStatus.EXITED,
            TestStatus.OUT_OF_MEMORY,
            TestStatus.CRASHED)) {
      Catching.Verdict v =
          Catching.verdict(
              List.of(r(A, TestStatus.PASSED), r(B, s)),
              List.of(r(A, TestStatus.PASSED), r(B, TestStatus.PASSED)));
      assertTrue(v.caught(), s::toString);
      assertEquals(List.of(B), v.catching());
    }
  }

  @Test
  void aTestTheAnswerFailsCatchesNothing() {
    Catching.Verdict v =
        Catching.verdict(
            List.of(r(A, TestStatus.PASSED), r(B, TestStatus.FAILED)),
            List.of(r(A, TestStatus.PASSED), r(B, TestStatus.FAILED)));
    assertFalse(v.caught());
  }

  @Test
  void aRunThatProvesNothingIsAProblemNotACatch() {
    for (TestStatus s :
        List.of(
            TestStatus.DOES_NOT_COMPILE,
            TestStatus.BLOCKED,
            TestStatus.NOT_STARTED,
            TestStatus.NOT_RUN,
            TestStatus.SKIPPED)) {
      Catching.Verdict v =
          Catching.verdict(
              List.of(r(A, TestStatus.FAILED), r(B, s)),
              List.of(r(A, TestStatus.PASSED), r(B, TestStatus.PASSED)));
      assertFalse(v.caught(), s::toString);
      assertTrue(v.problem().orElse("").startsWith("T.b is " + s.jsonName()), v::toString);
    }
  }
}
