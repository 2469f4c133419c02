package dev.pagelab.sim.paging;

import static dev.pagelab.sim.spi.Pte.PTE_A;
import static dev.pagelab.sim.spi.Pte.PTE_D;
import static dev.pagelab.sim.spi.Pte.PTE_P;
import static dev.pagelab.sim.spi.Pte.PTE_PS;
import static dev.pagelab.sim.spi.Pte.PTE_RW;
import static dev.pagelab.sim.spi.Pte.PTE_US;

import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.phys.PhysicalMemory;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;

/**
 * One address space's page tables, kept in simulated RAM: the kernel's side of paging (allocating
 * tables, installing and clearing leaf entries, freeing tables), where the MMU's side is the walk.
 *
 * <pre>
 * 4-level, 48-bit:  | 63..48 sign | 47..39 PGD | 38..30 PUD | 29..21 PMD | 20..12 PTE | 11..0 offset |
 * 5-level, 57-bit:  | 63..57 sign | 56..48 PGD | 47..39 P4D | 38..30 PUD | 29..21 PMD | 20..12 PTE | offset |
 * </pre>
 *
 * <p>Levels are numbered as in {@link Pte#index}: 1 = PTE table ... 5 = PGD of 5-level paging.
 * Tables above a leaf are linked by {@link #PAGE_TABLE_FLAGS}, as Linux's {@code _PAGE_TABLE}.
 * {@code pgtables_bytes} (VmPTE) counts PTE, PMD and PUD tables, as {@code
 * mm_inc_nr_ptes/pmds/puds} do; the top level and a 5-level P4D are not counted there but are in
 * {@code PageTables}.
 */
public final class PageTables {
  /** The flags of an entry that points to a lower user table: P, RW, US, A, D. */
  public static final long PAGE_TABLE_FLAGS = PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D;

  /**
   * Linux's {@code _PAGE_PROTNONE}: a software bit (the G position) marking a not-present entry
   * that still maps a frame, left by {@code mprotect(PROT_NONE)}.
   */
  public static final long PTE_PROTNONE = Pte.PTE_G;

  private static final int PAGE_SHIFT = 12;

  private final PhysicalMemory memory;
  private final PagingMode mode;
  private final long rootPfn;
  private final long[] tablesPerLevel = new long[6];
  private final long[] outsideTables = new long[6];
  // The PTE table found last and the 2 MiB region it covers: consecutive faults mostly hit it.
  private long cachedRegion = -1;
  private long[] cachedPte;

  /** What happens to each leaf a range operation visits. */
  @FunctionalInterface
  public interface LeafVisitor {
    /**
     * Called for each non-zero level-1 entry.
     *
     * @param va the virtual address of the page
     * @param pte the entry
     * @return the entry to store in its place
     */
    long visit(long va, long pte);

    /**
     * Called for each huge leaf (an entry with {@code PTE_PS} at level 2 or 3) the range meets; the
     * default refuses, for callers that never meet one.
     *
     * @param va the virtual address the leaf maps
     * @param level 2 for a 2 MiB PMD leaf, 3 for a 1 GiB PUD leaf
     * @param entry the entry
     * @return the entry to store in its place
     */
    default long visitHuge(long va, int level, long entry) {
      throw new IllegalStateException(
          "PageTables.forEachPte: a level-" + level + " huge leaf maps 0x" + Long.toHexString(va));
    }

    /**
     * A visitor made of two functions: one for level-1 entries, one for huge leaves.
     *
     * @param small what {@link #visit} does
     * @param huge what {@link #visitHuge} does
     * @return the visitor
     */
    static LeafVisitor of(LeafVisitor small, HugeVisitor huge) {
      return new LeafVisitor() {
        @Override
        public long visit(long va, long pte) {
          return small.visit(va, pte);
        }

        @Override
        public long visitHuge(long va, int level, long entry) {
          return huge.visitHuge(va, level, entry);
        }
      };
    }
  }

