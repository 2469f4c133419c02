package dev.pagelab.grader.core.report;

import dev.pagelab.grader.api.Feedback;
import dev.pagelab.grader.core.Grade;
import dev.pagelab.grader.core.GraderException;
import dev.pagelab.grader.core.HiddenPoints;
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

/**
 * Writes the reports of a grade into a directory and formats the log's summary table. Every report
 * has one section (or line) per exercise that opens with the whole picture of its points: those
 * earned in the public tests and those the instructor's hidden tests hold. Tests appear by task, in
 * the order their class declares them, under their readable titles, with failure messages in the
 * report's language.
 */
public final class Reports {
  /** The HTML report's file name. */
  public static final String HTML = "index.html";

  /** The grade's file name. */
  public static final String GRADE_JSON = "grade.json";

  /** Gradescope's file name. */
  public static final String GRADESCOPE_JSON = "results.json";

  /** Classroom 50's file name (the successor of GitHub Classroom's autograding). */
  public static final String CLASSROOM_JSON = "result.json";

  private final Texts texts;
  private final Map<String, HiddenPoints> hidden;
  private final Map<String, String> environment;

  /** Reports in one language ({@code ko} gives Korean, anything else English). */
  public Reports(Locale locale) {
    this(locale, Map.of());
  }

  /**
   * Reports in one language that show, for each exercise, the points its hidden tests hold.
   *
   * @param locale {@code ko} for Korean, anything else for English
   * @param hidden the manifests of the exercises' hidden tests, by exercise
   */
  public Reports(Locale locale, Map<String, HiddenPoints> hidden) {
    this(locale, hidden, System.getenv());
  }

  /** As above, with the environment Classroom 50's runner sets (for tests). */
  Reports(Locale locale, Map<String, HiddenPoints> hidden, Map<String, String> environment) {
    this.texts = new Texts(locale);
    this.hidden = Map.copyOf(hidden);
    this.environment = Map.copyOf(environment);
  }

  /**
   * Writes {@code index.html}, {@code grade.json}, Gradescope's {@code results.json} and Classroom
   * 50's {@code result.json} into {@code dir}.
   *
   * @throws GraderException if the directory cannot be written
   */
  public void writeAll(Grade grade, Path dir) throws GraderException {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(GRADE_JSON), gradeJson(grade), StandardCharsets.UTF_8);
      Files.writeString(
          dir.resolve(GRADESCOPE_JSON), gradescopeJson(grade), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(CLASSROOM_JSON), classroomJson(grade), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(HTML), html(grade), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GraderException("cannot write the reports into " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The exercises of a grade as the reports show them. */
  public List<ExerciseSummary> summaries(Grade grade) {
    return ExerciseSummary.of(grade, hidden);
  }

  /**
   * {@code grade.json}: everything but timings; the one timestamp is {@code gradedAt}. One entry
   * per exercise in {@code exercises}, the tests in the report's order.
   */
  public String gradeJson(Grade grade) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schema", "pagelab-grade/1");
    root.put("exercise", grade.exercise());
    root.put("gradedAt", grade.gradedAt().toString());
    root.put("score", grade.score());
    root.put("maxScore", grade.maxScore());
    root.put("percent", grade.percent());
    root.put("forks", grade.forks());
    root.put("compile", compile(grade));
    root.put("staticCheck", staticCheck(grade));
    Map<String, Object> counts = new LinkedHashMap<>();
    for (TestStatus s : TestStatus.values()) {
      if (grade.count(s) > 0) {
        counts.put(s.jsonName(), grade.count(s));
      }
    }
    root.put("counts", counts);
    List<Object> exercises = new ArrayList<>();
    List<Object> tests = new ArrayList<>();
    for (ExerciseSummary e : summaries(grade)) {
      exercises.add(exerciseJson(e));
      for (ExerciseSummary.Task task : e.tasks()) {
        for (TestResult r : task.results()) {
          tests.add(testJson(r));
        }
      }
    }
    root.put("exercises", exercises);
    root.put("tests", tests);
    return Json.write(root);
  }

  private static Map<String, Object> compile(Grade grade) {
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
    return compile;
  }

  private static Map<String, Object> staticCheck(Grade grade) {
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
    return statics;
  }

  private static Map<String, Object> exerciseJson(ExerciseSummary e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", e.name());
    m.put("score", e.score());
    m.put("maxScore", e.maxScore());
    m.put("percent", e.percent());
    Map<String, Object> publicPart = new LinkedHashMap<>();
    publicPart.put("score", e.publicScore());
    publicPart.put("maxScore", e.publicMax());
    m.put("public", publicPart);
    Map<String, Object> hiddenPart = new LinkedHashMap<>();
    hiddenPart.put("ran", e.hiddenRan());
    if (e.hiddenRan()) {
      hiddenPart.put("score", e.hiddenScore());
    }
    hiddenPart.put("maxScore", e.hiddenMax());
    hiddenPart.put("tests", e.hiddenTests());
    m.put("hidden", hiddenPart);
    List<Object> tasks = new ArrayList<>();
    for (ExerciseSummary.Task t : e.tasks()) {
      Map<String, Object> task = new LinkedHashMap<>();
      task.put("task", t.number());
      task.put("score", t.score());
      task.put("maxScore", t.maxScore());
      tasks.add(task);
    }
    m.put("tasks", tasks);
    return m;
  }

  private static Map<String, Object> testJson(TestResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.test().id());
    m.put("exercise", r.test().exercise());
    m.put("task", r.test().task());
    m.put("title", r.test().title("en"));
    m.put("titleKo", r.test().title("ko"));
    m.put("visibility", r.test().visibility().name().toLowerCase(Locale.ROOT));
    m.put("points", r.test().points());
    m.put("score", r.score());
    m.put("status", r.status().jsonName());
    m.put("detail", r.detail());
    m.put("output", r.output());
    return m;
  }

