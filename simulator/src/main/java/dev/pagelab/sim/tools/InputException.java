package dev.pagelab.sim.tools;

/**
 * Bad input from outside the program: a file, a flag value, a column name. Its message is one line
 * that names where the problem is (file and line when there is one), the offending text and what
 * was expected; the CLI prints it after {@code pagelab: } and exits with status 1, without a stack
 * trace.
 */
public final class InputException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message one line: where, what was found, what was expected
   */
  public InputException(String message) {
    super(message);
  }
}