  /** What happens to each huge leaf a range operation visits (see {@link LeafVisitor#of}). */
  @FunctionalInterface
  public interface HugeVisitor {
    /**
     * Called for each huge leaf.
     *
     * @param va the virtual address the leaf maps
     * @param level 2 for a PMD leaf, 3 for a PUD leaf
     * @param entry the entry
     * @return the entry to store in its place
     */
    long visitHuge(long va, int level, long entry);
  }

  private PageTables(PhysicalMemory memory, PagingMode mode, long rootPfn) {
    this.memory = memory;
    this.mode = mode;
    this.rootPfn = rootPfn;
    tablesPerLevel[mode.levels()] = 1;
  }

  /**
   * Allocates the top-level table of a new address space ({@code pgd_alloc}).
   *
   * @return the tables, or null if no frame is free
   */
  public static PageTables create(PhysicalMemory memory, PagingMode mode) {
    long pfn = memory.allocate(FrameOwner.PAGE_TABLE, false);
    return pfn < 0 ? null : new PageTables(memory, mode, pfn);
  }

  /** The physical address of the top-level table (what CR3 holds). */
  public long rootPhys() {
    return rootPfn << PAGE_SHIFT;
  }

  /** The paging mode. */
  public PagingMode mode() {
    return mode;
  }

  /** {@code mm_pgtables_bytes}: 4096 bytes per PTE, PMD and PUD table. */
  public long pgtablesBytes() {
    return (tablesPerLevel[1] + tablesPerLevel[2] + tablesPerLevel[3]) << PAGE_SHIFT;
  }

  /** Every table frame of this address space, the top level included (meminfo PageTables). */
  public long tableFrames() {
    long n = 0;
    for (long t : tablesPerLevel) {
      n += t;
    }
    return n;
  }

  /** Tables at one level (1 = PTE tables). */
  public long tables(int level) {
    return tablesPerLevel[level];
  }

  /**
   * The PTE table (level 1) covering {@code va}.
   *
   * @param allocate create missing tables on the way
   * @return the table's entries, or null if a table is missing (and not allocated) or no frame is
   *     free
   */
  public long[] pteTable(long va, boolean allocate) {
    long[] table = walkToPte(va, allocate);
    if (table == HUGE) {
      throw new IllegalStateException(
          "PageTables.pteTable: a huge leaf maps 0x" + Long.toHexString(va));
    }
    return table;
  }

  /** What {@link #walkToPte} returns when a huge leaf maps the address. */
  private static final long[] HUGE = new long[0];

  /** The PTE table covering {@code va}, null if missing, or {@link #HUGE} under a huge leaf. */
  private long[] walkToPte(long va, boolean allocate) {
    long region = va >>> 21;
    if (region == cachedRegion) {
      return cachedPte;
    }
    long[] table = descend(va, 1, allocate);
    if (table != null && table != HUGE) {
      cachedRegion = region;
      cachedPte = table;
    }
    return table;
  }

  /**
   * Walks from the top down to the table at {@code level} that maps {@code va}.
   *
   * @param allocate create missing tables on the way
   * @return the table; {@link #HUGE} if a huge leaf above it maps {@code va}; null if a table is
   *     missing (and not allocated) or no frame is free
   */
  private long[] descend(long va, int level, boolean allocate) {
    long[] table = memory.table(rootPfn);
    for (int l = mode.levels(); l > level; l--) {
      int index = X86Paging.index(va, l);
      long entry = table[index];
      if ((entry & PTE_PS) != 0) {
        return HUGE;
      } else if (!X86Paging.isPresent(entry)) {
        if (!allocate) {
          return null;
        }
        long pfn = memory.allocate(FrameOwner.PAGE_TABLE, false);
        if (pfn < 0) {
          return null;
        }
        tablesPerLevel[l - 1]++;
        entry = (pfn << PAGE_SHIFT) | PAGE_TABLE_FLAGS;
        table[index] = entry;
      }
      table = memory.table(X86Paging.pteToPfn(entry));
    }
    return table;
  }

