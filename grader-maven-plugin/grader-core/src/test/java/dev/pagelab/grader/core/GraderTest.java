package dev.pagelab.grader.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.grader.core.check.Rule;
import dev.pagelab.grader.core.check.StaticPolicy;
import dev.pagelab.grader.core.report.Reports;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grades small compiled fixtures in a real forked JVM: one student class whose methods misbehave in
 * every way the grader must survive, and one graded test per behaviour.
 */
class GraderTest {
  private static final String STUDENT =
      """
      package student;
      public class Code {
        public static int add(int a, int b) { return a + b; }
        public static int wrong(int a, int b) { return a - b; }
        public static int stub() { throw new UnsupportedOperationException("TODO(demo): add"); }
        public static int exit() { System.exit(0); return 0; }
        public static int loop() { long i = 0; while (i >= 0) { i = (i + 1) % 1000; } return 1; }
        public static int recurse(int n) { return recurse(n + 1) + 1; }
        public static int allocate() { long[] big = new long[1_342_177_280]; return big.length; }
        public static int print() {
          String line = "x".repeat(1023);
          for (int i = 0; i < 100 * 1024; i++) { System.out.println(line); }
          return 1;
        }
      }
      """;

  private static final String TESTS =
      """
      package tests;
      import static org.junit.jupiter.api.Assertions.assertEquals;
      import dev.pagelab.grader.api.Graded;
      import org.junit.jupiter.api.Test;
      import org.junit.jupiter.params.ParameterizedTest;
      import org.junit.jupiter.params.provider.ValueSource;
      import student.Code;
      public class CodeTest {
        @Test @Graded(exercise = "demo", points = 2) void adds() { assertEquals(5, Code.add(2, 3)); }
        @Test @Graded(exercise = "demo") void wrong() { assertEquals(5, Code.wrong(2, 3), "2 + 3"); }
        @Test @Graded(exercise = "demo") void stub() { Code.stub(); }
        @Test @Graded(exercise = "demo") void exits() { Code.exit(); }
        @Test @Graded(exercise = "demo") void loops() { Code.loop(); }
        @Test @Graded(exercise = "demo") void recurses() { Code.recurse(0); }
        @Test @Graded(exercise = "demo") void allocates() { Code.allocate(); }
        @Test @Graded(exercise = "demo") void prints() { assertEquals(1, Code.print()); }
        @ParameterizedTest @ValueSource(ints = {1, 2, 3})
        @Graded(exercise = "demo", points = 3) void addsMany(int n) { assertEquals(n + 1, Code.add(n, 1)); }
        @ParameterizedTest @ValueSource(ints = {1, 2, 3})
        @Graded(exercise = "demo") void wrongOnce(int n) { assertEquals(n == 2 ? 0 : n - 1, Code.wrong(n, 1)); }
        @Test void ungraded() { }
        @Test @Graded(exercise = "other") void otherExercise() { }
      }
      """;

  @TempDir static Path tmp;
  static Path student;
  static Path tests;
  static Grade grade;

  @BeforeAll
  static void gradeOnce() throws Exception {
    student = Fixtures.compile(tmp, "student", Map.of("student.Code", STUDENT), List.of());
    List<Path> cp = new ArrayList<>(Fixtures.testLibraries());
    cp.add(student);
    tests = Fixtures.compile(tmp, "tests", Map.of("tests.CodeTest", TESTS), cp);
    grade = new Grader(fixedClock()).grade(request(false, Duration.ofSeconds(2)));
  }

  static GradingRequest request(boolean staticChecks, Duration perTest) {
    return new GradingRequest(
        List.of(student),
        tests,
        Fixtures.testLibraries(),
        "demo",
        StaticPolicy.DEFAULTS,
        new ForkLimits("64m", perTest, Duration.ofSeconds(60), 4096),
        tmp.resolve("work"),
        staticChecks);
  }

  static Clock fixedClock() {
    return Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
  }

  private static TestResult result(String method) {
    Map<String, TestResult> byMethod =
        grade.results().stream()
            .collect(Collectors.toMap(r -> r.test().methodName(), Function.identity()));
    return byMethod.get(method);
  }

  @Test
  void eachBehaviourGetsItsStatusAndOnlyPassesScore() {
    assertEquals(TestStatus.PASSED, result("adds").status());
    assertEquals(TestStatus.FAILED, result("wrong").status());
    assertEquals(TestStatus.NOT_STARTED, result("stub").status());
    assertEquals(TestStatus.EXITED, result("exits").status(), () -> result("exits").toString());
    assertEquals(TestStatus.TIMEOUT, result("loops").status());
    assertEquals(TestStatus.FAILED, result("recurses").status());
    assertEquals(
        TestStatus.OUT_OF_MEMORY,
        result("allocates").status(),
        () -> result("allocates").toString());
    assertEquals(TestStatus.PASSED, result("prints").status());
    assertEquals(TestStatus.PASSED, result("addsMany").status());
    assertEquals(TestStatus.FAILED, result("wrongOnce").status());
    assertEquals(2 + 1 + 3, grade.score());
    assertEquals(2 + 7 + 3 + 1, grade.maxScore());
  }

  @Test
  void onlyTheExercisesGradedTestsCountInTheOrderTheClassDeclaresThem() {
    List<String> methods =
        grade.results().stream().map(r -> r.test().methodName()).collect(Collectors.toList());
    assertEquals(
        List.of(
            "adds",
            "wrong",
            "stub",
            "exits",
            "loops",
            "recurses",
            "allocates",
            "prints",
            "addsMany",
            "wrongOnce"),
        methods);
    List<String> ids =
        grade.results().stream().map(r -> r.test().id()).collect(Collectors.toList());
    assertTrue(
        ids.stream().noneMatch(id -> id.endsWith("ungraded") || id.endsWith("otherExercise")));
  }

  @Test
  void failuresTeachAndOutputIsCapped() {
    assertTrue(result("wrong").detail().contains("2 + 3"), result("wrong").detail());
    assertTrue(
        result("recurses").detail().contains("StackOverflowError"), result("recurses").detail());
    String printed = result("prints").output();
    assertTrue(printed.length() < 5000, "output kept: " + printed.length());
    assertTrue(printed.contains("more bytes of output were dropped"), printed);
  }

  @Test
  void aTestThatEndsItsJvmCostsOnlyItsOwnPoints() {
    assertEquals(4, grade.forks(), "one fork plus one after exit, timeout and out-of-memory");
    assertTrue(
        grade.results().stream().noneMatch(r -> r.status() == TestStatus.NOT_RUN),
        grade.results()::toString);
  }

  @Test
  void theSameCodeGivesTheSameGradeJson() throws Exception {
    Grade again = new Grader(fixedClock()).grade(request(false, Duration.ofSeconds(2)));
    Reports reports = new Reports(Locale.ENGLISH);
    assertEquals(reports.gradeJson(grade), reports.gradeJson(again));
  }

  @Test
  void staticChecksBlockEveryTestAndNameTheLine() throws Exception {
    Grade blocked = new Grader(fixedClock()).grade(request(true, Duration.ofSeconds(2)));
    assertEquals(0, blocked.score());
    assertEquals(0, blocked.forks());
    assertTrue(blocked.results().stream().allMatch(r -> r.status() == TestStatus.BLOCKED));
    assertTrue(
        blocked.violations().stream()
            .anyMatch(v -> v.rule() == Rule.EXIT && v.location().equals("Code.java:6")),
        blocked.violations()::toString);
  }
}
