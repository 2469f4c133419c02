package dev.pagelab.grader.core.report;

import dev.pagelab.grader.core.Grade;
import dev.pagelab.grader.core.TestResult;
import dev.pagelab.grader.core.TestStatus;
import dev.pagelab.grader.core.check.Violation;
import dev.pagelab.grader.core.compile.CompileError;
import java.util.ArrayList;
import java.util.List;

/**
 * The summary table of the build log: per exercise the line with the whole picture, then one row
 * per test (task, points, status, title; the title last, since a Korean title is twice as wide on a
 * terminal as it is long), the compiler's errors or the static checks' findings, and the exercises'
 * closing lines.
 */
final class LogTable {
  private static final int RULE = 72;
  private static final int TASK = 4;
  private static final int POINTS = 6;

  private LogTable() {}

  static List<String> lines(Grade grade, List<ExerciseSummary> summaries, Reports reports) {
    Texts texts = reports.texts();
    List<String> lines = new ArrayList<>();
    int statusWidth = width(texts.get("status"));
    for (TestResult r : grade.results()) {
      statusWidth = Math.max(statusWidth, width(texts.status(r.status())));
    }
    List<String> closing = reports.exerciseLines(summaries);
    for (int i = 0; i < summaries.size(); i++) {
      ExerciseSummary e = summaries.get(i);
      lines.add(closing.get(i));
      lines.add(
          pad(texts.get("taskColumn"), TASK)
              + "  "
              + pad(texts.get("points"), POINTS)
              + "  "
              + pad(texts.get("status"), statusWidth)
              + "  "
              + texts.get("test"));
      for (ExerciseSummary.Task task : e.tasks()) {
        for (TestResult r : task.results()) {
          lines.add(row(r, task.number(), statusWidth, reports));
        }
      }
      lines.add("-".repeat(RULE));
    }
    List<String> findings = findings(grade, texts);
    lines.addAll(findings);
    if (!findings.isEmpty()) {
      lines.add("-".repeat(RULE));
    }
    lines.addAll(closing);
    return lines;
  }

  /**
   * Why no test ran, one line each: the compiler's errors ({@code does not compile: Walker.java:12:
   * ';' expected}) or what the static checks blocked ({@code Static checks: Walker.java:9
   * java.lang.System.exit(int) - ends or controls the JVM}).
   */
  static List<String> findings(Grade grade, Texts texts) {
    List<String> lines = new ArrayList<>();
    for (CompileError e : grade.compileErrors()) {
      lines.add(texts.status(TestStatus.DOES_NOT_COMPILE) + ": " + e);
    }
    for (Violation v : grade.violations()) {
      lines.add(
          texts.get("staticChecks")
              + ": "
              + v.location()
              + " "
              + v.target()
              + " - "
              + texts.rule(v.rule()));
    }
    return lines;
  }

  private static String row(TestResult r, int task, int statusWidth, Reports reports) {
    String status = reports.texts().status(r.status());
    String why =
        r.detail().isEmpty()
                || r.status() == TestStatus.FAILED
                || r.status() == TestStatus.NOT_STARTED
            ? ""
            : " (" + firstLine(reports.detail(r)) + ")";
    String hidden = r.test().hidden() ? " [" + reports.texts().get("hidden") + "]" : "";
    String points = r.score() + "/" + r.test().points();
    return pad(task == 0 ? "-" : Integer.toString(task), TASK)
        + "  "
        + " ".repeat(Math.max(0, POINTS - points.length()))
        + points
        + "  "
        + pad(status, statusWidth)
        + "  "
        + reports.title(r)
        + hidden
        + why;
  }

  /** {@code text} padded with spaces to {@code columns} terminal columns. */
  static String pad(String text, int columns) {
    return text + " ".repeat(Math.max(0, columns - width(text)));
  }

  /** Terminal columns: Hangul and other East Asian wide characters take two. */
  static int width(String text) {
    int columns = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      columns += wide(c) ? 2 : 1;
      i += Character.charCount(c);
    }
    return columns;
  }

  private static boolean wide(int c) {
    return (c >= 0x1100 && c <= 0x115F)
        || (c >= 0x2E80 && c <= 0xA4CF)
        || (c >= 0xAC00 && c <= 0xD7A3)
        || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0xFF00 && c <= 0xFF60)
        || (c >= 0xFFE0 && c <= 0xFFE6);
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
