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

  /** How many characters of a quoted excerpt are kept; a longer one ends in "...". */
  static final int QUOTE_LIMIT = 60;

  /**
   * Text read from a file, quoted for a message: printable ASCII stays, a quote or backslash is
   * escaped, and every other byte (control characters, escape sequences, binary garbage) is written
   * {@code \xNN}, so a message can never garble the terminal. The files are read as ISO-8859-1, one
   * character per byte. At most {@value #QUOTE_LIMIT} characters are kept.
   *
   * @param fileText the excerpt, e.g. a bad line
   * @return it in double quotes, e.g. {@code "MemTotal: \x1b[31m"}
   */
  public static String quote(String fileText) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < fileText.length(); i++) {
      if (out.length() > QUOTE_LIMIT) {
        return out.append("...\"").toString();
      }
      char c = fileText.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else if (c <= 0xff) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.append('"').toString();
  }
}