  /**
   * Gradescope's {@code results.json}: {@code score}, {@code max_score}, {@code output} (one line
   * per exercise), {@code visibility} and {@code tests} with {@code name}, {@code number}, {@code
   * score}, {@code max_score}, {@code status} ("passed"/"failed"), {@code output} and each test's
   * own {@code visibility} ({@code visible}, {@code after_due_date} or {@code hidden}).
   */
  public String gradescopeJson(Grade grade) {
    return Gradescope.json(grade, summaries(grade), this);
  }

  /**
   * Classroom 50's {@code result.json} ({@code classroom50/result/v1}): integer points, one entry
   * per test; the identity fields come from the variables its runner sets (CLASSROOM, ASSIGNMENT,
   * OWNER or USERNAME, SUBMISSION_TAG, COMMIT_URL, RELEASE_URL, REVIEW_URL), empty outside it.
   */
  public String classroomJson(Grade grade) {
    return Classroom50.json(grade, summaries(grade), this, environment);
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
    model.put("lang", texts.language());
    model.put("g", HtmlModel.of(grade, summaries(grade), this));
    try {
      Template template = config.getTemplate("report.ftlh");
      StringWriter out = new StringWriter();
      template.process(model, out);
      return out.toString();
    } catch (IOException | TemplateException e) {
      throw new GraderException("Reports.html: the report template failed: " + e.getMessage(), e);
    }
  }

  /**
   * The table printed in the build log: per exercise a line with the whole picture, one line per
   * test (task, points, status, title), then one closing line per exercise.
   */
  public List<String> summaryTable(Grade grade) {
    return LogTable.lines(grade, summaries(grade), this);
  }

  /** One line per exercise: {@code Exercise pagewalk: 9/16 (56%); the instructor's ...}. */
  List<String> exerciseLines(List<ExerciseSummary> summaries) {
    List<String> lines = new ArrayList<>();
    for (ExerciseSummary e : summaries) {
      StringBuilder line =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "%s %s: %d/%d (%d%%)",
                  texts.get("exercise"),
                  e.name(),
                  e.score(),
                  e.maxScore(),
                  e.percent()));
      if (e.hiddenRan()) {
        line.append(texts.format("summary.hiddenRan", e.hiddenScore(), e.hiddenMax()));
      } else if (e.hiddenPending()) {
        line.append(texts.format("summary.hiddenPending", e.hiddenMax()));
      }
      lines.add(line.toString());
    }
    return lines;
  }

  Texts texts() {
    return texts;
  }

  /** A test's name in the report's language, e.g. "4 KiB page: frame plus offset". */
  String title(TestResult r) {
    return r.test().title(texts.language());
  }

  /** The failure message (or cause of no result) in the report's language. */
  String detail(TestResult r) {
    return Feedback.select(r.detail(), texts.language());
  }

  /** "Task 2" / "과제 2", or "The exercise as a whole" for task 0. */
  String taskName(int task) {
    return task == 0 ? texts.get("taskWhole") : texts.format("task", task);
  }

  /** The status, what it means and the message, as one text for formats with one text field. */
  String testText(TestResult r) {
    StringBuilder text =
        new StringBuilder(texts.status(r.status())).append(": ").append(texts.explain(r.status()));
    if (!r.detail().isEmpty()) {
      text.append("\n").append(detail(r));
    }
    if (!r.output().isEmpty()) {
      text.append("\n--- ").append(texts.get("output")).append(" ---\n").append(r.output());
    }
    return text.toString();
  }
}
