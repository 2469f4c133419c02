package dev.pagelab.grader.core;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import dev.pagelab.grader.api.Visibility;
import dev.pagelab.grader.core.check.StaticChecker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the {@code @Graded} test methods in a directory of test classes by reading class files,
 * without loading them: the parent JVM never runs submitted or test code.
 */
public final class GradedTestScanner {
  /** The annotation's binary name. */
  public static final String GRADED = "dev.pagelab.grader.api.Graded";

  /** JUnit's {@code @DisplayName}, read by name: JUnit is not on the grader's classpath. */
  public static final String DISPLAY_NAME = "org.junit.jupiter.api.DisplayName";

  private GradedTestScanner() {}

  /**
   * Returns the graded tests in {@link GradedTest#REPORT_ORDER}: by exercise, task, public before
   * hidden, class, and the order the class declares its methods.
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
      Map<String, Integer> order = MethodOrder.of(testClassesDir, c);
      for (JavaMethod m : c.getMethods()) {
        Optional<GradedTest> test = graded(c, m, order);
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
    tests.sort(GradedTest.REPORT_ORDER);
    return List.copyOf(tests);
  }

  private static Optional<GradedTest> graded(JavaClass c, JavaMethod m, Map<String, Integer> order)
      throws GraderException {
    Optional<JavaAnnotation<JavaMethod>> annotation = m.tryGetAnnotationOfType(GRADED);
    if (annotation.isEmpty()) {
      return Optional.empty();
    }
    JavaAnnotation<JavaMethod> graded = annotation.get();
    Object exercise = graded.get("exercise").orElse("");
    Object points = graded.get("points").orElse(1);
    Object task = graded.get("task").orElse(0);
    String where = c.getName() + "#" + m.getName();
    if (!(exercise instanceof String) || ((String) exercise).isBlank()) {
      throw new GraderException(
          "@Graded on " + where + ": exercise is empty; write e.g. exercise = \"pagewalk\"");
    }
    if (!(points instanceof Integer) || (Integer) points < 1) {
      throw new GraderException(
          "@Graded on " + where + ": points = " + points + ", expected 1 or more");
    }
    if (!(task instanceof Integer) || (Integer) task < 0) {
      throw new GraderException(
          "@Graded on " + where + ": task = " + task + ", expected the assignment's task number");
    }
    List<String> parameters = new ArrayList<>();
    m.getRawParameterTypes().forEach(p -> parameters.add(p.getName()));
    String displayName =
        m.tryGetAnnotationOfType(DISPLAY_NAME)
            .flatMap(d -> d.get("value"))
            .map(String::valueOf)
            .orElse("");
    return Optional.of(
        new GradedTest(
            c.getName(),
            m.getName(),
            parameters,
            (String) exercise,
            (Integer) points,
            (Integer) task,
            text(graded, "title"),
            text(graded, "titleKo"),
            displayName,
            visibility(graded, where),
            order.getOrDefault(m.getName() + m.getDescriptor(), Integer.MAX_VALUE)));
  }

  private static String text(JavaAnnotation<JavaMethod> graded, String name) {
    return graded.get(name).map(String::valueOf).orElse("").strip();
  }

  private static Visibility visibility(JavaAnnotation<JavaMethod> graded, String where)
      throws GraderException {
    Object value = graded.get("visibility").orElse(null);
    if (value == null) {
      return Visibility.VISIBLE;
    }
    String name = value instanceof JavaEnumConstant e ? e.name() : String.valueOf(value);
    try {
      return Visibility.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new GraderException(
          "@Graded on "
              + where
              + ": visibility = "
              + name
              + ", expected one of "
              + java.util.Arrays.toString(Visibility.values()));
    }
  }
}
