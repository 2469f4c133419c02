package dev.pagelab.grader.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The instructor's test files (classes and resources), read once from their directories and jars
 * into memory. The grader finds the graded tests and the exercise's policy in them, and hands the
 * same bytes to every forked JVM, so a fork can never run a test file it changed on disk.
 */
public final class TestBundle {
  private static final long MAX_BYTES = 64L << 20;

  private final Map<String, byte[]> files;
  private final Map<String, Path> origins;

  private TestBundle(Map<String, byte[]> files, Map<String, Path> origins) {
    this.files = Collections.unmodifiableMap(files);
    this.origins = origins;
  }

  /**
   * Reads every file of the given directories and jars; of two files with the same path, the one of
   * the earlier entry wins.
   *
   * @throws GraderException if an entry does not exist, cannot be read, or the files hold more than
   *     64 MiB
   */
  public static TestBundle read(List<Path> paths) throws GraderException {
    Map<String, byte[]> files = new TreeMap<>();
    Map<String, Path> origins = new LinkedHashMap<>();
    long[] total = {0};
    for (Path p : paths) {
      try {
        if (Files.isDirectory(p)) {
          readDirectory(p, files, origins, total);
        } else if (Files.isRegularFile(p)) {
          readJar(p, files, origins, total);
        } else {
          throw new GraderException(
              "test classes " + p + " do not exist: compile the tests first (test-compile)");
        }
      } catch (IOException e) {
        throw new GraderException(
            "cannot read the test classes in " + p + ": " + e.getMessage(), e);
      }
    }
    return new TestBundle(files, origins);
  }

  /** Every file: path (as in a jar, {@code a/b/C.class}) to bytes, sorted by path. */
  public Map<String, byte[]> files() {
    return files;
  }

  /** The class files only: path to bytes. */
  public Map<String, byte[]> classFiles() {
    Map<String, byte[]> classes = new TreeMap<>();
    files.forEach(
        (path, bytes) -> {
          if (isClass(path)) {
            classes.put(path, bytes);
          }
        });
    return classes;
  }

  /** The binary names of the classes, e.g. {@code a.b.C$D}. */
  public List<String> classNames() {
    return files.keySet().stream()
        .filter(TestBundle::isClass)
        .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
        .collect(Collectors.toList());
  }

  /** The directory or jar a file came from, for messages. */
  public String origin(String path) {
    Path origin = origins.get(path);
    return origin == null ? "?" : origin.toString();
  }

  private static boolean isClass(String path) {
    return path.endsWith(".class")
        && !path.startsWith("META-INF/")
        && !path.endsWith("module-info.class");
  }

  private static void readDirectory(
      Path dir, Map<String, byte[]> files, Map<String, Path> origins, long[] total)
      throws IOException, GraderException {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(dir)) {
      all = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
    for (Path f : all) {
      String path = dir.relativize(f).toString().replace('\\', '/');
      if (!files.containsKey(path)) {
        put(path, Files.readAllBytes(f), dir, files, origins, total);
      }
    }
  }

  private static void readJar(
      Path jar, Map<String, byte[]> files, Map<String, Path> origins, long[] total)
      throws IOException, GraderException {
    try (JarFile file = new JarFile(jar.toFile())) {
      for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        String path = entry.getName();
        if (entry.isDirectory() || files.containsKey(path) || path.equals("META-INF/MANIFEST.MF")) {
          continue;
        }
        try (InputStream in = file.getInputStream(entry)) {
          put(path, in.readAllBytes(), jar, files, origins, total);
        }
      }
    }
  }

  private static void put(
      String path,
      byte[] bytes,
      Path origin,
      Map<String, byte[]> files,
      Map<String, Path> origins,
      long[] total)
      throws GraderException {
    total[0] += bytes.length;
    if (total[0] > MAX_BYTES) {
      throw new GraderException(
          "the test classes hold more than 64 MiB (at " + origin + "): give only the test jars");
    }
    files.put(path, bytes);
    origins.put(path, origin);
  }
}
