package dev.pagelab.sim.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A parsed {@code /proc/meminfo}: field names in file order with their values, in kB except for the
 * unit-less {@code HugePages_*} counts.
 *
 * <p>The kernel prints each line as {@code "%-15s %8lu kB"} ({@code fs/proc/meminfo.c
 * show_val_kb}); the counts have no unit. procps-ng ({@code library/meminfo.c meminfo_read_failed})
 * reads every line as {@code name:} then {@code strtoul} and silently takes 0 for anything it
 * cannot read; this parser is stricter and rejects malformed lines with a one-line message naming
 * the file, the line and the offending text.
 */
public final class MeminfoFile {
  private final String source;
  private final Map<String, Long> fields;

  private MeminfoFile(String source, Map<String, Long> fields) {
    this.source = source;
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /**
   * Wraps values the simulator computed itself (no parsing involved).
   *
   * @param source a name for messages, e.g. {@code "/proc/meminfo"}
   * @param fields field name to value (kB, or a plain count for {@code HugePages_*}), in print
   *     order
   * @return the meminfo
   */
  public static MeminfoFile of(String source, Map<String, Long> fields) {
    for (Map.Entry<String, Long> e : fields.entrySet()) {
      if (e.getValue() == null || e.getValue() < 0) {
        throw new IllegalArgumentException(
            "MeminfoFile.of: field "
                + e.getKey()
                + " has value "
                + e.getValue()
                + ", expected >= 0");
      }
    }
    return new MeminfoFile(source, fields);
  }

  /**
   * Reads and parses a meminfo file.
   *
   * @param path the file, e.g. {@code /proc/meminfo}
   * @return the parsed file
   * @throws InputException if the file cannot be read or a line is malformed
   */
  public static MeminfoFile read(Path path) throws InputException {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new InputException(path + ": no such file: expected a /proc/meminfo file");
    } catch (IOException e) {
      throw new InputException(path + ": cannot read: " + e.getClass().getSimpleName());
    }
    return parse(path.toString(), text);
  }

  /**
   * Parses meminfo text.
   *
   * @param source the file name used in messages
   * @param text the whole file
   * @return the parsed file
   * @throws InputException naming the file, line number and text of the first malformed line
   */
  public static MeminfoFile parse(String source, String text) throws InputException {
    if (text.isEmpty()) {
      throw new InputException(source + ": empty file: expected the lines of /proc/meminfo");
    }
    String[] lines = text.split("\n", -1);
    int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
    Map<String, Long> fields = new LinkedHashMap<>();
    Map<String, Integer> firstLine = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String where = source + ":" + (i + 1) + ": ";
      Field f = parseLine(where, lines[i]);
      Integer seen = firstLine.putIfAbsent(f.name, i + 1);
      if (seen != null) {
        throw new InputException(
            where
                + "field "
                + InputException.quote(f.name)
                + " appears again (first on line "
                + seen
                + ")");
      }
      fields.put(f.name, f.value);
    }
    return new MeminfoFile(source, fields);
  }

  private record Field(String name, long value) {}

  /** Parses {@code Name: value [kB]}. */
  private static Field parseLine(String where, String line) throws InputException {
    int colon = line.indexOf(':');
    String expected = "expected \"Name:   <number> kB\" or \"Name:   <number>\"";
    if (colon <= 0
        || line.substring(0, colon).isBlank()
        || line.substring(0, colon).contains(" ")) {
      throw new InputException(where + "bad line " + InputException.quote(line) + ": " + expected);
    }
    String name = line.substring(0, colon);
    String[] words = line.substring(colon + 1).trim().split("\\s+");
    if (words.length == 0 || words[0].isEmpty() || words.length > 2) {
      throw new InputException(where + "bad line " + InputException.quote(line) + ": " + expected);
    }
    if (words.length == 2 && !words[1].equals("kB")) {
      throw new InputException(
          where
              + "field "
              + InputException.quote(name)
              + " has unit "
              + InputException.quote(words[1])
              + ": expected \"kB\" or none");
    }
    if (!words[0].chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InputException(
          where
              + "field "
              + InputException.quote(name)
              + " has value "
              + InputException.quote(words[0])
              + ": expected a whole number");
    }
    try {
      return new Field(name, Long.parseLong(words[0]));
    } catch (NumberFormatException e) {
      throw new InputException(
          where
              + "field "
              + InputException.quote(name)
              + " has value "
              + InputException.quote(words[0])
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
   * Returns every field in file order.
   *
   * @return an unmodifiable map of field name to value
   */
  public Map<String, Long> fields() {
    return fields;
  }

  /**
   * Returns a field if present.
   *
   * @param name the field name without the colon, e.g. {@code "MemFree"}
   * @return its value, or empty
   */
  public OptionalLong get(String name) {
    Long v = fields.get(name);
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  /**
   * Returns a field, or 0 when the kernel does not print it (what procps-ng does for every field).
   *
   * @param name the field name
   * @return its value or 0
   */
  public long getOrZero(String name) {
    return fields.getOrDefault(name, 0L);
  }

  /**
   * Returns a field that a tool cannot work without.
   *
   * @param name the field name
   * @param tool who needs it, for the message (e.g. {@code "free"})
   * @return its value
   * @throws InputException naming the file and the missing field
   */
  public long require(String name, String tool) throws InputException {
    Long v = fields.get(name);
    if (v == null) {
      throw new InputException(source + ": missing field \"" + name + ":\": " + tool + " needs it");
    }
    return v;
  }
}
