package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.ForkCopy;
import dev.pagelab.sim.vm.HugetlbPools;
import dev.pagelab.sim.vm.Madvice;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@code fork} copies ({@code copy_page_range}): every case compares a process holding a 64
 * MiB region with an identical process without it, so the differences are the region's alone.
 */
class ForkCopyTest {
  private static final long MIB = 1L << 20;
  private static final long REGION = 64 * MIB;
  private static final long PAGES = REGION >> 12;
  private static final long HUGE_PAGES = REGION / (2 * MIB);

  private Machine machine;
  private Process bare;
  private Process p;

  @BeforeEach
  void boot() throws SyscallException {
    machine = new Machine(MachineConfig.DEFAULT);
    bare = machine.spawn("bare", "/usr/bin/fc");
    p = machine.spawn("fc", "/usr/bin/fc");
  }

  @AfterEach
  void invariantsHold() {
    machine.checkInvariants();
  }

  private void touch(Process q, long start, long step, AccessType type) {
    for (long va = start; va < start + REGION; va += step) {
      assertTrue(machine.access(q, va, type), "access at 0x" + Long.toHexString(va));
    }
  }

  /** The fork copy of {@code p} minus that of {@code bare}: what the region added. */
  private ForkCopy delta() throws SyscallException {
    ForkCopy b = machine.fork(bare).mm().forkCopy();
    ForkCopy c = machine.fork(p).mm().forkCopy();
    return new ForkCopy(
        c.ptes() - b.ptes(),
        c.swapPtes() - b.swapPtes(),
        c.pmds() - b.pmds(),
        c.puds() - b.puds(),
        c.tables() - b.tables());
  }

  private long pteTables(Process q) {
    return q.mm().tables().tables(1);
  }

  @Test
  void aSpawnedProcessCopiedNothingAndAForkedOneCopiedItsStartupPages() throws SyscallException {
    assertEquals(ForkCopy.NONE, p.mm().forkCopy());
    Process child = machine.fork(p);
    ForkCopy c = child.mm().forkCopy();
    assertTrue(c.ptes() > 0, "the written data, heap and stack pages: " + c);
    assertEquals(child.mm().tables().pgtablesBytes() >> 12, c.tables(), "tables = child's VmPTE");
    assertTrue(c.ptes() < p.mm().rss(), "the read-only text is a file mapping: not copied");
  }

  @Test
  void fourKibPagesCopyOnePtePerPageAndOnePteTablePerTwoMebibytes() throws SyscallException {
    long buf = machine.mmap(p, 0, REGION, Prot.RW, false, false, null, 0);
    touch(p, buf, 4096, AccessType.WRITE);
    ForkCopy d = delta();
    assertEquals(PAGES, d.ptes());
    assertEquals(0, d.pmds());
    long parentTables = pteTables(p) - pteTables(bare);
    assertEquals(HUGE_PAGES, parentTables, "the parent's PTE tables for the region");
    assertTrue(d.tables() >= parentTables, d.toString());
  }

  @Test
  void thpCopiesOneHugePmdPerTwoMebibytesAndDepositsAPteTableForEach() throws SyscallException {
    long buf = machine.mmap(p, 0, REGION, Prot.RW, false, false, null, 0);
    machine.madvise(p, buf, REGION, Madvice.HUGEPAGE);
    touch(p, buf, 2 * MIB, AccessType.WRITE);
    assertEquals(REGION >> 12, p.mm().anonHugePages());
    ForkCopy d = delta();
    assertEquals(0, d.ptes());
    assertEquals(HUGE_PAGES, d.pmds());
    assertTrue(d.tables() >= HUGE_PAGES, "a deposited PTE table per huge PMD: " + d);
    Process child = machine.fork(p);
    assertEquals(HUGE_PAGES, child.mm().tables().outsideTables(1), "deposited in the child");
  }

