package dev.pagelab.grader.core.fork;

import dev.pagelab.grader.runner.ForkMain;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The forked JVM's classpath: the runner and the JUnit Platform first, then the exercise's
 * libraries (the simulator, JUnit Jupiter, grader-api). Neither the submission nor the tests are on
 * it: the fork defines them from the bytes it is sent.
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
   * @param libraries the exercise's libraries; a second copy of a runner artifact is dropped
   */
  public static List<Path> build(List<Path> libraries) {
    Set<Path> entries = new LinkedHashSet<>();
    Set<String> runnerArtifacts = new LinkedHashSet<>();
    for (Class<?> c : RUNNER_CLASSES) {
      Path location = locationOf(c);
      entries.add(location);
      runnerArtifacts.add(artifactName(location));
    }
    for (Path p : libraries) {
      Path entry = p.toAbsolutePath().normalize();
      if (!runnerArtifacts.contains(artifactName(entry))) {
        entries.add(entry);
      }
    }
    return List.copyOf(entries);
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
