package dev.pagelab.grader.runner;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Turns JUnit events into {@link Wire} lines, one STARTED and one FINISHED per test method. A
 * parameterized or repeated method is one test: it passes only if every invocation passes.
 */
final class ResultListener implements TestExecutionListener {
  private static final int MAX_FRAMES = 12;

  private final PrintStream wire;
  private final String secret;
  private final CappedOutput captured;
  private final Map<String, Throwable> firstFailure = new HashMap<>();
  private TestPlan plan;

  ResultListener(PrintStream wire, String secret, CappedOutput captured) {
    this.wire = wire;
    this.secret = secret;
    this.captured = captured;
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    this.plan = testPlan;
  }

  @Override
  public void executionStarted(TestIdentifier id) {
    methodLevelKey(id)
        .ifPresent(
            key -> {
              captured.take();
              send(Wire.STARTED, key);
            });
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    methodLevelKey(id).ifPresent(key -> send(Wire.FINISHED, key, "SKIPPED", reason, ""));
    classKey(id).ifPresent(name -> send(Wire.CLASS_FAILED, name, "skipped: " + reason));
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    Optional<Throwable> failure = result.getThrowable();
    boolean failed = result.getStatus() != TestExecutionResult.Status.SUCCESSFUL;
    Optional<String> key = methodLevelKey(id);
    if (key.isEmpty()) {
      ancestorMethodKey(id)
          .filter(k -> failed)
          .ifPresent(
              k -> firstFailure.putIfAbsent(k, failure.orElse(new AssertionError("failed"))));
      classKey(id)
          .filter(name -> failed)
          .ifPresent(name -> send(Wire.CLASS_FAILED, name, describe(failure.orElse(null))));
      return;
    }
    Throwable cause = failed ? failure.orElse(new AssertionError("failed")) : null;
    if (cause == null) {
      cause = firstFailure.remove(key.get());
    }
    String output = captured.take();
    if (cause == null) {
      send(Wire.FINISHED, key.get(), Wire.Outcome.PASSED.name(), "", output);
    } else {
      Wire.Outcome outcome =
          isStub(cause)
              ? Wire.Outcome.NOT_STARTED
              : result.getStatus() == TestExecutionResult.Status.ABORTED
                  ? Wire.Outcome.SKIPPED
                  : Wire.Outcome.FAILED;
      send(Wire.FINISHED, key.get(), outcome.name(), describe(cause), output);
    }
  }

  void send(String kind, String... fields) {
    wire.println(Wire.encode(secret, kind, fields));
    wire.flush();
  }

  /** The key "class#method" if this identifier is the top-most one with that method as source. */
  private Optional<String> methodLevelKey(TestIdentifier id) {
    Optional<String> own = methodKey(id.getSource());
    if (own.isEmpty() || plan == null) {
      return own;
    }
    Optional<String> parent = plan.getParent(id).flatMap(p -> methodKey(p.getSource()));
    return parent.equals(own) ? Optional.empty() : own;
  }

  private Optional<String> ancestorMethodKey(TestIdentifier id) {
    for (Optional<TestIdentifier> p = plan.getParent(id);
        p.isPresent();
        p = plan.getParent(p.get())) {
      Optional<String> key = methodLevelKey(p.get());
      if (key.isPresent()) {
        return key;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> methodKey(Optional<TestSource> source) {
    return source
        .filter(MethodSource.class::isInstance)
        .map(MethodSource.class::cast)
        .map(m -> m.getClassName() + "#" + m.getMethodName());
  }

  private static Optional<String> classKey(TestIdentifier id) {
    return id.getSource()
        .filter(ClassSource.class::isInstance)
        .map(s -> ((ClassSource) s).getClassName());
  }

  /** True if the cause chain holds UnsupportedOperationException("TODO(...") from a stub. */
  static boolean isStub(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
      if (t instanceof UnsupportedOperationException
          && t.getMessage() != null
          && t.getMessage().contains("TODO(")) {
        return true;
      }
    }
    return false;
  }

  /**
   * What a student reads about a failure: for a failed assertion its message alone (the tests write
   * messages that teach); for any other exception its class, message and the frames outside JUnit
   * and the JDK, which point into the student's code.
   */
  static String describe(Throwable failure) {
    if (failure == null) {
      return "";
    }
    if (failure instanceof AssertionError && failure.getMessage() != null) {
      return failure.getMessage();
    }
    StringBuilder text = new StringBuilder(String.valueOf(failure));
    int shown = 0;
    for (StackTraceElement frame : failure.getStackTrace()) {
      String cls = frame.getClassName();
      if (cls.startsWith("org.junit.")
          || cls.startsWith("org.opentest4j.")
          || cls.startsWith("jdk.")
          || cls.startsWith("java.")
          || cls.startsWith("dev.pagelab.grader.runner.")) {
        continue;
      }
      if (shown++ == MAX_FRAMES) {
        text.append("\n\t...");
        break;
      }
      text.append("\n\tat ").append(frame);
    }
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure) {
      text.append("\nCaused by: ").append(cause);
    }
    return text.toString();
  }
}