  @Test
  void privateHugetlbCopiesItsLeavesWithoutPteTables() throws SyscallException {
    machine.sysctl("vm.nr_hugepages", Long.toString(HUGE_PAGES));
    long buf = machine.mmapHugetlb(p, 0, REGION, Prot.RW, false, false, HugetlbPools.SIZE_2M);
    touch(p, buf, 2 * MIB, AccessType.WRITE);
    ForkCopy d = delta();
    assertEquals(0, d.ptes());
    assertEquals(HUGE_PAGES, d.pmds());
    assertEquals(0, d.puds());
    assertEquals(0, pteTables(p) - pteTables(bare), "no PTE table in the parent");
  }

  @Test
  void aGigabytePageIsOnePudLeaf() throws SyscallException {
    machine.sysctl("hugepages.1048576kb.nr_hugepages", "1");
    long buf = machine.mmapHugetlb(p, 0, 1L << 30, Prot.RW, false, false, HugetlbPools.SIZE_1G);
    assertTrue(machine.access(p, buf, AccessType.WRITE));
    ForkCopy d = delta();
    assertEquals(1, d.puds());
    assertEquals(0, d.pmds() + d.ptes());
  }

  @Test
  void sharedMappingsAreNotCopiedAndTheChildFaultsThemIn() throws SyscallException {
    machine.sysctl("vm.nr_hugepages", Long.toString(HUGE_PAGES));
    long shm = machine.mmap(p, 0, REGION, Prot.RW, true, false, null, 0);
    long huge = machine.mmapHugetlb(p, 0, REGION, Prot.RW, true, false, HugetlbPools.SIZE_2M);
    touch(p, shm, 4096, AccessType.WRITE);
    touch(p, huge, 2 * MIB, AccessType.WRITE);
    ForkCopy d = delta();
    assertEquals(new ForkCopy(0, 0, 0, 0, 0), d, "vma_needs_copy: no anon_vma");
    Process child = machine.fork(p);
    long before = child.minFlt();
    touch(child, shm, 4096, AccessType.READ);
    touch(child, huge, 2 * MIB, AccessType.READ);
    assertTrue(child.minFlt() - before >= HUGE_PAGES, "faulted in, not copied");
    assertEquals(PAGES, child.mm().rssShmem(), "the shared pages, found in the page cache");
    assertEquals(REGION >> 12, child.mm().hugetlbPages());
  }

  @Test
  void aPrivateAreaNeverWrittenHasNoAnonVmaAndIsNotCopied() throws SyscallException {
    long buf = machine.mmap(p, 0, REGION, Prot.RW, false, false, null, 0);
    touch(p, buf, 4096, AccessType.READ);
    machine.mmap(bare, 0, REGION, Prot.RW, false, false, null, 0);
    assertEquals(0, delta().ptes(), "read faults map the zero page without an anon_vma");
  }

  @Test
  void swappedOutPagesAreCopiedAsSwapEntries() throws SyscallException {
    long buf = machine.mmap(p, 0, REGION, Prot.RW, false, false, null, 0);
    touch(p, buf, 4096, AccessType.WRITE);
    machine.madvise(p, buf, REGION, Madvice.PAGEOUT);
    long swapped = p.mm().swapents();
    assertTrue(swapped > 0, "MADV_PAGEOUT swapped the region out");
    ForkCopy d = delta();
    assertEquals(swapped, d.swapPtes());
    assertEquals(PAGES - swapped, d.ptes(), "the pages still present");
    assertEquals(PAGES, d.entries() - d.pmds() - d.puds());
  }

  @Test
  void emptyPteTablesOfTheParentAreAllocatedInTheChildToo() throws SyscallException {
    long buf = machine.mmap(p, 0, REGION, Prot.RW, false, false, null, 0);
    touch(p, buf, 4096, AccessType.WRITE);
    long withPages = delta().tables();
    machine.madvise(p, buf, REGION, Madvice.DONTNEED);
    ForkCopy d = delta();
    assertEquals(0, d.ptes(), "MADV_DONTNEED left no page");
    assertEquals(withPages, d.tables(), "copy_pte_range allocates a table per parent table");
  }
}
