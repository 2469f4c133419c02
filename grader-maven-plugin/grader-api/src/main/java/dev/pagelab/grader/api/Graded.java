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
 * @Graded(exercise = "pagewalk", points = 2)
 * void translatesA4KibPage() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Graded {
  /** The exercise the test belongs to, e.g. {@code "pagewalk"}. */
  String exercise();

  /** The points a pass earns; at least 1. */
  int points() default 1;
}
