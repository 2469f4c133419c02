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
 */
public final class BuddyAllocator {
  /** The largest order (Linux {@code MAX_PAGE_ORDER}): blocks of 1024 frames, 4 MiB. */
  public static final int MAX_ORDER = 10;

  private final long startPfn;
  private final long endPfn;
  private final LongIndexSet[] freeArea = new LongIndexSet[MAX_ORDER + 1];
  private long freePages;

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
    for (int order = 0; order <= MAX_ORDER; order++) {
      freeArea[order] = new LongIndexSet();
    }
    long pfn = startPfn;
    while (pfn < endPfn) {
      int order = MAX_ORDER;
      while (order > 0 && ((pfn & ((1L << order) - 1)) != 0 || pfn + (1L << order) > endPfn)) {
        order--;
      }
      freeArea[order].add(pfn);
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

  /** Free frames in the zone. */
  public long freePages() {
    return freePages;
  }

  /** The number of free blocks of each order 0..10, as {@code /proc/buddyinfo} prints them. */
  public long[] freeBlocksPerOrder() {
    long[] counts = new long[MAX_ORDER + 1];
    for (int order = 0; order <= MAX_ORDER; order++) {
      counts[order] = freeArea[order].size();
    }
    return counts;
  }

  /**
   * Allocates {@code 2^order} contiguous frames.
   *
   * @return the first frame number, or -1 if no block of that order or larger is free
   */
  public long allocate(int order) {
    checkOrder(order, "allocate");
    for (int current = order; current <= MAX_ORDER; current++) {
      if (freeArea[current].size() > 0) {
        long pfn = freeArea[current].takeNewest();
        expand(pfn, order, current);
        freePages -= 1L << order;
        return pfn;
      }
    }
    return -1;
  }

  /**
   * Puts back the upper halves of a block of order {@code high} until one of order {@code low} is
   * left.
   */
  private void expand(long pfn, int low, int high) {
    for (int order = high - 1; order >= low; order--) {
      freeArea[order].add(pfn + (1L << order));
    }
  }

  /** Frees a block allocated with {@link #allocate(int)}, merging it with free buddies. */
  public void free(long pfn, int order) {
    checkOrder(order, "free");
    if (!contains(pfn) || (pfn & ((1L << order) - 1)) != 0) {
      throw new IllegalStateException("BuddyAllocator.free: bad block " + pfn + " order " + order);
    }
    freePages += 1L << order;
    while (order < MAX_ORDER) {
      long buddy = pfn ^ (1L << order);
      if (!contains(buddy) || !freeArea[order].remove(buddy)) {
        break;
      }
      pfn = Math.min(pfn, buddy);
      order++;
    }
    if (freeArea[order].contains(pfn)) {
      throw new IllegalStateException("BuddyAllocator.free: block " + pfn + " freed twice");
    }
    freeArea[order].add(pfn);
  }

  /** True if {@code pfn} lies inside a free block. */
  public boolean isFree(long pfn) {
    for (int order = 0; order <= MAX_ORDER; order++) {
      if (freeArea[order].contains(pfn & ~((1L << order) - 1))) {
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
      if (freeArea[order].contains(pfn)) {
        return order;
      }
    }
    return -1;
  }

  /** True if a free block of {@code order} or larger exists. */
  public boolean hasFreeBlock(int order) {
    checkOrder(order, "hasFreeBlock");
    for (int current = order; current <= MAX_ORDER; current++) {
      if (freeArea[current].size() > 0) {
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
    freeArea[order].remove(pfn);
    freePages -= 1L << order;
    return order;
  }

  private static void checkOrder(int order, String method) {
    if (order < 0 || order > MAX_ORDER) {
      throw new IllegalArgumentException("BuddyAllocator." + method + ": order " + order);
    }
  }
}
