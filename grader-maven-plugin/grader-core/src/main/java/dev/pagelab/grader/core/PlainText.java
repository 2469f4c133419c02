package dev.pagelab.grader.core;

import java.util.regex.Pattern;

/**
 * Text from student code made safe for a console, a report or JSON: ANSI escape sequences and every
 * control character except line feed and tab are removed (carriage returns, backspaces, C1
 * controls, Unicode line and paragraph separators, and the bidirectional overrides that reorder
 * what a reader sees), so no text can overwrite, hide or forge a line the grader prints.
 */
public final class PlainText {
  /** CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ESC \) and two-byte ESC sequences. */
  private static final Pattern ESCAPES =
      Pattern.compile(
          "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)?|\u001B.?");

  private PlainText() {}

  /** The text without escape sequences and control characters; null becomes "". */
  public static String of(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String plain = text.indexOf('\u001B') < 0 ? text : ESCAPES.matcher(text).replaceAll("");
    StringBuilder out = null;
    for (int i = 0; i < plain.length(); i++) {
      char c = plain.charAt(i);
      boolean keep = !isControl(c);
      if (!keep && out == null) {
        out = new StringBuilder(plain.length()).append(plain, 0, i);
      } else if (keep && out != null) {
        out.append(c);
      }
    }
    return out == null ? plain : out.toString();
  }

  /** True for every character that may move the cursor or reorder text, but \n and \t. */
  static boolean isControl(char c) {
    if (c == '\n' || c == '\t') {
      return false;
    }
    return c < 0x20
        || (c >= 0x7F && c <= 0x9F)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200E'
        || c == '\u200F'
        || c == '\u061C';
  }
}
