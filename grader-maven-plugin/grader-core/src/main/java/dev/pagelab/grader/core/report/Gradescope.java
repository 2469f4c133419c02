package dev.pagelab.grader.core.report;

import dev.pagelab.grader.api.Visibility;
import dev.pagelab.grader.core.Grade;
import dev.pagelab.grader.core.TestResult;
import dev.pagelab.grader.core.TestStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gradescope's {@code results.json}, as its autograder specification describes it: the total, a
 * text {@code output}, and one entry per test with its own {@code visibility}, so that a hidden
 * test's name, result and message stay hidden from the student while its points count.
 */
final class Gradescope {
  private Gradescope() {}

  static String json(Grade grade, List<ExerciseSummary> summaries, Reports reports) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("score", grade.score());
    root.put("max_score", grade.maxScore());
    List<String> output = outputLines(summaries, reports);
    output.addAll(LogTable.findings(grade, reports.texts()));
    root.put("output", String.join("\n", output));
    root.put("visibility", "visible");
    root.put("stdout_visibility", "hidden");
    List<Object> tests = new ArrayList<>();
    for (ExerciseSummary e : summaries) {
      for (ExerciseSummary.Task task : e.tasks()) {
        int position = 0;
        for (TestResult r : task.results()) {
          position++;
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", (summaries.size() > 1 ? e.name() + ": " : "") + reports.title(r));
          m.put("number", task.number() + "." + position);
          m.put("score", r.score());
          m.put("max_score", r.test().points());
          m.put("status", r.status() == TestStatus.PASSED ? "passed" : "failed");
          m.put("output", reports.testText(r));
          m.put("visibility", visibility(r.test().visibility()));
          tests.add(m);
        }
      }
    }
    root.put("tests", tests);
    return Json.write(root);
  }

  /**
   * One line per exercise with its public points; the hidden tests' points are named but not their
   * result, since this output is visible at once. The compiler's errors or the static checks'
   * findings follow them.
   */
  private static List<String> outputLines(List<ExerciseSummary> summaries, Reports reports) {
    List<String> lines = new ArrayList<>();
    Texts texts = reports.texts();
    for (ExerciseSummary e : summaries) {
      String line =
          texts.get("exercise")
              + " "
              + e.name()
              + ": "
              + texts.format("picture.public", e.publicScore(), e.publicMax());
      if (e.hiddenMax() > 0) {
        line += texts.format("summary.hiddenPending", e.hiddenMax());
      }
      lines.add(line);
    }
    return lines;
  }

  /** Gradescope's names: {@code visible}, {@code after_due_date}, {@code hidden}. */
  static String visibility(Visibility v) {
    return v.name().toLowerCase(Locale.ROOT);
  }
}
