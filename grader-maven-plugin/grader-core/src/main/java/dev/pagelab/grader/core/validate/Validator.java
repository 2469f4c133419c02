package dev.pagelab.grader.core.validate;

import dev.pagelab.grader.core.Grade;
import dev.pagelab.grader.core.Grader;
import dev.pagelab.grader.core.GraderException;
import dev.pagelab.grader.core.GradingRequest;
import dev.pagelab.grader.core.TestStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Validates an exercise: answer 100%, stub 0 and "not started", each mutant below 100% with the
 * catching tests named, stub API equal to the answer's. One forked JVM per implementation.
 */
public final class Validator {
  private final Grader grader = new Grader();

  /**
   * Runs every check and returns the log and the problems.
   *
   * @throws GraderException if an input is missing or the stub's sources do not compile
   */
  public ValidationReport validate(ValidationRequest request) throws GraderException {
    List<String> log = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<Path> libraries = new ArrayList<>(request.projectClasspath());
    libraries.removeIf(
        p ->
            p.toAbsolutePath()
                .normalize()
                .equals(request.answerClasses().toAbsolutePath().normalize()));

    Grade answer =
        grade(request, List.of(request.answerClasses()), request.projectClasspath(), "answer");
    log.add("answer: " + answer.score() + "/" + answer.maxScore());
    if (!answer.violations().isEmpty()) {
      problems.add(
          "the model answer breaks the static checks: "
              + answer.violations()
              + "; remove those uses");
    }
    if (answer.maxScore() == 0) {
      problems.add(
          "no @Graded test found in "
              + request.testClasses()
              + " for exercise "
              + request.exercise());
    }
    answer.results().stream()
        .filter(r -> r.status() != TestStatus.PASSED)
        .forEach(
            r ->
                problems.add(
                    "the model answer fails "
                        + r.test().shortName()
                        + " ("
                        + r.status().jsonName()
                        + "): "
                        + firstLine(r.detail())));

    Path stubClasses = stubClasses(request, libraries);
    Grade stub = grade(request, List.of(stubClasses), libraries, "stub");
    log.add(
        "stub: "
            + stub.score()
            + "/"
            + stub.maxScore()
            + ", not started: "
            + stub.count(TestStatus.NOT_STARTED));
    stub.results().stream()
        .filter(r -> r.status() != TestStatus.NOT_STARTED)
        .forEach(
            r ->
                problems.add(
                    "the stub's test "
                        + r.test().shortName()
                        + " is "
                        + r.status().jsonName()
                        + ", expected not_started: the stub must throw UnsupportedOperationException(\"TODO(...)\") and the test must call it"));
    ApiComparator.differences(stubClasses, request.answerClasses())
        .forEach(
            d ->
                problems.add(
                    "public API differs, "
                        + d
                        + "; make the stub and the answer declare the same public members"));

    for (Path mutant : mutants(request.mutantsDir())) {
      checkMutant(request, libraries, mutant, answer.maxScore(), log, problems);
    }
    return new ValidationReport(log, problems);
  }

  private void checkMutant(
      ValidationRequest request,
      List<Path> libraries,
      Path mutant,
      int max,
      List<String> log,
      List<String> problems)
      throws GraderException {
    String name = mutant.getFileName().toString();
    String what = description(mutant);
    Path classes = request.workDir().resolve("mutants").resolve(name);
    try {
      SourceCompiler.compile(mutant, request.projectClasspath(), classes);
    } catch (GraderException e) {
      problems.add("mutant " + name + " does not compile: " + e.getMessage());
      return;
    }
    Grade grade =
        grade(request, List.of(classes, request.answerClasses()), libraries, "mutant-" + name);
    List<String> catching =
        grade.results().stream()
            .filter(r -> r.status() != TestStatus.PASSED)
            .map(r -> r.test().shortName())
            .collect(Collectors.toList());
    log.add(
        "mutant "
            + name
            + " ("
            + what
            + "): "
            + grade.score()
            + "/"
            + grade.maxScore()
            + (catching.isEmpty() ? "" : ", caught by " + String.join(", ", catching)));
    if (grade.score() >= max || catching.isEmpty()) {
      problems.add(
          "mutant "
              + name
              + " survives ("
              + what
              + "): no graded test fails on it; add a test that catches this mistake");
    }
  }

  private Grade grade(
      ValidationRequest request, List<Path> code, List<Path> classpath, String label)
      throws GraderException {
    return grader.grade(
        new GradingRequest(
            code,
            request.testClasses(),
            classpath,
            request.exercise(),
            request.policy(),
            request.limits(),
            request.workDir().resolve("work-" + label),
            true));
  }

  private static Path stubClasses(ValidationRequest request, List<Path> libraries)
      throws GraderException {
    if (request.stubClasses() != null) {
      return request.stubClasses();
    }
    Path out = request.workDir().resolve("stub-classes");
    SourceCompiler.compile(request.stubSources(), libraries, out);
    return out;
  }

  private static List<Path> mutants(Path dir) throws GraderException {
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isDirectory).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new GraderException("cannot list mutants in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The text after {@code // mutant:} on the first line of the mutant's first source file. */
  static String description(Path mutant) throws GraderException {
    for (Path file : SourceCompiler.javaFiles(mutant)) {
      try (Stream<String> lines = Files.lines(file)) {
        String first = lines.findFirst().orElse("").strip();
        if (first.startsWith("// mutant:")) {
          return first.substring("// mutant:".length()).strip();
        }
      } catch (IOException e) {
        throw new GraderException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    throw new GraderException(
        "mutant "
            + mutant
            + ": no source file starts with a line '// mutant: <what it gets wrong>'");
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