  /**
   * The table at {@code level} whose entry {@link Pte#index(long, int) index(va, level)} maps
   * {@code va}: level 1 is a PTE table, 2 a PMD table, 3 a PUD table.
   *
   * @param allocate create missing tables above it on the way
   * @return the table's entries, or null if a table is missing (and not allocated) or no frame is
   *     free
   * @throws IllegalStateException if a huge leaf above {@code level} maps {@code va}
   */
  public long[] tableAt(long va, int level, boolean allocate) {
    if (level == 1) {
      return pteTable(va, allocate);
    }
    long[] table = descend(va, level, allocate);
    if (table == HUGE) {
      throw new IllegalStateException(
          "PageTables.tableAt: a huge leaf above level "
              + level
              + " maps 0x"
              + Long.toHexString(va));
    }
    return table;
  }

  /**
   * The entry at {@code level} for {@code va}: a huge leaf, a pointer to a lower table, or 0.
   *
   * @return the entry, or 0 if a table above it is missing
   */
  public long readEntry(long va, int level) {
    long[] table = tableAt(va, level, false);
    return table == null ? 0 : table[X86Paging.index(va, level)];
  }

  /**
   * Stores the entry at {@code level} for {@code va} (a huge leaf, or 0 to clear one), allocating
   * the tables above it. A caller replacing a pointer to a lower table frees that table itself.
   *
   * @return false if a table was needed and no frame was free
   */
  public boolean writeEntry(long va, int level, long entry) {
    long[] table = tableAt(va, level, true);
    if (table == null) {
      return false;
    }
    if (level > 1) {
      cachedRegion = -1;
      cachedPte = null;
    }
    table[X86Paging.index(va, level)] = entry;
    return true;
  }

  /**
   * Counts a table frame that is held outside the tree (a PTE table deposited under a huge PMD, as
   * {@code pgtable_trans_huge_deposit}): it counts in VmPTE and PageTables as {@code
   * mm_inc_nr_ptes} does.
   *
   * @param level the level the table would have in the tree
   * @param delta +1 when deposited, -1 when withdrawn or freed
   */
  public void countOutsideTable(int level, int delta) {
    if (outsideTables[level] + delta < 0) {
      throw new IllegalStateException(
          "PageTables.countOutsideTable: more level-" + level + " tables withdrawn than deposited");
    }
    tablesPerLevel[level] += delta;
    outsideTables[level] += delta;
  }

  /**
   * The level-1 entry for {@code va}, or 0 if there is none. Under a huge leaf it is the entry a
   * split would create for that page: the leaf's flags without {@code PS}, the 4 KiB frame inside
   * the huge page.
   */
  public long readPte(long va) {
    long[] table = walkToPte(va, false);
    if (table == HUGE) {
      for (int level = 2; level <= 3; level++) {
        long entry = readEntry(va, level);
        if ((entry & PTE_PS) != 0) {
          long offset = (va & ((1L << (PAGE_SHIFT + 9 * (level - 1))) - 1)) & ~0xFFFL;
          return (entry & ~PTE_PS) + offset;
        }
      }
    }
    return table == null ? 0 : table[X86Paging.index(va, 1)];
  }

  /** The huge leaf (level 2 or 3) mapping {@code va}, or 0 if a PTE table or nothing maps it. */
  public long hugeLeaf(long va) {
    long[] table = walkToPte(va, false);
    if (table != HUGE) {
      return 0;
    }
    long pmd = readEntry(va, 2);
    return (pmd & PTE_PS) != 0 ? pmd : readEntry(va, 3);
  }

