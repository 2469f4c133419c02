package dev.pagelab.grader.core;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an exercise's hidden tests are worth, without the tests: how many there are and how many
 * points they hold, in all and per task; no names. The instructor's build writes it from the hidden
 * tests into {@code exercises/<exercise>/hidden-points.properties} (and fails when the file no
 * longer matches them); the student's report reads it to show the whole picture: "public 9/16; the
 * instructor's hidden tests hold 17 more".
 *
 * @param exercise the exercise
 * @param tasks per task number (0 for the exercise as a whole), the tests and points there
 */
public record HiddenPoints(String exercise, SortedMap<Integer, Share> tasks) {
  /** The manifest's file name inside {@code <exercises>/<exercise>/}. */
  public static final String FILE_NAME = "hidden-points.properties";

  /**
   * The hidden tests of one task.
   *
   * @param tests how many
   * @param points their points
   */
  public record Share(int tests, int points) {}

  /** Checks the values and copies the map. */
  public HiddenPoints {
    Objects.requireNonNull(exercise, "exercise");
    tasks = new TreeMap<>(tasks);
  }

  /** The manifest of {@code exercise} from its graded tests that students do not see. */
  public static HiddenPoints of(String exercise, List<GradedTest> tests) {
    SortedMap<Integer, Share> tasks = new TreeMap<>();
    for (GradedTest t : tests) {
      if (t.exercise().equals(exercise) && t.hidden()) {
        Share s = tasks.getOrDefault(t.task(), new Share(0, 0));
        tasks.put(t.task(), new Share(s.tests() + 1, s.points() + t.points()));
      }
    }
    return new HiddenPoints(exercise, tasks);
  }

  /** How many hidden tests. */
  public int tests() {
    return tasks.values().stream().mapToInt(Share::tests).sum();
  }

  /** Their points. */
  public int points() {
    return tasks.values().stream().mapToInt(Share::points).sum();
  }

  /** The file's text: a comment, then sorted {@code key=value} lines, the same every time. */
  public String text() {
    StringBuilder out = new StringBuilder();
    out.append("# The instructor's hidden tests of exercise ")
        .append(exercise)
        .append(": how many, and their points, in all and per task. No test names.\n")
        .append("# Written by the solutions build (goal pagelab-grader:hidden-points); it fails")
        .append(" when this file no longer\n# matches the hidden tests. The grade report shows")
        .append(" these points as the part still to come.\n");
    out.append("exercise=").append(exercise).append('\n');
    out.append("tests=").append(tests()).append('\n');
    out.append("points=").append(points()).append('\n');
    for (Map.Entry<Integer, Share> e : tasks.entrySet()) {
      out.append("task.").append(e.getKey()).append(".tests=").append(e.getValue().tests());
      out.append('\n');
      out.append("task.").append(e.getKey()).append(".points=").append(e.getValue().points());
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * Reads a manifest.
   *
   * @return the manifest, or null if the file does not exist
   * @throws GraderException if it cannot be read or is malformed (the message names the file and
   *     the key)
   */
  public static HiddenPoints read(Path file) throws GraderException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new GraderException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(file.toString(), text);
  }

  /**
   * The manifests of every exercise that has one: {@code <exercisesDir>/<name>/}{@value
   * #FILE_NAME}, by the exercise each names.
   *
   * @throws GraderException if one cannot be read or is malformed
   */
  public static Map<String, HiddenPoints> readAll(Path exercisesDir) throws GraderException {
    Map<String, HiddenPoints> all = new TreeMap<>();
    if (!Files.isDirectory(exercisesDir)) {
      return all;
    }
    try (java.util.stream.Stream<Path> dirs = Files.list(exercisesDir)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        HiddenPoints manifest = read(dir.resolve(FILE_NAME));
        if (manifest != null) {
          all.put(manifest.exercise(), manifest);
        }
      }
    } catch (IOException e) {
      throw new GraderException("cannot list " + exercisesDir + ": " + e.getMessage(), e);
    }
    return all;
  }

  /** Parses a manifest's text; {@code source} names it in messages. */
  static HiddenPoints parse(String source, String text) throws GraderException {
    Properties p = new Properties();
    try (Reader in = new StringReader(text)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new GraderException(source + ": not a properties file: " + e.getMessage(), e);
    }
    String exercise = p.getProperty("exercise", "").strip();
    if (exercise.isEmpty()) {
      throw new GraderException(source + ": no exercise=NAME line; regenerate the file");
    }
    SortedMap<Integer, Share> tasks = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("task.") && key.endsWith(".tests")) {
        int task = number(source, key, key.substring(5, key.length() - 6));
        String points = "task." + task + ".points";
        tasks.put(
            task,
            new Share(
                number(source, key, p.getProperty(key)),
                number(source, points, p.getProperty(points, ""))));
      }
    }
    HiddenPoints manifest = new HiddenPoints(exercise, tasks);
    if (manifest.tests() != number(source, "tests", p.getProperty("tests", ""))
        || manifest.points() != number(source, "points", p.getProperty("points", ""))) {
      throw new GraderException(
          source + ": tests= and points= are not the sums of the task lines; regenerate the file");
    }
    return manifest;
  }

  private static int number(String source, String key, String value) throws GraderException {
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new GraderException(
        source + ": " + key + " has value \"" + value + "\", expected a whole number >= 0");
  }
}
