package dev.pagelab.solutions;

import java.nio.file.Path;
import java.util.List;

/**
 * One exercise as the content tests see it: where its stub, answer and mutants are, which classes
 * the student writes, and which test classes grade it.
 *
 * @param name the exercise's name in {@code @Graded(exercise = ...)}, e.g. {@code "oom"}
 * @param packageName its package, e.g. {@code dev.pagelab.exercises.oom}
 * @param studentClasses the simple names of the classes a student writes (stub and answer alike)
 * @param publicTests the simple names of its public test classes (from {@code exercises/})
 * @param hiddenTests the simple names of its hidden test classes (in {@code solutions/})
 * @param minMutants the fewest mutants it must have
 * @param minGradedTests the fewest graded tests, public and hidden, it must have
 * @param minHiddenOnlyMutants the fewest mutants that pass every public test and fail a hidden one
 */
record Exercise(
    String name,
    String packageName,
    List<String> studentClasses,
    List<String> publicTests,
    List<String> hiddenTests,
    int minMutants,
    int minGradedTests,
    int minHiddenOnlyMutants) {

  /** The page-table walk. */
  static final Exercise PAGEWALK =
      new Exercise(
          "pagewalk",
          "dev.pagelab.exercises.pagewalk",
          List.of("Walker"),
          List.of("WalkerTest"),
          List.of("WalkerHiddenTest"),
          6,
          14 + 9,
          0);

  /** OOM scoring and the victim choice. */
  static final Exercise OOM =
      new Exercise(
          "oom",
          "dev.pagelab.exercises.oom",
          List.of("OomKiller"),
          List.of("OomKillerTest"),
          List.of("OomKillerHiddenTest"),
          8,
          11 + 6,
          2);

  /** Copies the lists. */
  Exercise {
    studentClasses = List.copyOf(studentClasses);
    publicTests = List.copyOf(publicTests);
    hiddenTests = List.copyOf(hiddenTests);
  }

  /** The binary names of the public and hidden test classes. */
  List<String> testClassNames() {
    return java.util.stream.Stream.concat(publicTests.stream(), hiddenTests.stream())
        .map(c -> packageName + "." + c)
        .toList();
  }

  /** Whether a test class (simple name) is one of the public ones. */
  boolean isPublic(String testClass) {
    return publicTests.contains(testClass);
  }

  /** The source files of the student's classes under a source root. */
  List<Path> sources(Path root) {
    Path dir = root.resolve(packageName.replace('.', '/'));
    return studentClasses.stream().map(c -> dir.resolve(c + ".java")).toList();
  }

  /** The stub's sources, in {@code exercises/}. */
  List<Path> stubSources() {
    return sources(ExerciseRun.moduleDir().resolve("../exercises/src/main/java"));
  }

  /** The model answer's sources. */
  List<Path> answerSources() {
    return sources(ExerciseRun.moduleDir().resolve("src/main/java"));
  }

  /** The folder with one sub-folder per mutant. */
  Path mutantsDir() {
    return ExerciseRun.moduleDir().resolve("src/mutants").resolve(name);
  }
}
