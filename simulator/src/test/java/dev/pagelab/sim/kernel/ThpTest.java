package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.phys.FrameOwner;
import dev.pagelab.sim.proc.MeminfoFormat.Field;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.Pte;
import dev.pagelab.sim.vm.Madvice;
import dev.pagelab.sim.vm.Prot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transparent Huge Pages: faults, the huge zero page, splits, zaps, settings and accounting. */
class ThpTest {
  private static final long M2 = 2L << 20;

  private Machine machine;
  private Process p;
  private long buf;

  @BeforeEach
  void mapAHugepageRegion() throws Exception {
    machine = new Machine(MachineConfig.DEFAULT.withRam(1L << 30));
    p = machine.spawn("thp", "/tmp/thp");
    buf = machine.mmap(p, 0, 8 * M2, Prot.RW, false, false, null, 0);
    machine.madvise(p, buf, 8 * M2, Madvice.HUGEPAGE);
  }

  @AfterEach
  void invariantsHold() {
    machine.checkInvariants();
  }

  private long vmstat(String name) {
    return ProcFs.vmstatFields(machine).get(name);
  }

  private long meminfo(Field f) {
    return ProcFs.meminfoValues(machine).values().get(f);
  }

  private long faults(long from, long len, long stride, AccessType type) {
    long before = p.minFlt();
    for (long off = 0; off < len; off += stride) {
      assertTrue(machine.access(p, from + off, type));
    }
    return p.minFlt() - before;
  }

  @Test
  void oneWriteFaultMapsTwoMebibytesThroughOnePmdLeaf() {
    assertEquals(1, faults(buf, M2, 4096, AccessType.WRITE));
    long pmd = p.mm().tables().readEntry(buf, 2);
    assertTrue(X86Paging.isLarge(pmd) && (pmd & Pte.PTE_RW) != 0 && (pmd & Pte.PTE_D) != 0);
    assertEquals(512, p.mm().rssAnon() - 6 - 0, "RssAnon counts all 512 pages (+ startup pages)");
    assertEquals(2048, meminfo(Field.ANON_HUGE_PAGES));
    assertEquals(1, vmstat("nr_anon_transparent_hugepages"));
    assertEquals(1, vmstat("thp_fault_alloc"));
    assertEquals(1, p.mm().tables().outsideTables(1), "one PTE table deposited");
  }

  @Test
  void theMmuTranslatesThroughThePmdLeafAndSetsItsAccessedBit() throws Exception {
    faults(buf, 4096, 4096, AccessType.WRITE);
    p.mm().tlb().flushAll();
    long misses = p.mm().tlb().misses();
    assertEquals(0, faults(buf, M2, 4096, AccessType.READ), "every page is mapped by the leaf");
    assertEquals(1, p.mm().tlb().misses() - misses, "one 2 MiB TLB entry serves all 512 pages");
    Process child = machine.fork(p);
    assertEquals(0, child.mm().tables().readEntry(buf, 2) & Pte.PTE_A, "the child's PMD is old");
    assertTrue(machine.access(child, buf + 12345, AccessType.READ));
    assertNotEquals(0, child.mm().tables().readEntry(buf, 2) & Pte.PTE_A, "the walk set Accessed");
    assertEquals(0, child.minFlt() - 0, "the read needs no fault");
  }

  @Test
  void mprotectDoesNotMakeAPageWritableThatAnotherProcessMapsByItsPmd() throws Exception {
    faults(buf, 4096, 4096, AccessType.WRITE);
    Process child = machine.fork(p);
    machine.mprotect(p, buf, 8192, Prot.R); // splits the parent's PMD only
    machine.mprotect(p, buf, 8192, Prot.RW);
    assertEquals(0, p.mm().tables().readPte(buf + 4096) & Pte.PTE_RW, "still shared: read-only");
    assertEquals(1, faults(buf + 4096, 4096, 4096, AccessType.WRITE), "the write copies");
    assertEquals(512, child.mm().anonHugePages(), "the child keeps its THP");
  }

