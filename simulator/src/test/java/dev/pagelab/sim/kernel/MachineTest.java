package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.vm.Errno;
import dev.pagelab.sim.vm.Layout;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import dev.pagelab.sim.vm.Vma;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The memory system calls, demand paging and SIGSEGV, checked against what Linux does. */
class MachineTest {
  private static final long MIB = 1L << 20;

  private Machine machine;
  private Process p;

  @BeforeEach
  void boot() throws SyscallException {
    machine = new Machine(MachineConfig.DEFAULT);
    p = machine.spawn("demo", "/usr/bin/demo");
  }

  @AfterEach
  void invariantsHold() {
    machine.checkInvariants();
  }

  private long mmap(long len, Prot prot) throws SyscallException {
    return machine.mmap(p, 0, len, prot, false, false, null, 0);
  }

  private Vma vmaAt(long address) {
    return p.mm().vmaAt(address);
  }

  @Test
  void mmapOnlyCreatesTheVmaAndTheFirstTouchOfEachPageFaults() throws SyscallException {
    long rss = p.mm().rss();
    long vm = p.mm().totalVm();
    long addr = mmap(100 * MIB, Prot.RW);
    assertEquals(vm + 25600, p.mm().totalVm(), "VmSize grows by 100 MiB at mmap");
    assertEquals(rss, p.mm().rss(), "RSS does not grow at mmap");
    long before = p.minFlt();
    for (long off = 0; off < 10 * MIB; off += 4096) {
      assertTrue(machine.access(p, addr + off, AccessType.WRITE));
    }
    assertEquals(2560, p.minFlt() - before);
    assertEquals(rss + 2560, p.mm().rss());
    assertTrue(machine.access(p, addr, AccessType.WRITE));
    assertEquals(2560, p.minFlt() - before, "a second touch does not fault");
  }

  @Test
  void mmapRejectsBadArgumentsWithTheKernelsErrno() {
    assertErrno(Errno.EINVAL, () -> machine.mmap(p, 0, 0, Prot.RW, false, false, null, 0));
    assertErrno(
        Errno.EINVAL, () -> machine.mmap(p, 0x10001000L + 1, 4096, Prot.RW, false, true, null, 0));
    assertErrno(Errno.EINVAL, () -> machine.mmap(p, 0, 4096, Prot.RW, false, false, "/f", 100));
    assertErrno(Errno.ENOMEM, () -> machine.mmap(p, 0, 1L << 47, Prot.RW, false, false, null, 0));
    assertErrno(Errno.EPERM, () -> machine.mmap(p, 0x1000, 4096, Prot.RW, false, true, null, 0));
  }

  @Test
  void mmapPlacesAreasTopDownAndAlignsMultiplesOf2MiB() throws SyscallException {
    long lowest = Long.MAX_VALUE;
    for (Vma v : p.mm().vmas()) {
      if (!v.growsDown() && v.start() > Layout.elfBase() + MIB) {
        lowest = Math.min(lowest, v.start());
      }
    }
    long small = mmap(4096, Prot.R);
    assertEquals(lowest - 4096, small, "the next area goes right below the lowest one");
    long big = mmap(100 * MIB, Prot.RW);
    assertEquals(0, big % (2 * MIB), "a multiple of 2 MiB is placed on a 2 MiB boundary");
    assertTrue(
        big + 100 * MIB <= small && small - (big + 100 * MIB) < 2 * MIB, "just below, aligned");
    long odd = mmap(MIB + 4096, Prot.RW);
    assertEquals(small - MIB - 4096, odd, "the gap the alignment left above is used first");
  }

  @Test
  void mapFixedReplacesWhatWasThere() throws SyscallException {
    long addr = mmap(16 * 4096, Prot.RW);
    machine.access(p, addr + 4 * 4096, AccessType.WRITE);
    long rss = p.mm().rss();
    assertEquals(
        addr + 4 * 4096, machine.mmap(p, addr + 4 * 4096, 4096, Prot.R, false, true, null, 0));
    assertEquals(rss - 1, p.mm().rss(), "the old page went with the old mapping");
    assertEquals(Prot.R, vmaAt(addr + 4 * 4096).prot());
  }

