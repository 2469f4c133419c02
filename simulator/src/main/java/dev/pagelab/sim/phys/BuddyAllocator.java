package dev.pagelab.sim.phys;

/**
 * The binary buddy allocator of one zone (Linux {@code struct free_area}, orders 0 to {@value
 * #MAX_ORDER}).
 *
 * <p>A free block of order {@code k} is {@code 2^k} frames whose first frame number is a multiple
 * of {@code 2^k}; its buddy is the block whose number differs in bit {@code k}. Allocation takes a
 * block of the smallest order that has one and splits it, putting each upper half back ({@code
 * expand}); freeing merges a block with its buddy for as long as the buddy is free too ({@code
 * __free_one_page}).
 *
 * <p>Grouping by mobility ({@code mm/page_alloc.c __rmqueue}, {@code __rmqueue_fallback}, {@code
 * try_to_claim_block}): each pageblock of {@value Pageblocks#PAGEBLOCK_ORDER} orders has a migrate
 * type, all {@link MigrateType#MOVABLE} at boot, and a free block sits on the list of its first
 * pageblock's type. An allocation takes from its own type's lists first (smallest order first);
 * when they are empty it falls back to the other type's largest block, and claims that block's
 * pageblock for its own type (moving the pageblock's free blocks over) if the block is a whole
 * pageblock or more, or if it is at least {@code pageblock_order / 2} and half the pageblock is
 * free; an unmovable allocation that cannot claim takes the block anyway and leaves a mixed block.
 * So kernel memory and page tables gather in a few pageblocks and compaction can empty the rest.
 * Departure: the kernel's claim also counts allocated pages of the requested type ("alike pages");
 * this allocator does not know owners and counts free pages only.
 */
public final class BuddyAllocator {
  /** The largest order (Linux {@code MAX_PAGE_ORDER}): blocks of 1024 frames, 4 MiB. */
  public static final int MAX_ORDER = 10;

  private final long startPfn;
  private final long endPfn;
  private static final int MOVABLE = 0;
  private static final int UNMOVABLE = 1;
  private static final int PB = Pageblocks.PAGEBLOCK_ORDER;

  private final LongIndexSet[][] freeArea = new LongIndexSet[2][MAX_ORDER + 1];
  private final byte[] blockType;
  private final long firstBlock;
  private long freePages;
  private long freeEvents;

  /**
   * Creates the allocator of frames {@code [startPfn, endPfn)}, all of them free, each in the
   * largest aligned block that fits.
   */
  public BuddyAllocator(long startPfn, long endPfn) {
    if (startPfn < 0 || endPfn < startPfn) {
      throw new IllegalArgumentException(
          "BuddyAllocator: bad range [" + startPfn + ", " + endPfn + ")");
    }
    this.startPfn = startPfn;
    this.endPfn = endPfn;
    this.firstBlock = startPfn >>> PB;
    this.blockType = new byte[(int) (((endPfn + (1L << PB) - 1) >>> PB) - firstBlock)];
    for (int t = 0; t < 2; t++) {
      for (int order = 0; order <= MAX_ORDER; order++) {
        freeArea[t][order] = new LongIndexSet();
      }
    }
    long pfn = startPfn;
    while (pfn < endPfn) {
      int order = MAX_ORDER;
      while (order > 0 && ((pfn & ((1L << order) - 1)) != 0 || pfn + (1L << order) > endPfn)) {
        order--;
      }
      addFree(pfn, order);
      freePages += 1L << order;
      pfn += 1L << order;
    }
  }

  /** The first frame of the zone. */
  public long startPfn() {
    return startPfn;
  }

  /** The frame after the last one of the zone. */
  public long endPfn() {
    return endPfn;
  }

  /** True if the frame belongs to this zone. */
  public boolean contains(long pfn) {
    return pfn >= startPfn && pfn < endPfn;
  }

  /** How many blocks were freed into this zone so far (a change stamp for compaction). */
  public long freeEvents() {
    return freeEvents;
  }

