package dev.pagelab.sim.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.PageSize;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult;
import dev.pagelab.sim.spi.WalkResult.Translation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Translating through the MMU and a small TLB always gives what a fresh walk gives, while pages are
 * accessed, entries change (followed by the flush the kernel would do) and the TLB is flushed.
 */
class MmuPropertiesTest {
  private static final long[] TOGGLES = {Pte.PTE_P, Pte.PTE_RW, Pte.PTE_US, Pte.PTE_NX};
  private final ReferenceWalker walker = new ReferenceWalker();

  @Property(tries = 300)
  void mmuWithTlbAgreesWithTheWalker(@ForAll long seed) {
    Random random = new Random(seed);
    PagingMode mode = random.nextBoolean() ? PagingMode.FOUR_LEVEL : PagingMode.FIVE_LEVEL;
    TableBuilder tables = new TableBuilder(new SparseMemory(), mode);
    List<Long> pages = mapRandomPages(random, tables);
    Tlb tlb = new Tlb(Tlb.WAYS << random.nextInt(3)); // 4, 8 or 16 slots: many evictions
    Mmu mmu = new Mmu(tables.memory(), walker, mode);
    int translations = 0;
    for (int step = 0; step < 300; step++) {
      int op = random.nextInt(100);
      long page = pages.get(random.nextInt(pages.size()));
      long va = page + random.nextInt(random.nextInt(4) == 0 ? 1 << 22 : 1 << 12);
      if (op < 80) {
        Access access = new Access(AccessType.values()[random.nextInt(3)], random.nextBoolean());
        long physical = mmu.translate(tlb, tables.root(), va, access);
        if (physical != Mmu.FAULT && access.type() == AccessType.WRITE) {
          assertTrue((leafEntry(tables, va) & Pte.PTE_D) != 0, "D after a write, seed " + seed);
        }
        WalkResult expected = walker.walk(tables.memory(), tables.root(), va, access, mode);
        String where = "seed " + seed + " step " + step;
        if (expected instanceof Translation t) {
          assertEquals(t.physicalAddress(), physical, where);
        } else {
          assertEquals(Mmu.FAULT, physical, where);
          assertEquals(expected, mmu.lastFault(), where);
        }
        translations++;
      } else if (op < 97) {
        changeEntryAndFlush(random, tables, tlb, va);
      } else {
        tlb.flushAll();
      }
    }
    assertEquals(translations, tlb.hits() + tlb.misses(), "every translation is a hit or a miss");
  }

  /** The leaf entry mapping {@code va}, read by a supervisor-read walk (which never sets D). */
  private long leafEntry(TableBuilder tables, long va) {
    long[] leaf = new long[1];
    WalkObserver observer =
        (level, table, index, address, value, decision) -> {
          if (decision == WalkObserver.Decision.LEAF) {
            leaf[0] = value;
          }
        };
    Access read = new Access(AccessType.READ, false);
    walker.walk(tables.memory(), tables.root(), va, read, tables.mode(), observer);
    return leaf[0];
  }

  /** Maps pages of random sizes and rights close together, so they share tables and TLB sets. */
  private static List<Long> mapRandomPages(Random random, TableBuilder tables) {
    long base = RandomPath.randomCanonical(random, tables.mode()) & ~(PageSize.SIZE_1G.bytes() - 1);
    List<Long> pages = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      PageSize size = PageSize.values()[random.nextInt(8) == 0 ? 1 : 0];
      long va = base + (random.nextInt(64) << PageSize.SIZE_2M.shift()) & ~size.offsetMask();
      va = va + (size == PageSize.SIZE_4K ? (random.nextInt(512) << 12) : 0);
      if (!X86Paging.isCanonical(va, tables.mode())) {
        continue;
      }
      long frame = (random.nextLong() & Pte.PTE_ADDR_MASK) & ~size.offsetMask();
      long flags = Pte.PTE_P | randomRights(random);
      tables.map(va, size, frame, flags);
      pages.add(va);
    }
    if (pages.isEmpty()) {
      pages.add(base);
    }
    return pages;
  }

  private static long randomRights(Random random) {
    return (random.nextInt(4) != 0 ? Pte.PTE_RW : 0)
        | (random.nextInt(4) != 0 ? Pte.PTE_US : 0)
        | (random.nextInt(4) == 0 ? Pte.PTE_NX : 0);
  }

  /**
   * Toggles a right (or P) in one entry on the path of {@code va}, or points a leaf elsewhere, then
   * flushes as the kernel would: the page for a leaf, the whole range the entry maps otherwise.
   */
  private static void changeEntryAndFlush(Random random, TableBuilder tables, Tlb tlb, long va) {
    PagingMode mode = tables.mode();
    int level = random.nextBoolean() ? 1 : 1 + random.nextInt(mode.levels()); // 1: the leaf
    long table = tables.root();
    for (int l = mode.levels(); l >= level; l--) {
      long address = table + X86Paging.entryOffset(va, l);
      long entry = tables.memory().readLong(address);
      boolean leaf = l == 1 || (X86Paging.isLarge(entry) && l <= 3);
      if (l == level || leaf || !X86Paging.isPresent(entry)) {
        long changed =
            leaf && random.nextBoolean()
                ? entry ^ (PageSize.ofLevel(l).bytes() << random.nextInt(8))
                : entry ^ TOGGLES[random.nextInt(TOGGLES.length)];
        tables.memory().poke(address, changed & ~Pte.PTE_RESERVED_HIGH);
        flushWhatTheEntryMaps(tlb, va, l);
        return;
      }
      table = X86Paging.pteToPhys(entry);
    }
  }

  private static void flushWhatTheEntryMaps(Tlb tlb, long va, int level) {
    if (level == 1) {
      tlb.flushPage(va);
      return;
    }
    long span = 1L << (PageSize.SIZE_4K.shift() + 9 * (level - 1));
    long start = va & -span;
    long end = start + span;
    tlb.flushRange(start, end == 0 ? -1L : end);
  }

  @Example
  void aWalkerThatReturnsNullFailsLoudly() {
    TableBuilder tables = new TableBuilder(new SparseMemory(), PagingMode.FOUR_LEVEL);
    Mmu mmu = new Mmu(tables.memory(), (m, r, v, a, mode) -> null, PagingMode.FOUR_LEVEL);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> mmu.translate(new Tlb(), tables.root(), 0x1000, Access.USER_READ));
    assertTrue(e.getMessage().startsWith("Mmu.translate:"), e.getMessage());
  }

  @Example
  void lastFaultBeforeAnyFaultFailsLoudly() {
    Mmu mmu = new Mmu(new SparseMemory(), walker, PagingMode.FOUR_LEVEL);
    IllegalStateException e = assertThrows(IllegalStateException.class, mmu::lastFault);
    assertTrue(e.getMessage().startsWith("Mmu.lastFault:"), e.getMessage());
  }
}
