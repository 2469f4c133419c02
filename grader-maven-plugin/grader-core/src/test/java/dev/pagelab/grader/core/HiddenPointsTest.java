package dev.pagelab.grader.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.grader.api.Visibility;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HiddenPointsTest {
  private static GradedTest test(String exercise, int task, int points, Visibility v) {
    return new GradedTest(
        "x.HiddenTest", "m" + task + points, List.of(), exercise, points, task, "", "", "", v, 0);
  }

  private static final List<GradedTest> TESTS =
      List.of(
          test("pagewalk", 1, 4, Visibility.HIDDEN),
          test("pagewalk", 1, 4, Visibility.AFTER_DUE_DATE),
          test("pagewalk", 6, 3, Visibility.HIDDEN),
          test("pagewalk", 2, 5, Visibility.VISIBLE),
          test("oom", 1, 7, Visibility.HIDDEN));

  @Test
  void countsTheHiddenTestsOfOneExercisePerTask() {
    HiddenPoints p = HiddenPoints.of("pagewalk", TESTS);
    assertEquals(3, p.tests());
    assertEquals(11, p.points());
    assertEquals(new HiddenPoints.Share(2, 8), p.tasks().get(1));
    assertFalse(p.tasks().containsKey(2), "a visible test is not hidden");
  }

  @Test
  void theTextNamesNoTestAndReadsBackEqual(@TempDir Path dir) throws GraderException {
    HiddenPoints p = HiddenPoints.of("pagewalk", TESTS);
    String text = p.text();
    assertFalse(text.contains("m14") || text.contains("HiddenTest"), text);
    assertTrue(text.contains("\nexercise=pagewalk\ntests=3\npoints=11\ntask.1.tests=2\n"), text);
    assertEquals(text, HiddenPoints.of("pagewalk", TESTS).text(), "the same text every time");
    Path file = dir.resolve(HiddenPoints.FILE_NAME);
    assertNull(HiddenPoints.read(file), "no file: no manifest");
    try {
      Files.writeString(file, text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertEquals(p, HiddenPoints.read(file));
  }

  private static final String HIDDEN =
      """
      package h;
      import dev.pagelab.grader.api.Graded;
      import dev.pagelab.grader.api.Visibility;
      class WalkerHiddenTest {
        @Graded(exercise = "pagewalk", points = 4, task = 1, visibility = Visibility.HIDDEN)
        void random() {}
        @Graded(exercise = "pagewalk", points = 3, task = 6, visibility = Visibility.HIDDEN)
        void accessed() {}
      }
      """;

  @Test
  void theSolutionsBuildFailsOnAMissingOrStaleManifestAndRewritesItOnRequest(@TempDir Path dir)
      throws Exception {
    Path classes =
        Fixtures.compile(
            dir, "h", java.util.Map.of("h.WalkerHiddenTest", HIDDEN), Fixtures.testLibraries());
    Path manifest = dir.resolve("exercises/pagewalk/" + HiddenPoints.FILE_NAME);
    HiddenPointsSync.Outcome missing =
        HiddenPointsSync.sync(classes, "pagewalk", manifest, false, "-Dupdate");
    assertFalse(missing.ok());
    assertTrue(
        missing.message().contains("does not exist") && missing.message().contains("-Dupdate"));
    assertTrue(HiddenPointsSync.sync(classes, "pagewalk", manifest, true, "-Dupdate").ok());
    assertEquals(7, HiddenPoints.read(manifest).points());
    assertTrue(HiddenPointsSync.sync(classes, "pagewalk", manifest, false, "-Dupdate").ok());
    Files.writeString(manifest, Files.readString(manifest).replace("points=7", "points=6"));
    HiddenPointsSync.Outcome stale =
        HiddenPointsSync.sync(classes, "pagewalk", manifest, false, "-Dupdate");
    assertFalse(stale.ok());
    assertTrue(stale.message().contains("no longer matches"), stale.message());
  }

  @Test
  void aHiddenTestMarkedVisibleStopsTheSolutionsBuild(@TempDir Path dir) throws Exception {
    String visible = HIDDEN.replace("task = 6, visibility = Visibility.HIDDEN", "task = 6");
    Path classes =
        Fixtures.compile(
            dir, "h", java.util.Map.of("h.WalkerHiddenTest", visible), Fixtures.testLibraries());
    GraderException e =
        assertThrows(
            GraderException.class,
            () -> HiddenPointsSync.sync(classes, "pagewalk", dir.resolve("m"), true, "-D"));
    assertTrue(
        e.getMessage().startsWith("h.WalkerHiddenTest#accessed is a hidden test"), e.getMessage());
  }

  @Test
  void aMalformedManifestIsOneLineNamingTheFileAndKey() {
    String bad = "exercise=pagewalk\ntests=2\npoints=9\ntask.1.tests=two\ntask.1.points=9\n";
    GraderException e =
        assertThrows(GraderException.class, () -> HiddenPoints.parse("m.properties", bad));
    assertEquals(
        "m.properties: task.1.tests has value \"two\", expected a whole number >= 0",
        e.getMessage());
    String sums = "exercise=pagewalk\ntests=2\npoints=9\ntask.1.tests=1\ntask.1.points=9\n";
    assertTrue(
        assertThrows(GraderException.class, () -> HiddenPoints.parse("m", sums))
            .getMessage()
            .contains("not the sums of the task lines"));
  }
}
