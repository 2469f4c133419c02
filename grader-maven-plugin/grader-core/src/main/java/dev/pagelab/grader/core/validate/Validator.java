package dev.pagelab.grader.core.validate;

import dev.pagelab.grader.core.Grade;
import dev.pagelab.grader.core.Grader;
import dev.pagelab.grader.core.GraderException;
import dev.pagelab.grader.core.GradingRequest;
import dev.pagelab.grader.core.Submission;
import dev.pagelab.grader.core.TestBundle;
import dev.pagelab.grader.core.TestStatus;
import dev.pagelab.grader.core.check.Policy;
import dev.pagelab.grader.core.check.StaticChecker;
import dev.pagelab.grader.core.compile.Compilation;
import dev.pagelab.grader.core.compile.InMemoryCompiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Validates an exercise through the real grading path (compile, static checks, forked guarded JVM):
 * the policy names only classes and members that exist; the answer scores 100% and passes the
 * static checks; the stub scores 0 with every test "not started" and has the answer's public API;
 * every mutant is caught ({@link Catching}), and the log names the tests that catch it.
 */
public final class Validator {
  private final Grader grader = new Grader();

  /**
   * Runs every check and returns the log and the problems.
   *
   * @throws GraderException if an input is missing or malformed
   */
  public ValidationReport validate(ValidationRequest request) throws GraderException {
    List<String> log = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Policy policy = Policy.find(TestBundle.read(request.tests()), request.exercise());
    new StaticChecker(policy, request.libraries())
        .unknownNames()
        .forEach(u -> problems.add("the policy " + policy.source() + ", " + u + "; fix that line"));

    Grade answer = grade(request, request.answer(), "answer");
    log.add("answer: " + answer.score() + "/" + answer.maxScore());
    answer.compileErrors().forEach(e -> problems.add("the model answer does not compile: " + e));
    answer
        .violations()
        .forEach(
            v ->
                problems.add(
                    "the model answer breaks the policy: " + v + "; allow it or remove it"));
    if (answer.maxScore() == 0) {
      problems.add("no @Graded test of exercise " + request.exercise() + " in " + request.tests());
    }
    answer.results().stream()
        .filter(r -> r.status() != TestStatus.PASSED && answer.violations().isEmpty())
        .forEach(
            r ->
                problems.add(
                    "the model answer fails "
                        + r.test().shortName()
                        + " ("
                        + r.status().jsonName()
                        + "): "
                        + firstLine(r.detail())));

    Grade stub = grade(request, request.stub(), "stub");
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
                        + ", expected not_started: the stub must throw"
                        + " UnsupportedOperationException(\"TODO(...)\") and the test must call it"));
    Map<String, byte[]> answerClasses = classes(request, request.answer(), "answer");
    ApiComparator.differences(classes(request, request.stub(), "stub"), answerClasses)
        .forEach(
            d ->
                problems.add(
                    "public API differs, "
                        + d
                        + "; make the stub and the answer declare the same public members"));

    for (Path mutant : mutants(request.mutantsDir())) {
      checkMutant(request, mutant, answerClasses, answer, log, problems);
    }
    return new ValidationReport(log, problems);
  }

  private void checkMutant(
      ValidationRequest request,
      Path mutant,
      Map<String, byte[]> answerClasses,
      Grade answer,
      List<String> log,
      List<String> problems)
      throws GraderException {
    String name = mutant.getFileName().toString();
    String what = description(mutant);
    Path answerDir = writeClasses(request.workDir().resolve("answer-classes"), answerClasses);
    List<Path> classpath = new ArrayList<>(request.libraries());
    classpath.add(answerDir);
    Compilation compiled =
        InMemoryCompiler.compile(Submission.sourcesIn(mutant).files(), classpath, Locale.ROOT);
    if (!compiled.succeeded()) {
      problems.add("mutant " + name + " does not compile: " + compiled.errors().get(0));
      return;
    }
    Map<String, byte[]> overlay = new TreeMap<>(answerClasses);
    overlay.putAll(compiled.classes());
    Grade grade = grade(request, new Submission.Classes(overlay), "mutant-" + name);
    Catching.Verdict verdict = Catching.verdict(grade.results(), answer.results());
    List<String> catching =
        verdict.catching().stream().map(t -> t.shortName()).collect(Collectors.toList());
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
    if (!grade.violations().isEmpty()) {
      problems.add(
          "mutant " + name + " breaks the policy: " + grade.violations() + "; fix the mutant");
    } else if (verdict.problem().isPresent()) {
      problems.add("mutant " + name + " proves nothing: " + verdict.problem().get() + "; fix it");
    } else if (!verdict.caught()) {
      problems.add(
          "mutant "
              + name
              + " survives ("
              + what
              + "): no graded test fails on it; add a test that catches this mistake");
    }
  }

  private Grade grade(ValidationRequest request, Submission submission, String label)
      throws GraderException {
    return grader.grade(
        GradingRequest.of(
            request.exercise(),
            submission,
            request.tests(),
            request.libraries(),
            request.limits(),
            Locale.ROOT,
            request.workDir().resolve("work-" + label)));
  }

  private static Map<String, byte[]> classes(
      ValidationRequest request, Submission submission, String label) throws GraderException {
    if (submission instanceof Submission.Classes c) {
      return c.classes();
    }
    Compilation compiled =
        InMemoryCompiler.compile(
            ((Submission.Sources) submission).files(), request.libraries(), Locale.ROOT);
    if (!compiled.succeeded()) {
      throw new GraderException("the " + label + " does not compile: " + compiled.errors().get(0));
    }
    return compiled.classes();
  }

  private static Path writeClasses(Path dir, Map<String, byte[]> classes) throws GraderException {
    try {
      for (Map.Entry<String, byte[]> e : classes.entrySet()) {
        Path file = dir.resolve(e.getKey().replace('.', '/') + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, e.getValue());
      }
      return dir;
    } catch (IOException e) {
      throw new GraderException("cannot write " + dir + ": " + e.getMessage(), e);
    }
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
    List<Path> files;
    try (Stream<Path> list = Files.list(mutant)) {
      files =
          list.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new GraderException("cannot list " + mutant + ": " + e.getMessage(), e);
    }
    for (Path file : files) {
      try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
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
