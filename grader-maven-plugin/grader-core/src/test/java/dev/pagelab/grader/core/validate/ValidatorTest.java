package dev.pagelab.grader.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.grader.core.FixturesAccess;
import dev.pagelab.grader.core.ForkLimits;
import dev.pagelab.grader.core.check.StaticPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatorTest {
  private static final String ANSWER =
      "package student;\npublic final class Code {\n  public static int add(int a, int b) { return a + b; }\n}\n";
  private static final String STUB =
      "package student;\npublic final class Code {\n  public static int add(int a, int b) {\n"
          + "    throw new UnsupportedOperationException(\"TODO(demo): add\");\n  }\n%s}\n";
  private static final String TESTS =
      """
      package tests;
      import static org.junit.jupiter.api.Assertions.assertEquals;
      import dev.pagelab.grader.api.Graded;
      import org.junit.jupiter.api.Test;
      import student.Code;
      public class CodeTest {
        @Test @Graded(exercise = "demo", points = 2) void adds() { assertEquals(5, Code.add(2, 3), "2 + 3"); }
        @Test @Graded(exercise = "demo") void addsZero() { assertEquals(7, Code.add(7, 0), "7 + 0"); }
      }
      """;

  @TempDir Path tmp;

  private ValidationReport validate(String stubExtra) throws Exception {
    Path answer = FixturesAccess.compile(tmp, "answer", Map.of("student.Code", ANSWER), List.of());
    List<Path> cp = new ArrayList<>(FixturesAccess.testLibraries());
    cp.add(answer);
    Path tests = FixturesAccess.compile(tmp, "tests", Map.of("tests.CodeTest", TESTS), cp);
    Path stubSources = tmp.resolve("stub/student");
    Files.createDirectories(stubSources);
    Files.writeString(stubSources.resolve("Code.java"), String.format(STUB, stubExtra));
    mutant("minus", "subtracts instead of adding", "a - b");
    mutant("swapped", "adds in the other order, which is no mistake", "b + a");
    cp.add(tests);
    return new Validator()
        .validate(
            new ValidationRequest(
                answer,
                null,
                tmp.resolve("stub"),
                tmp.resolve("mutants"),
                tests,
                cp,
                "demo",
                StaticPolicy.DEFAULTS,
                new ForkLimits("64m", Duration.ofSeconds(5), Duration.ofSeconds(60), 4096),
                tmp.resolve("work")));
  }

  private void mutant(String name, String what, String expression) throws Exception {
    Path dir = tmp.resolve("mutants").resolve(name).resolve("student");
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("Code.java"),
        "// mutant: " + what + "\n" + ANSWER.replace("a + b", expression));
  }

  @Test
  void answerStubAndCaughtMutantPassAndASurvivingMutantIsNamed() throws Exception {
    ValidationReport report = validate("");
    assertTrue(report.log().contains("answer: 3/3"), report.log()::toString);
    assertTrue(report.log().contains("stub: 0/3, not started: 2"), report.log()::toString);
    assertTrue(
        report
            .log()
            .contains("mutant minus (subtracts instead of adding): 1/3, caught by CodeTest.adds"),
        report.log()::toString);
    assertEquals(1, report.problems().size(), report.problems()::toString);
    assertTrue(
        report.problems().get(0).startsWith("mutant swapped survives"),
        report.problems()::toString);
  }

  @Test
  void aStubWithAnotherPublicApiIsAProblem() throws Exception {
    ValidationReport report = validate("  public int extra;\n");
    assertTrue(
        report.problems().stream()
            .anyMatch(p -> p.contains("only in the stub: member student.Code: public int extra")),
        report.problems()::toString);
  }
}
