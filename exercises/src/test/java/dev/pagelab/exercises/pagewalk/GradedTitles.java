package dev.pagelab.exercises.pagewalk;

import dev.pagelab.grader.api.Graded;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGenerator;

/**
 * Shows each graded test in an IDE and in Surefire's output under its {@code @Graded} title, the
 * name the grade report uses, so the title is written once.
 */
public class GradedTitles extends DisplayNameGenerator.Standard {
  /** Creates the generator (JUnit calls it). */
  public GradedTitles() {}

  @Override
  public String generateDisplayNameForMethod(
      List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
    Graded graded = testMethod.getAnnotation(Graded.class);
    if (graded != null && !graded.title().isEmpty()) {
      return (graded.task() > 0 ? graded.task() + ". " : "") + graded.title();
    }
    return super.generateDisplayNameForMethod(enclosingInstanceTypes, testClass, testMethod);
  }
}
