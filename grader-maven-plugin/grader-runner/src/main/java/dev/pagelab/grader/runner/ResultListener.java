package dev.pagelab.grader.runner;

import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Collects what JUnit reports while one graded test runs (the runner starts one JUnit execution per
 * test). Any failure during that execution is the test's failure: of the method, of one invocation
 * of a parameterized or repeated method, or of its class (a static initializer, a constructor,
 * {@code @BeforeAll}). The listener never calls code of the failure itself; {@link Failures} does,
 * guarded, when the runner describes it.
 */
final class ResultListener implements TestExecutionListener {
  private String key;
  private boolean ran;
  private Throwable failure;
  private boolean aborted;
  private String skipped;

  /** Starts collecting for the test {@code class#method}. */
  void begin(String testKey) {
    key = testKey;
    ran = false;
    failure = null;
    aborted = false;
    skipped = null;
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    if (skipped == null) {
      skipped = reason == null ? "disabled" : reason;
    }
    if (isTheMethod(id)) {
      ran = true;
    }
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (isTheMethod(id)) {
      ran = true;
    }
    if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
      return;
    }
    Throwable t = result.getThrowable().orElse(null);
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      aborted = true;
      if (failure == null && skipped == null) {
        skipped = t == null ? "aborted" : Failures.message(t);
      }
    } else if (failure == null) {
      failure = t != null ? t : new AssertionError("failed");
    }
  }

  /** True if JUnit ran (or skipped) the method; false if it did not find it. */
  boolean ran() {
    return ran || failure != null;
  }

  /** The first failure, if any. */
  Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** Why the test was skipped (disabled or aborted), if it was and nothing failed. */
  Optional<String> skipped() {
    return failure == null && (skipped != null || aborted)
        ? Optional.of(skipped == null ? "aborted" : skipped)
        : Optional.empty();
  }

  private boolean isTheMethod(TestIdentifier id) {
    Optional<TestSource> source = id.getSource();
    if (source.isEmpty() || !(source.get() instanceof MethodSource)) {
      return false;
    }
    MethodSource m = (MethodSource) source.get();
    return (m.getClassName() + "#" + m.getMethodName()).equals(key);
  }
}
