package dev.pagelab.sim.khugepaged;

/** Something khugepaged or MADV_COLLAPSE did, for the scenario log. */
public sealed interface KhugepagedEvent {
  /**
   * When it happened on the simulated clock.
   *
   * @return milliseconds
   */
  long timeMillis();

  /**
   * The line the scenario log prints.
   *
   * @return one line, no newline
   */
  String logLine();

  /**
   * A range became one huge page.
   *
   * @param timeMillis when
   * @param mode who collapsed it
   * @param mmId the address space (pid)
   * @param address the 2 MiB-aligned range
   */
  record Collapsed(long timeMillis, CollapseMode mode, int mmId, long address)
      implements KhugepagedEvent {
    @Override
    public String logLine() {
      return prefix(mode) + "collapsed 0x" + Long.toHexString(address) + " in pid " + mmId;
    }
  }

  /**
   * A range passed the scan but its collapse failed.
   *
   * @param timeMillis when
   * @param mode who tried
   * @param mmId the address space (pid)
   * @param address the range
   * @param result why
   */
  record CollapseFailed(
      long timeMillis, CollapseMode mode, int mmId, long address, ScanResult result)
      implements KhugepagedEvent {
    @Override
    public String logLine() {
      return prefix(mode)
          + "collapse of 0x"
          + Long.toHexString(address)
          + " in pid "
          + mmId
          + " failed: "
          + result.traceName();
    }
  }

  /**
   * The cursor passed the last mm slot: {@code full_scans} went up.
   *
   * @param timeMillis when
   * @param fullScans the new value of {@code full_scans}
   */
  record FullScan(long timeMillis, long fullScans) implements KhugepagedEvent {
    @Override
    public String logLine() {
      return "khugepaged: full scan " + fullScans + " done";
    }
  }

  /**
   * The first failed allocation of a wake: khugepaged sleeps {@code alloc_sleep_millisecs}.
   *
   * @param timeMillis when
   * @param untilMillis when it scans again
   */
  record AllocSleep(long timeMillis, long untilMillis) implements KhugepagedEvent {
    @Override
    public String logLine() {
      return "khugepaged: huge page allocation failed, sleeping "
          + (untilMillis - timeMillis)
          + " ms";
    }
  }

  private static String prefix(CollapseMode mode) {
    return mode.isKhugepaged() ? "khugepaged: " : "madvise(MADV_COLLAPSE): ";
  }
}