  /**
   * Puts a deposited PTE table into the tree under a PMD entry that held a huge leaf ({@code
   * pgtable_trans_huge_withdraw} then {@code pmd_populate} in {@code __split_huge_pmd_locked}): it
   * stops counting as deposited and starts counting as a reachable table.
   *
   * @param va an address the PMD entry maps
   * @param tablePfn the deposited table, filled by the caller
   */
  public void withdrawInto(long va, long tablePfn) {
    long[] pmdTable = tableAt(va, 2, false);
    if (pmdTable == null || (pmdTable[X86Paging.index(va, 2)] & PTE_PS) == 0) {
      throw new IllegalStateException(
          "PageTables.withdrawInto: no huge leaf at 0x" + Long.toHexString(va));
    }
    countOutsideTable(1, -1);
    tablesPerLevel[1]++;
    pmdTable[X86Paging.index(va, 2)] = (tablePfn << PAGE_SHIFT) | PAGE_TABLE_FLAGS;
    cachedRegion = -1;
    cachedPte = null;
  }

  /**
   * The inverse of {@link #withdrawInto}: the PTE table under the PMD entry of {@code va} leaves
   * the tree and is kept as a deposit, and the huge leaf takes its place ({@code
   * pmdp_collapse_flush}, {@code pgtable_trans_huge_deposit} and {@code set_pmd_at} in {@code
   * collapse_huge_page}, mm/khugepaged.c). The table still counts in VmPTE: the kernel neither
   * frees nor recounts it.
   *
   * @param va an address the PMD entry maps
   * @param leaf the huge leaf ({@code PS} set) to store
   * @return the table's frame, now outside the tree
   */
  public long depositUnderLeaf(long va, long leaf) {
    long[] pmdTable = tableAt(va, 2, false);
    long entry = pmdTable == null ? 0 : pmdTable[X86Paging.index(va, 2)];
    if (!X86Paging.isPresent(entry) || (entry & PTE_PS) != 0 || (leaf & PTE_PS) == 0) {
      throw new IllegalStateException(
          "PageTables.depositUnderLeaf: no PTE table (or no huge leaf given) at 0x"
              + Long.toHexString(va));
    }
    tablesPerLevel[1]--;
    countOutsideTable(1, 1);
    pmdTable[X86Paging.index(va, 2)] = leaf;
    cachedRegion = -1;
    cachedPte = null;
    return X86Paging.pteToPfn(entry);
  }

  /** Deposited (outside the tree) tables at {@code level}. */
  public long outsideTables(int level) {
    return outsideTables[level];
  }

  /**
   * Stores the level-1 entry for {@code va}, allocating tables on the way.
   *
   * @return false if a table was needed and no frame was free
   */
  public boolean writePte(long va, long pte) {
    long[] table = pteTable(va, true);
    if (table == null) {
      return false;
    }
    table[X86Paging.index(va, 1)] = pte;
    return true;
  }

  /**
   * Visits every non-zero level-1 entry in {@code [start, end)} in address order and stores what
   * the visitor returns. Missing tables are skipped whole.
   */
  public void forEachPte(long start, long end, LeafVisitor visitor) {
    walkRange(memory.table(rootPfn), mode.levels(), 0, start, end, visitor);
  }

  private void walkRange(
      long[] table, int level, long tableBase, long start, long end, LeafVisitor visitor) {
    int shift = PAGE_SHIFT + 9 * (level - 1);
    long span = 1L << shift;
    int first = (int) (((Math.max(start, tableBase) - tableBase) >>> shift));
    for (int i = first; i < 512; i++) {
      long va = tableBase + i * span;
      if (Long.compareUnsigned(va, end) >= 0) {
        return;
      }
      long entry = table[i];
      if (entry == 0) {
        continue;
      }
      if (level == 1) {
        table[i] = visitor.visit(va, entry);
      } else if ((entry & PTE_PS) != 0) {
        table[i] = visitor.visitHuge(va, level, entry);
      } else if (X86Paging.isPresent(entry)) {
        walkRange(memory.table(X86Paging.pteToPfn(entry)), level - 1, va, start, end, visitor);
      }
    }
  }

