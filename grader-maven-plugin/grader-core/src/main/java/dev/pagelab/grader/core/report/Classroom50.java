package dev.pagelab.grader.core.report;

import dev.pagelab.grader.core.Grade;
import dev.pagelab.grader.core.TestResult;
import dev.pagelab.grader.core.TestStatus;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Classroom 50's {@code result.json} ({@code classroom50/result/v1}, the format its runner checks
 * and its gradebook collects): integer {@code score} and {@code max-score}, one entry per test
 * ({@code test-name}, {@code passed}, {@code score}, {@code max-score}, plus our {@code message}).
 * The identity fields come from the variables Classroom 50's runner sets for an autograder; outside
 * Classroom 50 they are empty, except {@code assignment}, which defaults to the exercise.
 */
final class Classroom50 {
  private static final DateTimeFormatter UTC_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private static final Set<String> ASSIGNMENT_TYPES = Set.of("individual", "group", "team");

  private Classroom50() {}

  static String json(
      Grade grade, List<ExerciseSummary> summaries, Reports reports, Map<String, String> env) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schema", "classroom50/result/v1");
    root.put("classroom", env.getOrDefault("CLASSROOM", ""));
    root.put("assignment", env.getOrDefault("ASSIGNMENT", grade.exercise()));
    String type = env.getOrDefault("ASSIGNMENT_TYPE", "").strip().toLowerCase(Locale.ROOT);
    root.put("assignment_type", ASSIGNMENT_TYPES.contains(type) ? type : "individual");
    root.put("owner", env.getOrDefault("OWNER", env.getOrDefault("USERNAME", "")));
    root.put("submission", env.getOrDefault("SUBMISSION_TAG", ""));
    String commit = env.getOrDefault("COMMIT_URL", "");
    root.put("commit", commit);
    root.put("release", env.getOrDefault("RELEASE_URL", ""));
    root.put("review", env.getOrDefault("REVIEW_URL", commit));
    String when = UTC_SECONDS.format(grade.gradedAt().truncatedTo(ChronoUnit.SECONDS));
    root.put("datetime", when);
    root.put("graded_at", when);
    root.put("score", grade.score());
    root.put("max-score", grade.maxScore());
    root.put("tests", tests(summaries, reports, LogTable.findings(grade, reports.texts())));
    return Json.write(root);
  }

  /**
   * The tests in the report's order; a hidden test keeps its points but not its name. A test that
   * did not run because the code does not compile or was blocked carries the reasons ({@code
   * findings}) in its message: this format has no other place for them.
   */
  private static List<Object> tests(
      List<ExerciseSummary> summaries, Reports reports, List<String> findings) {
    List<Object> tests = new ArrayList<>();
    for (ExerciseSummary e : summaries) {
      int hiddenCount = 0;
      for (ExerciseSummary.Task task : e.tasks()) {
        for (TestResult r : task.results()) {
          Map<String, Object> m = new LinkedHashMap<>();
          boolean hidden = r.test().hidden();
          String name =
              hidden
                  ? reports.texts().format("hiddenName", ++hiddenCount)
                  : reports.taskName(task.number()) + ": " + reports.title(r);
          m.put("test-name", e.name() + " " + name);
          m.put("passed", r.status() == TestStatus.PASSED);
          m.put("score", r.score());
          m.put("max-score", r.test().points());
          if (!hidden) {
            boolean notRun =
                r.status() == TestStatus.DOES_NOT_COMPILE || r.status() == TestStatus.BLOCKED;
            m.put(
                "message",
                reports.testText(r)
                    + (notRun && !findings.isEmpty() ? "\n" + String.join("\n", findings) : ""));
          }
          tests.add(m);
        }
      }
    }
    return tests;
  }
}
