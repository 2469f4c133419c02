package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.proc.MeminfoFormat.Field;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.vm.Errno;
import dev.pagelab.sim.vm.Madvice;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * khugepaged and {@code MADV_COLLAPSE} on the machine: what a collapse does to the page tables,
 * RSS, VmPTE, contents and counters, the {@code max_ptes_*} limits, swap-ins, pages shared after
 * fork, the timing on the simulated clock and the errnos of {@code madvise(MADV_COLLAPSE)}.
 */
class KhugepagedMachineTest {
  private static final long M2 = 2L << 20;
  private static final String KNOB = Machine.KHUGEPAGED_SYSFS;

  private Machine machine;
  private Process p;
  private long buf;

  @BeforeEach
  void mapARegionWithoutThp() throws Exception {
    machine = new Machine(MachineConfig.DEFAULT.withRam(1L << 30));
    p = machine.spawn("kh", "/tmp/kh");
    buf = machine.mmap(p, 0, 8 * M2, Prot.RW, false, false, null, 0);
    assertEquals(0, buf % M2, "a big anonymous area is THP-aligned");
  }

  @AfterEach
  void invariantsHold() {
    machine.checkInvariants();
  }

  private long vmstat(String name) {
    return ProcFs.vmstatFields(machine).get(name);
  }

  private long khugepaged(String file) {
    return Long.parseLong(machine.khugepaged().show(file).strip());
  }

  /** Writes pages of the region with 4 KiB faults, tagging each frame with its address. */
  private void populate(Process proc, long from, long len, long stride) {
    for (long va = from; va < from + len; va += stride) {
      assertTrue(machine.access(proc, va, AccessType.WRITE));
      tag(proc, va);
    }
  }

  private void tag(Process proc, long va) {
    long pfn = X86Paging.pteToPfn(proc.mm().readPte(va));
    machine.memory().writeLong((pfn << 12) + 8, va);
  }

  private long tagOf(Process proc, long va) {
    long pfn = X86Paging.pteToPfn(proc.mm().readPte(va));
    return machine.memory().readLong((pfn << 12) + 8);
  }

  /** MADV_HUGEPAGE registers the populated mm; the first pass runs when the clock next moves. */
  private void adviseAndRunFirstPass(long len) throws SyscallException {
    machine.madvise(p, buf, len, Madvice.HUGEPAGE);
    assertTrue(machine.khugepaged().registered(p.pid()));
    machine.advance(1_000_000);
  }

  private boolean huge(Process proc, long va) {
    return X86Paging.isLarge(proc.mm().tables().readEntry(va, 2));
  }

  @Test
  void aFullyPopulatedRegionBecomesHugeWithTheSameRssVmPteAndContents() throws Exception {
    populate(p, buf, 8 * M2, 4096);
    long rss = p.mm().rssAnon();
    long vmPte = p.mm().tables().pgtablesBytes();
    long anonFrames = machine.memory().pages(FrameOwner.ANON);
    long minFlt = p.minFlt();
    adviseAndRunFirstPass(8 * M2);
    assertEquals(8, khugepaged("pages_collapsed"), "16 MiB are eight ranges, all in one pass");
    assertEquals(8, vmstat("thp_collapse_alloc"));
    assertEquals(0, vmstat("thp_collapse_alloc_failed"));
    assertEquals(8 * 2048, ProcFs.meminfoValues(machine).values().get(Field.ANON_HUGE_PAGES));
    assertEquals(8 * 512, p.mm().anonHugePages());
    assertEquals(rss, p.mm().rssAnon(), "RSS counts the same 4096 pages");
    assertEquals(vmPte, p.mm().tables().pgtablesBytes(), "the PTE tables became the deposits");
    assertEquals(8, p.mm().tables().outsideTables(1));
    assertEquals(anonFrames, machine.memory().pages(FrameOwner.ANON), "old pages freed");
    assertEquals(minFlt, p.minFlt(), "a collapse is no fault of the process");
    for (long va = buf; va < buf + 8 * M2; va += 4096) {
      assertEquals(va, tagOf(p, va), "contents of every page kept");
    }
    long pmd = p.mm().tables().readEntry(buf, 2);
    assertTrue(X86Paging.isLarge(pmd) && (pmd & Pte.PTE_RW) != 0 && (pmd & Pte.PTE_D) != 0);
    long misses = p.mm().tlb().misses();
    for (long va = buf; va < buf + M2; va += 4096) {
      assertTrue(machine.access(p, va, AccessType.WRITE));
    }
    assertEquals(minFlt, p.minFlt(), "every page is mapped by the new leaves");
    assertEquals(1, p.mm().tlb().misses() - misses, "the old 4 KiB TLB entries were flushed");
    assertTrue(machine.log().dmesg().contains("khugepaged: collapsed 0x" + Long.toHexString(buf)));
  }

