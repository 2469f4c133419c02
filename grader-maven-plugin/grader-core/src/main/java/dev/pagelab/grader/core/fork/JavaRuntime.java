package dev.pagelab.grader.core.fork;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the grader knows of the {@code java} executable it forks. */
public final class JavaRuntime {
  /** The first Java release without the SecurityManager (JEP 486). */
  public static final int NO_SECURITY_MANAGER = 24;

  private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(1\\.)?(\\d+)");

  private JavaRuntime() {}

  /** The {@code java} executable of the running JVM. */
  public static Path current() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /**
   * The feature release (17, 21, 25...) of a {@code java} executable: the running JVM's, or read
   * from the {@code release} file of its JDK; -1 if unknown.
   */
  public static int feature(Path java) {
    Path home = java.toAbsolutePath().normalize().getParent();
    home = home == null ? null : home.getParent();
    if (home == null) {
      return -1;
    }
    if (home.equals(Path.of(System.getProperty("java.home")).toAbsolutePath().normalize())) {
      return Runtime.version().feature();
    }
    try {
      Matcher m =
          VERSION.matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
      return m.find() ? Integer.parseInt(m.group(2)) : -1;
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }
}
