package dev.pagelab.solutions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.grader.core.TestResult;
import dev.pagelab.grader.core.validate.Catching;
import dev.pagelab.solutions.ExerciseRun.Outcome;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content-level proof for exercise "pagewalk": each mutant loses points (the test that catches
 * it is named), the model answer earns every point through the same harness, and the stub fails
 * every graded test with its "TODO(pagewalk)" exception and has the answer's public API.
 */
class PagewalkContentTest {
  private static final String WALKER = "dev/pagelab/exercises/pagewalk/Walker.java";

  /** Compiled walkers go here; JUnit deletes it after the class. */
  @TempDir static Path classes;

  private static Path mutantsDir() {
    return ExerciseRun.moduleDir().resolve("src/mutants/pagewalk");
  }

  private static Path stubSource() {
    return ExerciseRun.moduleDir().resolve("../exercises/src/main/java").resolve(WALKER);
  }

  private static Path answerSource() {
    return ExerciseRun.moduleDir().resolve("src/main/java").resolve(WALKER);
  }

  @TestFactory
  Stream<DynamicTest> everyMutantLosesPoints() throws IOException {
    List<Path> mutants;
    try (Stream<Path> dirs = Files.list(mutantsDir())) {
      mutants = dirs.filter(Files::isDirectory).sorted().toList();
    }
    assertTrue(mutants.size() >= 6, "at least 6 mutants in " + mutantsDir());
    return mutants.stream()
        .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> caught(dir)));
  }

  private static void caught(Path dir) throws IOException {
    Path source = dir.resolve("Walker.java");
    String first = Files.readAllLines(source).get(0);
    assertTrue(
        first.startsWith("// mutant: ") && first.length() > 20,
        source + " must start with '// mutant: <what it gets wrong>', not: " + first);
    List<Outcome> outcomes =
        ExerciseRun.run(ExerciseRun.compile(source, classes.resolve(dir.getFileName().toString())));
    Catching.Verdict verdict = Catching.verdict(results(outcomes), answerResults());
    List<String> catching = verdict.catching().stream().map(t -> t.shortName()).toList();
    assertTrue(
        verdict.problem().isEmpty(),
        "mutant " + dir.getFileName() + " proves nothing: " + verdict.problem().orElse(""));
    assertTrue(
        verdict.caught(),
        "mutant "
            + dir.getFileName()
            + " ("
            + first.substring(11)
            + ") is caught by no graded test the answer passes");
    System.out.printf(
        "mutant %-32s %2d/%d points, caught by %s%n",
        dir.getFileName(), score(outcomes), maxScore(outcomes), catching);
  }

  /** The model answer's results, computed once (the mutants are judged against them). */
  private static List<TestResult> answer;

  private static synchronized List<TestResult> answerResults() throws IOException {
    if (answer == null) {
      answer =
          results(
              ExerciseRun.run(ExerciseRun.compile(answerSource(), classes.resolve("answer-0"))));
    }
    return answer;
  }

  private static List<TestResult> results(List<Outcome> outcomes) {
    return outcomes.stream().map(Outcome::result).toList();
  }

  @Test
  void theModelAnswerEarnsEveryPointThroughTheSameHarness() throws IOException {
    List<Outcome> outcomes =
        ExerciseRun.run(ExerciseRun.compile(answerSource(), classes.resolve("answer")));
    String failed =
        outcomes.stream()
            .filter(o -> !o.passed())
            .map(o -> o.name() + ": " + o.failure().map(Throwable::getMessage).orElse("?"))
            .collect(Collectors.joining("\n"));
    assertEquals("", failed, "the model answer must pass every graded test");
    assertEquals(maxScore(outcomes), score(outcomes));
    assertTrue(outcomes.size() >= 8 + 6, "public and hidden graded tests: " + outcomes.size());
  }

  @Test
  void theStubFailsEveryGradedTestAsNotStarted() throws IOException {
    for (Outcome o : ExerciseRun.run(ExerciseRun.compile(stubSource(), classes.resolve("stub")))) {
      Optional<Throwable> failure = o.failure();
      assertFalse(o.passed(), o.name() + " passes on the stub");
      assertTrue(
          failure.isPresent()
              && failure.get() instanceof UnsupportedOperationException
              && failure.get().getMessage().startsWith("TODO(pagewalk)"),
          o.name() + " on the stub must fail with the stub's TODO exception, not " + failure);
    }
  }

  @Test
  void theStubHasTheAnswersPublicApi() throws Exception {
    Class<?> answer = dev.pagelab.exercises.pagewalk.Walker.class;
    ClassLoader isolated =
        new IsolatedLoader(
            getClass().getClassLoader(),
            ExerciseRun.PACKAGE,
            ExerciseRun.compile(stubSource(), classes.resolve("stub-api")));
    Class<?> stub = Class.forName(answer.getName(), false, isolated);
    assertTrue(stub != answer, "the stub must be loaded apart from the answer");
    assertEquals(publicApi(answer), publicApi(stub), "the stub's public API is the answer's");
  }

  /** Modifiers, supertypes, public constructors and methods of a class, as sorted text. */
  private static TreeSet<String> publicApi(Class<?> c) {
    TreeSet<String> api = new TreeSet<>();
    api.add("class " + Modifier.toString(c.getModifiers()) + " " + c.getName());
    api.add("extends " + c.getSuperclass().getName());
    Arrays.stream(c.getInterfaces()).forEach(i -> api.add("implements " + i.getName()));
    for (Constructor<?> k : c.getConstructors()) {
      api.add(
          "new " + Modifier.toString(k.getModifiers()) + Arrays.toString(k.getParameterTypes()));
    }
    for (Method m : c.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())) {
        api.add(m.toGenericString());
      }
    }
    return api;
  }

  private static int score(List<Outcome> outcomes) {
    return outcomes.stream().filter(Outcome::passed).mapToInt(Outcome::points).sum();
  }

  private static int maxScore(List<Outcome> outcomes) {
    return outcomes.stream().mapToInt(Outcome::points).sum();
  }
}