  @Test
  void readMapsTheHugeZeroPageAndAWriteReplacesItByATHP() {
    long rss = p.mm().rssAnon();
    assertEquals(1, faults(buf, M2, 4096, AccessType.READ));
    assertEquals(rss, p.mm().rssAnon(), "the huge zero page is not in RSS");
    assertEquals(1, vmstat("thp_zero_page_alloc"));
    assertEquals(0, meminfo(Field.ANON_HUGE_PAGES));
    assertEquals(1, faults(buf, M2, 4096, AccessType.WRITE));
    assertEquals(2048, meminfo(Field.ANON_HUGE_PAGES));
    assertEquals(1, vmstat("thp_fault_alloc"));
    assertEquals(1, p.mm().tables().outsideTables(1), "the zero PMD's table is kept");
  }

  @Test
  void useZeroPageOffMakesReadsAllocate() {
    machine.sysctl("sys.kernel.mm.transparent_hugepage.use_zero_page", "0");
    assertEquals(1, faults(buf, M2, 4096, AccessType.READ));
    assertEquals(2048, meminfo(Field.ANON_HUGE_PAGES));
    assertEquals(0, vmstat("thp_zero_page_alloc"));
  }

  @Test
  void partialMunmapSplitsThePmdAndTheDeferredSplitFreesTheHole() throws Exception {
    faults(buf, M2, M2, AccessType.WRITE);
    long anon = meminfo(Field.ANON_PAGES);
    machine.munmap(p, buf + 4096, 4096);
    assertEquals(1, vmstat("thp_split_pmd"));
    assertEquals(1, vmstat("thp_deferred_split_page"));
    assertEquals(0, meminfo(Field.ANON_HUGE_PAGES));
    assertEquals(anon - 4, meminfo(Field.ANON_PAGES), "AnonPages counts mapped pages only");
    assertEquals(0, p.mm().tables().outsideTables(1), "the deposited table went into the tree");
    long free = machine.memory().freePages();
    machine.checkInvariants();
    assertEquals(1, machine.splitDeferredThps(), "the unmapped page is freed");
    assertEquals(free + 1, machine.memory().freePages());
    assertEquals(1, vmstat("thp_split_page"));
    assertEquals(0, faults(buf, 4096, 4096, AccessType.WRITE), "no fault: a PTE maps it");
    assertEquals(0, faults(buf + 8192, M2 - 8192, 4096, AccessType.WRITE));
  }

  @Test
  void munmapOfWholeThpsZapsThemWithoutSplitting() throws Exception {
    faults(buf, 8 * M2, M2, AccessType.WRITE);
    long free = machine.memory().freePages();
    machine.munmap(p, buf, 4 * M2);
    assertEquals(0, vmstat("thp_split_pmd"));
    assertEquals(free + 4 * 512 + 4, machine.memory().freePages(), "4 THPs and 4 deposits");
    assertEquals(4 * 2048, meminfo(Field.ANON_HUGE_PAGES));
  }

  @Test
  void mprotectOfPartSplitsAndOfAWholeThpKeepsThePmd() throws Exception {
    faults(buf, 2 * M2, M2, AccessType.WRITE);
    machine.mprotect(p, buf, M2, Prot.R);
    long pmd = p.mm().tables().readEntry(buf, 2);
    assertTrue(
        X86Paging.isLarge(pmd) && (pmd & Pte.PTE_RW) == 0, "a whole THP stays huge, read-only");
    assertEquals(0, vmstat("thp_split_pmd"));
    machine.mprotect(p, buf + M2, 8192, Prot.R);
    assertEquals(1, vmstat("thp_split_pmd"));
    assertFalse(X86Paging.isLarge(p.mm().tables().readEntry(buf + M2, 2)));
    assertFalse(machine.access(p, buf + M2, AccessType.WRITE), "SIGSEGV on the read-only part");
    p = machine.spawn("again", "/tmp/again");
  }

  @Test
  void dontneedOfAWholeThpDropsItAndTheNextTouchTakesANewOne() throws Exception {
    faults(buf, M2, M2, AccessType.WRITE);
    machine.madvise(p, buf, M2, Madvice.DONTNEED);
    assertEquals(0, meminfo(Field.ANON_HUGE_PAGES));
    assertEquals(1, faults(buf, M2, 4096, AccessType.WRITE));
    assertEquals(2, vmstat("thp_fault_alloc"));
    machine.madvise(p, buf, 4096, Madvice.DONTNEED);
    assertEquals(1, vmstat("thp_split_pmd"));
    assertEquals(1, faults(buf, M2, 4096, AccessType.WRITE), "one 4 KiB fault refills the hole");
  }

