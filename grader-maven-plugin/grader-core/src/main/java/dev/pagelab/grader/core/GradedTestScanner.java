package dev.pagelab.grader.core;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import dev.pagelab.grader.core.check.StaticChecker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the {@code @Graded} test methods in a directory of test classes by reading class files,
 * without loading them: the parent JVM never runs submitted or test code.
 */
public final class GradedTestScanner {
  /** The annotation's binary name; grader-api is not needed on the grader's classpath. */
  public static final String GRADED = "dev.pagelab.grader.api.Graded";

  private GradedTestScanner() {}

  /**
   * Returns the graded tests, sorted by id.
   *
   * @param testClassesDir the compiled test classes
   * @param exercise only tests of this exercise, or null for all
   * @throws GraderException if the directory is missing, an annotation is malformed, or a method
   *     name is graded twice (overloads) in one class
   */
  public static List<GradedTest> scan(Path testClassesDir, String exercise) throws GraderException {
    List<GradedTest> tests = new ArrayList<>();
    Map<String, GradedTest> byId = new HashMap<>();
    for (JavaClass c : StaticChecker.importClasses(testClassesDir)) {
      if (c.getModifiers().contains(JavaModifier.ABSTRACT) || c.isInterface()) {
        continue;
      }
      for (JavaMethod m : c.getMethods()) {
        Optional<GradedTest> test = graded(c, m);
        if (test.isEmpty() || (exercise != null && !exercise.equals(test.get().exercise()))) {
          continue;
        }
        if (byId.put(test.get().id(), test.get()) != null) {
          throw new GraderException(
              "test class "
                  + c.getName()
                  + ": two @Graded methods are named "
                  + m.getName()
                  + "; give each graded test its own name");
        }
        tests.add(test.get());
      }
    }
    tests.sort(Comparator.comparing(GradedTest::id));
    return List.copyOf(tests);
  }

  private static Optional<GradedTest> graded(JavaClass c, JavaMethod m) throws GraderException {
    Optional<JavaAnnotation<JavaMethod>> annotation = m.tryGetAnnotationOfType(GRADED);
    if (annotation.isEmpty()) {
      return Optional.empty();
    }
    Object exercise = annotation.get().get("exercise").orElse("");
    Object points = annotation.get().get("points").orElse(1);
    String where = c.getName() + "#" + m.getName();
    if (!(exercise instanceof String) || ((String) exercise).isBlank()) {
      throw new GraderException(
          "@Graded on " + where + ": exercise is empty; write e.g. exercise = \"pagewalk\"");
    }
    if (!(points instanceof Integer) || (Integer) points < 1) {
      throw new GraderException(
          "@Graded on " + where + ": points = " + points + ", expected 1 or more");
    }
    List<String> parameters = new ArrayList<>();
    m.getRawParameterTypes().forEach(p -> parameters.add(p.getName()));
    return Optional.of(
        new GradedTest(c.getName(), m.getName(), parameters, (String) exercise, (Integer) points));
  }
}
