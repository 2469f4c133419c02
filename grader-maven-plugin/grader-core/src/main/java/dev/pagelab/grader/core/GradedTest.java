package dev.pagelab.grader.core;

import dev.pagelab.grader.api.Visibility;
import java.util.Comparator;
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
 * @param task the assignment's task the test checks (1, 2, ...), 0 for the exercise as a whole
 * @param title the readable English name from {@code @Graded(title)}, or empty
 * @param titleKo the readable Korean name from {@code @Graded(titleKo)}, or empty
 * @param displayName JUnit's {@code @DisplayName}, or empty
 * @param visibility who may see the test's name, result and message
 * @param order the method's position among the methods of its class file (javac keeps the source
 *     order), or {@link Integer#MAX_VALUE} when unknown
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
    String displayName,
    Visibility visibility,
    int order) {

  /**
   * The order of every report: by exercise, then task, then the public tests before the hidden
   * ones, then class, then the order of declaration.
   */
  public static final Comparator<GradedTest> REPORT_ORDER =
      Comparator.comparing(GradedTest::exercise)
          .thenComparingInt(GradedTest::task)
          .thenComparing(t -> t.hidden())
          .thenComparing(GradedTest::className)
          .thenComparingInt(GradedTest::order)
          .thenComparing(GradedTest::methodName);

  /** Checks the values. */
  public GradedTest {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(methodName, "methodName");
    parameterTypes = List.copyOf(parameterTypes);
    Objects.requireNonNull(exercise, "exercise");
    title = title == null ? "" : title;
    titleKo = titleKo == null ? "" : titleKo;
    displayName = displayName == null ? "" : displayName;
    Objects.requireNonNull(visibility, "visibility");
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
    if (task < 0) {
      throw new IllegalArgumentException(
          "GradedTest: " + className + "#" + methodName + " has task=" + task + ", expected >= 0");
    }
  }

  /** A visible test of the whole exercise with no title (as before tasks and titles existed). */
  public GradedTest(
      String className,
      String methodName,
      List<String> parameterTypes,
      String exercise,
      int points) {
    this(
        className,
        methodName,
        parameterTypes,
        exercise,
        points,
        0,
        "",
        "",
        "",
        Visibility.VISIBLE,
        Integer.MAX_VALUE);
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

  /**
   * The readable name in a language ({@code "ko"} or anything else for English): the {@code Graded}
   * title of that language, else the English one, else {@code @DisplayName}, else the method's
   * name.
   */
  public String title(String language) {
    if ("ko".equals(language) && !titleKo.isEmpty()) {
      return titleKo;
    }
    if (!title.isEmpty()) {
      return title;
    }
    return displayName.isEmpty() ? methodName : displayName;
  }

  /**
   * True for an instructor's test the student does not see ({@code HIDDEN}, {@code
   * AFTER_DUE_DATE}).
   */
  public boolean hidden() {
    return visibility != Visibility.VISIBLE;
  }
}
