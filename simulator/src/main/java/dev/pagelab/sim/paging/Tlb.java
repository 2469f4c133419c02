package dev.pagelab.sim.paging;

import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.PageSize;
import dev.pagelab.sim.spi.WalkResult.Translation;
import java.util.Arrays;

/**
 * A translation lookaside buffer for one address space: it caches the translations of recent walks
 * so that most accesses need no walk at all.
 *
 * <p>Organisation: like the separate first-level data TLBs of x86 cores, each page size (4 KiB, 2
 * MiB, 1 GiB) has its own array of {@code entries} slots, {@value #WAYS}-way set associative: a
 * page's virtual page number (the address shifted right by the page size) picks the set by its low
 * bits, and the least recently used way of a full set is replaced. A lookup tries 4 KiB, then 2
 * MiB, then 1 GiB. Each slot keeps the page's physical base, the effective permissions of its walk
 * (writable, user, executable) and whether the leaf entry was already dirty.
 *
 * <p>A lookup whose cached rights do not allow the access is a miss: the MMU walks again, which
 * either faults or, for a write to a page not yet marked dirty, sets Dirty in the leaf as the
 * hardware must (Intel SDM Vol. 3A §4.8, §4.10.2). There is no PCID and the Global bit is not
 * modelled: the cache belongs to one address space and {@link #flushAll()} empties it, as a CR3
 * write does. {@link #flushPage(long)} is INVLPG; {@link #flushRange(long, long)} is the kernel's
 * {@code flush_tlb_range} ({@code arch/x86/include/asm/tlbflush.h}, which calls {@code
 * flush_tlb_mm_range} in {@code arch/x86/mm/tlb.c}).
 *
 * <p>The hit path allocates nothing and touches only primitive arrays. Not thread-safe: one TLB per
 * simulated CPU and address space.
 */
public final class Tlb {
  /** Ways per set. */
  public static final int WAYS = 4;

  /** The number of slots per page size when none is given. */
  public static final int DEFAULT_ENTRIES = 64;

  /** What {@link #lookup} returns when it has no usable translation. */
  public static final long MISS = -1;

  /** The page sizes in lookup order; slot arrays are laid out per size in this order. */
  private static final PageSize[] SIZES = PageSize.values();

  private static final int[] SHIFTS = {
    PageSize.SIZE_4K.shift(), PageSize.SIZE_2M.shift(), PageSize.SIZE_1G.shift()
  };
  private static final long[] OFFSET_MASKS = {
    PageSize.SIZE_4K.offsetMask(), PageSize.SIZE_2M.offsetMask(), PageSize.SIZE_1G.offsetMask()
  };

  private static final long INVALID = -1; // a virtual page number is at most 52 bits: never -1
  private static final long MAY_WRITE = 1;
  private static final long MAY_USER = 1 << 1;
  private static final long MAY_EXECUTE = 1 << 2;
  private static final long IS_DIRTY = 1 << 3;
  private static final long RIGHTS_MASK = MAY_WRITE | MAY_USER | MAY_EXECUTE | IS_DIRTY;

  private final int entries;
  private final int setMask;
  private final long[] tags; // virtual page number, or INVALID
  private final long[] frames; // physical page base | rights bits (a page base has 12 zero bits)
  private final long[] lastUse;
  private long clock;
  private long hits;
  private long misses;

  /** A TLB with {@value #DEFAULT_ENTRIES} slots per page size. */
  public Tlb() {
    this(DEFAULT_ENTRIES);
  }

  /**
   * A TLB with {@code entries} slots per page size.
   *
   * @param entries a power of two, at least {@value #WAYS}
   * @throws IllegalArgumentException otherwise
   */
  public Tlb(int entries) {
    if (entries < WAYS || Integer.bitCount(entries) != 1) {
      throw new IllegalArgumentException(
          "Tlb: entries must be a power of two >= " + WAYS + ", got " + entries);
    }
    this.entries = entries;
    this.setMask = entries / WAYS - 1;
    this.tags = new long[SIZES.length * entries];
    this.frames = new long[SIZES.length * entries];
    this.lastUse = new long[SIZES.length * entries];
    Arrays.fill(tags, INVALID);
  }

  /**
   * Looks up a translation that allows {@code access}.
   *
   * @return the physical address, or {@link #MISS} if the page is not cached or its cached rights
   *     do not allow the access (including a write to a page not yet dirty)
   */
  public long lookup(long virtualAddress, Access access) {
    long needed = neededRights(access);
    for (int size = 0; size < SIZES.length; size++) {
      int slot = find(size, virtualAddress >>> SHIFTS[size]);
      if (slot >= 0) {
        long frame = frames[slot];
        if ((frame & needed) != needed) {
          break; // the walk must run again: it faults or sets Dirty
        }
        hits++;
        lastUse[slot] = ++clock;
        return (frame & ~RIGHTS_MASK) | (virtualAddress & OFFSET_MASKS[size]);
      }
    }
    misses++;
    return MISS;
  }

