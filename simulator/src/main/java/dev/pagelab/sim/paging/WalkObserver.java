package dev.pagelab.sim.paging;

/**
 * Receives each step of a {@link ReferenceWalker} walk, so that an explanation or a trace is made
 * from the very walk the simulator runs rather than from a second copy of its rules.
 *
 * <p>A walk calls {@link #onEntry} once per entry it reads, top level first, and then {@link
 * #onUpdate} once per entry whose Accessed or Dirty bit it sets (only on a successful walk).
 */
@FunctionalInterface
public interface WalkObserver {
  /** The observer that ignores everything; what the SPI walk uses. */
  WalkObserver NONE = (level, tableAddress, index, entryAddress, entryValue, decision) -> {};

  /**
   * One entry was read.
   *
   * @param level the level of the table read: 5 (PML5) ... 1 (PT)
   * @param tableAddress the physical address of that table
   * @param index the index of the entry in the table, 0..511
   * @param entryAddress {@code tableAddress + 8 * index}
   * @param entryValue the raw 64-bit entry as read, before any Accessed/Dirty update
   * @param decision what the walker concluded from this entry
   */
  void onEntry(
      int level,
      long tableAddress,
      int index,
      long entryAddress,
      long entryValue,
      Decision decision);

  /**
   * The walk succeeded and wrote an entry back with Accessed (and, for a write at the leaf, Dirty)
   * set.
   *
   * @param level the level of the entry
   * @param entryAddress its physical address
   * @param oldValue the value before
   * @param newValue the value written
   */
  default void onUpdate(int level, long entryAddress, long oldValue, long newValue) {}

  /** What the walker concluded from one entry. */
  enum Decision {
    /** Present, no PS: the entry points to the next table. */
    NEXT_TABLE,
    /** Present leaf: a PTE, or a PDE/PDPTE with PS and no reserved bit. */
    LEAF,
    /** P is clear: the walk stops with a not-present fault. */
    NOT_PRESENT,
    /** One of bits 51..46 is set, above the simulated CPU's 46 physical address bits. */
    RESERVED_HIGH_BITS,
    /** PS is set in a PML5 or PML4 entry, where x86-64 has no page size to offer. */
    RESERVED_PS,
    /** PS is set and one of bits 20..13 (2 MiB leaf) or 29..13 (1 GiB leaf) is set. */
    RESERVED_LARGE_PAGE_BITS;

    /** True if the walk stops with a fault at this entry. */
    public boolean isFault() {
      return this != NEXT_TABLE && this != LEAF;
    }

    /** True if the fault is a reserved-bit fault. */
    public boolean isReservedBit() {
      return this == RESERVED_HIGH_BITS || this == RESERVED_PS || this == RESERVED_LARGE_PAGE_BITS;
    }
  }
}
