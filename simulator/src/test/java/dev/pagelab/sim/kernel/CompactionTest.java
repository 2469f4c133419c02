package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.phys.PhysicalMemory;
import dev.pagelab.sim.proc.BuddyinfoFormat;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.vm.AddressSpace;
import dev.pagelab.sim.vm.Madvice;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactionTest {
  private static final long PAGE = 4096;

  /** No zone has a free block of {@code order} or larger. */
  private static boolean noFreeBlock(Machine m, int order) {
    for (BuddyinfoFormat.Zone z : ProcFs.buddyinfoZones(m)) {
      long[] counts = z.freeBlocks();
      for (int o = order; o < counts.length; o++) {
        if (counts[o] != 0) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * A 256 MiB machine without swap and with {@code min_free_kbytes=128}, so the free memory a full
   * machine keeps is too little to hold an order-9 block.
   */
  static Machine small() {
    return new Machine(
        new MachineConfig(
            256L << 20, 0, PagingMode.FOUR_LEVEL, 64, 128, 10, 0, 50, "madvise", 42, 2));
  }

  /**
   * A 256 MiB machine without swap whose free memory is all in single pages: a process fills it
   * down to just above the zones' min watermarks and then drops every other page.
   */
  private static Machine fragmented(Process[] out, long[] region) throws SyscallException {
    Machine m = small();
    Process p = m.spawn("frag", "/usr/bin/frag");
    long floor = 128;
    for (int z = 0; z < m.memory().zoneRanges().size(); z++) {
      floor += m.memory().zoneMinFree(z);
    }
    long bytes = m.memory().freePages() * PAGE;
    long at = m.mmap(p, 0, bytes, Prot.RW, false, false, null, 0);
    long end = at;
    while (m.memory().freePages() > floor) {
      assertTrue(m.access(p, end, AccessType.WRITE));
      end += PAGE;
    }
    for (long va = at; va < end; va += 2 * PAGE) {
      m.madvise(p, va, PAGE, Madvice.DONTNEED);
    }
    out[0] = p;
    region[0] = at;
    region[1] = end - at;
    return m;
  }

  /** Writes a marker into every mapped page and returns the entries by address. */
  private static Map<Long, Long> markPages(Machine m, Process p, long at, long bytes) {
    Map<Long, Long> ptes = new HashMap<>();
    for (long va = at; va < at + bytes; va += PAGE) {
      long pte = p.mm().readPte(va);
      if (pte != 0 && !AddressSpace.isSwapEntry(pte)) {
        m.memory().table(X86Paging.pteToPfn(pte))[0] = va;
        ptes.put(va, pte);
      }
    }
    return ptes;
  }

  /** Every page is mapped at the same address, with the same flags and contents. */
  private static long checkPages(Machine m, Process p, Map<Long, Long> before) {
    long moved = 0;
    for (Map.Entry<Long, Long> e : before.entrySet()) {
      long pte = p.mm().readPte(e.getKey());
      assertEquals(e.getValue() & ~Pte.PTE_ADDR_MASK, pte & ~Pte.PTE_ADDR_MASK, "flags");
      long pfn = X86Paging.pteToPfn(pte);
      assertEquals(e.getKey(), m.memory().readLong(pfn << 12), "contents at " + e.getKey());
      assertEquals(FrameOwner.ANON, m.memory().owner(pfn));
      moved += pfn != X86Paging.pteToPfn(e.getValue()) ? 1 : 0;
    }
    return moved;
  }

  @Test
  void compactMemoryMakesHugeBlocksFreeAndKeepsEveryPage() throws SyscallException {
    Process[] p = new Process[1];
    long[] r = new long[2];
    Machine m = fragmented(p, r);
    assertTrue(noFreeBlock(m, 9), ProcFs.buddyinfo(m));
    long free = m.memory().freePages();
    Map<Long, Long> before = markPages(m, p[0], r[0], r[1]);
    long rss = p[0].mm().rssAnon();
    long minFlt = p[0].minFlt();

    m.sysctl("vm.compact_memory", "1");

    assertFalse(noFreeBlock(m, 9), ProcFs.buddyinfo(m));
    assertEquals(free, m.memory().freePages(), "frames lost or gained");
    long moved = checkPages(m, p[0], before);
    Map<String, Long> vmstat = ProcFs.vmstatFields(m);
    assertTrue(moved > 0 && moved <= vmstat.get("pgmigrate_success"), "moved " + moved);
    assertTrue(vmstat.get("compact_isolated") >= 2 * moved, "both scanners isolate");
    assertTrue(vmstat.get("compact_migrate_scanned") > 0);
    assertTrue(vmstat.get("compact_free_scanned") > 0);
    assertEquals(0, vmstat.get("compact_stall"), "compact_memory is not a stall");
    m.checkInvariants();
    // Accesses after the move go through fresh translations to the new frames.
    for (long va : before.keySet()) {
      assertTrue(m.access(p[0], va, AccessType.READ));
    }
    assertEquals(rss, p[0].mm().rssAnon());
    assertEquals(minFlt, p[0].minFlt(), "a moved page must not fault");
  }

  @Test
  void directCompactionCountsStallAndSuccessThenAllocates() throws SyscallException {
    Process[] p = new Process[1];
    long[] r = new long[2];
    Machine m = fragmented(p, r);
    assertTrue(m.compactForOrder(9, true));
    Map<String, Long> vmstat = ProcFs.vmstatFields(m);
    assertEquals(1, vmstat.get("compact_stall"));
    assertEquals(1, vmstat.get("compact_success"));
    assertEquals(0, vmstat.get("compact_fail"));
    long pfn = m.memory().allocate(9, FrameOwner.ANON, false);
    assertTrue(pfn >= 0);
    m.memory().free(pfn, 9);
    m.checkInvariants();
  }

  @Test
  void pinnedPagesDefeatCompactionUntilUnpinned() throws SyscallException {
    Process[] p = new Process[1];
    long[] r = new long[2];
    Machine m = fragmented(p, r);
    // One pinned page per 2 MiB of the region (the odd pages are still mapped).
    long pinned = m.pin(p[0], r[0] + PAGE, r[1] - PAGE, 2L << 20);
    assertEquals((r[1] - PAGE + (2L << 20) - 1) / (2L << 20), pinned);
    Map<Long, Long> before = markPages(m, p[0], r[0], r[1]);

    assertFalse(m.compactForOrder(9, true));
    assertEquals(1, ProcFs.vmstatFields(m).get("compact_fail"));
    for (long va = r[0] + PAGE; va < r[0] + r[1]; va += 2L << 20) {
      assertEquals(before.get(va), p[0].mm().readPte(va), "a pinned page moved");
    }
    checkPages(m, p[0], before);
    m.checkInvariants();

    assertEquals(pinned, m.unpin(p[0], r[0] + PAGE, r[1] - PAGE, 2L << 20));
    assertTrue(m.compactForOrder(9, true));
    assertEquals(1, ProcFs.vmstatFields(m).get("compact_success"));
    checkPages(m, p[0], before);
    m.checkInvariants();
  }

  @Test
  void sharedFileAndSwapCachePagesMoveWithAllTheirUsers() throws SyscallException {
    Process[] p = new Process[1];
    long[] r = new long[2];
    Machine m = fragmented(p, r);
    m.exit(p[0], 0);
    Process a = m.spawn("a", "/usr/bin/a");
    long anon = m.mmap(a, 0, 8L << 20, Prot.RW, false, false, null, 0);
    m.write("/tmp/f", 0, 4L << 20);
    long file = m.mmap(a, 0, 4L << 20, Prot.RW, true, false, "/tmp/f", 0);
    for (long off = 0; off < 8L << 20; off += PAGE) {
      m.access(a, anon + off, AccessType.WRITE);
    }
    for (long off = 0; off < 4L << 20; off += PAGE) {
      m.access(a, file + off, AccessType.READ);
    }
    Process child = m.fork(a);
    m.madvise(a, anon, 1L << 20, Madvice.PAGEOUT);
    m.checkInvariants();
    PhysicalMemory mem = m.memory();
    Map<Long, Long> childBefore = markPages(m, child, anon, 8L << 20);

    m.sysctl("vm.compact_memory", "1");

    m.checkInvariants();
    for (Map.Entry<Long, Long> e : childBefore.entrySet()) {
      long pfn = X86Paging.pteToPfn(child.mm().readPte(e.getKey()));
      assertEquals(e.getKey(), mem.readLong(pfn << 12));
      long parentPte = a.mm().readPte(e.getKey());
      if (!AddressSpace.isSwapEntry(parentPte)) {
        assertEquals(pfn, X86Paging.pteToPfn(parentPte), "fork-shared page split by migration");
      }
    }
    for (long off = 0; off < 4L << 20; off += PAGE) {
      long pfn = X86Paging.pteToPfn(a.mm().readPte(file + off));
      assertEquals(pfn, m.pageCache().lookup(m.file("/tmp/f"), off / PAGE).pfn(off / PAGE));
    }
  }

  @Test
  void aPinnedPageIsNotPagedOut() throws SyscallException {
    Machine m =
        new Machine(
            new MachineConfig(
                256L << 20, 64L << 20, PagingMode.FOUR_LEVEL, 64, -1, 10, 0, 50, "madvise", 42, 2));
    Process p = m.spawn("a", "/usr/bin/a");
    long at = m.mmap(p, 0, 16 * PAGE, Prot.RW, false, false, null, 0);
    for (long va = at; va < at + 16 * PAGE; va += PAGE) {
      assertTrue(m.access(p, va, AccessType.WRITE));
    }
    assertEquals(8, m.pin(p, at, 16 * PAGE, 2 * PAGE));
    m.madvise(p, at, 16 * PAGE, Madvice.PAGEOUT);
    for (long va = at; va < at + 16 * PAGE; va += PAGE) {
      boolean swapped = AddressSpace.isSwapEntry(p.mm().readPte(va));
      assertEquals((va - at) % (2 * PAGE) != 0, swapped, "page at +" + (va - at));
    }
    assertEquals(8, m.memory().pinnedPages());
    m.checkInvariants();
    m.munmap(p, at, 16 * PAGE);
    assertEquals(0, m.memory().pinnedPages(), "a pin ends when its page is freed");
    m.checkInvariants();
  }

  @Test
  void aFailedDirectCompactionIsNotRepeatedUntilSomethingIsFreed() throws SyscallException {
    Process[] p = new Process[1];
    long[] r = new long[2];
    Machine m = fragmented(p, r);
    m.pin(p[0], r[0] + PAGE, r[1] - PAGE, 2L << 20);
    assertFalse(m.compactForOrder(9, true));
    long scanned = m.compaction().migrateScanned();
    assertFalse(m.compactForOrder(9, true));
    assertEquals(scanned, m.compaction().migrateScanned(), "deferred: nothing rescanned");
    Map<String, Long> vmstat = ProcFs.vmstatFields(m);
    assertEquals(2, vmstat.get("compact_stall"));
    assertEquals(2, vmstat.get("compact_fail"));
    m.madvise(p[0], r[0] + 3 * PAGE, PAGE, Madvice.DONTNEED);
    m.compactForOrder(9, true);
    assertTrue(m.compaction().migrateScanned() > scanned, "a free lifts the deferral");
    m.checkInvariants();
  }

  @Test
  void compactMemoryTakesOnlyOne() {
    Machine m = small();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> m.sysctl("vm.compact_memory", "2"));
    assertEquals("vm.compact_memory=2: expected 1", e.getMessage());
  }
}
