package dev.pagelab.solutions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.grader.core.GradedTest;
import dev.pagelab.solutions.ExerciseRun.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The content-level proof for exercise "pagewalk": each mutant loses points, the model answer earns
 * every point, and the stub fails every graded test with its "TODO(pagewalk)" exception and has the
 * answer's public API; and, for this exercise, partial credit is fair (a walker wrong only on the
 * Accessed and Dirty bits loses only their points), every graded test names its task and its title
 * in both languages, and both assignments say what students need.
 */
class PagewalkContentTest extends ExerciseContentTest {
  /** The mutants that get only the Accessed and Dirty bits wrong (task 6 of the assignment). */
  private static final List<String> ACCESSED_DIRTY_MUTANTS =
      List.of(
          "no-accessed-dirty",
          "no-dirty-on-write",
          "dirty-on-whole-path",
          "accessed-set-before-checks");

  /** The assignment's task of the Accessed and Dirty bits. */
  private static final int ACCESSED_DIRTY_TASK = 6;

  @Override
  Exercise exercise() {
    return Exercise.PAGEWALK;
  }

  /**
   * Partial credit is fair: a walker right on everything but the Accessed and Dirty bits loses the
   * points of the tests of those bits, public and hidden, and no other.
   */
  @TestFactory
  Stream<DynamicTest> aWalkerWrongOnlyOnAccessedAndDirtyLosesOnlyTheirPoints() {
    return ACCESSED_DIRTY_MUTANTS.stream()
        .map(name -> DynamicTest.dynamicTest(name, () -> losesOnlyAccessedAndDirty(name)));
  }

  private void losesOnlyAccessedAndDirty(String name) throws IOException {
    Path source = exercise().mutantsDir().resolve(name).resolve("Walker.java");
    List<Outcome> outcomes =
        ExerciseRun.run(
            exercise(), ExerciseRun.compile(List.of(source), classes.resolve("ad-" + name)));
    List<String> lost =
        outcomes.stream()
            .filter(o -> !o.passed())
            .map(o -> o.name() + " (task " + o.task() + ")")
            .toList();
    assertFalse(lost.isEmpty(), name + " must lose points");
    assertTrue(
        outcomes.stream().filter(o -> !o.passed()).allMatch(o -> o.task() == ACCESSED_DIRTY_TASK),
        name + " may lose only the A/D tests of task 6, but lost " + lost);
    assertTrue(
        outcomes.stream().anyMatch(o -> o.passed() && o.hidden()), name + " keeps hidden points");
  }

  @Test
  void everyGradedTestNamesItsTaskAndItsTitleInBothLanguages() {
    for (GradedTest t : ExerciseRun.gradedTests(exercise())) {
      String where = t.shortName();
      assertTrue(t.task() >= 0 && t.task() <= 6, where + ": task " + t.task());
      assertFalse(t.title().isBlank() || t.titleKo().isBlank(), where + ": both titles");
      assertTrue(
          t.titleKo().chars().anyMatch(ch -> ch >= 0xAC00 && ch <= 0xD7A3),
          where + ": the Korean title is Korean");
      assertFalse(t.titleKo().contains("단계"), where + ": 레벨 for a level, not 단계");
      String testClass = t.className().substring(t.className().lastIndexOf('.') + 1);
      assertEquals(
          !exercise().isPublic(testClass),
          t.hidden(),
          where + ": hidden tests are HIDDEN or AFTER_DUE_DATE, public ones VISIBLE");
    }
  }

  @Test
  void bothAssignmentsNameEveryPublicTestTheKoreanReportAndTheDebugCommands() throws Exception {
    Path dir = ExerciseRun.moduleDir().resolve("../exercises/pagewalk");
    String en = Files.readString(dir.resolve("README.md"));
    String ko = Files.readString(dir.resolve("README.ko.md"));
    List<GradedTest> publicTests =
        ExerciseRun.gradedTests(exercise()).stream().filter(t -> !t.hidden()).toList();
    for (String text : List.of(en, ko)) {
      assertTrue(text.contains("-Dpagelab.grader.locale=ko"), "the Korean report option");
      assertTrue(text.contains("-Ppublic-tests"), "running the public tests alone");
      assertTrue(text.contains("./pagelab walk --walker student"), "debugging with pagelab walk");
      for (GradedTest t : publicTests) {
        assertTrue(
            text.contains("`" + t.methodName() + "`"), t.methodName() + " in the task table");
      }
    }
  }

  @Test
  void theKoreanAssignmentSaysLevelWithOneWordAndStepWithAnother() throws IOException {
    String ko =
        Files.readString(ExerciseRun.moduleDir().resolve("../exercises/pagewalk/README.ko.md"));
    // 레벨 is a page-table level, 단계 only a step of the walk: "4단계 테이블", "단계 L",
    // "단계마다 엔트리" would use 단계 for a level
    Matcher m = Pattern.compile("[0-9]단계|단계 `?L|단계마다|각\\s*단계의|한 단계 내려").matcher(ko);
    assertFalse(m.find(), () -> "단계 used for a level: ..." + ko.substring(m.start(), m.end() + 10));
    assertTrue(ko.contains("5레벨 페이징") && ko.contains("워크의 단계"), "both words are used");
  }
}
