package dev.pagelab.grader.core.compile;

import java.util.Objects;

/**
 * One Java source file of a submission.
 *
 * @param name the name the compiler's messages use, e.g. {@code Walker.java}
 * @param text the source text
 */
public record SourceFile(String name, String text) {
  /** Checks the values. */
  public SourceFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    if (!name.endsWith(".java")) {
      throw new IllegalArgumentException("SourceFile: " + name + " is not a .java file");
    }
  }
}
