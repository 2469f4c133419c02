package dev.pagelab.sim.phys;

/**
 * The migrate type of a page or a pageblock ({@code enum migratetype} of {@code
 * include/linux/mmzone.h}), as far as compaction needs it: whether its pages can be moved.
 */
public enum MigrateType {
  /** {@code MIGRATE_UNMOVABLE}: kernel memory and page tables, and pinned user pages. */
  UNMOVABLE,
  /** {@code MIGRATE_MOVABLE}: user pages (anonymous, page cache, shared memory). */
  MOVABLE;

  /**
   * The migrate type the kernel allocates a frame of this owner with: user pages come with {@code
   * GFP_HIGHUSER_MOVABLE}, kernel memory and page tables with {@code GFP_KERNEL}; hugetlb pool
   * pages with {@code htlb_alloc_mask}, movable where hugepage migration is supported (x86-64),
   * though compaction itself does not move them ({@code isolate_migratepages_block} skips {@code
   * PageHuge} unless it allocates a contiguous range).
   */
  public static MigrateType of(FrameOwner owner) {
    return switch (owner) {
      case ANON, FILE, SHMEM, HUGETLB -> MOVABLE;
      case FREE, KERNEL, PAGE_TABLE -> UNMOVABLE;
    };
  }
}
