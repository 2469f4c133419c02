package dev.pagelab.grader.core;

import java.util.List;
import java.util.Objects;

/**
 * One test method annotated {@code @Graded}, as read from its class file.
 *
 * @param className the test class's binary name
 * @param methodName the test method's name
 * @param parameterTypes the method's parameter type names (for parameterized tests)
 * @param exercise the exercise the points belong to
 * @param points the points a pass earns, at least 1
 * @param task the assignment's task the test checks, 0 for the exercise as a whole
 * @param title the readable English name, or "" ({@code @Graded(title)})
 * @param titleKo the readable Korean name, or "" ({@code @Graded(titleKo)})
 * @param visibility {@code VISIBLE}, {@code AFTER_DUE_DATE} or {@code HIDDEN}
 * @param displayName JUnit's {@code @DisplayName}, or ""
 * @param order the method's position among the class's declared methods, from 0
 */
public record GradedTest(
    String className,
    String methodName,
    List<String> parameterTypes,
    String exercise,
    int points,
    int task,
    String title,
    String titleKo,
    String visibility,
    String displayName,
    int order) {
  /** Checks the values. */
  public GradedTest {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(methodName, "methodName");
    parameterTypes = List.copyOf(parameterTypes);
    Objects.requireNonNull(exercise, "exercise");
    title = title == null ? "" : title;
    titleKo = titleKo == null ? "" : titleKo;
    visibility = visibility == null ? "VISIBLE" : visibility;
    displayName = displayName == null ? "" : displayName;
    if (points < 1) {
      throw new IllegalArgumentException(
          "GradedTest: "
              + className
              + "#"
              + methodName
              + " has points="
              + points
              + ", expected >= 1");
    }
  }

  /** A visible test of task 0 without titles (for the grader's own tests). */
  public GradedTest(
      String className,
      String methodName,
      List<String> parameterTypes,
      String exercise,
      int points) {
    this(className, methodName, parameterTypes, exercise, points, 0, "", "", "VISIBLE", "", 0);
  }

  /** The id used everywhere: {@code class#method}. */
  public String id() {
    return className + "#" + methodName;
  }

  /** The JUnit method selector, with parameter types: {@code a.B#m(int, java.lang.String)}. */
  public String selector() {
    return id() + "(" + String.join(", ", parameterTypes) + ")";
  }

  /** The class's simple name and the method, e.g. {@code WalkerTest.translates4KiB}. */
  public String shortName() {
    return className.substring(className.lastIndexOf('.') + 1) + "." + methodName;
  }
}
