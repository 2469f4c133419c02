package dev.pagelab.solutions;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.pagelab.grader.api.Graded;
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
import java.lang.reflect.Method;
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
 * Compiles one {@code Walker.java} (a mutant, the stub or the model answer) and runs the public and
 * hidden graded tests (found by the grader's own scanner) against it through the JUnit Platform, in
 * an {@link IsolatedLoader}; each outcome is also a grader {@link TestResult}, classified as the
 * grader classifies it.
 */
final class ExerciseRun {
  /** The exercise package and the test classes that grade it. */
  static final String PACKAGE = "dev.pagelab.exercises.pagewalk";

  /** The exercise whose graded tests run. */
  static final String EXERCISE = "pagewalk";

  /**
   * The outcome of one graded test.
   *
   * @param name {@code Class.method}
   * @param points the test's points
   * @param passed true if it passed
   * @param failure the exception it failed with, if any
   */
  record Outcome(
      String name, int points, boolean passed, Optional<Throwable> failure, TestResult result) {}

  /**
   * The graded tests of the exercise, found as the grader finds them: every {@code @Graded} test in
   * the public tests' jar (or folder) and in this module's compiled tests.
   */
  static List<GradedTest> gradedTests() {
    try {
      Set<Path> where = new LinkedHashSet<>();
      where.add(location(Class.forName(PACKAGE + ".WalkerTest")));
      where.add(location(ExerciseRun.class));
      return GradedTestScanner.scan(TestBundle.read(new ArrayList<>(where)), EXERCISE);
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

  private ExerciseRun() {}

  /** The module's folder: Surefire sets {@code basedir}; otherwise the working directory. */
  static Path moduleDir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
  }

  /** Compiles {@code source} into the new directory {@code out} and returns {@code out}. */
  static Path compile(Path source, Path out) throws IOException {
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
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(source))
            .call();
    if (!ok) {
      throw new IllegalStateException("ExerciseRun.compile: " + source + " fails:\n" + errors);
    }
    return out;
  }

  /**
   * Runs every test class against the {@code Walker} in {@code walkerClasses}; graded tests only.
   */
  static List<Outcome> run(Path walkerClasses) {
    IsolatedLoader loader =
        new IsolatedLoader(ExerciseRun.class.getClassLoader(), PACKAGE, walkerClasses);
    Map<String, Class<?>> classes = new LinkedHashMap<>();
    Map<String, GradedTest> graded = new LinkedHashMap<>();
    gradedTests().forEach(t -> graded.put(t.id(), t));
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
    for (String name :
        new LinkedHashSet<>(graded.values().stream().map(GradedTest::className).toList())) {
      try {
        Class<?> c = Class.forName(name, false, loader);
        classes.put(name, c);
        request.selectors(selectClass(c));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("ExerciseRun.run: test class " + name + " not found", e);
      }
    }
    LauncherDiscoveryRequest discovery =
        request.filters(EngineFilter.includeEngines("junit-jupiter")).build();
    List<Outcome> outcomes = new ArrayList<>();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(discovery, new Collector(classes, graded, outcomes));
    if (outcomes.isEmpty()) {
      throw new IllegalStateException("ExerciseRun.run: no graded test ran");
    }
    return outcomes;
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

  /** Records the result of every test method that carries {@link Graded}. */
  private static final class Collector implements TestExecutionListener {
    private final Map<String, Class<?>> classes;
    private final Map<String, GradedTest> graded;
    private final List<Outcome> outcomes;

    Collector(
        Map<String, Class<?>> classes, Map<String, GradedTest> graded, List<Outcome> outcomes) {
      this.classes = classes;
      this.graded = graded;
      this.outcomes = outcomes;
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      if (!id.isTest() || !(id.getSource().orElse(null) instanceof MethodSource source)) {
        return;
      }
      Class<?> c = classes.get(source.getClassName());
      Graded graded = c == null ? null : graded(c, source.getMethodName());
      if (graded == null) {
        return;
      }
      String name = c.getSimpleName() + "." + source.getMethodName();
      boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
      GradedTest test = this.graded.get(source.getClassName() + "#" + source.getMethodName());
      TestStatus status = TestStatus.of(Outcomes.of(result));
      TestResult r = new TestResult(test, status, "", "", 0);
      outcomes.add(new Outcome(name, graded.points(), passed, result.getThrowable(), r));
    }

    private static Graded graded(Class<?> c, String method) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(method) && m.isAnnotationPresent(Graded.class)) {
          return m.getAnnotation(Graded.class);
        }
      }
      return null;
    }
  }
}
