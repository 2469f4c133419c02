package dev.pagelab.grader.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.grader.core.FixturesAccess;
import dev.pagelab.grader.core.ForkLimits;
import dev.pagelab.grader.core.Submission;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatorTest {
  private static final String ANSWER =
      "package student;\npublic final class Code {\n  public static int add(int a, int b) { return a + b; }\n}\n";
  private static final String STUB =
      "package student;\npublic final class Code {\n  public static int add(int a, int b) {\n"
          + "    throw new UnsupportedOperationException(\"TODO(demo): add\");\n  }\n%s}\n";
  private static final String HIDDEN =
      """
      package student;
      import static org.junit.jupiter.api.Assertions.assertEquals;
      import dev.pagelab.grader.api.Graded;
      import org.junit.jupiter.api.Test;
      public class CodeTest {
        @Test @Graded(exercise = "demo", points = 2) void adds() { assertEquals(5, Code.add(2, 3), "2 + 3"); }
      }
      """;
  private static final String PUBLIC =
      """
      package student;
      import static org.junit.jupiter.api.Assertions.assertEquals;
      import dev.pagelab.grader.api.Graded;
      import org.junit.jupiter.api.Test;
      public class PublicTest {
        @Test @Graded(exercise = "demo") void addsZero() { assertEquals(7, Code.add(7, 0), "7 + 0"); }
      }
      """;

  @TempDir Path tmp;

  private ValidationReport validate(String stubExtra) throws Exception {
    Path answer = FixturesAccess.compile(tmp, "answer", Map.of("student.Code", ANSWER), List.of());
    List<Path> cp = new ArrayList<>(FixturesAccess.testLibraries());
    cp.add(answer);
    Path hidden = FixturesAccess.compile(tmp, "hidden", Map.of("student.CodeTest", HIDDEN), cp);
    Path policy = hidden.resolve("META-INF/pagelab-grader/demo/grader-policy.txt");
    Files.createDirectories(policy.getParent());
    try (InputStream in = FixturesAccess.class.getResourceAsStream("demo-policy.txt")) {
      Files.write(policy, in.readAllBytes());
    }
    Path publicJar =
        jar(FixturesAccess.compile(tmp, "public", Map.of("student.PublicTest", PUBLIC), cp));
    Path stubSources = tmp.resolve("stub/student");
    Files.createDirectories(stubSources);
    Files.writeString(stubSources.resolve("Code.java"), String.format(STUB, stubExtra));
    mutant("minus", "subtracts instead of adding", "a - b");
    mutant("swapped", "adds in the other order, which is no mistake", "b + a");
    mutant("zero-special", "gives 0 when b is 0", "b == 0 ? 0 : a + b");
    mutant("exits", "ends the JVM", "a + b + exit()");
    return new Validator()
        .validate(
            new ValidationRequest(
                "demo",
                Submission.classes(answer, "student"),
                Submission.sources(tmp.resolve("stub"), "student"),
                tmp.resolve("mutants"),
                List.of(hidden, publicJar),
                FixturesAccess.testLibraries(),
                new ForkLimits("64m", Duration.ofSeconds(5), Duration.ofSeconds(60), 4096),
                tmp.resolve("work")));
  }

  private Path jar(Path classes) throws Exception {
    Path jar = tmp.resolve("public-tests.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out)) {
      Path file = classes.resolve("student/PublicTest.class");
      j.putNextEntry(new JarEntry("student/PublicTest.class"));
      j.write(Files.readAllBytes(file));
      j.closeEntry();
    }
    return jar;
  }

  private void mutant(String name, String what, String expression) throws Exception {
    Path dir = tmp.resolve("mutants").resolve(name);
    Files.createDirectories(dir);
    String code = ANSWER.replace("a + b", expression);
    if (expression.contains("exit()")) {
      code = code.replace("}\n}\n", "}\n  static int exit() { System.exit(1); return 0; }\n}\n");
    }
    Files.writeString(dir.resolve("Code.java"), "// mutant: " + what + "\n" + code);
  }

  @Test
  void answerStubAndCaughtMutantsPassAndASurvivingMutantIsNamed() throws Exception {
    ValidationReport report = validate("");
    assertTrue(report.log().contains("answer: 3/3"), report.log()::toString);
    assertTrue(report.log().contains("stub: 0/3, not started: 2"), report.log()::toString);
    assertTrue(
        report
            .log()
            .contains("mutant minus (subtracts instead of adding): 1/3, caught by CodeTest.adds"),
        report.log()::toString);
    assertTrue(
        report
            .log()
            .contains(
                "mutant zero-special (gives 0 when b is 0): 2/3, caught by PublicTest.addsZero"),
        report.log()::toString);
    assertEquals(2, report.problems().size(), report.problems()::toString);
    assertTrue(
        report.problems().get(0).startsWith("mutant exits breaks the policy"),
        report.problems()::toString);
    assertTrue(
        report.problems().get(1).startsWith("mutant swapped survives"),
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
