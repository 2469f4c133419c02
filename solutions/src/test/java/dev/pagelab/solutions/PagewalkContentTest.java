package dev.pagelab.solutions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    List<String> catching = outcomes.stream().filter(o -> !o.passed()).map(Outcome::name).toList();
    assertFalse(
        catching.isEmpty(),
        "mutant " + dir.getFileName() + " (" + first.substring(11) + ") passes every graded test");
    System.out.printf(
        "mutant %-32s %2d/%d points, caught by %s%n",
        dir.getFileName(), score(outcomes), maxScore(outcomes), catching);
  }

  /** The mutants that get only the Accessed and Dirty bits wrong (task 6 of the assignment). */
  private static final List<String> ACCESSED_DIRTY_MUTANTS =
      List.of(
          "no-accessed-dirty",
          "no-dirty-on-write",
          "dirty-on-whole-path",
          "accessed-set-before-checks");

  /** The assignment's task of the Accessed and Dirty bits. */
  private static final int ACCESSED_DIRTY_TASK = 6;

  /**
   * Partial credit is fair: a walker right on everything but the Accessed and Dirty bits loses the
   * points of the tests of those bits, public and hidden, and no other.
   */
  @TestFactory
  Stream<DynamicTest> aWalkerWrongOnlyOnAccessedAndDirtyLosesOnlyTheirPoints() {
    return ACCESSED_DIRTY_MUTANTS.stream()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      Path source = mutantsDir().resolve(name).resolve("Walker.java");
                      List<Outcome> outcomes =
                          ExerciseRun.run(
                              ExerciseRun.compile(source, classes.resolve("ad-" + name)));
                      List<String> lost =
                          outcomes.stream()
                              .filter(o -> !o.passed())
                              .map(o -> o.name() + " (task " + o.task() + ")")
                              .toList();
                      assertFalse(lost.isEmpty(), name + " must lose points");
                      assertTrue(
                          outcomes.stream()
                              .filter(o -> !o.passed())
                              .allMatch(o -> o.task() == ACCESSED_DIRTY_TASK),
                          name + " may lose only the A/D tests of task 6, but lost " + lost);
                      assertTrue(
                          outcomes.stream()
                              .anyMatch(o -> o.passed() && o.name().startsWith("WalkerHidden")),
                          name + " keeps hidden points");
                    }));
  }

  @Test
  void everyGradedTestNamesItsTaskAndItsTitleInBothLanguages() {
    for (String name : ExerciseRun.TEST_CLASSES) {
      Class<?> c;
      try {
        c = Class.forName(name);
      } catch (ClassNotFoundException e) {
        throw new AssertionError(name, e);
      }
      for (Method m : c.getDeclaredMethods()) {
        dev.pagelab.grader.api.Graded g = m.getAnnotation(dev.pagelab.grader.api.Graded.class);
        if (g == null) {
          continue;
        }
        String where = c.getSimpleName() + "." + m.getName();
        assertTrue(g.task() >= 0 && g.task() <= 6, where + ": task " + g.task());
        assertFalse(g.title().isBlank() || g.titleKo().isBlank(), where + ": both titles");
        assertTrue(
            g.titleKo().chars().anyMatch(ch -> ch >= 0xAC00 && ch <= 0xD7A3),
            where + ": the Korean title is Korean");
        assertFalse(g.titleKo().contains("단계"), where + ": 레벨 for a level, not 단계");
        boolean hiddenClass = name.endsWith("HiddenTest");
        assertEquals(
            hiddenClass,
            g.visibility() != dev.pagelab.grader.api.Visibility.VISIBLE,
            where + ": hidden tests are HIDDEN or AFTER_DUE_DATE, public ones VISIBLE");
      }
    }
  }

  @Test
  void bothAssignmentsNameEveryPublicTestTheKoreanReportAndTheDebugCommands() throws Exception {
    Path dir = ExerciseRun.moduleDir().resolve("../exercises/pagewalk");
    String en = Files.readString(dir.resolve("README.md"));
    String ko = Files.readString(dir.resolve("README.ko.md"));
    for (String text : List.of(en, ko)) {
      assertTrue(text.contains("-Dpagelab.grader.locale=ko"), "the Korean report option");
      assertTrue(text.contains("-Ppublic-tests"), "running the public tests alone");
      assertTrue(text.contains("./pagelab walk --walker student"), "debugging with pagelab walk");
      for (Method m : Class.forName(ExerciseRun.PACKAGE + ".WalkerTest").getDeclaredMethods()) {
        if (m.isAnnotationPresent(dev.pagelab.grader.api.Graded.class)) {
          assertTrue(text.contains("`" + m.getName() + "`"), m.getName() + " in the task table");
        }
      }
    }
  }

  @Test
  void theKoreanAssignmentSaysLevelWithOneWordAndStepWithAnother() throws IOException {
    String ko =
        Files.readString(ExerciseRun.moduleDir().resolve("../exercises/pagewalk/README.ko.md"));
    // 레벨 is a page-table level, 단계 only a step of the walk: "4단계 테이블", "단계 L",
    // "단계마다 엔트리" would use 단계 for a level
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("[0-9]단계|단계 `?L|단계마다|각\\s*단계의|한 단계 내려").matcher(ko);
    assertFalse(m.find(), () -> "단계 used for a level: ..." + ko.substring(m.start(), m.end() + 10));
    assertTrue(ko.contains("5레벨 페이징") && ko.contains("워크의 단계"), "both words are used");
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
    assertTrue(outcomes.size() >= 14 + 9, "public and hidden graded tests: " + outcomes.size());
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