  @Test
  void aHalfEmptyRangeIsFilledUnderTheDefaultMaxPtesNone() throws Exception {
    populate(p, buf, M2 / 2, 4096);
    long rss = p.mm().rssAnon();
    adviseAndRunFirstPass(8 * M2);
    assertTrue(huge(p, buf));
    assertEquals(rss + 256, p.mm().rssAnon(), "the 256 empty PTEs became zeroed pages");
    assertEquals(0, tagOf(p, buf + M2 / 2), "zero-filled");
    assertEquals(buf + 4096, tagOf(p, buf + 4096));
    assertEquals(1, khugepaged("pages_collapsed"));
  }

  @Test
  void maxPtesNoneZeroLeavesAHalfEmptyRangeAlone() throws Exception {
    machine.sysctl(KNOB + "max_ptes_none", "0");
    populate(p, buf, M2 / 2, 4096);
    adviseAndRunFirstPass(8 * M2);
    assertFalse(huge(p, buf));
    assertEquals(0, khugepaged("pages_collapsed"));
    assertEquals(1, vmstat("thp_scan_exceed_none_pte"));
    assertEquals(0, vmstat("thp_collapse_alloc"));
  }

  @Test
  void swappedOutPagesAreSwappedInUpToMaxPtesSwap() throws Exception {
    populate(p, buf, M2, 4096);
    machine.madvise(p, buf, 32 * 4096, Madvice.PAGEOUT);
    assertEquals(32, p.mm().swapents());
    adviseAndRunFirstPass(8 * M2);
    assertTrue(huge(p, buf));
    assertEquals(0, p.mm().swapents(), "the 32 swap PTEs were swapped in first");
    assertEquals(512, p.mm().anonHugePages());
    for (long va = buf; va < buf + 32 * 4096; va += 4096) {
      assertEquals(va, tagOf(p, va), "a swapped-in page keeps its contents");
    }
  }

  @Test
  void moreSwapPtesThanMaxPtesSwapStopKhugepagedButNotMadvCollapse() throws Exception {
    populate(p, buf, M2, 4096);
    machine.madvise(p, buf, 100 * 4096, Madvice.PAGEOUT);
    adviseAndRunFirstPass(8 * M2);
    assertFalse(huge(p, buf));
    assertEquals(1, vmstat("thp_scan_exceed_swap_pte"));
    machine.madvise(p, buf, M2, Madvice.COLLAPSE);
    assertTrue(huge(p, buf), "MADV_COLLAPSE ignores max_ptes_swap");
    assertEquals(0, p.mm().swapents());
    assertEquals(0, khugepaged("pages_collapsed"), "MADV_COLLAPSE is not counted there");
    assertEquals(1, vmstat("thp_collapse_alloc"));
  }

  @Test
  void pagesSharedAfterForkCountAgainstMaxPtesShared() throws Exception {
    populate(p, buf, M2, 4096);
    Process child = machine.fork(p);
    adviseAndRunFirstPass(M2);
    assertFalse(huge(p, buf), "512 shared pages exceed max_ptes_shared = 256");
    assertTrue(vmstat("thp_scan_exceed_share_pte") >= 1);
    for (long va = buf; va < buf + 300 * 4096; va += 4096) {
      assertTrue(machine.access(child, va, AccessType.WRITE));
    }
    machine.advance(10_000_000_000L);
    assertTrue(huge(p, buf), "212 shared pages are within the limit");
    assertEquals(buf + 4096, tagOf(p, buf + 4096));
    assertEquals(buf + 400 * 4096, tagOf(child, buf + 400 * 4096), "the child's view is intact");
  }

