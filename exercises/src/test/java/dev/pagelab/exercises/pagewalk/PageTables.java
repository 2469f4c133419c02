package dev.pagelab.exercises.pagewalk;

import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.spi.PageSize;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.PhysicalMemoryView;
import dev.pagelab.sim.spi.Pte;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Test fixture: page tables built by hand in a small simulated RAM. Table frames are handed out
 * from physical address 0x1000 upward; intermediate entries get {@link #TABLE_FLAGS}. Setting up an
 * entry is not counted as a write by the walker.
 */
final class PageTables {
  /** Flags of every intermediate entry the fixture creates: present, writable, user. */
  static final long TABLE_FLAGS = Pte.PTE_P | Pte.PTE_RW | Pte.PTE_US;

  private final Ram memory = new Ram();
  private final PagingMode mode;
  private final long root;
  private long nextTable = 0x1000;

  PageTables(PagingMode mode) {
    this.mode = mode;
    this.root = newTable();
  }

  /** Tables for 4-level (48-bit) paging. */
  static PageTables fourLevel() {
    return new PageTables(PagingMode.FOUR_LEVEL);
  }

  /** Tables for 5-level (57-bit) paging. */
  static PageTables fiveLevel() {
    return new PageTables(PagingMode.FIVE_LEVEL);
  }

  Ram memory() {
    return memory;
  }

  PagingMode mode() {
    return mode;
  }

  long root() {
    return root;
  }

  /** A fresh, zeroed 4 KiB table frame. */
  long newTable() {
    long frame = nextTable;
    nextTable += 0x1000;
    return frame;
  }

  /** Maps {@code va} with a leaf of {@code size} for {@code frame} (PS added for large pages). */
  long map(long va, PageSize size, long frame, long flags) {
    long ps = size == PageSize.SIZE_4K ? 0 : Pte.PTE_PS;
    return set(va, size.level(), X86Paging.physToPte(frame) | flags | ps);
  }

  /**
   * Stores {@code value} as the entry for {@code va} at {@code level}, creating the tables above it
   * when needed, and returns the entry's physical address.
   */
  long set(long va, int level, long value) {
    long address = entryAddress(va, level, true);
    memory.poke(address, value);
    return address;
  }

  /** The entry for {@code va} at {@code level}, as it is in memory now. */
  long get(long va, int level) {
    return memory.readLong(entryAddress(va, level, false));
  }

  /**
   * Changes the entry for {@code va} at {@code level}: clears {@code clear}, then sets {@code set}.
   */
  void change(long va, int level, long clear, long set) {
    this.set(va, level, get(va, level) & ~clear | set);
  }

  /** The physical address of the entry for {@code va} at {@code level}. */
  long entryAddress(long va, int level, boolean create) {
    long table = root;
    for (int l = mode.levels(); l > level; l--) {
      long address = table + 8L * X86Paging.index(va, l);
      long entry = memory.readLong(address);
      if (!X86Paging.isPresent(entry) || (X86Paging.isLarge(entry) && l <= 3)) {
        if (!create) {
          throw new IllegalStateException("PageTables: no table below level " + l);
        }
        entry = X86Paging.physToPte(newTable()) | TABLE_FLAGS;
        memory.poke(address, entry);
      }
      table = X86Paging.pteToPhys(entry);
    }
    return table + 8L * X86Paging.index(va, level);
  }

  /**
   * The entries on the path of {@code va}, one line each, in English ({@code ko} false), e.g.
   * {@code "level 2 PD[0x17f] at 0x3bf8 = 0x0000000000004007 (P RW US)"}, or in Korean ({@code "레벨
   * 2 PD[0x17f] (0x3bf8) = ..."}); stops after a leaf or a missing table.
   */
  String describePath(long va, boolean ko) {
    StringBuilder sb = new StringBuilder();
    long table = root;
    for (int level = mode.levels(); level >= 1; level--) {
      int index = X86Paging.index(va, level);
      long address = table + 8L * index;
      long entry = memory.readLong(address);
      sb.append(
          String.format(
              ko
                  ? "%n    레벨 %d %s[0x%03x] (0x%x) = 0x%016x (%s)"
                  : "%n    level %d %s[0x%03x] at 0x%x = 0x%016x (%s)",
              level,
              Pte.tableName(level),
              index,
              address,
              entry,
              Pte.describeFlags(entry)));
      boolean leaf = level == 1 || (level <= 3 && X86Paging.isLarge(entry));
      if (!X86Paging.isPresent(entry) || leaf || (entry & Pte.PTE_RESERVED_HIGH) != 0) {
        break;
      }
      table = X86Paging.pteToPhys(entry);
    }
    return sb.toString();
  }

  /** A sparse RAM of 2^46 bytes: only frames ever written exist. It counts the walker's writes. */
  static final class Ram implements PhysicalMemoryView {
    private static final long LIMIT = 1L << Pte.PHYS_ADDR_BITS;
    private final Map<Long, long[]> frames = new HashMap<>();
    private long writes;

    @Override
    public long readLong(long physicalAddress) {
      check("readLong", physicalAddress);
      long[] frame = frames.get(physicalAddress >>> 12);
      return frame == null ? 0 : frame[slot(physicalAddress)];
    }

    @Override
    public void writeLong(long physicalAddress, long value) {
      check("writeLong", physicalAddress);
      writes++;
      frames.computeIfAbsent(physicalAddress >>> 12, f -> new long[512])[slot(physicalAddress)] =
          value;
    }

    /** Stores a value without counting it as a walker write (test setup). */
    void poke(long physicalAddress, long value) {
      writeLong(physicalAddress, value);
      writes--;
    }

    /** How many times the walker called {@link #writeLong}. */
    long writes() {
      return writes;
    }

    /** A deep copy of the contents. */
    Map<Long, long[]> snapshot() {
      Map<Long, long[]> copy = new HashMap<>();
      frames.forEach((frame, values) -> copy.put(frame, values.clone()));
      return copy;
    }

    /** True if the contents equal {@code snapshot}. */
    boolean sameAs(Map<Long, long[]> snapshot) {
      return snapshot.keySet().equals(frames.keySet())
          && frames.entrySet().stream()
              .allMatch(e -> Arrays.equals(e.getValue(), snapshot.get(e.getKey())));
    }

    private static int slot(long physicalAddress) {
      return (int) ((physicalAddress & 0xFFF) >>> 3);
    }

    private static void check(String method, long physicalAddress) {
      if ((physicalAddress & 7) != 0 || physicalAddress < 0 || physicalAddress >= LIMIT) {
        throw new IllegalArgumentException(
            String.format(
                "Ram.%s: physical address 0x%x is not 8-byte aligned inside the 46-bit RAM",
                method, physicalAddress));
      }
    }
  }
}
