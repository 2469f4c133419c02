package dev.pagelab.solutions;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.pagelab.grader.core.GradedTest;
import dev.pagelab.grader.core.GradedTestScanner;
import dev.pagelab.grader.core.GraderException;
import dev.pagelab.grader.core.TestBundle;
import dev.pagelab.grader.core.TestResult;
import dev.pagelab.grader.core.TestStatus;
import dev.pagelab.grader.runner.Outcomes;
import dev.pagelab.sim.spi.PageTableWalker;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Compiles an exercise's student classes (a mutant, the stub or the model answer) and runs the
 * public and hidden graded tests (found by the grader's own scanner) against them through the JUnit
 * Platform, in an {@link IsolatedLoader}; each outcome is also a grader {@link TestResult},
 * classified as the grader classifies it.
 */
final class ExerciseRun {
  /**
   * The outcome of one graded test.
   *
   * @param name {@code Class.method}
   * @param passed true if it passed
   * @param failure the exception it failed with, if any
   * @param result the same outcome as the grader's result
   */
  record Outcome(String name, boolean passed, Optional<Throwable> failure, TestResult result) {
    /** The test's points. */
    int points() {
      return result.test().points();
    }

    /** The assignment's task the test checks ({@code @Graded(task)}). */
    int task() {
      return result.test().task();
    }

    /** True for a hidden test (in {@code solutions/}, not shown to students). */
    boolean hidden() {
      return result.test().hidden();
    }
  }

  private ExerciseRun() {}

  /** The module's folder: Surefire sets {@code basedir}; otherwise the working directory. */
  static Path moduleDir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
  }

  /**
   * The graded tests of the exercise, found as the grader finds them: every {@code @Graded} test of
   * the exercise in the public tests' jar (or folder) and in this module's compiled tests.
   */
  static List<GradedTest> gradedTests(Exercise exercise) {
    try {
      Set<Path> where = new LinkedHashSet<>();
      where.add(location(Class.forName(exercise.testClassNames().get(0))));
      where.add(location(ExerciseRun.class));
      return GradedTestScanner.scan(TestBundle.read(new ArrayList<>(where)), exercise.name());
    } catch (ClassNotFoundException | GraderException e) {
      throw new IllegalStateException("ExerciseRun.gradedTests: " + e.getMessage(), e);
    }
  }

  private static Path location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("ExerciseRun.location: " + c.getName(), e);
    }
  }

  /** Compiles {@code sources} into the new directory {@code out} and returns {@code out}. */
  static Path compile(List<Path> sources, Path out) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("ExerciseRun.compile: no Java compiler; run on a JDK");
    }
    Files.createDirectories(out);
    StringWriter errors = new StringWriter();
    List<String> options =
        List.of("--release", "17", "-proc:none", "-cp", spiLocation(), "-d", out.toString());
    boolean ok =
        javac
            .getTask(
                errors,
                null,
                null,
                options,
                null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjectsFromPaths(sources))
            .call();
    if (!ok) {
      throw new IllegalStateException("ExerciseRun.compile: " + sources + " fails:\n" + errors);
    }
    return out;
  }

  /**
   * Runs the exercise's graded tests against the student classes in {@code studentClasses}; the
   * outcomes come in the report's order.
   */
  static List<Outcome> run(Exercise exercise, Path studentClasses) {
    IsolatedLoader loader =
        new IsolatedLoader(ExerciseRun.class.getClassLoader(), exercise, studentClasses);
    Map<String, GradedTest> graded = new LinkedHashMap<>();
    gradedTests(exercise).forEach(t -> graded.put(t.id(), t));
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
    for (String name :
        new LinkedHashSet<>(graded.values().stream().map(GradedTest::className).toList())) {
      try {
        request.selectors(selectClass(Class.forName(name, false, loader)));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("ExerciseRun.run: test class " + name + " not found", e);
      }
    }
    LauncherDiscoveryRequest discovery =
        request.filters(EngineFilter.includeEngines("junit-jupiter")).build();
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(discovery, new Collector(graded, outcomes));
    if (outcomes.isEmpty()) {
      throw new IllegalStateException("ExerciseRun.run: no graded test ran");
    }
    List<Outcome> ordered = new ArrayList<>();
    graded.keySet().stream()
        .filter(outcomes::containsKey)
        .forEach(id -> ordered.add(outcomes.get(id)));
    return ordered;
  }

  private static String spiLocation() {
    try {
      return Path.of(
              PageTableWalker.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new UncheckedIOException(new IOException("ExerciseRun: simulator location", e));
    }
  }

  /** Records the result of every graded test method, by its id. */
  private static final class Collector implements TestExecutionListener {
    private final Map<String, GradedTest> graded;
    private final Map<String, Outcome> outcomes;

    Collector(Map<String, GradedTest> graded, Map<String, Outcome> outcomes) {
      this.graded = graded;
      this.outcomes = outcomes;
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      if (!id.isTest() || !(id.getSource().orElse(null) instanceof MethodSource source)) {
        return;
      }
      GradedTest test = graded.get(source.getClassName() + "#" + source.getMethodName());
      if (test == null) {
        return;
      }
      boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
      TestStatus status = TestStatus.of(Outcomes.of(result));
      Outcome earlier = outcomes.get(test.id());
      if (earlier != null && !earlier.passed()) {
        return; // a parameterized test passes only if every invocation passes
      }
      outcomes.put(
          test.id(),
          new Outcome(
              test.shortName(),
              passed,
              result.getThrowable(),
              new TestResult(test, status, "", "", 0)));
    }
  }
}
