package dev.pagelab.grader.core.report;

import dev.pagelab.grader.core.Grade;
import dev.pagelab.grader.core.GraderException;
import dev.pagelab.grader.core.TestResult;
import dev.pagelab.grader.core.TestStatus;
import dev.pagelab.grader.core.check.Violation;
import dev.pagelab.grader.core.compile.CompileError;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the reports of a grade into a directory and formats the log's summary table. */
public final class Reports {
  /** The HTML report's file name. */
  public static final String HTML = "index.html";

  /** The grade's file name. */
  public static final String GRADE_JSON = "grade.json";

  /** Gradescope's file name. */
  public static final String GRADESCOPE_JSON = "results.json";

  private final Texts texts;

  /** Reports in one language ({@code ko} gives Korean, anything else English). */
  public Reports(Locale locale) {
    this.texts = new Texts(locale);
  }

  /**
   * Writes {@code index.html}, {@code grade.json} and {@code results.json} into {@code dir}.
   *
   * @throws GraderException if the directory cannot be written
   */
  public void writeAll(Grade grade, Path dir) throws GraderException {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(GRADE_JSON), gradeJson(grade), StandardCharsets.UTF_8);
      Files.writeString(
          dir.resolve(GRADESCOPE_JSON), gradescopeJson(grade), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(HTML), html(grade), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GraderException("cannot write the reports into " + dir + ": " + e.getMessage(), e);
    }
  }

  /** {@code grade.json}: everything but timings; the one timestamp is {@code gradedAt}. */
  public String gradeJson(Grade grade) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schema", "pagelab-grade/1");
    root.put("exercise", grade.exercise());
    root.put("gradedAt", grade.gradedAt().toString());
    root.put("score", grade.score());
    root.put("maxScore", grade.maxScore());
    root.put("percent", grade.percent());
    root.put("forks", grade.forks());
    Map<String, Object> compile = new LinkedHashMap<>();
    compile.put("passed", grade.compiled());
    List<Object> errors = new ArrayList<>();
    for (CompileError e : grade.compileErrors()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", e.file());
      m.put("line", e.line());
      m.put("column", e.column());
      m.put("message", e.message());
      errors.add(m);
    }
    compile.put("errors", errors);
    root.put("compile", compile);
    Map<String, Object> statics = new LinkedHashMap<>();
    statics.put("passed", grade.compiled() && grade.violations().isEmpty());
    List<Object> violations = new ArrayList<>();
    for (Violation v : grade.violations()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("location", v.location());
      m.put("rule", v.rule().name());
      m.put("target", v.target());
      m.put("hint", v.hint());
      m.put("hintKo", v.hintKo());
      violations.add(m);
    }
    statics.put("violations", violations);
    root.put("staticCheck", statics);
    Map<String, Object> counts = new LinkedHashMap<>();
    for (TestStatus s : TestStatus.values()) {
      if (grade.count(s) > 0) {
        counts.put(s.jsonName(), grade.count(s));
      }
    }
    root.put("counts", counts);
    List<Object> tests = new ArrayList<>();
    for (TestResult r : grade.results()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.test().id());
      m.put("exercise", r.test().exercise());
      m.put("points", r.test().points());
      m.put("score", r.score());
      m.put("status", r.status().jsonName());
      m.put("detail", r.detail());
      m.put("output", r.output());
      tests.add(m);
    }
    root.put("tests", tests);
    return Json.write(root);
  }

  /**
   * Gradescope's {@code results.json}: {@code score}, {@code max_score}, {@code output}, {@code
   * visibility} and {@code tests} with {@code name}, {@code score}, {@code max_score}, {@code
   * status} ("passed"/"failed"), {@code output} and {@code visibility}.
   */
  public String gradescopeJson(Grade grade) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("score", grade.score());
    root.put("max_score", grade.maxScore());
    root.put("output", String.join("\n", summaryTable(grade)));
    root.put("visibility", "visible");
    root.put("stdout_visibility", "hidden");
    List<Object> tests = new ArrayList<>();
    for (TestResult r : grade.results()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", r.test().shortName());
      m.put("score", r.score());
      m.put("max_score", r.test().points());
      m.put("status", r.status() == TestStatus.PASSED ? "passed" : "failed");
      m.put("output", testText(r));
      m.put("visibility", "visible");
      tests.add(m);
    }
    root.put("tests", tests);
    return Json.write(root);
  }

  /** The HTML report, from {@code report.ftlh}. */
  public String html(Grade grade) throws GraderException {
    Configuration config = new Configuration(Configuration.VERSION_2_3_34);
    config.setClassForTemplateLoading(Reports.class, "");
    config.setDefaultEncoding("UTF-8");
    config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    config.setLogTemplateExceptions(false);
    config.setAPIBuiltinEnabled(false);
    config.setNumberFormat("computer");
    config.setLocale(Locale.ROOT);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("t", texts.all());
    model.put("lang", texts.get("status.PASSED").equals("passed") ? "en" : "ko");
    model.put("g", view(grade, "ko".equals(model.get("lang"))));
    try {
      Template template = config.getTemplate("report.ftlh");
      StringWriter out = new StringWriter();
      template.process(model, out);
      return out.toString();
    } catch (IOException | TemplateException e) {
      throw new GraderException("Reports.html: the report template failed: " + e.getMessage(), e);
    }
  }

  /** The table printed in the build log, one line per test, then the total. */
  public List<String> summaryTable(Grade grade) {
    int width = 4;
    for (TestResult r : grade.results()) {
      width = Math.max(width, r.test().shortName().length());
    }
    List<String> lines = new ArrayList<>();
    String format = "%-" + width + "s  %6s  %s";
    lines.add(
        String.format(
            Locale.ROOT, format, texts.get("test"), texts.get("points"), texts.get("status")));
    lines.add("-".repeat(width + 24));
    for (TestResult r : grade.results()) {
      String points = r.score() + "/" + r.test().points();
      String status =
          texts.status(r.status())
              + (r.detail().isEmpty() || r.status() == TestStatus.FAILED
                  ? ""
                  : " (" + firstLine(r.detail()) + ")");
      lines.add(String.format(Locale.ROOT, format, r.test().shortName(), points, status));
    }
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
    lines.add("-".repeat(width + 24));
    lines.add(
        String.format(
            Locale.ROOT,
            "%s %s: %d/%d (%d%%)",
            texts.get("exercise"),
            grade.exercise(),
            grade.score(),
            grade.maxScore(),
            grade.percent()));
    return lines;
  }

  private String testText(TestResult r) {
    StringBuilder text =
        new StringBuilder(texts.status(r.status())).append(": ").append(texts.explain(r.status()));
    if (!r.detail().isEmpty()) {
      text.append("\n").append(r.detail());
    }
    if (!r.output().isEmpty()) {
      text.append("\n--- ").append(texts.get("output")).append(" ---\n").append(r.output());
    }
    return text.toString();
  }

  private Map<String, Object> view(Grade grade, boolean korean) {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("exercise", grade.exercise());
    g.put("gradedAt", grade.gradedAt().toString());
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
              korean ? v.hintKo() : v.hint()));
    }
    g.put("violations", violations);
    List<Object> errors = new ArrayList<>();
    for (CompileError e : grade.compileErrors()) {
      errors.add(
          Map.of(
              "location", e.file() + (e.line() > 0 ? ":" + e.line() : ""), "message", e.message()));
    }
    g.put("compileErrors", errors);
    List<Object> tests = new ArrayList<>();
    for (TestResult r : grade.results()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", r.test().shortName());
      m.put("id", r.test().id());
      m.put("score", r.score());
      m.put("points", r.test().points());
      m.put("status", r.status().jsonName());
      m.put("statusText", texts.status(r.status()));
      m.put("explain", texts.explain(r.status()));
      m.put("detail", r.detail());
      m.put("output", r.output());
      m.put("millis", r.millis());
      tests.add(m);
    }
    g.put("tests", tests);
    return g;
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