  /**
   * Caches the translation a walk gave for {@code virtualAddress}, replacing whatever was cached
   * for that address at any page size.
   *
   * @param translation the walk's result
   * @param dirty true if the leaf entry is known to have Dirty set (the walk was a write)
   */
  public void fill(long virtualAddress, Translation translation, boolean dirty) {
    flushAddress(virtualAddress);
    PageSize pageSize = translation.pageSize();
    int size = pageSize.ordinal();
    long vpn = virtualAddress >>> pageSize.shift();
    int slot = victim(setBase(size, vpn));
    tags[slot] = vpn;
    frames[slot] =
        (translation.physicalAddress() & ~pageSize.offsetMask()) | rights(translation, dirty);
    lastUse[slot] = ++clock;
  }

  /** Drops every cached translation, as a CR3 write without PCID does. */
  public void flushAll() {
    Arrays.fill(tags, INVALID);
  }

  /**
   * Drops the translation of the page holding {@code virtualAddress}, whatever its size (INVLPG).
   */
  public void flushPage(long virtualAddress) {
    flushAddress(virtualAddress);
  }

  /**
   * Drops every cached page that overlaps {@code [start, end)}, addresses compared unsigned.
   *
   * @throws IllegalArgumentException if {@code end} is below {@code start}
   */
  public void flushRange(long start, long end) {
    if (Long.compareUnsigned(start, end) > 0) {
      throw new IllegalArgumentException(
          String.format("Tlb.flushRange: end 0x%x is below start 0x%x", end, start));
    }
    if (start == end) {
      return;
    }
    long last = end - 1;
    for (int slot = 0; slot < tags.length; slot++) {
      if (tags[slot] != INVALID) {
        PageSize pageSize = SIZES[slot / entries];
        long pageStart = tags[slot] << pageSize.shift();
        long pageLast = pageStart + pageSize.offsetMask();
        if (Long.compareUnsigned(pageStart, last) <= 0
            && Long.compareUnsigned(start, pageLast) <= 0) {
          tags[slot] = INVALID;
        }
      }
    }
  }

  /** Lookups that returned a physical address. */
  public long hits() {
    return hits;
  }

  /** Lookups that returned {@link #MISS}. */
  public long misses() {
    return misses;
  }

  /** Sets the hit and miss counters to zero. */
  public void resetCounters() {
    hits = 0;
    misses = 0;
  }

  /** Slots per page size. */
  public int entries() {
    return entries;
  }

  /** How many slots hold a translation now, over all page sizes. */
  public int occupied() {
    int count = 0;
    for (long tag : tags) {
      if (tag != INVALID) {
        count++;
      }
    }
    return count;
  }

  private void flushAddress(long virtualAddress) {
    for (int size = 0; size < SIZES.length; size++) {
      int slot = find(size, virtualAddress >>> SHIFTS[size]);
      if (slot >= 0) {
        tags[slot] = INVALID;
      }
    }
  }

  /** The slot caching {@code vpn} in the array of page size {@code size}, or -1. */
  private int find(int size, long vpn) {
    int base = setBase(size, vpn);
    for (int way = 0; way < WAYS; way++) {
      if (tags[base + way] == vpn) {
        return base + way;
      }
    }
    return -1;
  }

  private int setBase(int size, long vpn) {
    return size * entries + (int) (vpn & setMask) * WAYS;
  }

  /** A free way of the set at {@code base}, or else its least recently used way. */
  private int victim(int base) {
    int oldest = base;
    for (int way = base; way < base + WAYS; way++) {
      if (tags[way] == INVALID) {
        return way;
      }
      if (lastUse[way] < lastUse[oldest]) {
        oldest = way;
      }
    }
    return oldest;
  }

  /** The rights a cached page needs for {@code access}; a write also needs the leaf dirty. */
  private static long neededRights(Access access) {
    long byType =
        switch (access.type()) {
          case READ -> 0;
          case WRITE -> MAY_WRITE | IS_DIRTY;
          case EXECUTE -> MAY_EXECUTE;
        };
    return byType | (access.user() ? MAY_USER : 0);
  }

  private static long rights(Translation translation, boolean dirty) {
    return (translation.writable() ? MAY_WRITE : 0)
        | (translation.user() ? MAY_USER : 0)
        | (translation.executable() ? MAY_EXECUTE : 0)
        | (dirty ? IS_DIRTY : 0);
  }
}