  @Test
  void settingsAndAdviceDecideWhereTHPsGo() throws Exception {
    machine.sysctl("sys.kernel.mm.transparent_hugepage.enabled", "never");
    assertEquals(512, faults(buf, M2, 4096, AccessType.WRITE));
    machine.sysctl("sys.kernel.mm.transparent_hugepage.enabled", "always");
    long plain = machine.mmap(p, 0, 2 * M2, Prot.RW, false, false, null, 0);
    assertEquals(1, faults(plain, M2, 4096, AccessType.WRITE));
    machine.madvise(p, plain + M2, M2, Madvice.NOHUGEPAGE);
    assertEquals(512, faults(plain + M2, M2, 4096, AccessType.WRITE));
    machine.prctlThpDisable(p, true);
    assertTrue(ProcFs.status(machine, p).contains("THP_enabled:\t0"));
    assertEquals(512, faults(buf + M2, M2, 4096, AccessType.WRITE));
    assertThrows(
        IllegalArgumentException.class,
        () -> machine.sysctl("sys.kernel.mm.transparent_hugepage.enabled", "sometimes"));
  }

  @Test
  void noFreeOrder9BlockFallsBackUnlessDirectCompactionMakesOne() {
    List<Long> blocks = new ArrayList<>();
    for (long b = machine.memory().allocate(9, FrameOwner.KERNEL, true);
        b >= 0;
        b = machine.memory().allocate(9, FrameOwner.KERNEL, true)) {
      blocks.add(b);
    }
    List<Long> halves = new ArrayList<>();
    for (int i = 0; i < 100; i++) { // 25,600 free pages: above the min watermark
      long b = blocks.remove(0);
      halves.add(b);
      for (long pfn = b; pfn < b + 512; pfn += 2) {
        machine.memory().free(pfn); // every other frame: no free block above order 0
      }
    }
    assertEquals(512, faults(buf, M2, 4096, AccessType.WRITE));
    assertEquals(1, vmstat("thp_fault_fallback"));
    long[] compacted = {0};
    machine.directCompaction =
        order -> {
          compacted[0]++;
          machine.memory().free(blocks.remove(0), 9);
          return true;
        };
    machine.sysctl("sys.kernel.mm.transparent_hugepage.defrag", "never");
    assertEquals(512, faults(buf + M2, M2, 4096, AccessType.WRITE), "defrag=never: no stall");
    assertEquals(0, compacted[0]);
    machine.sysctl("sys.kernel.mm.transparent_hugepage.defrag", "madvise");
    assertEquals(1, faults(buf + 2 * M2, M2, 4096, AccessType.WRITE), "madvised: it compacts");
    assertEquals(1, compacted[0]);
    for (long b : blocks) {
      machine.memory().free(b, 9);
    }
    for (long b : halves) {
      for (long pfn = b + 1; pfn < b + 512; pfn += 2) {
        machine.memory().free(pfn);
      }
    }
  }

  @Test
  void forkSharesTheThpWriteProtectedAndExitGivesItBack() throws Exception {
    faults(buf, 2 * M2, M2, AccessType.WRITE);
    Process child = machine.fork(p);
    assertEquals(2 * 2048, meminfo(Field.ANON_HUGE_PAGES), "NR_ANON_THPS counts folios, not PMDs");
    assertEquals(1024, child.mm().anonHugePages());
    assertEquals(0, p.mm().tables().readEntry(buf, 2) & Pte.PTE_RW);
    Map<Long, ?> folios = machine.thp().folios();
    assertEquals(2, folios.size());
    assertEquals(1, faults(buf, 4096, 4096, AccessType.WRITE) - 0, "parent: split + copy");
    assertEquals(1, vmstat("thp_split_pmd"));
    machine.exit(child, 0);
    assertEquals(1, faults(buf + M2, 4096, 4096, AccessType.WRITE), "reused whole");
    assertNotEquals(0, p.mm().tables().readEntry(buf + M2, 2) & Pte.PTE_RW);
    assertEquals(1, vmstat("thp_split_pmd"));
  }
}
