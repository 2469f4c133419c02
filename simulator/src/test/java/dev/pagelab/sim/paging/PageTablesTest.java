package dev.pagelab.sim.paging;

import static dev.pagelab.sim.spi.Pte.PTE_P;
import static dev.pagelab.sim.spi.Pte.PTE_PS;
import static dev.pagelab.sim.spi.Pte.PTE_RW;
import static dev.pagelab.sim.spi.Pte.PTE_US;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.phys.PhysicalMemory;
import dev.pagelab.sim.phys.ZoneRange;
import dev.pagelab.sim.spi.PagingMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel's side of page tables: huge leaves above level 1 and deposited tables. */
class PageTablesTest {
  private static final long MIB2 = 1L << 21;
  private final PhysicalMemory memory =
      new PhysicalMemory(List.of(new ZoneRange("Normal", 0, 1L << 16)));
  private final PageTables tables = PageTables.create(memory, PagingMode.FOUR_LEVEL);

  @Test
  void aPmdLeafIsReadBackAndNeedsNoPteTable() {
    long leaf = (4096L << 12) | PTE_P | PTE_RW | PTE_US | PTE_PS;
    assertTrue(tables.writeEntry(0x4000_0000L, 2, leaf));
    assertEquals(leaf, tables.readEntry(0x4000_0000L + 12345, 2));
    assertEquals(0, tables.tables(1), "no PTE table under a 2 MiB leaf");
    assertEquals(2 * 4096, tables.pgtablesBytes(), "one PUD and one PMD table");
    assertThrows(IllegalStateException.class, () -> tables.pteTable(0x4000_0000L, true));
    tables.checkInvariants();
  }

  @Test
  void aRangeWalkHandsHugeLeavesToTheVisitor() {
    long leaf = (4096L << 12) | PTE_P | PTE_PS;
    tables.writeEntry(MIB2 * 8, 2, leaf);
    tables.writePte(MIB2 * 9, (77L << 12) | PTE_P);
    List<String> seen = new ArrayList<>();
    tables.forEachPte(
        MIB2 * 8 + 4096,
        MIB2 * 10,
        new PageTables.LeafVisitor() {
          @Override
          public long visit(long va, long pte) {
            seen.add("pte " + Long.toHexString(va));
            return pte;
          }

          @Override
          public long visitHuge(long va, int level, long entry) {
            seen.add("level " + level + " " + Long.toHexString(va));
            return 0;
          }
        });
    assertEquals(List.of("level 2 1000000", "pte 1200000"), seen);
    assertEquals(0, tables.readEntry(MIB2 * 8, 2), "the visitor cleared the leaf");
  }

  @Test
  void aVisitorThatExpectsNoHugeLeafFailsLoudly() {
    tables.writeEntry(MIB2 * 8, 2, (4096L << 12) | PTE_P | PTE_PS);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> tables.forEachPte(0, MIB2 * 16, (va, pte) -> pte));
    assertTrue(e.getMessage().startsWith("PageTables.forEachPte"), e.getMessage());
  }

  @Test
  void freeingARangeLeavesHugeLeavesAloneAndDepositedTablesCount() {
    tables.writeEntry(MIB2 * 8, 2, (4096L << 12) | PTE_P | PTE_PS);
    tables.countOutsideTable(1, +1);
    assertEquals(3 * 4096, tables.pgtablesBytes(), "a deposited PTE table counts in VmPTE");
    tables.checkInvariants();
    assertThrows(IllegalStateException.class, tables::destroy, "a deposit left over is a leak");
  }

  @Test
  void withdrawingMoreThanWasDepositedFails() {
    assertThrows(IllegalStateException.class, () -> tables.countOutsideTable(1, -1));
  }

  @Test
  void aMissingPathReadsAsZero() {
    assertEquals(0, tables.readEntry(1L << 39, 3));
    assertNull(tables.tableAt(1L << 39, 2, false));
  }
}
