package dev.pagelab.sim.proc;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the per-zone reserve lines of {@code /proc/zoneinfo} ({@code mm/vmstat.c
 * zoneinfo_show_print}): the {@code Node N, zone NAME} header, {@code pages free}, {@code min},
 * {@code low}, {@code high}, {@code promo}, {@code spanned}, {@code present}, {@code managed} and
 * {@code protection: (a, b, ...)}. Every other line is skipped.
 */
public final class ZoneinfoParser {

  private ZoneinfoParser() {}

  /**
   * One zone's reserve lines, in pages.
   *
   * @param node the NUMA node
   * @param name the zone name ({@code DMA}, {@code DMA32}, {@code Normal}, {@code Movable}, {@code
   *     Device})
   * @param free {@code pages free}
   * @param min the min watermark
   * @param low the low watermark
   * @param high the high watermark
   * @param promo the promotion watermark
   * @param spanned frames the zone spans
   * @param present frames that are RAM
   * @param managed frames the buddy allocator manages
   * @param protection {@code lowmem_reserve[]}
   */
  public record ZoneStats(
      int node,
      String name,
      long free,
      long min,
      long low,
      long high,
      long promo,
      long spanned,
      long present,
      long managed,
      List<Long> protection) {
    /** Copies the protection list. */
    public ZoneStats {
      protection = List.copyOf(protection);
    }
  }

  private static final List<String> KEYS =
      List.of("min", "low", "high", "promo", "spanned", "present", "managed");

  /** The zones of a {@code /proc/zoneinfo} text, in file order. */
  public static List<ZoneStats> parse(String text, String source) throws ProcFormatException {
    List<ZoneStats> zones = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    Builder current = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String[] t = line.strip().split("\\s+");
      if (line.startsWith("Node ")) {
        finish(current, zones, source);
        current = header(line, source, i + 1);
      } else if (current == null || t.length == 0) {
        continue;
      } else if (line.startsWith("  pages free") && t.length == 3) {
        current.values[0] = number(t[2], source, i + 1);
      } else if (t.length == 2
          && KEYS.contains(t[0])
          && current.values[1 + KEYS.indexOf(t[0])] < 0) {
        current.values[1 + KEYS.indexOf(t[0])] = number(t[1], source, i + 1);
      } else if (t[0].equals("protection:")) {
        current.protection = protection(line, source, i + 1);
      }
    }
    finish(current, zones, source);
    if (zones.isEmpty()) {
      throw new ProcFormatException(source, 0, "expected at least one 'Node N, zone NAME' block");
    }
    return zones;
  }

  private static final class Builder {
    final int node;
    final String name;
    final int line;
    final long[] values = {-1, -1, -1, -1, -1, -1, -1, -1};
    List<Long> protection;

    Builder(int node, String name, int line) {
      this.node = node;
      this.name = name;
      this.line = line;
    }
  }

  private static Builder header(String line, String source, int lineNo) throws ProcFormatException {
    String[] t = line.split("[ ,]+");
    if (t.length != 4 || !t[2].equals("zone")) {
      throw new ProcFormatException(
          source, lineNo, "expected 'Node <n>, zone <name>', got '" + line + "'");
    }
    return new Builder((int) number(t[1], source, lineNo), t[3], lineNo);
  }

  private static void finish(Builder b, List<ZoneStats> zones, String source)
      throws ProcFormatException {
    if (b == null) {
      return;
    }
    String[] names = {"pages free", "min", "low", "high", "promo", "spanned", "present", "managed"};
    for (int k = 0; k < names.length; k++) {
      if (b.values[k] < 0) {
        throw new ProcFormatException(
            source, b.line, "zone " + b.name + " has no '" + names[k] + "' line");
      }
    }
    if (b.protection == null) {
      throw new ProcFormatException(
          source, b.line, "zone " + b.name + " has no 'protection:' line");
    }
    long[] v = b.values;
    zones.add(
        new ZoneStats(
            b.node, b.name, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], b.protection));
  }

  private static List<Long> protection(String line, String source, int lineNo)
      throws ProcFormatException {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new ProcFormatException(
          source, lineNo, "expected 'protection: (a, b, ...)', got '" + line.strip() + "'");
    }
    List<Long> values = new ArrayList<>();
    for (String part : line.substring(open + 1, close).split(",")) {
      values.add(number(part.strip(), source, lineNo));
    }
    return values;
  }

  private static long number(String s, String source, int lineNo) throws ProcFormatException {
    try {
      long v = Long.parseLong(s);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ProcFormatException(source, lineNo, "expected a number >= 0, got '" + s + "'");
    }
  }
}
