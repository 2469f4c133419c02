package dev.pagelab.sim.khugepaged;

import java.util.List;

/**
 * The writable knobs of {@code /sys/kernel/mm/transparent_hugepage/khugepaged/}, with the defaults
 * of {@code khugepaged_init} and the static initialisers in mm/khugepaged.c (Linux 6.18).
 *
 * @param pagesToScan {@code pages_to_scan}: PTEs (or VMAs) scanned per wake, 1..UINT_MAX
 * @param scanSleepMillisecs {@code scan_sleep_millisecs}: sleep between wakes, 0..UINT_MAX
 * @param allocSleepMillisecs {@code alloc_sleep_millisecs}: sleep after a failed huge page
 *     allocation, 0..UINT_MAX
 * @param maxPtesNone {@code max_ptes_none}: empty or zero-page PTEs a collapse may fill, 0..511
 * @param maxPtesSwap {@code max_ptes_swap}: swapped-out PTEs a collapse may swap in, 0..511
 * @param maxPtesShared {@code max_ptes_shared}: PTEs of pages shared with another process, 0..511
 * @param defrag {@code defrag}: khugepaged's allocations may reclaim and compact ({@code
 *     GFP_TRANSHUGE}) instead of failing fast ({@code GFP_TRANSHUGE_LIGHT})
 */