  @Test
  void partialMunmapSplitsTheVmaAndFreesItsPages() throws SyscallException {
    long addr = mmap(10 * 4096, Prot.RW);
    for (int i = 0; i < 10; i++) {
      machine.access(p, addr + i * 4096L, AccessType.WRITE);
    }
    long rss = p.mm().rss();
    machine.munmap(p, addr + 3 * 4096, 2 * 4096);
    assertEquals(rss - 2, p.mm().rss());
    assertEquals(addr + 3 * 4096, vmaAt(addr).end());
    assertEquals(addr + 5 * 4096, vmaAt(addr + 5 * 4096).start());
    assertNull(vmaAt(addr + 3 * 4096));
    assertFalse(machine.access(p, addr + 3 * 4096, AccessType.READ), "the TLB was flushed");
    assertEquals(Process.State.KILLED, p.state());
  }

  @Test
  void munmapRejectsAnUnalignedAddress() throws SyscallException {
    long addr = mmap(4096, Prot.RW);
    assertErrno(Errno.EINVAL, () -> machine.munmap(p, addr + 1, 4096));
    assertErrno(Errno.EINVAL, () -> machine.munmap(p, addr, 0));
  }

  @Test
  void mprotectSplitsAndMergesAgain() throws SyscallException {
    long addr = mmap(8 * 4096, Prot.RW);
    int count = p.mm().vmas().size();
    machine.mprotect(p, addr + 2 * 4096, 2 * 4096, Prot.R);
    assertEquals(count + 2, p.mm().vmas().size());
    assertFalse(machine.access(p, addr + 2 * 4096, AccessType.WRITE), "write to PROT_READ");
    assertTrue(machine.log().dmesg().contains("error 6"), machine.log().dmesg());
  }

  @Test
  void mprotectBackMergesTheVmas() throws SyscallException {
    long addr = mmap(8 * 4096, Prot.RW);
    int count = p.mm().vmas().size();
    machine.mprotect(p, addr + 2 * 4096, 2 * 4096, Prot.R);
    machine.mprotect(p, addr + 2 * 4096, 2 * 4096, Prot.RW);
    assertEquals(count, p.mm().vmas().size());
    assertErrno(Errno.ENOMEM, () -> machine.mprotect(p, 0x10000, 4096, Prot.R));
  }

  @Test
  void writingAReadOnlyPresentPageIsSegvAccerrWithErrorCode7() throws SyscallException {
    long addr = mmap(4096, Prot.R);
    assertTrue(machine.access(p, addr, AccessType.READ));
    assertFalse(machine.access(p, addr, AccessType.WRITE));
    assertTrue(machine.log().dmesg().contains("error 7"), machine.log().dmesg());
    assertEquals(139, p.shellStatus());
  }

  @Test
  void writeToNullLogsTheKernelsSegfaultLine() {
    assertFalse(machine.access(p, 0, AccessType.WRITE));
    String line = machine.log().lines().get(machine.log().lines().size() - 1).text();
    assertEquals(
        "demo[1000]: segfault at 0 ip 0000555555555139 sp 00007fffffffd3b0 error 6 in"
            + " demo[1139,555555555000+1000] likely on CPU 0 (core 0, socket 0)",
        line);
    assertEquals(Machine.SIGSEGV, p.termSignal());
    assertEquals(139, p.shellStatus());
  }

  @Test
  void aNonCanonicalAddressIsAGeneralProtectionFault() {
    assertFalse(machine.access(p, 0x0000_8000_0000_0000L, AccessType.READ));
    assertTrue(machine.log().dmesg().contains("traps: demo[1000] general protection fault"));
  }

