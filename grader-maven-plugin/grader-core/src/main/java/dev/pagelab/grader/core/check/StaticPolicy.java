package dev.pagelab.grader.core.check;

import java.util.List;

/**
 * What the student's classes may use.
 *
 * @param allowedPackages ArchUnit package patterns, e.g. {@code java.util} (that package only) or
 *     {@code dev.pagelab.sim.spi..} (with sub-packages)
 * @param allowedClasses single classes allowed outside those packages, e.g. {@code
 *     java.io.PrintStream} so that {@code System.out.println} works
 */
public record StaticPolicy(List<String> allowedPackages, List<String> allowedClasses) {
  /** {@code java.lang}, {@code java.util} and its function and stream packages, the spi. */
  public static final StaticPolicy DEFAULTS =
      new StaticPolicy(
          List.of(
              "java.lang",
              "java.util",
              "java.util.function",
              "java.util.stream",
              "dev.pagelab.sim.spi.."),
          List.of("java.io.PrintStream"));

  /** A defensive copy. */
  public StaticPolicy {
    allowedPackages = List.copyOf(allowedPackages);
    allowedClasses = List.copyOf(allowedClasses);
  }
}