public record KhugepagedSettings(
    long pagesToScan,
    long scanSleepMillisecs,
    long allocSleepMillisecs,
    int maxPtesNone,
    int maxPtesSwap,
    int maxPtesShared,
    boolean defrag) {

  /** {@code HPAGE_PMD_NR}: small pages in one PMD-sized huge page on x86-64. */
  public static final int HPAGE_PMD_NR = 512;

  /** {@code UINT_MAX}, the largest value {@code kstrtouint} accepts. */
  public static final long UINT_MAX = 0xFFFF_FFFFL;

  /**
   * The kernel's defaults: {@code pages_to_scan = HPAGE_PMD_NR * 8}, 10000 ms and 60000 ms of
   * sleep, {@code max_ptes_none = HPAGE_PMD_NR - 1}, {@code max_ptes_swap = HPAGE_PMD_NR / 8},
   * {@code max_ptes_shared = HPAGE_PMD_NR / 2} and {@code defrag = 1}.
   */
  public static final KhugepagedSettings DEFAULTS =
      new KhugepagedSettings(
          HPAGE_PMD_NR * 8L,
          10_000,
          60_000,
          HPAGE_PMD_NR - 1,
          HPAGE_PMD_NR / 8,
          HPAGE_PMD_NR / 2,
          true);

  /** The writable files, in the order of {@code khugepaged_attr[]}. */
  public static final List<String> KNOBS =
      List.of(
          "defrag",
          "max_ptes_none",
          "max_ptes_swap",
          "max_ptes_shared",
          "pages_to_scan",
          "scan_sleep_millisecs",
          "alloc_sleep_millisecs");

  /**
   * Settings within the ranges the store functions accept.
   *
   * @throws IllegalArgumentException naming the knob, the value and the range
   */
  public KhugepagedSettings {
    check("pages_to_scan", pagesToScan, 1, UINT_MAX);
    check("scan_sleep_millisecs", scanSleepMillisecs, 0, UINT_MAX);
    check("alloc_sleep_millisecs", allocSleepMillisecs, 0, UINT_MAX);
    check("max_ptes_none", maxPtesNone, 0, HPAGE_PMD_NR - 1);
    check("max_ptes_swap", maxPtesSwap, 0, HPAGE_PMD_NR - 1);
    check("max_ptes_shared", maxPtesShared, 0, HPAGE_PMD_NR - 1);
  }

  private static void check(String knob, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(outOfRange(knob, Long.toString(value), min, max));
    }
  }

  private static String outOfRange(String knob, String value, long min, long max) {
    return "khugepaged/" + knob + ": " + value + " is out of range, expected " + min + ".." + max;
  }

  /**
   * The text {@code cat} prints for a writable knob, as the {@code *_show} functions emit it.
   *
   * @param knob a name from {@link #KNOBS}
   * @return the value and a newline
   * @throws IllegalArgumentException if the knob is not one of {@link #KNOBS}
   */
  public String show(String knob) {
    long v =
        switch (knob) {
          case "defrag" -> defrag ? 1 : 0;
          case "max_ptes_none" -> maxPtesNone;
          case "max_ptes_swap" -> maxPtesSwap;
          case "max_ptes_shared" -> maxPtesShared;
          case "pages_to_scan" -> pagesToScan;
          case "scan_sleep_millisecs" -> scanSleepMillisecs;
          case "alloc_sleep_millisecs" -> allocSleepMillisecs;
          default -> throw new IllegalArgumentException("show: no khugepaged file " + knob);
        };
    return v + "\n";
  }

  /**
   * The settings after {@code echo text > khugepaged/knob}, validated as the kernel's store
   * function does: {@code kstrtouint}/{@code kstrtoul} base 10 (an optional {@code +} and one
   * trailing newline allowed), {@code pages_to_scan} not 0, {@code max_ptes_*} at most {@code
   * HPAGE_PMD_NR - 1}, {@code defrag} 0 or 1 ({@code single_hugepage_flag_store}).
   *
   * @param knob the file name, e.g. {@code max_ptes_none}
   * @param text what is written
   * @return the new settings
   * @throws SysfsWriteException with the errno and a one-line message naming file, value and range
   */
  public KhugepagedSettings withKnob(String knob, String text) throws SysfsWriteException {
    if (knob.equals("pages_collapsed") || knob.equals("full_scans")) {
      throw new SysfsWriteException("EACCES", "khugepaged/" + knob + ": read-only file");
    }
    long max =
        switch (knob) {
          case "defrag" -> 1;
          case "max_ptes_none", "max_ptes_swap", "max_ptes_shared" -> HPAGE_PMD_NR - 1;
          case "pages_to_scan", "scan_sleep_millisecs", "alloc_sleep_millisecs" -> UINT_MAX;
          default ->
              throw new SysfsWriteException("ENOENT", "khugepaged/" + knob + ": no such file");
        };
    long min = knob.equals("pages_to_scan") ? 1 : 0;
    long v = parseUnsigned(knob, text);
    if (v < min || v > max) {
      throw new SysfsWriteException("EINVAL", outOfRange(knob, quoted(text), min, max));
    }
    return with(knob, v);
  }

  private KhugepagedSettings with(String knob, long v) {
    return switch (knob) {
      case "defrag" ->
          new KhugepagedSettings(
              pagesToScan,
              scanSleepMillisecs,
              allocSleepMillisecs,
              maxPtesNone,
              maxPtesSwap,
              maxPtesShared,
              v == 1);
      case "max_ptes_none" ->
          new KhugepagedSettings(
              pagesToScan,
              scanSleepMillisecs,
              allocSleepMillisecs,
              (int) v,
              maxPtesSwap,
              maxPtesShared,
              defrag);
      case "max_ptes_swap" ->
          new KhugepagedSettings(
              pagesToScan,
              scanSleepMillisecs,
              allocSleepMillisecs,
              maxPtesNone,
              (int) v,
              maxPtesShared,
              defrag);
      case "max_ptes_shared" ->
          new KhugepagedSettings(
              pagesToScan,
              scanSleepMillisecs,
              allocSleepMillisecs,
              maxPtesNone,
              maxPtesSwap,
              (int) v,
              defrag);
      case "pages_to_scan" ->
          new KhugepagedSettings(
              v,
              scanSleepMillisecs,
              allocSleepMillisecs,
              maxPtesNone,
              maxPtesSwap,
              maxPtesShared,
              defrag);
      case "scan_sleep_millisecs" ->
          new KhugepagedSettings(
              pagesToScan, v, allocSleepMillisecs, maxPtesNone, maxPtesSwap, maxPtesShared, defrag);
      default ->
          new KhugepagedSettings(
              pagesToScan, scanSleepMillisecs, v, maxPtesNone, maxPtesSwap, maxPtesShared, defrag);
    };
  }

  /** {@code kstrtoul(buf, 10, ...)}: digits, an optional leading '+', one trailing newline. */
  private static long parseUnsigned(String knob, String text) throws SysfsWriteException {
    String s = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    if (s.startsWith("+")) {
      s = s.substring(1);
    }
    if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new SysfsWriteException(
          "EINVAL",
          "khugepaged/" + knob + ": " + quoted(text) + " is not an unsigned decimal number");
    }
    // Anything longer than UINT_MAX's digits is out of range either way (ERANGE becomes EINVAL).
    String trimmed = s.replaceFirst("^0+(?=.)", "");
    return trimmed.length() > 19 ? Long.MAX_VALUE : parseCapped(trimmed);
  }

  private static long parseCapped(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static String quoted(String text) {
    return "'" + text.strip() + "'";
  }
}
