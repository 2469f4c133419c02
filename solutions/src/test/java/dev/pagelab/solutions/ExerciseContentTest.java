package dev.pagelab.solutions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.grader.core.GradedTest;
import dev.pagelab.grader.core.TestResult;
import dev.pagelab.grader.core.validate.Catching;
import dev.pagelab.solutions.ExerciseRun.Outcome;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content-level proof for one exercise: each mutant is caught, by the grader's one definition
 * ({@link Catching}, which {@code validate} uses too), the tests that catch it are named, and
 * enough of them are caught by hidden tests alone; the model answer earns every point through the
 * same harness, and the stub fails every graded test with its {@code TODO(<exercise>)} exception
 * and has the answer's public API. One subclass per exercise names it.
 */
abstract class ExerciseContentTest {
  /** Compiled student classes go here; JUnit deletes it after each test. */
  @TempDir Path classes;

  /** The exercise this class checks. */
  abstract Exercise exercise();

  @TestFactory
  Stream<DynamicTest> everyMutantLosesPoints() throws IOException {
    Exercise e = exercise();
    List<Path> mutants;
    try (Stream<Path> dirs = Files.list(e.mutantsDir())) {
      mutants = dirs.filter(Files::isDirectory).sorted().toList();
    }
    assertTrue(
        mutants.size() >= e.minMutants(),
        "at least " + e.minMutants() + " mutants in " + e.mutantsDir());
    List<String> hiddenOnly = new ArrayList<>();
    Stream<DynamicTest> each =
        mutants.stream()
            .map(
                dir ->
                    DynamicTest.dynamicTest(
                        dir.getFileName().toString(), () -> caught(dir, hiddenOnly)));
    if (e.minHiddenOnlyMutants() == 0) {
      return each;
    }
    DynamicTest enough =
        DynamicTest.dynamicTest(
            "at least " + e.minHiddenOnlyMutants() + " caught by hidden tests only",
            () ->
                assertTrue(
                    hiddenOnly.size() >= e.minHiddenOnlyMutants(),
                    "mutants that pass every public test and fail a hidden one: "
                        + hiddenOnly
                        + "; the hidden tests must catch mistakes the public ones miss"));
    return Stream.concat(each, Stream.of(enough));
  }

  private void caught(Path dir, List<String> hiddenOnly) throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.list(dir)) {
      sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
    assertFalse(sources.isEmpty(), dir + " holds no .java file");
    String first = Files.readAllLines(sources.get(0)).get(0);
    assertTrue(
        first.startsWith("// mutant: ") && first.length() > 20,
        sources.get(0) + " must start with '// mutant: <what it gets wrong>', not: " + first);
    String name = dir.getFileName().toString();
    List<Outcome> outcomes =
        ExerciseRun.run(exercise(), ExerciseRun.compile(sources, classes.resolve(name)));
    Catching.Verdict verdict = Catching.verdict(results(outcomes), answerResults());
    assertTrue(
        verdict.problem().isEmpty(),
        "mutant " + name + " proves nothing: " + verdict.problem().orElse(""));
    assertTrue(
        verdict.caught(),
        "mutant "
            + name
            + " ("
            + first.substring(11)
            + ") is caught by no graded test the model answer passes");
    boolean onlyHidden = verdict.catching().stream().allMatch(GradedTest::hidden);
    if (onlyHidden) {
      hiddenOnly.add(name);
    }
    System.out.printf(
        "%s mutant %-32s %2d/%d points, caught by %s%s%n",
        exercise().name(),
        name,
        score(outcomes),
        maxScore(outcomes),
        verdict.catching().stream().map(GradedTest::shortName).toList(),
        onlyHidden ? " (hidden tests only)" : "");
  }

  /** The model answer's results per exercise, computed once: mutants are judged against them. */
  private static final Map<String, List<TestResult>> ANSWERS = new ConcurrentHashMap<>();

  private List<TestResult> answerResults() throws IOException {
    Exercise e = exercise();
    List<TestResult> answer = ANSWERS.get(e.name());
    if (answer == null) {
      answer =
          results(
              ExerciseRun.run(
                  e, ExerciseRun.compile(e.answerSources(), classes.resolve("answer-0"))));
      ANSWERS.put(e.name(), answer);
    }
    return answer;
  }

  private static List<TestResult> results(List<Outcome> outcomes) {
    return outcomes.stream().map(Outcome::result).toList();
  }

  @Test
  void theGraderFindsTheGradedTestsOfEveryTestClassOfTheExercise() {
    Exercise e = exercise();
    assertEquals(
        new TreeSet<>(e.testClassNames()),
        ExerciseRun.gradedTests(e).stream()
            .map(GradedTest::className)
            .collect(Collectors.toCollection(TreeSet::new)),
        "the classes that hold graded tests of " + e.name());
  }

  @Test
  void theModelAnswerEarnsEveryPointThroughTheSameHarness() throws IOException {
    Exercise e = exercise();
    List<Outcome> outcomes =
        ExerciseRun.run(e, ExerciseRun.compile(e.answerSources(), classes.resolve("answer")));
    String failed =
        outcomes.stream()
            .filter(o -> !o.passed())
            .map(o -> o.name() + ": " + o.failure().map(Throwable::getMessage).orElse("?"))
            .collect(Collectors.joining("\n"));
    assertEquals("", failed, "the model answer must pass every graded test");
    assertEquals(maxScore(outcomes), score(outcomes));
    assertTrue(
        outcomes.size() >= e.minGradedTests(),
        "public and hidden graded tests: " + outcomes.size());
  }

  @Test
  void theStubFailsEveryGradedTestAsNotStarted() throws IOException {
    Exercise e = exercise();
    String todo = "TODO(" + e.name() + ")";
    for (Outcome o :
        ExerciseRun.run(e, ExerciseRun.compile(e.stubSources(), classes.resolve("stub")))) {
      Optional<Throwable> failure = o.failure();
      assertFalse(o.passed(), o.name() + " passes on the stub");
      assertTrue(
          failure.isPresent()
              && failure.get() instanceof UnsupportedOperationException
              && failure.get().getMessage().startsWith(todo),
          o.name()
              + " on the stub must fail with the stub's "
              + todo
              + " exception, not "
              + failure);
    }
  }

  @Test
  void theStubHasTheAnswersPublicApi() throws Exception {
    Exercise e = exercise();
    ClassLoader isolated =
        new IsolatedLoader(
            getClass().getClassLoader(),
            e,
            ExerciseRun.compile(e.stubSources(), classes.resolve("stub-api")));
    for (String simpleName : e.studentClasses()) {
      Class<?> answer = Class.forName(e.packageName() + "." + simpleName);
      Class<?> stub = Class.forName(answer.getName(), false, isolated);
      assertTrue(stub != answer, "the stub must be loaded apart from the answer");
      assertEquals(
          publicApi(answer),
          publicApi(stub),
          "the stub's public API is the answer's: " + simpleName);
    }
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
