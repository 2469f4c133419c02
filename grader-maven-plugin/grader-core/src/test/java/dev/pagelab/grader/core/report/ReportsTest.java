package dev.pagelab.grader.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.grader.api.Feedback;
import dev.pagelab.grader.api.Visibility;
import dev.pagelab.grader.core.Grade;
import dev.pagelab.grader.core.GradedTest;
import dev.pagelab.grader.core.HiddenPoints;
import dev.pagelab.grader.core.TestResult;
import dev.pagelab.grader.core.TestStatus;
import dev.pagelab.grader.core.check.Rule;
import dev.pagelab.grader.core.check.Violation;
import dev.pagelab.grader.core.compile.CompileError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
  private static GradedTest test(String method, int points) {
    return new GradedTest("a.WalkerTest", method, List.of(), "pagewalk", points);
  }

  /** A titled test of task {@code task}, declared at position {@code order} of its class. */
  private static GradedTest titled(
      String exercise, String method, int points, int task, int order, Visibility visibility) {
    return new GradedTest(
        visibility == Visibility.VISIBLE ? "a.WalkerTest" : "a.WalkerHiddenTest",
        method,
        List.of(),
        exercise,
        points,
        task,
        "Title of " + method,
        method + " 제목",
        "",
        visibility,
        order);
  }

  private static TestResult passed(GradedTest t) {
    return new TestResult(t, TestStatus.PASSED, "", "", 1);
  }

  private static TestResult failed(GradedTest t, String message) {
    return new TestResult(t, TestStatus.FAILED, message, "", 1);
  }

  private static final Grade GRADE =
      new Grade(
          "pagewalk",
          Instant.parse("2026-01-02T03:04:05Z"),
          List.of(),
          List.of(
              new TestResult(test("fourKib", 2), TestStatus.PASSED, "", "hello", 12),
              new TestResult(
                  test("nx", 3),
                  TestStatus.FAILED,
                  "expected <b>fault</b> & \"more\"",
                  "<script>alert(1)</script>",
                  7),
              new TestResult(test("stub", 1), TestStatus.NOT_STARTED, "TODO(pagewalk)", "", 1)),
          1);

  /** A student's grade: the public tests of two tasks, out of order, and a hidden manifest. */
  private static final Grade STUDENT =
      new Grade(
          "pagewalk",
          Instant.parse("2026-01-02T03:04:05Z"),
          List.of(),
          List.of(
              failed(
                  titled("pagewalk", "adBits", 2, 6, 0, Visibility.VISIBLE),
                  Feedback.of("level 4: A must be set", "레벨 4: A가 켜져 있어야 합니다")
                      + " ==> expected: <true> but was: <false>"),
              passed(titled("pagewalk", "second", 3, 1, 7, Visibility.VISIBLE)),
              passed(titled("pagewalk", "first", 4, 1, 2, Visibility.VISIBLE)),
              failed(titled("pagewalk", "faults", 7, 2, 1, Visibility.VISIBLE), "plain")),
          1);

  private static final Map<String, HiddenPoints> MANIFEST =
      Map.of(
          "pagewalk",
          new HiddenPoints(
              "pagewalk",
              new TreeMap<>(
                  Map.of(1, new HiddenPoints.Share(2, 8), 6, new HiddenPoints.Share(1, 9)))));

  @Test
  void htmlEscapesEverythingTheTestsProduced(@TempDir Path dir) throws Exception {
    new Reports(Locale.ENGLISH).writeAll(GRADE, dir);
    String html = Files.readString(dir.resolve(Reports.HTML));
    assertFalse(html.contains("<script>alert"), "student output must be escaped");
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    assertTrue(html.contains("expected &lt;b&gt;fault&lt;/b&gt; &amp; &quot;more&quot;"), html);
    assertTrue(html.contains("2 <small>/ 6 (33%)</small>"), html);
    assertTrue(html.contains("not started"), html);
    assertTrue(Files.exists(dir.resolve(Reports.CLASSROOM_JSON)));
    assertTrue(Files.exists(dir.resolve(Reports.GRADESCOPE_JSON)));
  }

  @Test
  void aSubmissionThatDoesNotCompileShowsTheCompilersMessages(@TempDir Path dir) throws Exception {
    Grade broken =
        new Grade(
            "pagewalk",
            Instant.parse("2026-01-02T03:04:05Z"),
            List.of(new CompileError("Walker.java", 17, 13, "illegal start of expression")),
            List.of(),
            List.of(new TestResult(test("fourKib", 2), TestStatus.DOES_NOT_COMPILE, "", "", 0)),
            0);
    Reports en = new Reports(Locale.ENGLISH);
    en.writeAll(broken, dir);
    String html = Files.readString(dir.resolve(Reports.HTML));
    assertTrue(
        html.contains("Walker.java:17") && html.contains("illegal start of expression"), html);
    assertTrue(html.contains("Does not compile"), html);
    assertTrue(Files.readString(dir.resolve(Reports.GRADE_JSON)).contains("\"line\": 17"));
    assertTrue(
        en.summaryTable(broken)
            .contains("does not compile: Walker.java:17: illegal start of expression"),
        en.summaryTable(broken)::toString);
  }

  @Test
  void aBlockedUseSaysWhatToUseInsteadInTheReportsLanguage(@TempDir Path dir) throws Exception {
    Grade blocked =
        new Grade(
            "pagewalk",
            Instant.parse("2026-01-02T03:04:05Z"),
            List.of(
                new Violation(
                    "Walker.java:9",
                    Rule.SYSTEM_ACCESS,
                    "new java.util.Formatter(java.lang.String)",
                    "Use String.format.",
                    "String.format을 쓰세요.")),
            List.of(new TestResult(test("fourKib", 2), TestStatus.BLOCKED, "", "", 0)),
            0);
    new Reports(Locale.KOREAN).writeAll(blocked, dir);
    String html = Files.readString(dir.resolve(Reports.HTML));
    assertTrue(html.contains("String.format을 쓰세요.") && html.contains("Walker.java:9"), html);
  }

  @Test
  void koreanAndEnglishHaveTheSameKeysAndDiffer() {
    Texts en = new Texts(Locale.ENGLISH);
    Texts ko = new Texts(Locale.KOREAN);
    assertEquals(en.all().keySet(), ko.all().keySet());
    for (TestStatus s : TestStatus.values()) {
      assertFalse(en.status(s).equals(ko.status(s)), s.name());
      assertFalse(en.explain(s).equals(ko.explain(s)), s.name());
    }
    for (Rule r : Rule.values()) {
      assertFalse(en.rule(r).equals(ko.rule(r)), r.name());
    }
  }

  @Test
  void theReportOpensWithTheWholePictureInBothLanguages() throws Exception {
    String en = new Reports(Locale.ENGLISH, MANIFEST).html(STUDENT);
    assertTrue(en.contains("Public tests: 7 of 16 points"), en);
    assertTrue(en.contains("The instructor&#39;s hidden tests hold 17 more points (3 tests)"), en);
    assertTrue(en.indexOf("hidden tests hold 17") < en.indexOf("Task 1"), "first: the picture");
    String ko = new Reports(Locale.KOREAN, MANIFEST).html(STUDENT);
    assertTrue(ko.contains("공개 테스트: 16점 중 7점"), ko);
    assertTrue(ko.contains("교수자의 숨은 테스트에 17점(3개 테스트)이 더 걸려 있습니다"), ko);
    List<String> log = new Reports(Locale.ENGLISH, MANIFEST).summaryTable(STUDENT);
    assertEquals(
        "Exercise pagewalk: 7/16 (43%); the instructor's hidden tests hold 17 more points",
        log.get(0));
    assertEquals(log.get(0), log.get(log.size() - 1));
    String json = new Reports(Locale.ENGLISH, MANIFEST).gradeJson(STUDENT);
    assertTrue(
        json.contains("\"public\": {\n        \"score\": 7,\n        \"maxScore\": 16\n      }"),
        "the same text every time: " + json);
    assertTrue(
        json.contains("\"hidden\": {\n        \"ran\": false,\n        \"maxScore\": 17,"), json);
  }

  @Test
  void testsAreGroupedByTaskInTheirDeclarationOrderUnderTheirTitles() throws Exception {
    String html = new Reports(Locale.ENGLISH, MANIFEST).html(STUDENT);
    int task1 = html.indexOf("<span>Task 1</span>");
    int first = html.indexOf("Title of first");
    int second = html.indexOf("Title of second");
    int task2 = html.indexOf("<span>Task 2</span>");
    int task6 = html.indexOf("<span>Task 6</span>");
    assertTrue(task1 > 0 && task1 < first && first < second && second < task2, html);
    assertTrue(task2 < html.indexOf("Title of faults") && task6 > task2, html);
    assertTrue(html.contains("<span class=\"taskscore\">7 / 7</span>"), "task 1's points");
    List<String> log = new Reports(Locale.KOREAN, MANIFEST).summaryTable(STUDENT);
    List<String> rows = log.stream().filter(l -> l.contains(" 제목")).toList();
    assertEquals(List.of("first 제목", "second 제목", "faults 제목", "adBits 제목"), titles(rows));
  }

  /** The titles of log rows: the last column. */
  private static List<String> titles(List<String> rows) {
    return rows.stream().map(l -> l.substring(l.lastIndexOf("  ") + 2)).toList();
  }

  @Test
  void failureMessagesAreInTheReportsLanguage() throws Exception {
    String en = new Reports(Locale.ENGLISH, MANIFEST).html(STUDENT);
    assertTrue(en.contains("level 4: A must be set ==&gt; expected: &lt;true&gt;"), en);
    assertFalse(en.contains("레벨 4"), en);
    String ko = new Reports(Locale.KOREAN, MANIFEST).html(STUDENT);
    assertTrue(ko.contains("레벨 4: A가 켜져 있어야 합니다"), ko);
    assertFalse(ko.contains("A must be set"), ko);
    assertTrue(ko.contains("plain"), "a message without Feedback.of is shown whole");
  }

  @Test
  void theKoreanLogTableKeepsItsColumnsForWideCharacters() {
    List<TestResult> results = new java.util.ArrayList<>();
    TestStatus[] statuses = {
      TestStatus.PASSED, TestStatus.NOT_STARTED, TestStatus.TIMEOUT, TestStatus.CRASHED
    };
    for (int i = 0; i < statuses.length; i++) {
      GradedTest t = titled("pagewalk", "t" + i, 1, 1, i, Visibility.VISIBLE);
      results.add(new TestResult(t, statuses[i], "", "", 0));
    }
    Grade grade = new Grade("pagewalk", Instant.EPOCH, List.of(), results, 1);
    List<String> rows =
        new Reports(Locale.KOREAN)
            .summaryTable(grade).stream().filter(l -> l.endsWith(" 제목")).toList();
    assertEquals(4, rows.size(), rows.toString());
    for (String row : rows) {
      // the title starts in the same terminal column whatever the width of the status
      assertEquals(
          LogTable.width(rows.get(0).substring(0, rows.get(0).lastIndexOf("  ") + 2)),
          LogTable.width(row.substring(0, row.lastIndexOf("  ") + 2)),
          String.join("\n", rows));
    }
  }

  @Test
  void eachExerciseHasItsOwnSectionAndLineEverywhere() throws Exception {
    Grade two =
        new Grade(
            "oom,pagewalk",
            Instant.EPOCH,
            List.of(),
            List.of(
                passed(titled("pagewalk", "walks", 2, 1, 0, Visibility.VISIBLE)),
                failed(titled("oom", "scores", 3, 1, 0, Visibility.VISIBLE), "wrong badness")),
            1);
    Reports reports = new Reports(Locale.ENGLISH, MANIFEST);
    String html = reports.html(two);
    assertTrue(html.contains("id=\"ex-oom\"") && html.contains("id=\"ex-pagewalk\""), html);
    List<String> log = reports.summaryTable(two);
    assertTrue(log.contains("Exercise oom: 0/3 (0%)"), log.toString());
    assertTrue(
        log.contains(
            "Exercise pagewalk: 2/2 (100%); the instructor's hidden tests hold 17 more points"),
        log.toString());
    String json = reports.gradeJson(two);
    assertTrue(json.contains("\"name\": \"oom\"") && json.contains("\"name\": \"pagewalk\""));
    String gradescope = reports.gradescopeJson(two);
    assertTrue(
        gradescope.contains(
            "\"output\": \"Exercise oom: Public tests: 0 of 3 points\\nExercise pagewalk: Public"
                + " tests: 2 of 2 points; the instructor's hidden tests hold 17 more points\""),
        gradescope);
  }

  @Test
  void hiddenTestsThatRanAreCountedApartAndKeepTheirVisibility() throws Exception {
    Grade instructor =
        new Grade(
            "pagewalk",
            Instant.EPOCH,
            List.of(),
            List.of(
                passed(titled("pagewalk", "first", 4, 1, 0, Visibility.VISIBLE)),
                failed(titled("pagewalk", "random", 8, 1, 0, Visibility.HIDDEN), "seed 3"),
                passed(titled("pagewalk", "later", 9, 6, 1, Visibility.AFTER_DUE_DATE))),
            1);
    Reports reports = new Reports(Locale.ENGLISH, MANIFEST);
    String html = reports.html(instructor);
    assertTrue(html.contains("Hidden tests: 9 of 17 points"), html);
    assertTrue(html.contains("Together: 13 of 21 points (61%)"), html);
    assertFalse(html.contains("17 more points"), "the manifest is not used once they ran");
    String gradescope = reports.gradescopeJson(instructor);
    assertTrue(gradescope.contains("\"visibility\": \"hidden\""), gradescope);
    assertTrue(gradescope.contains("\"visibility\": \"after_due_date\""), gradescope);
    assertTrue(gradescope.contains("\"name\": \"Title of first\""), gradescope);
    assertTrue(gradescope.contains("\"number\": \"1.2\""), "ordered within the task");
    assertFalse(gradescope.contains("9/17") || gradescope.contains("9 of 17"), gradescope);
    assertEquals(
        "Exercise pagewalk: 13/21 (61%); of which hidden tests 9/17",
        reports.summaryTable(instructor).get(0));
  }

  @Test
  void classroom50ResultHasItsFieldsIntegerPointsAndNoHiddenNames() {
    Grade instructor =
        new Grade(
            "pagewalk",
            Instant.parse("2026-06-01T14:33:11.123Z"),
            List.of(),
            List.of(
                passed(titled("pagewalk", "first", 4, 1, 0, Visibility.VISIBLE)),
                failed(titled("pagewalk", "random", 8, 1, 0, Visibility.HIDDEN), "seed 3")),
            1);
    Map<String, String> env =
        Map.of(
            "CLASSROOM", "os-2026",
            "ASSIGNMENT", "pagewalk",
            "USERNAME", "alice",
            "SUBMISSION_TAG", "submit/2026-06-01T14-32-05Z-a1b2c3d",
            "COMMIT_URL", "https://github.com/x/commit/abc",
            "RELEASE_URL", "https://github.com/x/releases/tag/y");
    String json = new Reports(Locale.ENGLISH, Map.of(), env).classroomJson(instructor);
    for (String field :
        List.of(
            "\"schema\": \"classroom50/result/v1\"",
            "\"classroom\": \"os-2026\"",
            "\"assignment\": \"pagewalk\"",
            "\"assignment_type\": \"individual\"",
            "\"owner\": \"alice\"",
            "\"submission\": \"submit/2026-06-01T14-32-05Z-a1b2c3d\"",
            "\"commit\": \"https://github.com/x/commit/abc\"",
            "\"release\": \"https://github.com/x/releases/tag/y\"",
            "\"review\": \"https://github.com/x/commit/abc\"",
            "\"datetime\": \"2026-06-01T14:33:11Z\"",
            "\"score\": 4",
            "\"max-score\": 12",
            "\"test-name\": \"pagewalk Task 1: Title of first\"",
            "\"test-name\": \"pagewalk Hidden test 1\"",
            "\"passed\": false")) {
      assertTrue(json.contains(field), field + " in " + json);
    }
    assertFalse(json.contains("seed 3") || json.contains("random"), "no hidden name or message");
    String local = new Reports(Locale.ENGLISH, Map.of(), Map.of()).classroomJson(instructor);
    assertTrue(local.contains("\"assignment\": \"pagewalk\""), local);
  }

  @Test
  void aSubmissionThatDoesNotCompileShowsTheCompilersErrorsOnceAndItsTestsOnce() throws Exception {
    Grade notCompiled =
        new Grade(
            "pagewalk",
            Instant.EPOCH,
            List.of(new CompileError("Walker.java", 12, 18, "';' expected")),
            List.of(),
            List.of(
                new TestResult(
                    titled("pagewalk", "a", 1, 1, 0, Visibility.VISIBLE),
                    TestStatus.DOES_NOT_COMPILE,
                    "the submission does not compile",
                    "",
                    0),
                new TestResult(
                    titled("pagewalk", "b", 1, 2, 1, Visibility.VISIBLE),
                    TestStatus.DOES_NOT_COMPILE,
                    "the submission does not compile",
                    "",
                    0)),
            0);
    String html = new Reports(Locale.ENGLISH, MANIFEST).html(notCompiled);
    assertTrue(html.contains("Does not compile: no test ran"), html);
    assertEquals(1, html.split("Walker.java:12", -1).length - 1, "the error once: " + html);
    assertTrue(html.contains("No test of this exercise ran to the end:"), html);
    assertEquals(1, html.split("the submission does not compile", -1).length - 1, html);
    assertTrue(html.contains("Public tests: 0 of 2 points"), html);
    String json = new Reports(Locale.ENGLISH).gradeJson(notCompiled);
    assertTrue(json.contains("\"passed\": false") && json.contains("\"line\": 12"), json);
    List<String> log = new Reports(Locale.ENGLISH).summaryTable(notCompiled);
    assertTrue(log.contains("does not compile: Walker.java:12: ';' expected"), log::toString);
    String gradescope = new Reports(Locale.ENGLISH).gradescopeJson(notCompiled);
    String classroom = new Reports(Locale.ENGLISH, Map.of(), Map.of()).classroomJson(notCompiled);
    for (String json2 : List.of(gradescope, classroom)) {
      assertTrue(json2.contains("does not compile: Walker.java:12: ';' expected"), json2);
    }
  }

  @Test
  void koreanReportIsKorean() throws Exception {
    String html = new Reports(Locale.KOREAN).html(GRADE);
    assertTrue(
        html.contains("lang=\"ko\"") && html.contains("채점 보고서") && html.contains("시작 전"), html);
  }

  @Test
  void gradescopeJsonHasTheDocumentedFields() {
    String json = new Reports(Locale.ENGLISH).gradescopeJson(GRADE);
    assertTrue(json.startsWith("{\n  \"score\": 2,\n  \"max_score\": 6,"), json);
    assertTrue(json.contains("\"name\": \"nx\""), json);
    assertTrue(json.contains("\"status\": \"failed\""), json);
    assertTrue(json.contains("\"status\": \"passed\""), json);
    assertTrue(json.contains("\"visibility\": \"visible\""), json);
    assertTrue(json.contains("\\\"more\\\""), "quotes escaped: " + json);
  }

  @Test
  void gradeJsonHasOneTimestampAndNoTimings() {
    String json = new Reports(Locale.ENGLISH).gradeJson(GRADE);
    assertTrue(json.contains("\"gradedAt\": \"2026-01-02T03:04:05Z\""), json);
    assertFalse(json.contains("millis"), json);
    assertTrue(json.contains("\"status\": \"not_started\""), json);
    assertTrue(json.contains("\"percent\": 33"), json);
  }

  @Test
  void staticViolationsAppearInTheLogTable() {
    Grade blocked =
        new Grade(
            "pagewalk",
            Instant.EPOCH,
            List.of(new Violation("Walker.java:9", Rule.EXIT, "java.lang.System.exit(int)")),
            List.of(
                new TestResult(
                    test("fourKib", 2), TestStatus.BLOCKED, "1 static check violation(s)", "", 0)),
            0);
    List<String> lines = new Reports(Locale.ENGLISH).summaryTable(blocked);
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("Walker.java:9") && l.contains("System.exit")),
        lines::toString);
    assertEquals("Exercise pagewalk: 0/2 (0%)", lines.get(lines.size() - 1));
  }
}
