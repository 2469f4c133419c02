package dev.pagelab.sim.tools;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ps -o FORMAT}: renders process rows as procps-ng 4.0.2 {@code ps} prints them to a pipe in
 * the C locale.
 *
 * <p>The layout follows {@code src/ps/output.c show_one_proc}: each column knows where it should
 * start ({@code correct}) and where the previous text really ended ({@code actual}); a
 * right-aligned value that is too long pushes the rest of the line right, and the following columns
 * take the space back from their padding. Text columns ({@code comm}, {@code args}) are cut to
 * their width unless they are last; the last column is not padded on the right.
 */
public final class Ps {
  /** {@code SPACE_AMOUNT} in output.c: the most padding written before one column. */
  private static final int SPACE_AMOUNT = 144;

  private Ps() {}

  /**
   * Parses the {@code -o} arguments (each may hold several specifiers separated by commas or
   * blanks; {@code spec=HEADER} renames a column, {@code spec=} hides its header).
   *
   * @param formats the values of the repeated {@code -o} options, in order
   * @param pidMax {@code kernel.pid_max}, whose digit count is the least width of pid columns
   * @return the columns
   * @throws InputException for an empty list or an unknown specifier (listing the known ones)
   */
  public static List<PsField> parseFormat(List<String> formats, int pidMax) throws InputException {
    if (formats.isEmpty()) {
      throw new InputException("ps: format specification must follow -o");
    }
    List<PsField> fields = new ArrayList<>();
    for (String format : formats) {
      if (format.isEmpty()) {
        throw new InputException("ps: format specification must follow -o");
      }
      for (String item : format.split("[, \t]", -1)) {
        if (item.isEmpty()) {
          throw new InputException(
              "ps: improper format list \"" + format + "\": expected names separated by commas");
        }
        fields.add(field(item, pidMax));
      }
    }
    return List.copyOf(fields);
  }

  private static PsField field(String item, int pidMax) throws InputException {
    int eq = item.indexOf('=');
    String spec = eq < 0 ? item : item.substring(0, eq);
    PsColumn c = PsColumn.find(spec);
    if (c == null) {
      throw new InputException(
          "ps: unknown column \""
              + spec
              + "\": known columns are "
              + String.join(", ", PsColumn.known()));
    }
    int width = c.width();
    if (c.pidMax()) {
      width = Math.max(width, Integer.toString(pidMax).length());
    }
    String header = eq < 0 ? c.header() : item.substring(eq + 1);
    if (eq >= 0) {
      width = Math.max(width, header.length());
    }
    return new PsField(c, header, width);
  }

  /**
   * Renders the header (unless suppressed) and one line per row.
   *
   * @param rows the processes, in the order to print
   * @param fields the columns from {@link #parseFormat}
   * @param headers false for {@code --no-headers}; the header is also left out when every header is
   *     empty ({@code sortformat.c check_headers})
   * @param memTotalKb MemTotal in kB, for {@code %mem}
   * @return the exact text, every line ending in {@code \n}
   */
  public static String render(
      List<PsRow> rows, List<PsField> fields, boolean headers, long memTotalKb) {
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("Ps.render: no columns");
    }
    StringBuilder out = new StringBuilder();
    if (headers && fields.stream().anyMatch(f -> !f.header().isEmpty())) {
      line(out, fields, null, memTotalKb);
    }
    for (PsRow r : rows) {
      line(out, fields, r, memTotalKb);
    }
    return out.toString();
  }

  /** One line of show_one_proc; a null row prints the headers. */
  private static void line(StringBuilder out, List<PsField> fields, PsRow row, long memTotalKb) {
    int correct = 0;
    int actual = 0;
    int dospace = 0;
    for (int i = 0; i < fields.size(); i++) {
      PsField f = fields.get(i);
      boolean last = i == fields.size() - 1;
      String text;
      if (row == null) {
        text = f.header();
      } else {
        text = escape(f.column().printer().apply(row, memTotalKb));
        if (f.column().align() == PsColumn.Align.UNLIMITED && !last) {
          text = text.substring(0, Math.min(text.length(), f.width())); // max_rightward
        }
      }
      int leftpad =
          f.column().align() == PsColumn.Align.RIGHT ? Math.max(0, f.width() - text.length()) : 0;
      int space = correct - actual + leftpad;
      if (space < 1) {
        space = dospace;
      }
      space = Math.min(space, SPACE_AMOUNT);
      out.append(" ".repeat(space)).append(text);
      if (last) {
        break;
      }
      actual += space + text.length();
      correct += f.width() + 1;
      dospace = 1;
    }
    out.append('\n');
  }

  /** escape_str in the C locale: control characters become '.', bytes above 127 become '?'. */
  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      b.append(c < 32 || c == 127 ? '.' : c > 127 ? '?' : (char) c);
    }
    return b.toString();
  }
}
