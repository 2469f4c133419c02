package dev.pagelab.sim.phys;

/**
 * The kernel's estimate of memory available to new programs without swapping, the {@code
 * MemAvailable} line of {@code /proc/meminfo}; follows {@code mm/show_mem.c si_mem_available}.
 *
 * <p>Free pages minus the reserves, plus the page cache and reclaimable kernel memory except the
 * part that must stay (half of it, or the sum of the low watermarks if that is smaller). All values
 * are in pages.
 */
public final class MemAvailable {

  private MemAvailable() {}

  /**
   * The counters {@code si_mem_available} reads, in pages.
   *
   * @param freePages {@code NR_FREE_PAGES} (MemFree)
   * @param activeFilePages the active file LRU (Active(file))
   * @param inactiveFilePages the inactive file LRU (Inactive(file))
   * @param reclaimableKernelPages reclaimable slab plus {@code NR_KERNEL_MISC_RECLAIMABLE}
   *     (KReclaimable)
   */
  public record Counters(
      long freePages, long activeFilePages, long inactiveFilePages, long reclaimableKernelPages) {
    /** Checks that no counter is negative. */
    public Counters {
      if (freePages < 0
          || activeFilePages < 0
          || inactiveFilePages < 0
          || reclaimableKernelPages < 0) {
        throw new IllegalArgumentException(
            "Counters: negative page count in "
                + freePages
                + "/"
                + activeFilePages
                + "/"
                + inactiveFilePages
                + "/"
                + reclaimableKernelPages);
      }
    }
  }

  /** MemAvailable in pages for these counters and reserves. */
  public static long pages(Counters counters, Watermarks watermarks) {
    return pages(counters, watermarks.totalreservePages(), watermarks.sumLowWatermarks());
  }

  /**
   * MemAvailable in pages.
   *
   * @param counters the page counters
   * @param totalreservePages {@code totalreserve_pages}
   * @param wmarkLowPages the sum of every zone's low watermark
   */
  public static long pages(Counters counters, long totalreservePages, long wmarkLowPages) {
    long available = counters.freePages() - totalreservePages;
    long pagecache = counters.activeFilePages() + counters.inactiveFilePages();
    pagecache -= Math.min(pagecache / 2, wmarkLowPages);
    available += pagecache;
    long reclaimable = counters.reclaimableKernelPages();
    available += reclaimable - Math.min(reclaimable / 2, wmarkLowPages);
    return Math.max(available, 0);
  }
}
