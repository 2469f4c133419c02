package dev.pagelab.sim.proc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * {@code /proc/buddyinfo}: one line per populated zone with the number of free blocks of each order
 * 0..10, as {@code mm/vmstat.c frag_show_print} prints it ({@code "Node %d, zone %8s "}, then
 * {@code "%6lu "} per order, then a newline).
 */
public final class BuddyinfoFormat {
  /** Orders per line ({@code NR_PAGE_ORDERS}: 0 to {@code MAX_PAGE_ORDER} 10). */
  public static final int ORDERS = 11;

  private BuddyinfoFormat() {}

  /**
   * One zone's line.
   *
   * @param node the NUMA node
   * @param zone the zone name ({@code DMA}, {@code DMA32}, {@code Normal}, ...)
   * @param freeBlocks free blocks of each order 0..10 ({@code free_area[order].nr_free})
   */
  public record Zone(int node, String zone, long[] freeBlocks) {
    /** Checks the parts and copies the counts. */
    public Zone {
      Objects.requireNonNull(zone, "zone");
      if (freeBlocks.length != ORDERS) {
        throw new IllegalArgumentException(
            "BuddyinfoFormat.Zone: " + freeBlocks.length + " orders, expected " + ORDERS);
      }
      freeBlocks = freeBlocks.clone();
    }

    /** The free blocks of each order (a copy). */
    @Override
    public long[] freeBlocks() {
      return freeBlocks.clone();
    }

    /** Free pages in the zone: the sum of {@code blocks << order}. */
    public long freePages() {
      long pages = 0;
      for (int order = 0; order < ORDERS; order++) {
        pages += freeBlocks[order] << order;
      }
      return pages;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Zone z
          && z.node == node
          && z.zone.equals(zone)
          && Arrays.equals(z.freeBlocks, freeBlocks);
    }

    @Override
    public int hashCode() {
      return Objects.hash(node, zone, Arrays.hashCode(freeBlocks));
    }

    @Override
    public String toString() {
      return "Zone[" + node + ", " + zone + ", " + Arrays.toString(freeBlocks) + "]";
    }
  }

  /** The text of {@code /proc/buddyinfo} for the given zones, lowest first. */
  public static String format(List<Zone> zones) {
    StringBuilder sb = new StringBuilder();
    for (Zone z : zones) {
      sb.append(String.format("Node %d, zone %8s ", z.node(), z.zone()));
      for (long n : z.freeBlocks) {
        sb.append(String.format("%6d ", n));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * Reads a {@code /proc/buddyinfo} text back.
   *
   * @param source the file name, for error messages
   * @param text the text
   * @return the zones in the order of the text
   * @throws ProcFormatException naming the line that does not have the kernel's layout
   */
  public static List<Zone> parse(String source, String text) throws ProcFormatException {
    List<Zone> zones = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() && i == lines.length - 1) {
        break;
      }
      String[] words = line.trim().split(" +");
      if (words.length != 4 + ORDERS
          || !words[0].equals("Node")
          || !words[1].endsWith(",")
          || !words[2].equals("zone")) {
        throw new ProcFormatException(
            source,
            i + 1,
            "\"" + line + "\": expected \"Node N, zone NAME\" and " + ORDERS + " counts");
      }
      long[] counts = new long[ORDERS];
      try {
        int node = Integer.parseInt(words[1].substring(0, words[1].length() - 1));
        for (int order = 0; order < ORDERS; order++) {
          counts[order] = Long.parseLong(words[4 + order]);
        }
        zones.add(new Zone(node, words[3], counts));
      } catch (NumberFormatException e) {
        throw new ProcFormatException(
            source, i + 1, "\"" + line + "\": expected whole numbers (" + e.getMessage() + ")");
      }
    }
    return zones;
  }
}
