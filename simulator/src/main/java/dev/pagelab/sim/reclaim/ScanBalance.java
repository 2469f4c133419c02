package dev.pagelab.sim.reclaim;

/**
 * How one round of reclaim splits its scanning between the anonymous and the file LRU lists: the
 * decision of {@code get_scan_count} and {@code prepare_scan_control} in mm/vmscan.c (Linux 6.x,
 * global reclaim, no MGLRU).
 *
 * <p>In order: no usable swap scans only file pages; priority 0 with {@code swappiness > 0} scans
 * both equally; when the file pages and free memory together are below the high watermarks ({@code
 * file_is_tiny}) and the inactive anon list is not low, only anon; with plenty of inactive file
 * pages that are not being refilled ({@code cache_trim_mode}), only file; otherwise each side gets
 * its share of {@code swappiness} against {@code 200 - swappiness}. The kernel weighs these shares
 * by the recent cost of each side (refaults and rotations); the simulator does not track those
 * costs, so the shares are those of equal costs.
 *
 * @param anon the weight of the anon lists
 * @param file the weight of the file lists
 */
public record ScanBalance(long anon, long file) {
  /** {@code SCAN_FILE}: only the file lists. */
  public static final ScanBalance FILE = new ScanBalance(0, 1);

  /** {@code SCAN_ANON}: only the anon lists. */
  public static final ScanBalance ANON = new ScanBalance(1, 0);

  /** {@code SCAN_EQUAL}: both in full. */
  public static final ScanBalance EQUAL = new ScanBalance(1, 1);

  /**
   * The weights; at least one is positive.
   *
   * @param anon the weight of the anon lists
   * @param file the weight of the file lists
   */
  public ScanBalance {
    if (anon < 0 || file < 0 || anon + file == 0) {
      throw new IllegalArgumentException("ScanBalance: weights " + anon + " and " + file);
    }
  }

  /**
   * The state of the node that {@code get_scan_count} looks at.
   *
   * @param canSwap a swap area with free slots exists ({@code can_reclaim_anon_pages})
   * @param swappiness {@code vm.swappiness}, 0..200
   * @param priority the reclaim priority, 12..0
   * @param freePages free pages of the node
   * @param filePages active plus inactive file pages
   * @param inactiveFile inactive file pages
   * @param inactiveFileLow {@code inactive_is_low} for the file lists
   * @param inactiveAnon inactive anon pages
   * @param inactiveAnonLow {@code inactive_is_low} for the anon lists
   * @param highWatermarks the sum of the zones' high watermarks
   */
  public record NodeState(
      boolean canSwap,
      int swappiness,
      int priority,
      long freePages,
      long filePages,
      long inactiveFile,
      boolean inactiveFileLow,
      long inactiveAnon,
      boolean inactiveAnonLow,
      long highWatermarks) {}

  /**
   * {@code get_scan_count}: the balance for one round.
   *
   * @param s the node's state
   * @return the weights of the anon and the file side
   */
  public static ScanBalance of(NodeState s) {
    if (!s.canSwap()) {
      return FILE;
    }
    if (s.priority() == 0 && s.swappiness() > 0) {
      return EQUAL;
    }
    boolean fileIsTiny =
        s.filePages() + s.freePages() <= s.highWatermarks()
            && !s.inactiveAnonLow()
            && (s.inactiveAnon() >> s.priority()) > 0;
    if (fileIsTiny) {
      return ANON;
    }
    boolean cacheTrimMode = (s.inactiveFile() >> s.priority()) > 0 && !s.inactiveFileLow();
    if (cacheTrimMode || s.swappiness() == 0) {
      return FILE;
    }
    return new ScanBalance(s.swappiness(), 200L - s.swappiness());
  }

  /**
   * The part of {@code lruPages >> priority} this balance scans on one side ({@code scan =
   * div64_u64(scan * fraction[file], denominator)}).
   *
   * @param scan {@code lru_size >> priority}
   * @param fileSide true for a file list
   * @return the pages to scan
   */
  public long share(long scan, boolean fileSide) {
    if (this.equals(EQUAL)) {
      return scan;
    }
    return scan * (fileSide ? file : anon) / (anon + file);
  }
}
