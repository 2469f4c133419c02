package dev.pagelab.sim.phys;

/**
 * Pageblocks: the aligned blocks of {@code 2^}{@value #PAGEBLOCK_ORDER} frames (2 MiB) that the
 * kernel tags with a migrate type ({@code include/linux/pageblock-flags.h}, {@code pageblock_order}
 * = {@code HPAGE_PMD_ORDER} on x86-64). The types themselves are kept by each zone's {@link
 * BuddyAllocator}, which groups allocations by mobility as {@code mm/page_alloc.c} does; a type is
 * set when a fallback claims a block, so the fault path pays nothing extra.
 *
 * <p>A long-term pin does not change its block's type, as in the kernel: the pinned page stays in
 * its movable block, and that block can no longer be emptied by compaction.
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

  /** The migrate type of the pageblock holding {@code pfn} ({@code get_pageblock_migratetype}). */
  public static MigrateType migrateType(PhysicalMemory memory, long pfn) {
    int zone = memory.zoneIndexOf(pfn);
    if (zone < 0) {
      throw new IllegalArgumentException("Pageblocks.migrateType: frame " + pfn + " is in no zone");
    }
    return memory.zone(zone).pageblockType(pfn);
  }
}
