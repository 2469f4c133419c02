package dev.pagelab.sim.paging;

import dev.pagelab.sim.spi.PageSize;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;

/**
 * Test-only page-table builder: allocates table frames from 0x1000 upward in a {@link SparseMemory}
 * and installs entries with {@link SparseMemory#poke}, so setup is not counted as walker writes.
 */
final class TableBuilder {
  /** Flags of the intermediate entries it creates: present, writable, user. */
  static final long TABLE_FLAGS = Pte.PTE_P | Pte.PTE_RW | Pte.PTE_US;

  private final SparseMemory memory;
  private final PagingMode mode;
  private final long root;
  private long nextFrame = 0x1000;

  TableBuilder(SparseMemory memory, PagingMode mode) {
    this.memory = memory;
    this.mode = mode;
    this.root = newTable();
  }

  SparseMemory memory() {
    return memory;
  }

  PagingMode mode() {
    return mode;
  }

  long root() {
    return root;
  }

  /** A fresh zeroed table frame. */
  long newTable() {
    long frame = nextFrame;
    nextFrame += 0x1000;
    return frame;
  }

  /** Maps {@code va} with a leaf of {@code size} pointing at {@code frame} with {@code flags}. */
  long map(long va, PageSize size, long frame, long flags) {
    long ps = size == PageSize.SIZE_4K ? 0 : Pte.PTE_PS;
    return set(va, size.level(), X86Paging.physToPte(frame) | flags | ps);
  }

  /** A user read-write 4 KiB mapping. */
  long map4k(long va, long frame) {
    return map(va, PageSize.SIZE_4K, frame, TABLE_FLAGS);
  }

  /**
   * Stores {@code value} in the entry for {@code va} at {@code level}, creating the tables above
   * with {@link #TABLE_FLAGS}; returns the entry's address.
   */
  long set(long va, int level, long value) {
    long address = entryAddress(va, level, true);
    memory.poke(address, value);
    return address;
  }

  /** The entry value for {@code va} at {@code level}. */
  long get(long va, int level) {
    return memory.readLong(entryAddress(va, level, false));
  }

  /** The address of the entry for {@code va} at {@code level}; creates tables above if asked. */
  long entryAddress(long va, int level, boolean create) {
    long table = root;
    for (int l = mode.levels(); l > level; l--) {
      long address = table + X86Paging.entryOffset(va, l);
      long entry = memory.readLong(address);
      if (!X86Paging.isPresent(entry) || (X86Paging.isLarge(entry) && l <= 3)) {
        if (!create) {
          throw new IllegalStateException("TableBuilder: no table at level " + (l - 1));
        }
        entry = X86Paging.physToPte(newTable()) | TABLE_FLAGS;
        memory.poke(address, entry);
      }
      table = X86Paging.pteToPhys(entry);
    }
    return table + X86Paging.entryOffset(va, level);
  }
}