  /**
   * Frees the tables below the top level that lie wholly inside {@code [floor, ceiling)} and meet
   * {@code [start, end)}, as {@code free_pgd_range} does after an unmap: a table still partly
   * covering a neighbouring VMA stays. Every entry in the freed tables must already be clear.
   *
   * @param ceiling the end of the free gap, or 0 for the top of the address space
   */
  public void freeRange(long start, long end, long floor, long ceiling) {
    freeBelow(memory.table(rootPfn), mode.levels(), 0, start, end, floor, ceiling);
  }

  private void freeBelow(
      long[] table, int level, long tableBase, long start, long end, long floor, long ceiling) {
    int shift = PAGE_SHIFT + 9 * (level - 1);
    long span = 1L << shift;
    for (int i = 0; i < 512; i++) {
      long lo = tableBase + i * span;
      long hi = lo + span;
      long entry = table[i];
      if (!X86Paging.isPresent(entry) || (entry & PTE_PS) != 0 || !overlaps(lo, hi, start, end)) {
        continue;
      }
      long childPfn = X86Paging.pteToPfn(entry);
      long[] child = memory.table(childPfn);
      if (level > 2) {
        freeBelow(child, level - 1, lo, start, end, floor, ceiling);
      }
      boolean inside =
          Long.compareUnsigned(lo, floor) >= 0
              && (ceiling == 0 || Long.compareUnsigned(hi - 1, ceiling - 1) <= 0);
      if (inside) {
        requireEmpty(child, level - 1);
        cachedRegion = -1;
        cachedPte = null;
        table[i] = 0;
        memory.free(childPfn);
        tablesPerLevel[level - 1]--;
      }
    }
  }

  /** Frees every table, the top level too ({@code free_pgtables} then {@code pgd_free} at exit). */
  public void destroy() {
    freeRange(0, -1L, 0, 0);
    memory.free(rootPfn);
    for (int level = 1; level <= 5; level++) {
      if (outsideTables[level] != 0) {
        throw new IllegalStateException(
            "PageTables.destroy: " + outsideTables[level] + " deposited tables at level " + level);
      }
    }
    tablesPerLevel[mode.levels()]--;
    for (int level = 1; level <= 5; level++) {
      if (tablesPerLevel[level] != 0) {
        throw new IllegalStateException(
            "PageTables.destroy: " + tablesPerLevel[level] + " tables left at level " + level);
      }
    }
  }

  /** Recounts the tables reachable from the root and checks them against the counters. */
  public void checkInvariants() {
    long[] counted = outsideTables.clone();
    counted[mode.levels()] = 1;
    count(memory.table(rootPfn), mode.levels(), counted);
    for (int level = 1; level <= 5; level++) {
      if (counted[level] != tablesPerLevel[level]) {
        throw new IllegalStateException(
            "PageTables.checkInvariants: level "
                + level
                + " counter "
                + tablesPerLevel[level]
                + " but "
                + counted[level]
                + " tables are reachable");
      }
    }
  }

  private void count(long[] table, int level, long[] counted) {
    if (level == 1) {
      return;
    }
    for (long entry : table) {
      if (X86Paging.isPresent(entry) && !X86Paging.isLarge(entry)) {
        long pfn = X86Paging.pteToPfn(entry);
        if (memory.owner(pfn) != FrameOwner.PAGE_TABLE) {
          throw new IllegalStateException(
              "PageTables.checkInvariants: table frame "
                  + pfn
                  + " is owned by "
                  + memory.owner(pfn));
        }
        counted[level - 1]++;
        count(memory.table(pfn), level - 1, counted);
      }
    }
  }

  private static void requireEmpty(long[] table, int level) {
    for (long entry : table) {
      if (entry != 0) {
        throw new IllegalStateException(
            "PageTables.freeRange: freeing a level-" + level + " table that still maps something");
      }
    }
  }

  private static boolean overlaps(long lo, long hi, long start, long end) {
    return Long.compareUnsigned(lo, end) < 0 && Long.compareUnsigned(hi, start) > 0;
  }
}
