package dev.pagelab.sim.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line into words: blanks separate words, {@code "..."} is one word (with {@code \"} and
 * {@code \\} escapes), and {@code #} at the start of a word starts a comment.
 */
final class Lexer {
  private Lexer() {}

  /**
   * The words of a line.
   *
   * @param source the file name, for errors
   * @param lineNumber 1-based, for errors
   * @param line the text without its line end
   * @return the words; empty for a blank or comment line
   * @throws ScenarioException on an unterminated string
   */
  static List<Token> tokenize(String source, int lineNumber, String line) throws ScenarioException {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        break;
      } else if (c == '"') {
        i = quoted(source, lineNumber, line, i, tokens);
      } else {
        int start = i;
        while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
          i++;
        }
        tokens.add(new Token(line.substring(start, i), start + 1, false));
      }
    }
    return tokens;
  }

  /** Reads a quoted word starting at {@code start}; returns the index after its closing quote. */
  private static int quoted(
      String source, int lineNumber, String line, int start, List<Token> tokens)
      throws ScenarioException {
    StringBuilder text = new StringBuilder();
    int i = start + 1;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '"') {
        tokens.add(new Token(text.toString(), start + 1, true));
        return i + 1;
      }
      if (c == '\\' && i + 1 < line.length()) {
        i++;
        c = line.charAt(i);
      }
      text.append(c);
      i++;
    }
    throw new ScenarioException(
        new Pos(source, lineNumber, start + 1),
        "unterminated string",
        "close the text with a double quote: echo \"like this\"");
  }
}
