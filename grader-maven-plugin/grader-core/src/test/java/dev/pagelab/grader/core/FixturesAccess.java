package dev.pagelab.grader.core;

import dev.pagelab.grader.core.check.Policy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Lets tests in sub-packages use {@link Fixtures}. */
public final class FixturesAccess {
  private FixturesAccess() {}

  /** See {@link Fixtures#compile}. */
  public static Path compile(Path root, String name, Map<String, String> sources, List<Path> cp)
      throws IOException {
    return Fixtures.compile(root, name, sources, cp);
  }

  /** See {@link Fixtures#testLibraries}. */
  public static List<Path> testLibraries() {
    return Fixtures.testLibraries();
  }

  /** See {@link Fixtures#demoPolicy}. */
  public static Policy demoPolicy() {
    return Fixtures.demoPolicy();
  }

  /** See {@link Fixtures#sources}. */
  public static Submission.Sources sources(Map<String, String> classes) {
    return Fixtures.sources(classes);
  }
}
