package dev.pagelab.grader.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the report says about a failed test: the message that teaches, not the machinery. */
class DescribeFailureTest {

  @Test
  void aFailedAssertionShowsItsMessageOnly() {
    AssertionError e = new AssertionError("walk(0x1000, user read): expected a fault at level 4");
    assertEquals(
        "walk(0x1000, user read): expected a fault at level 4", ResultListener.describe(e));
  }

  @Test
  void anExceptionKeepsTheFramesOutsideTheJdkAndJunit() {
    RuntimeException e = new IllegalStateException("boom");
    e.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("java.util.HashMap", "get", "HashMap.java", 1),
          new StackTraceElement("dev.pagelab.exercises.pagewalk.Walker", "walk", "Walker.java", 42),
          new StackTraceElement("java.util.ArrayList", "forEach", "ArrayList.java", 2),
          new StackTraceElement("org.junit.platform.X", "run", "X.java", 3)
        });
    String text = ResultListener.describe(e);
    assertTrue(text.startsWith("java.lang.IllegalStateException: boom"), text);
    assertTrue(
        text.contains("at dev.pagelab.exercises.pagewalk.Walker.walk(Walker.java:42)"), text);
    assertFalse(text.contains("java.util.ArrayList"), text);
    assertFalse(text.contains("org.junit"), text);
  }
}
