package dev.pagelab.grader.core.check;

import java.util.Objects;

/**
 * One use the static checks reject.
 *
 * @param location where, e.g. {@code Walker.java:42} or the class name
 * @param rule which rule it breaks
 * @param target what is used, e.g. {@code java.lang.System.exit(int)}
 */
public record Violation(String location, Rule rule, String target)
    implements Comparable<Violation> {
  /** Checks the values. */
  public Violation {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(target, "target");
  }

  @Override
  public int compareTo(Violation other) {
    int c = location.compareTo(other.location);
    if (c == 0) {
      c = rule.compareTo(other.rule);
    }
    return c != 0 ? c : target.compareTo(other.target);
  }

  /** One English line, e.g. {@code Walker.java:42: EXIT: java.lang.System.exit(int)}. */
  @Override
  public String toString() {
    return location + ": " + rule + ": " + target;
  }
}