  /** Free frames in the zone. */
  public long freePages() {
    return freePages;
  }

  /** The number of free blocks of each order 0..10, as {@code /proc/buddyinfo} prints them. */
  public long[] freeBlocksPerOrder() {
    long[] counts = new long[MAX_ORDER + 1];
    for (int order = 0; order <= MAX_ORDER; order++) {
      counts[order] = freeArea[MOVABLE][order].size() + freeArea[UNMOVABLE][order].size();
    }
    return counts;
  }

  /**
   * Allocates {@code 2^order} contiguous movable frames.
   *
   * @return the first frame number, or -1 if no block of that order or larger is free
   */
  public long allocate(int order) {
    return allocate(order, MigrateType.MOVABLE);
  }

  /**
   * Allocates {@code 2^order} contiguous frames of migrate type {@code type} ({@code __rmqueue}):
   * from that type's lists, else from the other type's largest block ({@code __rmqueue_fallback}).
   *
   * @return the first frame number, or -1 if no block of that order or larger is free
   */
  public long allocate(int order, MigrateType type) {
    checkOrder(order, "allocate");
    int t = type == MigrateType.MOVABLE ? MOVABLE : UNMOVABLE;
    for (int current = order; current <= MAX_ORDER; current++) {
      if (freeArea[t][current].size() > 0) {
        long pfn = freeArea[t][current].takeNewest();
        expand(pfn, order, current);
        freePages -= 1L << order;
        return pfn;
      }
    }
    for (int current = MAX_ORDER; current >= order; current--) {
      if (freeArea[1 - t][current].size() > 0) {
        long pfn = freeArea[1 - t][current].takeNewest();
        claim(pfn, current, t);
        expand(pfn, order, current);
        freePages -= 1L << order;
        return pfn;
      }
    }
    return -1;
  }

  /**
   * {@code try_to_claim_block}: a block of {@code order} taken from the other type's list turns its
   * pageblocks into type {@code t} if it covers them whole, or if it is at least half a pageblock
   * and half the pageblock is free; the pageblock's other free blocks move with it.
   */
  private void claim(long pfn, int order, int t) {
    if (order >= PB) {
      for (long b = pfn; b < pfn + (1L << order); b += 1L << PB) {
        setBlockType(b, t);
      }
      return;
    }
    if (order < PB / 2) {
      return;
    }
    long block = Pageblocks.start(pfn);
    long free = 1L << order;
    for (long f = Math.max(block, startPfn); f < Math.min(block + (1L << PB), endPfn); ) {
      int k = freeOrderAt(f);
      free += k < 0 ? 0 : 1L << k;
      f += k < 0 ? 1 : 1L << k;
    }
    if (free >= (1L << PB) / 2) {
      setBlockType(block, t);
    }
  }

  /** Sets a pageblock's type and moves its free blocks to that type's lists. */
  private void setBlockType(long block, int t) {
    int i = (int) ((block >>> PB) - firstBlock);
    if (blockType[i] == t) {
      return;
    }
    long end = Math.min(block + (1L << PB), endPfn);
    for (long f = Math.max(block, startPfn); f < end; ) {
      int k = freeOrderAt(f);
      if (k >= 0 && k < PB) {
        freeArea[blockType[i]][k].remove(f);
        freeArea[t][k].add(f);
      }
      f += k < 0 ? 1 : 1L << k;
    }
    blockType[i] = (byte) t;
  }

  /** The migrate type of the pageblock holding {@code pfn} ({@code get_pageblock_migratetype}). */
  public MigrateType pageblockType(long pfn) {
    if (!contains(pfn)) {
      throw new IllegalArgumentException("BuddyAllocator.pageblockType: frame " + pfn);
    }
    return blockType[(int) ((pfn >>> PB) - firstBlock)] == MOVABLE
        ? MigrateType.MOVABLE
        : MigrateType.UNMOVABLE;
  }

