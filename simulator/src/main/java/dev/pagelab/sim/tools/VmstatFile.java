package dev.pagelab.sim.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed {@code /proc/vmstat}: counter names in file order with their values. The kernel prints
 * each line as {@code "%s %lu\n"} ({@code mm/vmstat.c vmstat_show}); sadc reads them with {@code
 * fgets} and {@code sscanf} ({@code rd_stats.c read_vmstat_paging}). This parser rejects a
 * malformed line with a one-line message naming the file, the line and the text.
 */
public final class VmstatFile {
  private final String source;
  private final Map<String, Long> counters;

  private VmstatFile(String source, Map<String, Long> counters) {
    this.source = source;
    this.counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
  }

  /**
   * Reads and parses a vmstat file.
   *
   * @param path the file, e.g. {@code /proc/vmstat}
   * @return the parsed file
   * @throws InputException if the file cannot be read or a line is malformed
   */
  public static VmstatFile read(Path path) throws InputException {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new InputException(path + ": no such file: expected a /proc/vmstat file");
    } catch (IOException e) {
      throw new InputException(path + ": cannot read: " + e.getClass().getSimpleName());
    }
    return parse(path.toString(), text);
  }

  /**
   * Parses vmstat text.
   *
   * @param source the file name used in messages
   * @param text the whole file
   * @return the parsed file
   * @throws InputException naming the file, line number and text of the first malformed line
   */
  public static VmstatFile parse(String source, String text) throws InputException {
    if (text.isEmpty()) {
      throw new InputException(source + ": empty file: expected the lines of /proc/vmstat");
    }
    String[] lines = text.split("\n", -1);
    int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
    Map<String, Long> counters = new LinkedHashMap<>();
    Map<String, Integer> firstLine = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String where = source + ":" + (i + 1) + ": ";
      String[] words = lines[i].split(" ", -1);
      if (words.length != 2 || words[0].isEmpty() || words[0].contains(":")) {
        throw new InputException(
            where
                + "bad line "
                + InputException.quote(lines[i])
                + ": expected \"<name> <number>\"");
      }
      long value = number(where, words[0], words[1]);
      Integer seen = firstLine.putIfAbsent(words[0], i + 1);
      if (seen != null) {
        throw new InputException(
            where
                + "counter "
                + InputException.quote(words[0])
                + " appears again (first on line "
                + seen
                + ")");
      }
      counters.put(words[0], value);
    }
    return new VmstatFile(source, counters);
  }

  private static long number(String where, String name, String text) throws InputException {
    if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InputException(
          where
              + "counter "
              + InputException.quote(name)
              + " has value "
              + InputException.quote(text)
              + ": expected a whole number");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new InputException(
          where
              + "counter "
              + InputException.quote(name)
              + " has value "
              + InputException.quote(text)
              + ": expected at most 2^63-1");
    }
  }

  /**
   * Returns the name used in messages.
   *
   * @return the file name
   */
  public String source() {
    return source;
  }

  /**
   * Returns every counter in file order.
   *
   * @return an unmodifiable map of counter name to value
   */
  public Map<String, Long> counters() {
    return counters;
  }

  /**
   * Returns a counter that a tool cannot work without.
   *
   * @param name the counter name, e.g. {@code "pgfault"}
   * @param tool who needs it, for the message (e.g. {@code "sar -B"})
   * @return its value
   * @throws InputException naming the file and the missing counter
   */
  public long require(String name, String tool) throws InputException {
    Long v = counters.get(name);
    if (v == null) {
      throw new InputException(
          source + ": missing counter \"" + name + "\": " + tool + " needs it");
    }
    return v;
  }
}
