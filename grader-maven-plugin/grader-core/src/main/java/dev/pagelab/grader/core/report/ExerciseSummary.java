package dev.pagelab.grader.core.report;

import dev.pagelab.grader.core.Grade;
import dev.pagelab.grader.core.GradedTest;
import dev.pagelab.grader.core.HiddenPoints;
import dev.pagelab.grader.core.TestResult;
import dev.pagelab.grader.core.TestStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One exercise of a grade as every report shows it: its tests grouped by task in the assignment's
 * order, and the whole picture of its points, those earned in the public tests and those the hidden
 * tests hold (earned, when the instructor's grading ran them; still to come, from the exercise's
 * {@link HiddenPoints} manifest, when a student grades).
 *
 * @param name the exercise
 * @param tasks its tests by task, tasks ascending, tests in {@link GradedTest#REPORT_ORDER}
 * @param publicScore points earned in the tests students see
 * @param publicMax points those tests hold
 * @param hiddenRan true if hidden tests were part of this grade
 * @param hiddenScore points earned in hidden tests (0 unless they ran)
 * @param hiddenMax points the hidden tests hold, from the grade or the manifest; 0 if unknown
 * @param hiddenTests how many hidden tests there are; 0 if unknown
 */
public record ExerciseSummary(
    String name,
    List<Task> tasks,
    int publicScore,
    int publicMax,
    boolean hiddenRan,
    int hiddenScore,
    int hiddenMax,
    int hiddenTests) {

  /**
   * The tests of one task.
   *
   * @param number the task's number in the assignment, 0 for the exercise as a whole
   * @param results its tests' results
   */
  public record Task(int number, List<TestResult> results) {
    /** Copies the list. */
    public Task {
      results = List.copyOf(results);
    }

    /** Points earned. */
    public int score() {
      return results.stream().mapToInt(TestResult::score).sum();
    }

    /** Points there are. */
    public int maxScore() {
      return results.stream().mapToInt(r -> r.test().points()).sum();
    }
  }

  /** Copies the list. */
  public ExerciseSummary {
    tasks = List.copyOf(tasks);
  }

  /** One summary per exercise of {@code grade}, by name; {@code hidden} has their manifests. */
  public static List<ExerciseSummary> of(Grade grade, Map<String, HiddenPoints> hidden) {
    Map<String, List<TestResult>> byExercise = new TreeMap<>();
    grade.results().stream()
        .sorted((a, b) -> GradedTest.REPORT_ORDER.compare(a.test(), b.test()))
        .forEach(
            r -> byExercise.computeIfAbsent(r.test().exercise(), e -> new ArrayList<>()).add(r));
    List<ExerciseSummary> summaries = new ArrayList<>();
    byExercise.forEach((name, results) -> summaries.add(of(name, results, hidden.get(name))));
    return summaries;
  }

  private static ExerciseSummary of(String name, List<TestResult> results, HiddenPoints manifest) {
    Map<Integer, List<TestResult>> byTask = new LinkedHashMap<>();
    int publicScore = 0;
    int publicMax = 0;
    int hiddenScore = 0;
    int hiddenMax = 0;
    int hiddenTests = 0;
    for (TestResult r : results) {
      byTask.computeIfAbsent(r.test().task(), t -> new ArrayList<>()).add(r);
      if (r.test().hidden()) {
        hiddenScore += r.score();
        hiddenMax += r.test().points();
        hiddenTests++;
      } else {
        publicScore += r.score();
        publicMax += r.test().points();
      }
    }
    List<Task> tasks = new ArrayList<>();
    byTask.forEach((number, rs) -> tasks.add(new Task(number, rs)));
    boolean ran = hiddenTests > 0;
    if (!ran && manifest != null) {
      hiddenMax = manifest.points();
      hiddenTests = manifest.tests();
    }
    return new ExerciseSummary(
        name, tasks, publicScore, publicMax, ran, hiddenScore, hiddenMax, hiddenTests);
  }

  /** Points earned in the tests that ran. */
  public int score() {
    return publicScore + hiddenScore;
  }

  /** Points the tests that ran hold. */
  public int maxScore() {
    return publicMax + (hiddenRan ? hiddenMax : 0);
  }

  /** The score of the tests that ran in percent, rounded down; 0 when there is nothing to earn. */
  public int percent() {
    return maxScore() == 0 ? 0 : score() * 100 / maxScore();
  }

  /** True if hidden tests exist that did not run in this grade (a student's grade). */
  public boolean hiddenPending() {
    return !hiddenRan && hiddenMax > 0;
  }

  /**
   * The status every test of the exercise ended with, if they all ended the same way without
   * running (static checks failed, the code did not compile, the time ran out): the report then
   * says it once for the exercise, with the one detail they share.
   */
  public Optional<TestResult> sharedOutcome() {
    List<TestResult> all = tasks.stream().flatMap(t -> t.results().stream()).toList();
    if (all.isEmpty()) {
      return Optional.empty();
    }
    TestResult first = all.get(0);
    boolean same =
        all.stream()
            .allMatch(r -> r.status() == first.status() && r.detail().equals(first.detail()));
    boolean ran =
        first.status() == TestStatus.PASSED
            || first.status() == TestStatus.FAILED
            || first.status() == TestStatus.NOT_STARTED;
    return same && !ran ? Optional.of(first) : Optional.empty();
  }
}
