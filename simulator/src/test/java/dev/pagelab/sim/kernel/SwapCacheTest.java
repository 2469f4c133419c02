package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Madvice;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The swap cache, swap-in readahead and the anonymous LRU lists: what {@code MADV_PAGEOUT} leaves
 * in the cache, which faults are minor, when a slot is freed, how {@code vm.page-cluster} sets the
 * readahead, and how pages move between the inactive and active anon lists.
 */
class SwapCacheTest {
  private static final long MIB = 1L << 20;
  private static final long PAGES = 4 * MIB / 4096;

  private Machine m;
  private Process p;
  private long addr;

  @AfterEach
  void invariantsHold() {
    m.checkInvariants();
  }

  private void boot(long ramBytes, long swapBytes, long mapBytes) throws SyscallException {
    m = new Machine(PressureConfig.of(ramBytes, swapBytes));
    p = m.spawn("t", "/usr/bin/t");
    addr = m.mmap(p, 0, mapBytes, Prot.RW, false, false, null, 0);
    touch(addr, mapBytes, AccessType.WRITE);
  }

  private void touch(long at, long bytes, AccessType type) {
    for (long off = 0; off < bytes; off += 4096) {
      assertTrue(m.access(p, at + off, type));
    }
  }

  private long meminfo(String field) {
    return ProcFs.meminfoFields(m).get(field);
  }

  @Test
  void newAnonymousPagesStartOnTheInactiveList() throws SyscallException {
    boot(256 * MIB, 64 * MIB, 4 * MIB);
    assertEquals(0, meminfo("Active(anon)"));
    assertEquals(
        meminfo("AnonPages") + meminfo("Shmem"), meminfo("Inactive(anon)"), "all anon inactive");
    assertEquals(
        p.mm().rssAnon() + m.init().mm().rssAnon(), m.anonLru().inactivePages(), "lists recount");
  }

  @Test
  void pageoutKeepsPagesInTheSwapCacheUntilReclaimed() throws SyscallException {
    boot(256 * MIB, 64 * MIB, 4 * MIB);
    long anonBefore = meminfo("AnonPages");
    m.madvise(p, addr, 4 * MIB, Madvice.PAGEOUT);
    assertEquals(4096, meminfo("SwapCached"));
    assertEquals(anonBefore - 4096, meminfo("AnonPages"), "AnonPages counts mapped pages only");
    assertEquals(meminfo("SwapTotal") - 4096, meminfo("SwapFree"));
    var vm = ProcFs.vmstatFields(m);
    assertEquals(PAGES, vm.get("nr_swapcached"));
    assertEquals(
        (meminfo("Cached") + meminfo("Buffers")) / 4 + PAGES,
        vm.get("nr_file_pages"),
        "NR_FILE_PAGES counts the swap cache, Cached does not");
    m.vmscan().direct(m.memory().managedPages());
    assertEquals(0, meminfo("SwapCached"), "reclaim dropped the written swap-cache pages");
    assertTrue(meminfo("SwapTotal") - meminfo("SwapFree") >= 4096, "the slots stay in use");
  }

  @Test
  void aReadFromTheSwapCacheIsMinorAndKeepsTheSlot() throws SyscallException {
    boot(256 * MIB, 64 * MIB, 4 * MIB);
    m.madvise(p, addr, 4 * MIB, Madvice.PAGEOUT);
    long maj = p.majFlt();
    long min = p.minFlt();
    long in = ProcFs.vmstatFields(m).get("pswpin");
    touch(addr, 4 * MIB, AccessType.READ);
    assertEquals(maj, p.majFlt());
    assertEquals(min + PAGES, p.minFlt());
    assertEquals(in, ProcFs.vmstatFields(m).get("pswpin"), "nothing read from the disk");
    assertEquals(0, p.mm().swapents());
    assertEquals(4096, meminfo("SwapCached"), "the clean copy stays cached");
    assertEquals(meminfo("SwapTotal") - 4096, meminfo("SwapFree"));
  }

  @Test
  void aWriteFreesTheSlot() throws SyscallException {
    boot(256 * MIB, 64 * MIB, 4 * MIB);
    m.madvise(p, addr, 4 * MIB, Madvice.PAGEOUT);
    touch(addr, 4 * MIB, AccessType.WRITE);
    assertEquals(0, meminfo("SwapCached"));
    assertEquals(meminfo("SwapTotal"), meminfo("SwapFree"));
  }

