package dev.pagelab.grader.core;

/**
 * Bad input to the grader (a missing directory, a malformed test annotation, a mutant that does not
 * compile): the message is one line that names the thing, the value and what was expected.
 */
public final class GraderException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An error with a one-line message. */
  public GraderException(String message) {
    super(message);
  }

  /** An error with a one-line message and the low-level cause. */
  public GraderException(String message, Throwable cause) {
    super(message, cause);
  }
}
