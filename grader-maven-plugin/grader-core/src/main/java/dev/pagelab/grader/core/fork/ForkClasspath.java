package dev.pagelab.grader.core.fork;

import dev.pagelab.grader.runner.ForkMain;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The forked JVM's classpath, in an order that lets no submitted class shadow a trusted one: the
 * runner and the JUnit Platform first, then the project's libraries, then the test classes, and the
 * code under test last.
 */
public final class ForkClasspath {
  private static final List<Class<?>> RUNNER_CLASSES =
      List.of(
          ForkMain.class,
          org.junit.platform.launcher.core.LauncherFactory.class,
          org.junit.platform.engine.TestEngine.class,
          org.junit.platform.commons.JUnitException.class,
          org.opentest4j.AssertionFailedError.class);

  private ForkClasspath() {}

  /**
   * Builds the classpath.
   *
   * @param projectClasspath the project's test classpath as the build tool gives it
   * @param testClasses the test classes directory
   * @param codeUnderTest the directories of the code under test, first wins
   */
  public static List<Path> build(
      List<Path> projectClasspath, Path testClasses, List<Path> codeUnderTest) {
    Set<Path> entries = new LinkedHashSet<>();
    Set<String> runnerArtifacts = new LinkedHashSet<>();
    for (Class<?> c : RUNNER_CLASSES) {
      Path location = locationOf(c);
      entries.add(location);
      runnerArtifacts.add(artifactName(location));
    }
    Set<Path> last = new LinkedHashSet<>();
    last.add(testClasses.toAbsolutePath().normalize());
    codeUnderTest.forEach(p -> last.add(p.toAbsolutePath().normalize()));
    for (Path p : projectClasspath) {
      Path entry = p.toAbsolutePath().normalize();
      if (!last.contains(entry) && !runnerArtifacts.contains(artifactName(entry))) {
        entries.add(entry);
      }
    }
    List<Path> result = new ArrayList<>(entries);
    result.addAll(last);
    return List.copyOf(result);
  }

  /** The jar or directory a class was loaded from. */
  static Path locationOf(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toAbsolutePath()
          .normalize();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("ForkClasspath.locationOf: " + c.getName(), e);
    }
  }

  /**
   * {@code junit-platform-engine} for {@code junit-platform-engine-1.14.1.jar}; "" for a directory.
   */
  static String artifactName(Path entry) {
    String name = entry.getFileName() == null ? "" : entry.getFileName().toString();
    if (!name.endsWith(".jar")) {
      return "";
    }
    return name.replaceFirst("-[0-9][^-]*(-SNAPSHOT)?\\.jar$", "").replaceFirst("\\.jar$", "");
  }
}