  @Test
  void passesComeEveryScanSleepMillisecsWithinPagesToScan() throws Exception {
    populate(p, buf, 8 * M2, 4096);
    machine.sysctl(KNOB + "pages_to_scan", "1024");
    adviseAndRunFirstPass(8 * M2);
    long first = khugepaged("pages_collapsed");
    assertTrue(first >= 1 && first <= 2, "1024 pages of budget reach two ranges at most");
    machine.advance(9_990_000_000L);
    assertEquals(first, khugepaged("pages_collapsed"), "nothing before scan_sleep_millisecs");
    machine.advance(20_000_000L);
    assertTrue(khugepaged("pages_collapsed") > first, "the next pass 10 s later");
    machine.advance(60_000_000_000L);
    assertEquals(8, khugepaged("pages_collapsed"));
    assertTrue(khugepaged("full_scans") >= 1);
  }

  @Test
  void thpNeverStopsKhugepagedAndPrctlMakesItSkipTheProcess() throws Exception {
    populate(p, buf, 8 * M2, 4096);
    machine.sysctl("sys.kernel.mm.transparent_hugepage.enabled", "never");
    machine.madvise(p, buf, 8 * M2, Madvice.HUGEPAGE);
    machine.advance(30_000_000_000L);
    assertEquals(0, khugepaged("pages_collapsed"));
    machine.sysctl("sys.kernel.mm.transparent_hugepage.enabled", "madvise");
    machine.prctlThpDisable(p, true);
    machine.madvise(p, buf, 8 * M2, Madvice.HUGEPAGE);
    machine.advance(30_000_000_000L);
    assertEquals(0, khugepaged("pages_collapsed"));
    SyscallException e =
        assertThrows(SyscallException.class, () -> machine.madvise(p, buf, M2, Madvice.COLLAPSE));
    assertEquals(Errno.EINVAL, e.errno());
  }

  @Test
  void anExitedProcessLeavesTheList() throws Exception {
    populate(p, buf, M2, 4096);
    machine.madvise(p, buf, 8 * M2, Madvice.HUGEPAGE);
    machine.exit(p, 0);
    machine.advance(20_000_000_000L);
    assertEquals(0, khugepaged("pages_collapsed"));
    assertFalse(machine.khugepaged().registered(p.pid()));
  }

  @Test
  void madvCollapseWorksWhateverTheModeAndCountsAllocations() throws Exception {
    machine.sysctl("sys.kernel.mm.transparent_hugepage.enabled", "never");
    populate(p, buf, 4 * M2, 8192);
    machine.madvise(p, buf, 4 * M2, Madvice.COLLAPSE);
    for (long b = buf; b < buf + 4 * M2; b += M2) {
      assertTrue(huge(p, b));
    }
    assertEquals(4, vmstat("thp_collapse_alloc"));
    assertEquals(buf + 8192, tagOf(p, buf + 8192));
    assertTrue(machine.log().dmesg().contains("madvise(MADV_COLLAPSE): collapsed"));
    machine.madvise(p, buf, 4 * M2, Madvice.COLLAPSE);
    assertEquals(4, vmstat("thp_collapse_alloc"), "ranges already huge count as done");
  }

  @Test
  void madvCollapseErrnos() throws Exception {
    SyscallException untouched =
        assertThrows(SyscallException.class, () -> machine.madvise(p, buf, M2, Madvice.COLLAPSE));
    assertEquals(Errno.EINVAL, untouched.errno(), "no anon_vma yet");
    populate(p, buf, M2, 4096);
    SyscallException pmdNone =
        assertThrows(
            SyscallException.class, () -> machine.madvise(p, buf, 2 * M2, Madvice.COLLAPSE));
    assertEquals(Errno.EINVAL, pmdNone.errno(), "an untouched 2 MiB range (SCAN_PMD_NONE)");
    assertTrue(huge(p, buf), "the first range was collapsed before the failure");
    populate(p, buf + 2 * M2, M2, 4096);
    machine.pin(p, buf + 2 * M2, 4096, 4096);
    SyscallException pinned =
        assertThrows(
            SyscallException.class, () -> machine.madvise(p, buf + 2 * M2, M2, Madvice.COLLAPSE));
    assertEquals(Errno.EAGAIN, pinned.errno(), "a pinned page (SCAN_PAGE_COUNT)");
    populate(p, buf + 5 * M2, M2, 4096);
    populate(p, buf + 7 * M2, M2, 4096);
    machine.munmap(p, buf + 6 * M2, M2);
    SyscallException hole =
        assertThrows(
            SyscallException.class,
            () -> machine.madvise(p, buf + 5 * M2, 3 * M2, Madvice.COLLAPSE));
    assertEquals(Errno.ENOMEM, hole.errno(), "a hole in the range");
    assertTrue(huge(p, buf + 5 * M2) && huge(p, buf + 7 * M2), "both sides collapsed");
    machine.madvise(p, buf + 4 * M2, M2, Madvice.NOHUGEPAGE);
    populate(p, buf + 4 * M2, M2, 4096);
    SyscallException advised =
        assertThrows(
            SyscallException.class, () -> machine.madvise(p, buf + 4 * M2, M2, Madvice.COLLAPSE));
    assertEquals(Errno.EINVAL, advised.errno(), "VM_NOHUGEPAGE");
  }