  @Test
  void brkGrowsAndShrinksTheHeap() {
    long start = p.mm().brk();
    assertEquals(start + 80 * MIB, machine.brk(p, start + 80 * MIB));
    Vma heap = vmaAt(start);
    assertEquals("[heap]", heap.name());
    assertEquals(start + 80 * MIB, heap.end());
    assertTrue(machine.access(p, start + 79 * MIB, AccessType.WRITE));
    assertEquals(start, machine.brk(p, start));
    assertNull(vmaAt(start));
    assertEquals(start, machine.brk(p, start - 4096), "below the heap start nothing changes");
  }

  @Test
  void theStackGrowsDownOnAFaultJustBelowIt() {
    Vma stack = p.mm().vmas().stream().filter(Vma::growsDown).findFirst().orElseThrow();
    long below = stack.start() - 64 * 4096;
    assertTrue(machine.access(p, below, AccessType.WRITE));
    assertEquals(below, vmaAt(below).start());
    assertFalse(machine.access(p, stack.end() - Layout.STACK_RLIMIT - 4096, AccessType.WRITE));
  }

  @Test
  void readsMapTheZeroPageAndAWriteThenCopiesIt() throws SyscallException {
    long addr = mmap(4 * 4096, Prot.RW);
    long rss = p.mm().rss();
    assertTrue(machine.access(p, addr, AccessType.READ));
    assertEquals(rss, p.mm().rss(), "the zero page is not counted");
    assertTrue(machine.access(p, addr, AccessType.WRITE));
    assertEquals(rss + 1, p.mm().rss());
  }

  @Test
  void exitFreesEverything() throws SyscallException {
    long free = machine.memory().freePages();
    Process q = machine.spawn("q", "/usr/bin/demo");
    long addr = machine.mmap(q, 0, 10 * MIB, Prot.RW, false, false, null, 0);
    for (long off = 0; off < 10 * MIB; off += 4096) {
      machine.access(q, addr + off, AccessType.WRITE);
    }
    machine.exit(q, 0);
    assertEquals(free, machine.memory().freePages());
  }

  @Test
  void vmPteCountsPtePmdAndPudTablesButNotTheTopLevel() throws SyscallException {
    Machine m5 = new Machine(MachineConfig.DEFAULT.withPagingMode(PagingMode.FIVE_LEVEL));
    Process q = m5.spawn("q", "/usr/bin/demo");
    long high = 1L << 50;
    long before = q.mm().tables().pgtablesBytes();
    long framesBefore = q.mm().tables().tableFrames();
    assertEquals(high, m5.mmap(q, high, 4096, Prot.RW, false, true, null, 0));
    assertTrue(m5.access(q, high, AccessType.WRITE));
    assertEquals(before + 3 * 4096, q.mm().tables().pgtablesBytes(), "PUD + PMD + PTE");
    assertEquals(framesBefore + 4, q.mm().tables().tableFrames(), "and a P4D table");
    m5.checkInvariants();
  }

  @Test
  void sharedAnonymousMemoryIsSharedAfterFork() throws SyscallException {
    long addr = machine.mmap(p, 0, 4096, Prot.RW, true, false, null, 0);
    assertTrue(machine.access(p, addr, AccessType.WRITE));
    assertEquals(1, p.mm().rssShmem());
    Process child = machine.fork(p);
    assertTrue(machine.access(child, addr, AccessType.WRITE));
    assertEquals(1, child.mm().rssShmem());
    assertEquals(1, machine.pageCache().shmemPages(), "one page, shared by both");
    List.of(child).forEach(c -> machine.exit(c, 0));
  }

  private interface Call {
    void run() throws SyscallException;
  }

  private static void assertErrno(Errno expected, Call call) {
    SyscallException e = assertThrows(SyscallException.class, call::run);
    assertEquals(expected, e.errno(), e.getMessage());
  }
}