  private void addFree(long pfn, int order) {
    freeArea[blockType[(int) ((pfn >>> PB) - firstBlock)]][order].add(pfn);
  }

  private boolean removeFree(long pfn, int order) {
    return freeArea[MOVABLE][order].remove(pfn) || freeArea[UNMOVABLE][order].remove(pfn);
  }

  private boolean containsFree(long pfn, int order) {
    return freeArea[MOVABLE][order].contains(pfn) || freeArea[UNMOVABLE][order].contains(pfn);
  }

  /**
   * Puts back the upper halves of a block of order {@code high} until one of order {@code low} is
   * left.
   */
  private void expand(long pfn, int low, int high) {
    for (int order = high - 1; order >= low; order--) {
      addFree(pfn + (1L << order), order);
    }
  }

  /** Frees a block allocated with {@link #allocate(int)}, merging it with free buddies. */
  public void free(long pfn, int order) {
    checkOrder(order, "free");
    if (!contains(pfn) || (pfn & ((1L << order) - 1)) != 0) {
      throw new IllegalStateException("BuddyAllocator.free: bad block " + pfn + " order " + order);
    }
    freePages += 1L << order;
    freeEvents++;
    while (order < MAX_ORDER) {
      long buddy = pfn ^ (1L << order);
      if (!contains(buddy) || !removeFree(buddy, order)) {
        break;
      }
      pfn = Math.min(pfn, buddy);
      order++;
    }
    if (containsFree(pfn, order)) {
      throw new IllegalStateException("BuddyAllocator.free: block " + pfn + " freed twice");
    }
    addFree(pfn, order);
  }

  /**
   * Takes one particular free block of order {@code order} off its free list, for a contiguous
   * range allocation ({@code alloc_contig_range} isolating free pages).
   *
   * @return false if that block is not free at that order
   */
  public boolean takeBlock(long pfn, int order) {
    checkOrder(order, "takeBlock");
    if (!removeFree(pfn, order)) {
      return false;
    }
    freePages -= 1L << order;
    return true;
  }

  /** True if the block of order {@code order} at {@code pfn} is on its free list. */
  public boolean isFreeBlock(long pfn, int order) {
    checkOrder(order, "isFreeBlock");
    return containsFree(pfn, order);
  }

  /** True if {@code pfn} lies inside a free block. */
  public boolean isFree(long pfn) {
    for (int order = 0; order <= MAX_ORDER; order++) {
      if (containsFree(pfn & ~((1L << order) - 1), order)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The order of the free block that starts at {@code pfn} ({@code PageBuddy} and {@code
   * buddy_order}), or -1 if no free block starts there.
   */
  public int freeOrderAt(long pfn) {
    for (int order = 0; order <= MAX_ORDER; order++) {
      if ((pfn & ((1L << order) - 1)) != 0) {
        return -1;
      }
      if (containsFree(pfn, order)) {
        return order;
      }
    }
    return -1;
  }

  /** True if a free block of {@code order} or larger exists. */
  public boolean hasFreeBlock(int order) {
    checkOrder(order, "hasFreeBlock");
    for (int current = order; current <= MAX_ORDER; current++) {
      if (freeArea[MOVABLE][current].size() + freeArea[UNMOVABLE][current].size() > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Takes the free block that starts at {@code pfn} off its list whole ({@code
   * __isolate_free_page}), for compaction's free scanner.
   *
   * @return its order
   */
  public int isolateFreeBlock(long pfn) {
    int order = freeOrderAt(pfn);
    if (order < 0) {
      throw new IllegalStateException(
          "BuddyAllocator.isolateFreeBlock: no free block starts at " + pfn);
    }
    removeFree(pfn, order);
    freePages -= 1L << order;
    return order;
  }

  private static void checkOrder(int order, String method) {
    if (order < 0 || order > MAX_ORDER) {
      throw new IllegalArgumentException("BuddyAllocator." + method + ": order " + order);
    }
  }
}
