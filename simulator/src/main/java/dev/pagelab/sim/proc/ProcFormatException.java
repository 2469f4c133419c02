package dev.pagelab.sim.proc;

/**
 * A {@code /proc} text that does not have the layout the kernel prints. The message is one line:
 * the source name, the line number, the offending text and what was expected.
 */
public final class ProcFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * A new exception.
   *
   * @param source the file or resource name
   * @param line the 1-based line number (0 for the whole text)
   * @param problem what was wrong and what was expected
   */
  public ProcFormatException(String source, int line, String problem) {
    super(source + ":" + line + ": " + problem);
  }
}
