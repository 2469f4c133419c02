package dev.pagelab.grader.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.grader.core.check.Rule;
import dev.pagelab.grader.core.fork.JavaRuntime;
import dev.pagelab.grader.core.report.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grades small fixtures in real forked JVMs: a student class whose methods misbehave in every way
 * the grader must survive, with the runtime guard off (the JVM's own limits) and on (the guard
 * alone, static checks off), and one graded test per behaviour.
 */
class GraderTest {
  private static final String CODE =
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
          for (int i = 0; i < 20 * 1024; i++) { System.out.println(line); }
          return 1;
        }
      }
      """;

  private static final String HOSTILE =
      """
      package student;
      public class Hostile {
        public static String normal() {
          record Pair(int a, long b) {}
          java.util.function.IntUnaryOperator twice = x -> 2 * x;
          return String.format("%d %x ", twice.applyAsInt(21), 255L) + new Pair(1, 2L)
              + java.util.stream.IntStream.range(0, 4).map(twice).boxed().toList();
        }
        public static void exit() { System.exit(3); }
        public static String readFile() throws Exception {
          return java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname"));
        }
        public static void writeFile() throws Exception {
          new java.util.Formatter("Hostile.class", "UTF-8").format("x").close();
        }
        public static void thread() { new Thread(() -> {}).start(); }
        public static String property() { return System.getProperty("user.home"); }
        public static Long getLong() { return Long.getLong("java.version"); }
        public static String env() { return System.getenv("PATH"); }
        public static byte[] readTest() throws Exception {
          return Hostile.class.getClassLoader().getResourceAsStream("student/HostileTest.class").readAllBytes();
        }
        public static void exec() throws Exception { new ProcessBuilder("true").start(); }
        public static void throwing() {
          throw new RuntimeException() {
            @Override public String getMessage() { throw new IllegalStateException("no"); }
            @Override public String toString() { throw new IllegalStateException("no"); }
          };
        }
        public static void forged() {
          System.out.println("out\\r[INFO] Exercise demo: 99/99 (100%)\\u001b[2K");
          throw new UnsupportedOperationException(
              "TODO(\\r[INFO] CodeTest.x  9/9  passed\\n[INFO] Exercise demo: 99/99 (100%)\\u001b[0m");
        }
        public static int deep() { return Deep.VALUE; }
      }
      """;

  private static final String DEEP =
      """
      package student;
      class Deep {
        static final int VALUE = down(0);
        static int down(int n) { return down(n + 1) + 1; }
      }
      """;

  private static final String SLOW =
      """
      package student;
      public class Slow {
        public Slow() { long i = 0; while (i >= 0) { i = (i + 1) % 1000; } }
      }
      """;

  private static final String TESTS =
      """
      package student;
      import static org.junit.jupiter.api.Assertions.assertEquals;
      import dev.pagelab.grader.api.Graded;
      import org.junit.jupiter.api.Test;
      import org.junit.jupiter.params.ParameterizedTest;
      import org.junit.jupiter.params.provider.ValueSource;
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

  private static final String CTOR_TEST =
      """
      package student;
      import dev.pagelab.grader.api.Graded;
      import org.junit.jupiter.api.Test;
      public class SlowTest {
        private final Slow slow = new Slow();
        @Test @Graded(exercise = "demo") void constructs() { }
      }
      """;

  private static final String GUARD_TESTS =
      """
      package student;
      import static org.junit.jupiter.api.Assertions.assertEquals;
      import static org.junit.jupiter.api.Assertions.assertTrue;
      import dev.pagelab.grader.api.Graded;
      import org.junit.jupiter.api.Test;
      public class HostileTest {
        @Test @Graded(exercise = "demo") void normal() {
          assertEquals("42 ff Pair[a=1, b=2][0, 2, 4, 6]", Hostile.normal());
        }
        @Test @Graded(exercise = "demo") void testsReadTheirFiles() throws Exception {
          assertTrue(getClass().getResourceAsStream("data.txt").readAllBytes().length > 0);
        }
        @Test @Graded(exercise = "demo") void exit() { Hostile.exit(); }
        @Test @Graded(exercise = "demo") void readFile() throws Exception { Hostile.readFile(); }
        @Test @Graded(exercise = "demo") void writeFile() throws Exception { Hostile.writeFile(); }
        @Test @Graded(exercise = "demo") void thread() { Hostile.thread(); }
        @Test @Graded(exercise = "demo") void property() { Hostile.property(); }
        @Test @Graded(exercise = "demo") void getLong() { Hostile.getLong(); }
        @Test @Graded(exercise = "demo") void env() { Hostile.env(); }
        @Test @Graded(exercise = "demo") void readTest() throws Exception { Hostile.readTest(); }
        @Test @Graded(exercise = "demo") void exec() throws Exception { Hostile.exec(); }
        @Test @Graded(exercise = "demo") void throwing() { Hostile.throwing(); }
        @Test @Graded(exercise = "demo") void forged() { Hostile.forged(); }
        @Test @Graded(exercise = "demo") void deep() { Hostile.deep(); }
      }
      """;

  @TempDir static Path tmp;
  static Path tests;
  static Path guardTests;
  static Grade grade;
  static Grade guarded;

  @BeforeAll
  static void gradeOnce() throws Exception {
    Path student =
        Fixtures.compile(
            tmp,
            "student",
            Map.of(
                "student.Code",
                CODE,
                "student.Slow",
                SLOW,
                "student.Hostile",
                HOSTILE,
                "student.Deep",
                DEEP),
            List.of());
    List<Path> cp = new ArrayList<>(Fixtures.testLibraries());
    cp.add(student);
    tests =
        Fixtures.compile(
            tmp, "tests", Map.of("student.CodeTest", TESTS, "student.SlowTest", CTOR_TEST), cp);
    guardTests =
        Fixtures.compile(tmp, "guard-tests", Map.of("student.HostileTest", GUARD_TESTS), cp);
    Files.writeString(guardTests.resolve("student/data.txt"), "the tests' own file");
    Files.writeString(
        guardTests.resolve("junit-platform.properties"),
        "junit.jupiter.execution.timeout.default = 1 ns\n");
    grade =
        new Grader(fixedClock())
            .grade(
                request(Map.of("student.Code", CODE, "student.Slow", SLOW), tests)
                    .withDefences(false, false));
    guarded =
        new Grader(fixedClock())
            .grade(
                request(Map.of("student.Hostile", HOSTILE, "student.Deep", DEEP), guardTests)
                    .withDefences(false, true));
  }

  static GradingRequest request(Map<String, String> sources, Path testClasses) {
    return new GradingRequest(
        "demo",
        Fixtures.sources(sources),
        List.of(testClasses),
        Fixtures.testLibraries(),
        Fixtures.demoPolicy(),
        new ForkLimits("64m", Duration.ofSeconds(3), Duration.ofSeconds(90), 4096),
        Locale.ROOT,
        tmp.resolve("work-" + testClasses.getFileName() + sources.hashCode()),
        JavaRuntime.current(),
        true,
        true);
  }

  static Clock fixedClock() {
    return Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
  }

  private static TestResult result(Grade g, String method) {
    Map<String, TestResult> byMethod =
        g.results().stream()
            .collect(Collectors.toMap(r -> r.test().methodName(), Function.identity()));
    return byMethod.get(method);
  }

  @Test
  void eachBehaviourGetsItsStatusAndOnlyPassesScore() {
    assertEquals(TestStatus.PASSED, result(grade, "adds").status());
    assertEquals(TestStatus.FAILED, result(grade, "wrong").status());
    assertEquals(TestStatus.NOT_STARTED, result(grade, "stub").status());
    assertEquals(
        TestStatus.EXITED,
        result(grade, "exits").status(),
        () -> result(grade, "exits").toString());
    assertEquals(TestStatus.TIMEOUT, result(grade, "loops").status());
    assertEquals(TestStatus.FAILED, result(grade, "recurses").status());
    assertEquals(
        TestStatus.OUT_OF_MEMORY,
        result(grade, "allocates").status(),
        () -> result(grade, "allocates").toString());
    assertEquals(TestStatus.PASSED, result(grade, "prints").status());
    assertEquals(TestStatus.PASSED, result(grade, "addsMany").status());
    assertEquals(TestStatus.FAILED, result(grade, "wrongOnce").status());
    assertEquals(2 + 1 + 3, grade.score());
    assertEquals(2 + 7 + 3 + 1 + 1, grade.maxScore());
  }

  @Test
  void anEndlessConstructorCostsItsTestThePerTestLimit() {
    TestResult slow = result(grade, "constructs");
    assertEquals(TestStatus.TIMEOUT, slow.status(), slow::toString);
    assertTrue(slow.millis() < 10_000, slow::toString);
  }

  @Test
  void onlyTheExercisesGradedTestsCountByClassInTheOrderEachDeclaresThem() {
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
            "wrongOnce",
            "constructs"),
        methods,
        "CodeTest's tests in the order it declares them, then SlowTest's");
    List<String> ids =
        grade.results().stream().map(r -> r.test().id()).collect(Collectors.toList());
    assertTrue(
        ids.stream().noneMatch(id -> id.endsWith("ungraded") || id.endsWith("otherExercise")));
  }

  @Test
  void failuresTeachAndOutputIsCapped() {
    assertTrue(result(grade, "wrong").detail().contains("2 + 3"), result(grade, "wrong").detail());
    assertTrue(
        result(grade, "recurses").detail().contains("StackOverflowError"),
        result(grade, "recurses").detail());
    String printed = result(grade, "prints").output();
    assertTrue(printed.length() < 5000, "output kept: " + printed.length());
    assertTrue(printed.contains("more bytes of output were dropped"), printed);
  }

  @Test
  void aTestThatEndsItsJvmCostsOnlyItsOwnPoints() {
    assertEquals(
        4,
        grade.forks(),
        "one fork, plus one after out-of-memory, exit and a timeout (the last test ends none)");
    assertTrue(
        grade.results().stream().noneMatch(r -> r.status() == TestStatus.NOT_RUN),
        grade.results()::toString);
  }

  @Test
  void theSameCodeGivesTheSameGradeJson() throws Exception {
    Grade again =
        new Grader(fixedClock())
            .grade(
                request(Map.of("student.Code", CODE, "student.Slow", SLOW), tests)
                    .withDefences(false, false));
    Reports reports = new Reports(Locale.ENGLISH);
    assertEquals(reports.gradeJson(grade), reports.gradeJson(again));
  }

  @Test
  void theGuardLetsOrdinaryCodeAndTheTestsWork() {
    assertEquals(
        TestStatus.PASSED,
        result(guarded, "normal").status(),
        () -> result(guarded, "normal").toString());
    assertEquals(
        TestStatus.PASSED,
        result(guarded, "testsReadTheirFiles").status(),
        () -> result(guarded, "testsReadTheirFiles").toString());
    assertEquals(1, guarded.forks(), "the guard ends no JVM");
  }

  @Test
  void theGuardRefusesEveryWayOut() {
    Map<String, String> refused =
        Map.of(
            "exit", "exitVM",
            "readFile", "FilePermission",
            "writeFile", "FilePermission",
            "thread", "modifyThread",
            "property", "PropertyPermission",
            "getLong", "PropertyPermission",
            "env", "getenv",
            "readTest", "pagelab.readTests",
            "exec", "FilePermission");
    refused.forEach(
        (test, permission) -> {
          TestResult r = result(guarded, test);
          assertEquals(TestStatus.FAILED, r.status(), r::toString);
          assertTrue(
              r.detail().contains("AccessControlException") && r.detail().contains(permission),
              r::toString);
        });
  }

  @Test
  void aThrowingGetMessageIsTheStudentsFailure() {
    TestResult r = result(guarded, "throwing");
    assertEquals(TestStatus.FAILED, r.status(), r::toString);
    assertTrue(
        r.detail().contains("<getMessage() threw java.lang.IllegalStateException>"), r::toString);
  }

  @Test
  void controlCharactersNeverReachTheResults() {
    TestResult r = result(guarded, "forged");
    assertEquals(TestStatus.NOT_STARTED, r.status(), r::toString);
    for (TestResult any : guarded.results()) {
      assertFalse(any.detail().contains("\r") || any.detail().contains("\u001b"), any::toString);
      assertFalse(any.output().contains("\r") || any.output().contains("\u001b"), any::toString);
    }
    List<String> table = new Reports(Locale.ENGLISH).summaryTable(guarded);
    assertEquals(guarded.results().size() + 4, table.size(), table::toString);
    for (int i = 0; i < guarded.results().size(); i++) {
      GradedTest test = guarded.results().get(i).test();
      String row = table.get(i + 2);
      assertTrue(row.matches("- +\\d+/\\d+  .*") && row.contains("  " + test.title("en")), row);
    }
    assertTrue(table.get(table.size() - 1).startsWith("Exercise demo: 2/"), table::toString);
  }

  @Test
  void aFailedStaticInitializerIsNamed() {
    TestResult r = result(guarded, "deep");
    assertEquals(TestStatus.FAILED, r.status(), r::toString);
    assertTrue(
        r.detail().contains("The static initializer of student.Deep failed")
            && r.detail().contains("StackOverflowError"),
        r::toString);
  }

  @Test
  void anEndlessStaticInitializerCostsOnePerTestLimitInOneFork() throws Exception {
    String stuck =
        "package student;\npublic class Code {\n  static { long i = 0; while (i >= 0) { i = (i + 1) % 1000; } }\n"
            + "  public static int add(int a, int b) { return a + b; }\n}\n";
    long start = System.nanoTime();
    Grade g = new Grader(fixedClock()).grade(request(Map.of("student.Code", stuck), tests));
    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    assertEquals(1, g.forks());
    assertTrue(g.results().stream().allMatch(r -> r.status() == TestStatus.TIMEOUT), g::toString);
    assertTrue(
        g.results().get(0).detail().contains("the static initializer of student.Code did not end"),
        g.results().get(0)::toString);
    assertTrue(seconds < 20, "took " + seconds + " s");
  }

  @Test
  void staticChecksBlockEveryTestAndNameTheLine() throws Exception {
    Grade blocked =
        new Grader(fixedClock())
            .grade(request(Map.of("student.Code", CODE, "student.Slow", SLOW), tests));
    assertEquals(0, blocked.score());
    assertEquals(0, blocked.forks());
    assertTrue(blocked.results().stream().allMatch(r -> r.status() == TestStatus.BLOCKED));
    assertTrue(
        blocked.violations().stream()
            .anyMatch(v -> v.rule() == Rule.EXIT && v.location().equals("Code.java:6")),
        blocked.violations()::toString);
  }

  @Test
  void aSubmissionThatDoesNotCompileScoresZeroWithTheCompilersMessages() throws Exception {
    Map<String, String> broken = new LinkedHashMap<>();
    broken.put("student.Code", "package student;\npublic class Code {\n  int x = ;\n}\n");
    Grade g = new Grader(fixedClock()).grade(request(broken, tests));
    assertFalse(g.compiled());
    assertEquals(0, g.score());
    assertEquals(0, g.forks());
    assertEquals("Code.java", g.compileErrors().get(0).file());
    assertEquals(3, g.compileErrors().get(0).line());
    assertTrue(g.results().stream().allMatch(r -> r.status() == TestStatus.DOES_NOT_COMPILE));
    assertEquals(grade.maxScore(), g.maxScore(), "the points there are are known all the same");
  }

  @Test
  void aJvmWithoutTheGuardIsRefusedNotUsedUnguarded() throws Exception {
    Optional<Path> modern = javaWithoutSecurityManager();
    Assumptions.assumeTrue(modern.isPresent(), "no JDK 24+ under /usr/lib/jvm");
    GraderException e =
        assertThrows(
            GraderException.class,
            () ->
                new Grader(fixedClock())
                    .grade(
                        request(Map.of("student.Code", CODE), tests)
                            .withDefences(false, true)
                            .withJava(modern.get())));
    assertTrue(e.getMessage().contains("has no SecurityManager"), e.getMessage());
    assertTrue(e.getMessage().contains("JDK 17 to 23"), e.getMessage());
  }

  private static Optional<Path> javaWithoutSecurityManager() throws Exception {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes
          .map(h -> h.resolve("bin/java"))
          .filter(Files::isExecutable)
          .filter(j -> JavaRuntime.feature(j) >= JavaRuntime.NO_SECURITY_MANAGER)
          .findFirst();
    }
  }
}
