package dev.pagelab.sim.phys;

/**
 * Pageblocks: the aligned blocks of {@code 2^}{@value #PAGEBLOCK_ORDER} frames (2 MiB) that the
 * kernel tags with a migrate type ({@code include/linux/pageblock-flags.h}, {@code pageblock_order}
 * = {@code HPAGE_PMD_ORDER} on x86-64).
 *
 * <p>The kernel stores a migrate type per pageblock and steers allocations of each type into blocks
 * of that type ({@code mm/page_alloc.c __rmqueue_fallback}). This simulator's buddy allocator keeps
 * one free list per order, not one per type, so a pageblock's type is derived when compaction asks
 * for it: {@link MigrateType#UNMOVABLE} if the block holds a kernel or page-table frame, {@link
 * MigrateType#MOVABLE} otherwise. A pinned user page does not change its block's type, as in the
 * kernel, where a long-term pin leaves the page in its movable block. Nothing is kept per
 * allocation, so the fault path pays nothing for this.
 */
public final class Pageblocks {
  /** {@code pageblock_order}: 9 (2 MiB) on x86-64. */
  public static final int PAGEBLOCK_ORDER = 9;

  /** {@code pageblock_nr_pages}. */
  public static final long PAGEBLOCK_PAGES = 1L << PAGEBLOCK_ORDER;

  private Pageblocks() {}

  /** {@code pageblock_start_pfn}. */
  public static long start(long pfn) {
    return pfn & ~(PAGEBLOCK_PAGES - 1);
  }

  /** {@code pageblock_end_pfn}: the first frame of the next pageblock. */
  public static long end(long pfn) {
    return start(pfn) + PAGEBLOCK_PAGES;
  }

  /**
   * The migrate type of the pageblock holding {@code pfn} ({@code get_pageblock_migratetype}),
   * derived from the frames in it (see the class comment). Costs one look at each frame.
   */
  public static MigrateType migrateType(PhysicalMemory memory, long pfn) {
    long start = start(pfn);
    for (long f = start; f < start + PAGEBLOCK_PAGES && f < memory.maxPfn(); f++) {
      FrameOwner owner = memory.owner(f);
      if (owner != FrameOwner.FREE && MigrateType.of(owner) == MigrateType.UNMOVABLE) {
        return MigrateType.UNMOVABLE;
      }
    }
    return MigrateType.MOVABLE;
  }
}
