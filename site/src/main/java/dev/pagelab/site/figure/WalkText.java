package dev.pagelab.site.figure;

import dev.pagelab.site.SiteException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code pagelab walk} prints, read back: the address, its fields and the path through the
 * levels. The two tables are read by the columns of their header lines.
 *
 * @param address the virtual address
 * @param access the access, e.g. {@code user write}
 * @param fields the address fields, most significant first
 * @param steps the levels read, top first
 * @param result the result line, e.g. {@code physical address 0x... in a 4 KiB page (offset 0x123)}
 */
public record WalkText(
    long address, String access, List<Field> fields, List<Step> steps, String result) {

  /**
   * One field of the address.
   *
   * @param high its highest bit
   * @param low its lowest bit
   * @param name its name as printed, e.g. {@code PML4 index (pgd)}
   * @param value its value as printed
   */
  public record Field(int high, int low, String name, String value) {}

  /**
   * One level of the walk.
   *
   * @param table the table's name ({@code PML4}, {@code PDPT}, {@code PD}, {@code PT})
   * @param tableAddress the table's physical address
   * @param index the index into it
   * @param entryValue the entry read
   * @param flags its flags, e.g. {@code P RW US A D}
   * @param decision what the walk did with it, e.g. {@code next PD 0x...} or {@code leaf: 4 KiB
   *     page 0x...}
   */
  public record Step(
      String table,
      String tableAddress,
      int index,
      String entryValue,
      String flags,
      String decision) {}

  private static final Pattern HEAD = Pattern.compile("walk of (0x[0-9a-f]+): (.+?), .*");
  private static final Pattern FIELD = Pattern.compile("(\\d+)\\.\\.(\\d+)\\s+(.+?)\\s{2,}(\\S+)");

  /**
   * Reads a walk's output.
   *
   * @param out what {@code pagelab walk} printed
   * @return the walk
   * @throws SiteException when the output does not have the expected lines
   */
  public static WalkText parse(String out) {
    String[] lines = out.split("\n");
    long address = -1;
    String access = "";
    List<Field> fields = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    String result = "";
    int[] cols = null;
    for (String line : lines) {
      Matcher m;
      if ((m = HEAD.matcher(line)).matches()) {
        address = Long.parseUnsignedLong(m.group(1).substring(2), 16);
        access = m.group(2);
      } else if ((m = FIELD.matcher(line)).matches()) {
        fields.add(
            new Field(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                m.group(3),
                m.group(4)));
      } else if (line.startsWith("table ")) {
        cols = columns(line);
      } else if (cols != null && line.matches("(PML5|PML4|PDPT|PD|PT)\\s.*")) {
        steps.add(step(line, cols));
      } else if (line.startsWith("result: ")) {
        result = line.substring("result: ".length());
        cols = null;
      }
    }
    if (address < 0 || fields.isEmpty() || steps.isEmpty() || result.isEmpty()) {
      throw new SiteException("pagelab walk printed something unexpected:\n" + out);
    }
    return new WalkText(address, access, List.copyOf(fields), List.copyOf(steps), result);
  }

  private static final String[] HEADERS = {
    "table", "table address", "index", "entry address", "entry value", "flags", "sets", "decision"
  };

  private static int[] columns(String header) {
    int[] cols = new int[HEADERS.length];
    int from = 0;
    for (int i = 0; i < HEADERS.length; i++) {
      int at = header.indexOf(HEADERS[i], from);
      if (at < 0) {
        throw new SiteException("pagelab walk: no column \"" + HEADERS[i] + "\" in: " + header);
      }
      cols[i] = at;
      from = at + HEADERS[i].length();
    }
    return cols;
  }

  private static Step step(String line, int[] c) {
    return new Step(
        cell(line, c, 0),
        cell(line, c, 1),
        Integer.parseInt(cell(line, c, 2)),
        cell(line, c, 4),
        cell(line, c, 5),
        cell(line, c, 7));
  }

  private static String cell(String line, int[] c, int i) {
    int end = i + 1 < c.length ? Math.min(c[i + 1], line.length()) : line.length();
    return c[i] >= line.length() ? "" : line.substring(c[i], end).strip();
  }
}
