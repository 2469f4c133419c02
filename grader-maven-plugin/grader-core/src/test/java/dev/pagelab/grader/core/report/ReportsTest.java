package dev.pagelab.grader.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.grader.core.Grade;
import dev.pagelab.grader.core.GradedTest;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
  private static GradedTest test(String method, int points) {
    return new GradedTest("a.WalkerTest", method, List.of(), "pagewalk", points);
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

  @Test
  void htmlEscapesEverythingTheTestsProduced(@TempDir Path dir) throws Exception {
    new Reports(Locale.ENGLISH).writeAll(GRADE, dir);
    String html = Files.readString(dir.resolve(Reports.HTML));
    assertFalse(html.contains("<script>alert"), "student output must be escaped");
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
    assertTrue(html.contains("expected &lt;b&gt;fault&lt;/b&gt; &amp; &quot;more&quot;"), html);
    assertTrue(html.contains("2 / 6 (33%)"), html);
    assertTrue(html.contains("not started"), html);
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
  void koreanReportIsKorean() throws Exception {
    String html = new Reports(Locale.KOREAN).html(GRADE);
    assertTrue(
        html.contains("lang=\"ko\"") && html.contains("채점 보고서") && html.contains("시작 전"), html);
  }

  @Test
  void gradescopeJsonHasTheDocumentedFields() {
    String json = new Reports(Locale.ENGLISH).gradescopeJson(GRADE);
    assertTrue(json.startsWith("{\n  \"score\": 2,\n  \"max_score\": 6,"), json);
    assertTrue(json.contains("\"name\": \"WalkerTest.nx\""), json);
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
