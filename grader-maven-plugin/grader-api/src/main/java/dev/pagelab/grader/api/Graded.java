package dev.pagelab.grader.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test method as graded: passing it earns {@link #points()} points of exercise {@link
 * #exercise()}. A test without it runs but scores nothing.
 *
 * <pre>{@code
 * @Test
 * @Graded(exercise = "pagewalk", points = 2, task = 1,
 *     title = "4 KiB page: frame plus offset", titleKo = "4 KiB 페이지: 프레임 더하기 오프셋")
 * void translatesA4KibPage() { ... }
 * }</pre>
 *
 * <p>Reports list the tests of an exercise grouped by {@link #task()}, in the order the test
 * methods are declared in their class, under {@link #title()} (or {@link #titleKo()} in a Korean
 * report). Without a title, JUnit's {@code @DisplayName} is used, then the method's name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Graded {
  /** The exercise the test belongs to, e.g. {@code "pagewalk"}. */
  String exercise();

  /** The points a pass earns; at least 1. */
  int points() default 1;

  /**
   * The task of the assignment this test checks, numbered as the assignment's README numbers them
   * (1, 2, ...); 0 when the test checks the exercise as a whole.
   */
  int task() default 0;

  /** The test's readable name in English; empty to use {@code @DisplayName}. */
  String title() default "";

  /** The test's readable name in Korean; empty to use {@link #title()}. */
  String titleKo() default "";

  /** Who sees this test's name, result and message in the feedback a student gets. */
  Visibility visibility() default Visibility.VISIBLE;
}
