package dev.pagelab.sim.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.Access;
import dev.pagelab.sim.spi.FaultReason;
import dev.pagelab.sim.spi.PageSize;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.spi.WalkResult.PageFault;
import org.junit.jupiter.api.Test;

/** The TLB through the MMU: hits, misses, dirty re-walks, replacement and flushes. */
class TlbTest {
  private static final long BASE = 0x0000_7f5a_efe0_0000L;
  private static final long PAGE = PageSize.SIZE_4K.bytes();
  private static final long FRAMES = 0x0000_0001_0000_0000L;

  private final TableBuilder tables = new TableBuilder(new SparseMemory(), PagingMode.FOUR_LEVEL);
  private final Mmu mmu = new Mmu(tables.memory(), new ReferenceWalker(), PagingMode.FOUR_LEVEL);

  private long translate(Tlb tlb, long va, Access access) {
    return mmu.translate(tlb, tables.root(), va, access);
  }

  /** Maps {@code count} 4 KiB pages from BASE, page i at frame FRAMES + i pages. */
  private void mapPages(int count) {
    for (int i = 0; i < count; i++) {
      tables.map4k(BASE + i * PAGE, FRAMES + i * PAGE);
    }
  }

  private static void assertCounts(Tlb tlb, long hits, long misses) {
    assertEquals(hits, tlb.hits(), "hits");
    assertEquals(misses, tlb.misses(), "misses");
  }

  @Test
  void secondAccessToAPageHits() {
    mapPages(1);
    Tlb tlb = new Tlb();
    assertEquals(FRAMES + 0x10, translate(tlb, BASE + 0x10, Access.USER_READ));
    assertEquals(FRAMES + 0x20, translate(tlb, BASE + 0x20, Access.USER_READ));
    assertCounts(tlb, 1, 1);
  }

  @Test
  void aWriteToAPageNotYetDirtyWalksAgainAndSetsDirty() {
    mapPages(1);
    Tlb tlb = new Tlb();
    translate(tlb, BASE, Access.USER_READ);
    assertEquals(0, tables.get(BASE, 1) & Pte.PTE_D);
    translate(tlb, BASE, Access.USER_WRITE);
    assertTrue((tables.get(BASE, 1) & Pte.PTE_D) != 0, "the re-walk set D");
    translate(tlb, BASE, Access.USER_WRITE);
    translate(tlb, BASE, Access.USER_READ);
    assertCounts(tlb, 2, 2);
    assertEquals(1, tlb.occupied(), "the re-walk replaced the entry");
  }

  @Test
  void aLargePageIsOneEntryForAllItsAddresses() {
    tables.map(BASE, PageSize.SIZE_2M, FRAMES, TableBuilder.TABLE_FLAGS);
    Tlb tlb = new Tlb();
    assertEquals(FRAMES + 5, translate(tlb, BASE + 5, Access.USER_READ));
    assertEquals(FRAMES + 0x1F_F000, translate(tlb, BASE + 0x1F_F000, Access.USER_READ));
    assertCounts(tlb, 1, 1);
    assertEquals(1, tlb.occupied());
  }

  @Test
  void aFullSetReplacesItsLeastRecentlyUsedWay() {
    mapPages(Tlb.WAYS + 1);
    Tlb tlb = new Tlb(Tlb.WAYS); // one set of four ways per page size
    for (int i = 0; i < Tlb.WAYS; i++) {
      translate(tlb, BASE + i * PAGE, Access.USER_READ);
    }
    translate(tlb, BASE, Access.USER_READ); // page 1 is now the least recently used
    translate(tlb, BASE + Tlb.WAYS * PAGE, Access.USER_READ); // evicts page 1
    translate(tlb, BASE, Access.USER_READ);
    assertCounts(tlb, 2, Tlb.WAYS + 1);
    translate(tlb, BASE + PAGE, Access.USER_READ);
    assertCounts(tlb, 2, Tlb.WAYS + 2);
  }

  @Test
  void flushPageDropsOnlyThatPage() {
    mapPages(2);
    Tlb tlb = new Tlb();
    translate(tlb, BASE, Access.USER_READ);
    translate(tlb, BASE + PAGE, Access.USER_READ);
    tlb.flushPage(BASE + 0x123);
    assertEquals(1, tlb.occupied());
    translate(tlb, BASE + PAGE, Access.USER_READ);
    assertCounts(tlb, 1, 2);
  }

  @Test
  void flushRangeDropsEveryOverlappingPageWhateverItsSize() {
    mapPages(4);
    long huge = BASE + PageSize.SIZE_2M.bytes();
    tables.map(huge, PageSize.SIZE_2M, FRAMES + PageSize.SIZE_2M.bytes(), Pte.PTE_P | Pte.PTE_US);
    Tlb tlb = new Tlb();
    for (int i = 0; i < 4; i++) {
      translate(tlb, BASE + i * PAGE, Access.USER_READ);
    }
    translate(tlb, huge, Access.USER_READ);
    assertEquals(5, tlb.occupied());
    tlb.flushRange(BASE + PAGE + 1, BASE + 3 * PAGE); // pages 1 and 2
    assertEquals(3, tlb.occupied());
    tlb.flushRange(huge + PageSize.SIZE_2M.bytes() - 1, huge + PageSize.SIZE_2M.bytes());
    assertEquals(2, tlb.occupied(), "the last byte of the 2 MiB page drops it");
    tlb.flushRange(BASE, BASE);
    assertEquals(2, tlb.occupied(), "an empty range drops nothing");
    tlb.flushAll();
    assertEquals(0, tlb.occupied());
  }

  @Test
  void flushRangeWorksAtTheTopOfTheAddressSpace() {
    long top = -PAGE; // 0xffff_ffff_ffff_f000
    tables.map(top, PageSize.SIZE_4K, FRAMES, Pte.PTE_P);
    Tlb tlb = new Tlb();
    translate(tlb, top, new Access(dev.pagelab.sim.spi.AccessType.READ, false));
    tlb.flushRange(top, -1L);
    assertEquals(0, tlb.occupied());
  }

  @Test
  void aDeniedAccessIsAMissThatFaultsAndDropsThePage() {
    tables.map(BASE, PageSize.SIZE_4K, FRAMES, Pte.PTE_P | Pte.PTE_US); // read-only
    Tlb tlb = new Tlb();
    translate(tlb, BASE, Access.USER_READ);
    assertEquals(Mmu.FAULT, translate(tlb, BASE, Access.USER_WRITE));
    assertEquals(
        new PageFault(Pte.PFEC_P | Pte.PFEC_W | Pte.PFEC_U, 1, FaultReason.PROTECTION),
        mmu.lastFault());
    assertEquals(0, tlb.occupied(), "a fault invalidates the faulting address");
    assertCounts(tlb, 0, 2);
  }

  @Test
  void resetCountersZeroesHitsAndMisses() {
    mapPages(1);
    Tlb tlb = new Tlb();
    translate(tlb, BASE, Access.USER_READ);
    translate(tlb, BASE, Access.USER_READ);
    tlb.resetCounters();
    assertCounts(tlb, 0, 0);
  }

  @Test
  void rejectsBadSizesAndRanges() {
    for (int bad : new int[] {0, 2, 12, 100, -64}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Tlb(bad));
      assertTrue(e.getMessage().startsWith("Tlb:"), e.getMessage());
    }
    Tlb tlb = new Tlb(8);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tlb.flushRange(PAGE, 0));
    assertTrue(e.getMessage().startsWith("Tlb.flushRange:"), e.getMessage());
  }
}
