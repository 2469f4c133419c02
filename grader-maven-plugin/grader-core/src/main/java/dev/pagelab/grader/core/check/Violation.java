package dev.pagelab.grader.core.check;

import dev.pagelab.grader.core.PlainText;
import java.util.Comparator;
import java.util.Objects;

/**
 * One use or declaration the static checks block.
 *
 * @param location where, e.g. {@code Walker.java:42}, or {@code Walker.java} for a declaration
 *     without a line
 * @param rule which rule it breaks
 * @param target what is used, e.g. {@code java.lang.System.exit(int)}
 * @param hint what to use instead, in English
 * @param hintKo what to use instead, in Korean
 */
public record Violation(String location, Rule rule, String target, String hint, String hintKo)
    implements Comparable<Violation> {
  private static final Comparator<Violation> ORDER =
      Comparator.comparing(Violation::file)
          .thenComparingInt(Violation::line)
          .thenComparing(Violation::rule)
          .thenComparing(Violation::target);

  /** Checks the values and removes control characters from them. */
  public Violation {
    location = PlainText.of(Objects.requireNonNull(location, "location"));
    Objects.requireNonNull(rule, "rule");
    target = PlainText.of(Objects.requireNonNull(target, "target"));
    hint = PlainText.of(hint == null ? rule.hint() : hint);
    hintKo = PlainText.of(hintKo == null ? rule.hintKo() : hintKo);
  }

  /** A violation with the rule's own hint. */
  public Violation(String location, Rule rule, String target) {
    this(location, rule, target, null, null);
  }

  /** The file part of the location. */
  public String file() {
    int colon = location.lastIndexOf(':');
    return colon < 0 ? location : location.substring(0, colon);
  }

  /** The line part of the location, or 0. */
  public int line() {
    int colon = location.lastIndexOf(':');
    try {
      return colon < 0 ? 0 : Integer.parseInt(location.substring(colon + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public int compareTo(Violation other) {
    return ORDER.compare(this, other);
  }

  /** One English line, e.g. {@code Walker.java:42: EXIT: java.lang.System.exit(int)}. */
  @Override
  public String toString() {
    return location + ": " + rule + ": " + target;
  }
}
