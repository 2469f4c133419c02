package dev.pagelab.solutions;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.pagelab.grader.api.Graded;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * public and hidden tests against them through the JUnit Platform, in an {@link IsolatedLoader}.
 */
final class ExerciseRun {
  /**
   * The outcome of one graded test.
   *
   * @param name {@code Class.method}
   * @param points the test's points
   * @param task the assignment's task the test checks ({@code @Graded(task)})
   * @param passed true if it passed
   * @param failure the exception it failed with, if any
   */
  record Outcome(String name, int points, int task, boolean passed, Optional<Throwable> failure) {
    /** The simple name of the test class. */
    String testClass() {
      return name.substring(0, name.indexOf('.'));
    }
  }

  private ExerciseRun() {}

  /** The module's folder: Surefire sets {@code basedir}; otherwise the working directory. */
  static Path moduleDir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
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
   * Runs the exercise's test classes against the student classes in {@code studentClasses}; graded
   * tests only.
   */
  static List<Outcome> run(Exercise exercise, Path studentClasses) {
    IsolatedLoader loader =
        new IsolatedLoader(ExerciseRun.class.getClassLoader(), exercise, studentClasses);
    Map<String, Class<?>> classes = new LinkedHashMap<>();
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
    for (String name : exercise.testClassNames()) {
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
    launcher.execute(discovery, new Collector(classes, outcomes));
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
    private final List<Outcome> outcomes;

    Collector(Map<String, Class<?>> classes, List<Outcome> outcomes) {
      this.classes = classes;
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
      outcomes.add(
          new Outcome(name, graded.points(), graded.task(), passed, result.getThrowable()));
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
