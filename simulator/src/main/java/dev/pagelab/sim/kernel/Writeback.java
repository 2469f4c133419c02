package dev.pagelab.sim.kernel;

/**
 * Dirty-page limits and the flusher, as {@code mm/page-writeback.c} and {@code fs/fs-writeback.c}
 * compute them: {@code domain_dirty_limits} over {@code global_dirtyable_memory}, the background
 * flusher above {@code dirty_background_ratio}, the throttled writer above {@code dirty_ratio}
 * ({@code balance_dirty_pages}), and the periodic flush every {@code dirty_writeback_centisecs} of
 * inodes dirty for longer than {@code dirty_expire_centisecs} ({@code wb_check_old_data_flush}).
 *
 * <p>Writeback goes to the simulated disk ({@code cache.Disk}): the folios it starts are {@code
 * PG_writeback}, counted in meminfo's Writeback, until their request completes on the clock. Swap
 * I/O is still charged as {@link #DISK_REQUEST_NANOS} plus {@link #DISK_PAGE_NANOS} per page.
 */
public final class Writeback {
  /** The latency of one disk request. */
  public static final long DISK_REQUEST_NANOS = 100_000;

  /** The transfer time of one 4 KiB page. */
  public static final long DISK_PAGE_NANOS = 4_000;

  private static final long CENTISEC = 10_000_000L;

  private int dirtyRatio = 20;
  private int dirtyBackgroundRatio = 10;
  private int expireCentisecs = 3000;
  private int writebackCentisecs = 500;
  private int readAheadKb = 8192;
  private long nextWake;

  /** The thresholds in pages. */
  public record Limits(long backgroundPages, long thresholdPages) {}

  Writeback() {}

  /** {@code vm.dirty_ratio}. */
  public int dirtyRatio() {
    return dirtyRatio;
  }

  /** {@code vm.dirty_background_ratio}. */
  public int dirtyBackgroundRatio() {
    return dirtyBackgroundRatio;
  }

  /** {@code /sys/block/vda/queue/read_ahead_kb} in pages ({@code ra_pages}). */
  public int readAheadPages() {
    return readAheadKb / 4;
  }

  /** Sets {@code read_ahead_kb}; files opened from now on use it. */
  public void setReadAheadKb(int kb) {
    if (kb < 0 || kb % 4 != 0) {
      throw new IllegalArgumentException("read_ahead_kb=" + kb + ": expected a multiple of 4");
    }
    readAheadKb = kb;
  }

  void setRatio(boolean foreground, int value) {
    if (foreground) {
      dirtyRatio = value;
    } else {
      dirtyBackgroundRatio = value;
    }
  }

  void setCentisecs(boolean expire, int value, long now) {
    if (expire) {
      expireCentisecs = value;
    } else {
      writebackCentisecs = value;
      start(now);
    }
  }

  void start(long now) {
    nextWake = writebackCentisecs == 0 ? Long.MAX_VALUE : now + writebackCentisecs * CENTISEC;
  }

  long nextWakeNanos() {
    return nextWake;
  }

  /**
   * {@code domain_dirty_limits}: each ratio is turned into a fraction of a page first ({@code ratio
   * * PAGE_SIZE / 100}), as the kernel does; a background limit at or above the hard one becomes
   * half of it.
   */
  public Limits limits(Machine m) {
    long available = m.dirtyablePages();
    long thresh = (dirtyRatio * 4096L / 100) * available / 4096;
    long bg = (dirtyBackgroundRatio * 4096L / 100) * available / 4096;
    if (bg >= thresh) {
      bg = thresh / 2;
    }
    return new Limits(bg, thresh);
  }

  /** The flusher wakes: expired inodes, then background writeback down to the background limit. */
  void wake(Machine m) {
    m.pageCache().writebackExpired(m.nanos() - expireCentisecs * CENTISEC);
    long over = m.pageCache().dirtyPages() - limits(m).backgroundPages();
    if (over > 0) {
      m.pageCache().writebackSome(over);
    }
    nextWake = m.nanos() + writebackCentisecs * CENTISEC;
  }

  /**
   * {@code balance_dirty_pages}: a writer above the hard limit starts writeback down to it and
   * sleeps until those writes complete (the kernel counts {@code NR_WRITEBACK} with the dirty pages
   * against the limit, so the writer waits for the disk).
   */
  void balanceDirtyPages(Machine m) {
    long over = m.pageCache().dirtyPages() - limits(m).thresholdPages();
    if (over > 0) {
      m.pageCache().writebackSome(over);
      m.pageCache().waitForWriteback();
    }
  }
}
