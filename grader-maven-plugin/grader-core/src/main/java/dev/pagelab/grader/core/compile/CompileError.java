package dev.pagelab.grader.core.compile;

import dev.pagelab.grader.core.PlainText;
import java.util.Objects;

/**
 * One error of the Java compiler.
 *
 * @param file the source file's name, e.g. {@code Walker.java}
 * @param line the line, from 1; 0 if the error is not about a line
 * @param column the column, from 1; 0 if unknown
 * @param message the compiler's message, e.g. {@code ';' expected} (control characters removed)
 */
public record CompileError(String file, long line, long column, String message) {
  /** Checks and cleans the values. */
  public CompileError {
    file = PlainText.of(Objects.requireNonNull(file, "file"));
    message = PlainText.of(message);
  }

  /** {@code Walker.java:12: ';' expected}. */
  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + ": " + message;
  }
}
