package dev.pagelab.sim.tools;

/** The sysstat release whose {@code sar} output {@link Sar} reproduces. */
public enum SysstatVersion {
  /**
   * sysstat 12.6 (12.6.1 on Debian 12, the truth machine): {@code kbmemused = MemTotal -
   * min(MemTotal, MemFree + Buffers + Cached + Slab)}, {@code pr_stats.c print_ram_memory_stats}.
   */
  V12_6("12.6"),
  /**
   * sysstat 12.7.8 and later: {@code kbmemused = MemTotal - MemAvailable}, the definition the
   * current sysstat sources use for "used memory" ({@code pcp_stats.c pcp_print_ram_memory_stats}
   * writes {@code mem.util.used = tlmkb - availablekb}).
   */
  V12_7("12.7");

  private final String label;

  SysstatVersion(String label) {
    this.label = label;
  }

  /**
   * Returns the version as given on the command line.
   *
   * @return {@code "12.6"} or {@code "12.7"}
   */
  public String label() {
    return label;
  }
}
