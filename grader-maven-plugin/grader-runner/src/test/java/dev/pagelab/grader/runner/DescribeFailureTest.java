package dev.pagelab.grader.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the report says about a failed test: the message that teaches, not the machinery. */
class DescribeFailureTest {

  @Test
  void aFailedAssertionShowsItsMessageOnly() {
    AssertionError e = new AssertionError("walk(0x1000, user read): expected a fault at level 4");
    assertEquals("walk(0x1000, user read): expected a fault at level 4", Failures.describe(e));
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
    String text = Failures.describe(e);
    assertTrue(text.startsWith("java.lang.IllegalStateException: boom"), text);
    assertTrue(
        text.contains("at dev.pagelab.exercises.pagewalk.Walker.walk(Walker.java:42)"), text);
    assertFalse(text.contains("java.util.ArrayList"), text);
    assertFalse(text.contains("org.junit"), text);
  }

  /** An exception of the student's own whose every accessor throws. */
  static final class Hostile extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      throw new IllegalStateException("no message for you");
    }

    @Override
    public synchronized Throwable getCause() {
      throw new IllegalStateException("no cause");
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      throw new IllegalStateException("no frames");
    }

    @Override
    public String toString() {
      throw new IllegalStateException("no text");
    }
  }

  @Test
  void aThrowingGetMessageIsNamedNotPropagated() {
    String text = Failures.describe(new Hostile());
    assertTrue(text.startsWith(Hostile.class.getName() + ": <getMessage() threw"), text);
    assertTrue(text.contains("IllegalStateException"), text);
    assertFalse(Failures.isStub(new Hostile()));
  }

  @Test
  void aThrowingAssertionMessageIsNamedToo() {
    AssertionError e =
        new AssertionError() {
          private static final long serialVersionUID = 1L;

          @Override
          public String getMessage() {
            throw new StackOverflowError();
          }
        };
    assertTrue(Failures.describe(e).contains("<getMessage() threw java.lang.StackOverflowError>"));
  }

  @Test
  void aCycleOfCausesEnds() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    String text = Failures.describe(a);
    assertEquals(2, text.split("Caused by", -1).length, text);
  }

  @Test
  void aStubIsFoundThroughCauses() {
    Throwable t =
        new IllegalStateException(
            "wrapped", new UnsupportedOperationException("TODO(pagewalk): implement"));
    assertTrue(Failures.isStub(t));
  }

  @Test
  void aFailedStaticInitializerIsNamedWhereItsClassIsMissing() {
    String text =
        Failures.withInitFailures(
            "java.lang.NoClassDefFoundError: Could not initialize class a.Walker",
            Map.of("a.Walker", "java.lang.StackOverflowError"));
    assertTrue(
        text.endsWith("The static initializer of a.Walker failed: java.lang.StackOverflowError"),
        text);
  }
}
