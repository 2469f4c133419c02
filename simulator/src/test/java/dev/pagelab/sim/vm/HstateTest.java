package dev.pagelab.sim.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.phys.PhysicalMemory;
import dev.pagelab.sim.phys.ZoneRange;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One pool's arithmetic, as {@code mm/hugetlb.c} keeps it, on 64 MiB of RAM (32 blocks of 2 MiB).
 */
class HstateTest {
  private final PhysicalMemory memory =
      new PhysicalMemory(List.of(new ZoneRange("Normal", 0, 1L << 14)));
  private final Hstate h = new Hstate(memory, 9);

  @Test
  void aPoolGetsWhatTheBuddyAllocatorHasAndReadsBackTheRealCount() {
    assertEquals(32, h.setMaxHugePages(100));
    assertEquals(0, memory.freePages());
    assertEquals(32 * 512, memory.pages(FrameOwner.HUGETLB));
    assertEquals(10, h.setMaxHugePages(10));
    assertEquals(22 * 512, memory.freePages());
    h.checkInvariants(0);
  }

  @Test
  void aReservationThatCannotBeServedLeavesNothingBehind() {
    h.setMaxHugePages(2);
    h.setOvercommit(3);
    assertFalse(h.acctMemory(6), "2 free + 3 surplus < 6");
    assertEquals(2, h.nrHugePages(), "the surplus pages it took went back");
    assertEquals(0, h.surplusHugePages());
    assertEquals(0, h.resvHugePages());
    assertTrue(h.acctMemory(5));
    assertEquals(5, h.nrHugePages());
    assertEquals(3, h.surplusHugePages());
    assertEquals(5, h.resvHugePages());
    h.acctMemory(-5);
    assertEquals(2, h.nrHugePages(), "unused surplus pages are freed with the reservation");
    h.checkInvariants(0);
  }

  @Test
  void aFaultWithoutReservationMayNotTakeAReservedPage() {
    h.setMaxHugePages(1);
    assertTrue(h.acctMemory(1));
    assertEquals(-1, h.allocFolio(false), "the only free page is reserved");
    long pfn = h.allocFolio(true);
    assertEquals(0, pfn % 512);
    assertEquals(0, h.resvHugePages());
    h.checkInvariants(1);
    h.freeHugeFolio(pfn);
    assertEquals(1, h.freeHugePages());
    h.checkInvariants(0);
  }

  @Test
  void giganticPagesAreNeverSurplusOnDemand() {
    PhysicalMemory big = new PhysicalMemory(List.of(new ZoneRange("Normal", 0, 1L << 19)));
    Hstate g = new Hstate(big, 18);
    g.setOvercommit(2);
    assertFalse(g.acctMemory(1));
    assertEquals(2, g.setMaxHugePages(2));
    assertEquals(0, big.freePages());
    assertEquals(0, g.setMaxHugePages(0));
    assertEquals(1L << 19, big.freePages());
  }
}
