package dev.pagelab.grader.core.report;

import dev.pagelab.grader.core.Grade;
import dev.pagelab.grader.core.TestResult;
import dev.pagelab.grader.core.check.Violation;
import dev.pagelab.grader.core.compile.CompileError;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The data {@code report.ftlh} renders: plain maps and lists, every text already chosen. */
final class HtmlModel {
  private static final DateTimeFormatter GRADED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private HtmlModel() {}

  static Map<String, Object> of(Grade grade, List<ExerciseSummary> summaries, Reports reports) {
    Texts texts = reports.texts();
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("exercise", grade.exercise());
    g.put("gradedAt", GRADED_AT.format(grade.gradedAt()));
    g.put("score", grade.score());
    g.put("maxScore", grade.maxScore());
    g.put("percent", grade.percent());
    g.put("forks", grade.forks());
    List<Object> violations = new ArrayList<>();
    for (Violation v : grade.violations()) {
      violations.add(
          Map.of(
              "location",
              v.location(),
              "rule",
              texts.rule(v.rule()),
              "target",
              v.target(),
              "hint",
              "ko".equals(texts.language()) ? v.hintKo() : v.hint()));
    }
    g.put("violations", violations);
    List<Object> errors = new ArrayList<>();
    for (CompileError e : grade.compileErrors()) {
      errors.add(
          Map.of(
              "location", e.file() + (e.line() > 0 ? ":" + e.line() : ""), "message", e.message()));
    }
    g.put("compileErrors", errors);
    List<Object> exercises = new ArrayList<>();
    for (ExerciseSummary e : summaries) {
      exercises.add(exercise(e, reports));
    }
    g.put("exercises", exercises);
    return g;
  }

  private static Map<String, Object> exercise(ExerciseSummary e, Reports reports) {
    Texts texts = reports.texts();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", e.name());
    m.put("score", e.score());
    m.put("maxScore", e.maxScore());
    m.put("percent", e.percent());
    List<String> picture = new ArrayList<>();
    picture.add(texts.format("picture.public", e.publicScore(), e.publicMax()));
    if (e.hiddenRan()) {
      picture.add(texts.format("picture.hiddenRan", e.hiddenScore(), e.hiddenMax()));
      picture.add(texts.format("picture.total", e.score(), e.maxScore(), e.percent()));
    } else if (e.hiddenPending()) {
      picture.add(texts.format("picture.hiddenPending", e.hiddenMax(), e.hiddenTests()));
    }
    m.put("picture", picture);
    m.put("bar", bar(e));
    m.put("shared", e.sharedOutcome().map(r -> test(r, reports)).orElse(null));
    List<Object> tasks = new ArrayList<>();
    for (ExerciseSummary.Task t : e.tasks()) {
      Map<String, Object> task = new LinkedHashMap<>();
      task.put("name", reports.taskName(t.number()));
      task.put("score", t.score());
      task.put("maxScore", t.maxScore());
      List<Object> tests = new ArrayList<>();
      t.results().forEach(r -> tests.add(test(r, reports)));
      task.put("tests", tests);
      tasks.add(task);
    }
    m.put("tasks", tasks);
    return m;
  }

  /** The widths, in percent of all the exercise's points, of the bar's three parts. */
  private static Map<String, String> bar(ExerciseSummary e) {
    int all = e.publicMax() + e.hiddenMax();
    int earned = e.publicScore() + e.hiddenScore();
    int pending = e.hiddenPending() ? e.hiddenMax() : 0;
    int lost = all - earned - pending;
    Map<String, String> bar = new LinkedHashMap<>();
    bar.put("earned", percent(earned, all));
    bar.put("lost", percent(lost, all));
    bar.put("hidden", percent(pending, all));
    bar.put("earnedPoints", Integer.toString(earned));
    bar.put("lostPoints", Integer.toString(lost));
    bar.put("hiddenPoints", Integer.toString(pending));
    return bar;
  }

  private static String percent(int part, int all) {
    return all == 0 ? "0" : String.format(Locale.ROOT, "%.2f", 100.0 * part / all);
  }

  private static Map<String, Object> test(TestResult r, Reports reports) {
    Texts texts = reports.texts();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", reports.title(r));
    m.put("id", r.test().id());
    m.put("score", r.score());
    m.put("points", r.test().points());
    m.put("status", r.status().jsonName());
    m.put("statusText", texts.status(r.status()));
    m.put("explain", texts.explain(r.status()));
    m.put("detail", reports.detail(r));
    m.put("output", r.output());
    m.put("hidden", r.test().hidden());
    return m;
  }
}
