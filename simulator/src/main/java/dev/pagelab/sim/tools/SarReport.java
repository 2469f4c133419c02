package dev.pagelab.sim.tools;

import java.util.List;

/**
 * The {@code sar} reports {@link Sar} prints, with their column names as sysstat's {@code
 * activity.c} declares them ({@code hdr_line} of {@code A_MEMORY} and {@code A_PAGE}).
 */
public enum SarReport {
  /** {@code sar -r}: memory utilization. */
  MEMORY(
      List.of(
          "kbmemfree",
          "kbavail",
          "kbmemused",
          "%memused",
          "kbbuffers",
          "kbcached",
          "kbcommit",
          "%commit",
          "kbactive",
          "kbinact",
          "kbdirty")),
  /** {@code sar -r ALL}: memory utilization with the extended fields. */
  MEMORY_ALL(
      List.of(
          "kbmemfree",
          "kbavail",
          "kbmemused",
          "%memused",
          "kbbuffers",
          "kbcached",
          "kbcommit",
          "%commit",
          "kbactive",
          "kbinact",
          "kbdirty",
          "kbanonpg",
          "kbslab",
          "kbkstack",
          "kbpgtbl",
          "kbvmused")),
  /** {@code sar -B}: paging statistics. */
  PAGING(
      List.of(
          "pgpgin/s",
          "pgpgout/s",
          "fault/s",
          "majflt/s",
          "pgfree/s",
          "pgscank/s",
          "pgscand/s",
          "pgsteal/s",
          "%vmeff"));

  private final List<String> columns;

  SarReport(List<String> columns) {
    this.columns = columns;
  }

  /**
   * Returns the column names after the time column.
   *
   * @return the names in print order
   */
  public List<String> columns() {
    return columns;
  }

  /**
   * Returns the {@code /proc/meminfo} fields the report needs (none for {@code -B}).
   *
   * @return the field names sadc's {@code rd_stats.c read_meminfo} reads for it
   */
  public List<String> meminfoFields() {
    List<String> base =
        List.of(
            "MemTotal",
            "MemFree",
            "MemAvailable",
            "Buffers",
            "Cached",
            "Slab",
            "Committed_AS",
            "SwapTotal",
            "Active",
            "Inactive",
            "Dirty");
    return switch (this) {
      case MEMORY -> base;
      case MEMORY_ALL ->
          concat(base, List.of("AnonPages", "KernelStack", "PageTables", "VmallocUsed"));
      case PAGING -> List.of();
    };
  }

  /**
   * Returns the {@code /proc/vmstat} counters the report needs by exact name (the {@code pgscan_}
   * and {@code pgsteal_} sums may have no line at all).
   *
   * @return the counter names
   */
  public List<String> vmstatFields() {
    return this == PAGING
        ? List.of("pgpgin", "pgpgout", "pgfault", "pgmajfault", "pgfree")
        : List.of();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