  @Test
  void withoutAFreeTwoMebibyteBlockTheCollapseFailsAndKhugepagedSleeps() throws Exception {
    populate(p, buf, M2, 4096);
    machine.sysctl(KNOB + "defrag", "0");
    machine.sysctl("vm.nr_hugepages", "100000");
    assertTrue(
        machine.memory().freePages() < 512 + machine.watermarks().sumLowWatermarks(),
        "the pool took all memory but the reserves");
    adviseAndRunFirstPass(M2);
    assertFalse(huge(p, buf));
    assertEquals(1, vmstat("thp_collapse_alloc_failed"));
    assertEquals(0, vmstat("thp_collapse_alloc"));
    assertTrue(machine.log().dmesg().contains("alloc_huge_page_failed"));
    assertTrue(machine.log().dmesg().contains("sleeping 60000 ms"));
    machine.sysctl("vm.nr_hugepages", "0");
    machine.advance(30_000_000_000L);
    assertFalse(huge(p, buf), "still asleep for alloc_sleep_millisecs");
    long failures = vmstat("thp_collapse_alloc_failed");
    machine.advance(20_000_000_000L);
    assertEquals(failures, vmstat("thp_collapse_alloc_failed"));
    machine.advance(20_000_000_000L);
    assertTrue(huge(p, buf), "once awake again, the next round over the mm retries the range");
  }

  @Test
  void aSplitHugePageIsCollapsedAgainIntoANewFolio() throws Exception {
    machine.madvise(p, buf, 8 * M2, Madvice.HUGEPAGE);
    assertTrue(machine.access(p, buf, AccessType.WRITE));
    assertTrue(huge(p, buf));
    tag(p, buf + 4096);
    long oldHead = X86Paging.pteToPfn(p.mm().tables().readEntry(buf, 2));
    machine.madvise(p, buf + 8192, 16 * 4096, Madvice.DONTNEED);
    assertFalse(huge(p, buf), "split by the partial MADV_DONTNEED");
    assertEquals(1, machine.thp().deferredSplitQueueLength());
    long anonFrames = machine.memory().pages(FrameOwner.ANON);
    machine.advance(1_000_000);
    assertTrue(huge(p, buf), "the PTE-mapped THP and 16 empty PTEs make a new THP");
    assertFalse(oldHead == X86Paging.pteToPfn(p.mm().tables().readEntry(buf, 2)));
    assertEquals(buf + 4096, tagOf(p, buf + 4096));
    assertEquals(0, machine.thp().deferredSplitQueueLength(), "the old folio was freed");
    assertEquals(1, machine.thp().folios().size());
    assertEquals(anonFrames, machine.memory().pages(FrameOwner.ANON));
  }

  @Test
  void knobsAreWrittenAndCheckedThroughSysctl() {
    machine.sysctl(KNOB + "scan_sleep_millisecs", "500");
    assertEquals(500, khugepaged("scan_sleep_millisecs"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> machine.sysctl(KNOB + "max_ptes_none", "512"));
    assertTrue(e.getMessage().contains("max_ptes_none") && e.getMessage().contains("512"));
    assertFalse(e.getMessage().contains("\n"));
    assertThrows(
        IllegalArgumentException.class, () -> machine.sysctl(KNOB + "pages_collapsed", "3"));
  }
}
