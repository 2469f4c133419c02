package dev.pagelab.grader.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps an exercise's {@link HiddenPoints} manifest equal to its hidden tests: it checks the file
 * against the compiled hidden tests and, when asked, rewrites it. Every graded test of the exercise
 * among the hidden tests must be hidden ({@code HIDDEN} or {@code AFTER_DUE_DATE}).
 */
public final class HiddenPointsSync {
  private HiddenPointsSync() {}

  /**
   * What the check found.
   *
   * @param ok true if the file matches the tests now (it did, or it was just written)
   * @param message one line for the log: what matches, what was written, or what differs and how to
   *     fix it
   */
  public record Outcome(boolean ok, String message) {}

  /**
   * Checks {@code manifest} against the hidden tests of {@code exercise} in {@code testClasses}.
   *
   * @param update true to write the file when it differs or is missing
   * @param updateHint how to ask for an update, for the message (e.g. a Maven flag)
   * @throws GraderException if the tests cannot be read, a test is not hidden, or the file cannot
   *     be written
   */
  public static Outcome sync(
      Path testClasses, String exercise, Path manifest, boolean update, String updateHint)
      throws GraderException {
    List<GradedTest> tests = GradedTestScanner.scan(testClasses, exercise);
    for (GradedTest t : tests) {
      if (!t.hidden()) {
        throw new GraderException(
            t.id()
                + " is a hidden test of "
                + exercise
                + " but has visibility VISIBLE: write visibility = Visibility.HIDDEN (or"
                + " AFTER_DUE_DATE) in its @Graded");
      }
    }
    HiddenPoints actual = HiddenPoints.of(exercise, tests);
    String want = actual.text();
    String have = readText(manifest);
    String counts = actual.tests() + " hidden tests, " + actual.points() + " points";
    if (want.equals(have)) {
      return new Outcome(
          true, manifest + " matches the hidden tests of " + exercise + ": " + counts);
    }
    if (update) {
      write(manifest, want);
      return new Outcome(true, "wrote " + manifest + " (" + counts + ")");
    }
    String was = have == null ? "does not exist" : "no longer matches them";
    return new Outcome(
        false,
        manifest
            + " "
            + was
            + " (exercise "
            + exercise
            + " has "
            + counts
            + "); rewrite it with "
            + updateHint
            + " and commit it, so that students see the right points");
  }

  private static String readText(Path file) throws GraderException {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      throw new GraderException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, String text) throws GraderException {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GraderException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