  @Test
  void swapMoreThanHalfFullFreesSlotsOnSwapIn() throws SyscallException {
    boot(256 * MIB, 6 * MIB, 4 * MIB);
    m.madvise(p, addr, 4 * MIB, Madvice.PAGEOUT);
    assertTrue(m.swap().full());
    touch(addr, 4 * MIB, AccessType.READ);
    // Each swap-in frees its slot while more than half the area is in use, then keeps it cached.
    assertEquals(m.swap().totalPages() / 2, m.swap().usedPages());
    assertEquals(m.swap().usedPages() * 4, meminfo("SwapCached"));
    assertEquals(0, p.mm().swapents());
  }

  @Test
  void pageClusterSetsTheReadaheadWindow() throws SyscallException {
    for (int cluster : new int[] {0, 1, 3, 5}) {
      boot(256 * MIB, 64 * MIB, 4 * MIB);
      m.sysctl("vm.page-cluster", Integer.toString(cluster));
      m.madvise(p, addr, 4 * MIB, Madvice.PAGEOUT);
      touch(addr, 4 * MIB, AccessType.READ);
      m.madvise(p, addr, 4 * MIB, Madvice.PAGEOUT);
      long maj = p.majFlt();
      touch(addr, 4 * MIB, AccessType.READ);
      assertEquals(PAGES >> cluster, p.majFlt() - maj, "page-cluster " + cluster);
      m.checkInvariants();
    }
    assertThrows(IllegalArgumentException.class, () -> m.sysctl("vm.page-cluster", "11"));
  }

  @Test
  void exitFreesTheSwapCache() throws SyscallException {
    boot(256 * MIB, 64 * MIB, 4 * MIB);
    m.madvise(p, addr, 4 * MIB, Madvice.PAGEOUT);
    touch(addr, MIB, AccessType.READ);
    m.exit(p, 0);
    assertEquals(0, meminfo("SwapCached"));
    assertEquals(meminfo("SwapTotal"), meminfo("SwapFree"));
  }

  /** Active pages of {@code p} in {@code [addr, addr + bytes)}. */
  private long activeIn(long bytes) {
    long[] active = {0};
    p.mm()
        .tables()
        .forEachPte(
            addr,
            addr + bytes,
            (va, pte) -> {
              boolean present = dev.pagelab.sim.paging.X86Paging.isPresent(pte);
              long pfn = dev.pagelab.sim.paging.X86Paging.pteToPfn(pte);
              active[0] += present && m.anonLru().isActive(pfn) ? 1 : 0;
              return pte;
            });
    return active[0];
  }

  @Test
  void reclaimActivatesReferencedPagesAndColdDeactivates() throws SyscallException {
    boot(256 * MIB, 64 * MIB, 4 * MIB);
    assertEquals(0, activeIn(4 * MIB));
    // Every page was just written: the clock's first lap finds them all referenced and activates
    // them (clearing the Accessed bits); its second lap swaps one page out (the stack's or ours).
    assertEquals(1, p.mm().swapOut(1, new long[1]));
    assertTrue(activeIn(4 * MIB) >= PAGES - 1, "activated: " + activeIn(4 * MIB));
    assertEquals(meminfo("Active(anon)"), m.anonLru().activePages() * 4);
    assertEquals(
        meminfo("Active(anon)") + meminfo("Active(file)"), meminfo("Active"), "Active sums");
    m.madvise(p, addr, 4 * MIB, Madvice.COLD);
    assertEquals(0, activeIn(4 * MIB), "MADV_COLD deactivated the range");
  }

  @Test
  void refillDeactivatesWhileTheInactiveListIsLow() throws SyscallException {
    boot(256 * MIB, 64 * MIB, 4 * MIB);
    p.mm().swapOut(1, new long[1]);
    assertTrue(m.anonLru().inactiveIsLow());
    long moved = m.anonLru().refill();
    assertTrue(moved > 0 && !m.anonLru().inactiveIsLow(), "moved " + moved);
    long diff = m.anonLru().inactivePages() - m.anonLru().activePages();
    assertTrue(diff == 0 || diff == 1, "below 1 GiB the ratio is 1: lists split evenly " + diff);
  }
}
