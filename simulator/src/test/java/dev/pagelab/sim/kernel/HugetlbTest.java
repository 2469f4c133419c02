package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.paging.X86Paging;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Errno;
import dev.pagelab.sim.vm.HugetlbPools;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** hugetlbfs pools and {@code MAP_HUGETLB} mappings, as {@code mm/hugetlb.c} keeps them. */
class HugetlbTest {
  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;

  private Machine machine;
  private Process p;

  @BeforeEach
  void boot() throws SyscallException {
    machine = new Machine(MachineConfig.DEFAULT);
    p = machine.spawn("huge", "/usr/bin/huge");
  }

  @AfterEach
  void invariantsHold() {
    machine.checkInvariants();
  }

  private long meminfo(String field) {
    Map<String, Long> m = ProcFs.meminfoFields(machine);
    return m.get(field);
  }

  private long map(long bytes, boolean shared, long pageSize) throws SyscallException {
    return machine.mmapHugetlb(p, 0, bytes, Prot.RW, shared, false, pageSize);
  }

  private void touch(Process q, long start, long bytes, long step, AccessType type) {
    for (long va = start; va < start + bytes; va += step) {
      assertTrue(machine.access(q, va, type), "access at 0x" + Long.toHexString(va));
    }
  }

  @Test
  void growingThePoolTakesMemoryFromTheBuddyAllocator() {
    long freeKb = meminfo("MemFree");
    machine.sysctl("vm.nr_hugepages", "64");
    assertEquals(64, machine.nrHugepages(HugetlbPools.SIZE_2M));
    assertEquals(64, meminfo("HugePages_Total"));
    assertEquals(64, meminfo("HugePages_Free"));
    assertEquals(0, meminfo("HugePages_Rsvd"));
    assertEquals(2048, meminfo("Hugepagesize"));
    assertEquals(64 * 2048, meminfo("Hugetlb"));
    assertEquals(freeKb - 64 * 2048, meminfo("MemFree"));
    machine.sysctl("vm.nr_hugepages", "10");
    assertEquals(10, meminfo("HugePages_Total"));
    assertEquals(freeKb - 10 * 2048, meminfo("MemFree"), "shrinking frees the free pages");
  }

  @Test
  void aPoolGrowsOnlyAsFarAsMemoryAllows() {
    long asked = machine.memory().managedPages() / 512 + 100;
    machine.sysctl("vm.nr_hugepages", Long.toString(asked));
    long got = machine.nrHugepages(HugetlbPools.SIZE_2M);
    assertTrue(got > 0 && got < asked, "got " + got + " of " + asked);
    assertEquals(got, meminfo("HugePages_Total"));
    machine.sysctl("vm.nr_hugepages", "0");
  }

  @Test
  void theGiganticPoolIsSetThroughSysfsAndCountsOnlyInHugetlb() {
    long freeKb = meminfo("MemFree");
    machine.sysctl("hugepages.1048576kb.nr_hugepages", "2");
    assertEquals(2, machine.nrHugepages(HugetlbPools.SIZE_1G));
    assertEquals(0, meminfo("HugePages_Total"), "HugePages_* show the default size only");
    assertEquals(2 * 1024 * 1024, meminfo("Hugetlb"));
    assertEquals(freeKb - 2 * 1024 * 1024, meminfo("MemFree"));
  }

  @Test
  void mmapReservesAndAFaultConsumesOneReservationPerHugePage() throws SyscallException {
    machine.sysctl("vm.nr_hugepages", "40");
    long rssBefore = p.mm().rss();
    long pteTables = p.mm().tables().tables(1);
    long at = map(63 * MIB, false, HugetlbPools.SIZE_2M);
    assertEquals(0, at % (2 * MIB), "aligned to the huge page size");
    assertEquals(32, meminfo("HugePages_Rsvd"), "63 MiB rounds up to 32 pages");
    long minor = p.minFlt();
    touch(p, at, 64 * MIB, 4096, AccessType.WRITE);
    assertEquals(minor + 32, p.minFlt(), "one minor fault per huge page");
    assertEquals(0, meminfo("HugePages_Rsvd"));
    assertEquals(8, meminfo("HugePages_Free"));
    assertEquals(rssBefore, p.mm().rss(), "hugetlb pages are not in RSS");
    assertEquals(32 * 512L, ProcFs.vmstatFields(machine).get("nr_hugetlb"), "pages in use");
    assertEquals(64 * MIB >> 12, p.mm().hugetlbPages());
    assertTrue(ProcFs.status(machine, p).contains("HugetlbPages:\t   65536 kB"));
    assertEquals(pteTables, p.mm().tables().tables(1), "no PTE table for a PMD leaf");
    assertTrue(
        ProcFs.maps(p).contains(String.format("%x-%x rw-p", at, at + 64 * MIB))
            && ProcFs.maps(p).contains("/anon_hugepage (deleted)"),
        ProcFs.maps(p));
    long pmd = p.mm().tables().readEntry(at, 2);
    assertTrue(X86Paging.isLarge(pmd) && X86Paging.isPresent(pmd), "a PMD leaf");
    machine.munmap(p, at, 64 * MIB);
    assertEquals(40, meminfo("HugePages_Free"));
    assertEquals(0, p.mm().hugetlbPages());
  }

  @Test
  void aGiganticPageIsAPudLeaf() throws SyscallException {
    machine.sysctl("hugepages.1048576kb.nr_hugepages", "1");
    long pmdTables = p.mm().tables().tables(2);
    long at = map(GIB, false, HugetlbPools.SIZE_1G);
    assertEquals(0, at % GIB);
    long minor = p.minFlt();
    touch(p, at + 12345 * 4096L, 1, 1, AccessType.READ);
    touch(p, at + GIB - 4096, 1, 1, AccessType.READ);
    assertEquals(minor + 1, p.minFlt());
    long pud = p.mm().tables().readEntry(at, 3);
    assertTrue(X86Paging.isLarge(pud) && X86Paging.isPresent(pud), "a PUD leaf");
    assertEquals(pmdTables, p.mm().tables().tables(2), "no PMD table under it");
  }

  @Test
  void mmapFailsWithEnomemWhenThePoolCannotReserve() throws SyscallException {
    machine.sysctl("vm.nr_hugepages", "4");
    map(4 * MIB, false, HugetlbPools.SIZE_2M);
    SyscallException e =
        assertThrows(SyscallException.class, () -> map(6 * MIB, false, HugetlbPools.SIZE_2M));
    assertEquals(Errno.ENOMEM, e.errno());
    assertEquals(2, meminfo("HugePages_Rsvd"), "the failed mmap reserved nothing");
  }

  @Test
  void surplusPagesComeAndGoWithinTheOvercommit() throws SyscallException {
    machine.sysctl("vm.nr_overcommit_hugepages", "8");
    long at = map(16 * MIB, false, HugetlbPools.SIZE_2M);
    assertEquals(8, meminfo("HugePages_Total"));
    assertEquals(8, meminfo("HugePages_Surp"));
    assertEquals(8, meminfo("HugePages_Rsvd"));
    assertThrows(SyscallException.class, () -> map(2 * MIB, false, HugetlbPools.SIZE_2M));
    touch(p, at, 16 * MIB, 2 * MIB, AccessType.WRITE);
    machine.munmap(p, at, 16 * MIB);
    assertEquals(0, meminfo("HugePages_Total"), "surplus pages go back to the buddy allocator");
    assertEquals(0, meminfo("HugePages_Surp"));
  }

  @Test
  void shrinkingBelowWhatIsUsedLeavesSurplusPagesThatGoWhenFreed() throws SyscallException {
    machine.sysctl("vm.nr_hugepages", "6");
    long at = map(8 * MIB, false, HugetlbPools.SIZE_2M);
    touch(p, at, 4 * MIB, 2 * MIB, AccessType.WRITE);
    machine.sysctl("vm.nr_hugepages", "0");
    assertEquals(0, machine.nrHugepages(HugetlbPools.SIZE_2M), "vm.nr_hugepages reads back 0");
    assertEquals(4, meminfo("HugePages_Total"), "2 in use and 2 reserved stay");
    assertEquals(4, meminfo("HugePages_Surp"));
    assertEquals(2, meminfo("HugePages_Rsvd"));
    machine.munmap(p, at, 8 * MIB);
    assertEquals(0, meminfo("HugePages_Total"));
    assertEquals(0, meminfo("HugePages_Surp"));
    assertEquals(0, meminfo("HugePages_Rsvd"));
  }

  @Test
  void aShrunkGiganticPoolFreesItsSurplusPageAtUnmap() throws SyscallException {
    machine.sysctl("hugepages.1048576kb.nr_hugepages", "1");
    long at = map(GIB, true, HugetlbPools.SIZE_1G);
    machine.sysctl("hugepages.1048576kb.nr_hugepages", "0");
    assertEquals(1024 * 1024, meminfo("Hugetlb"), "the reserved page stays, as surplus");
    machine.munmap(p, at, GIB);
    assertEquals(0, meminfo("Hugetlb"));
  }

  @Test
  void badHugepageSettingsNameTheKeyAndValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> machine.sysctl("vm.nr_hugepages", "-1"));
    assertEquals("vm.nr_hugepages=-1: expected 0 or more", e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> machine.sysctl("hugepages.4096kb.nr_hugepages", "1"));
  }

  @Test
  void rangeOperationsMustBeHugePageAligned() throws SyscallException {
    machine.sysctl("vm.nr_hugepages", "4");
    long at = map(8 * MIB, false, HugetlbPools.SIZE_2M);
    SyscallException e =
        assertThrows(SyscallException.class, () -> machine.munmap(p, at + 4096, 4096));
    assertEquals(Errno.EINVAL, e.errno());
    e = assertThrows(SyscallException.class, () -> machine.mprotect(p, at, 3 * MIB, Prot.R));
    assertEquals(Errno.EINVAL, e.errno());
    e =
        assertThrows(
            SyscallException.class,
            () -> machine.mmap(p, at + 4096, 4096, Prot.RW, false, true, null, 0));
    assertEquals(Errno.EINVAL, e.errno(), "MAP_FIXED inside a huge page");
    machine.mprotect(p, at, 2 * MIB, Prot.R);
    machine.munmap(p, at + 2 * MIB, 2 * MIB);
    assertEquals(3, meminfo("HugePages_Rsvd"), "the unmapped page's reservation went back");
  }

  @Test
  void forkSharesSharedPagesAndCopiesPrivateOnesOnWrite() throws SyscallException {
    machine.sysctl("vm.nr_hugepages", "3");
    long priv = map(2 * MIB, false, HugetlbPools.SIZE_2M);
    long shared = map(2 * MIB, true, HugetlbPools.SIZE_2M);
    touch(p, priv, 1, 1, AccessType.WRITE);
    touch(p, shared, 1, 1, AccessType.WRITE);
    Process child = machine.fork(p);
    assertEquals(1, meminfo("HugePages_Free"));
    touch(child, shared, 1, 1, AccessType.WRITE);
    assertEquals(1, meminfo("HugePages_Free"), "a shared page stays shared");
    touch(child, priv, 1, 1, AccessType.WRITE);
    assertEquals(0, meminfo("HugePages_Free"), "the child's write copied the private page");
    touch(p, priv, 1, 1, AccessType.WRITE);
    assertEquals(0, meminfo("HugePages_Free"), "the parent's page is its own again: reused");
    machine.exit(child, 0);
    assertEquals(1, meminfo("HugePages_Free"));
  }

  @Test
  void aCowWithAnEmptyPoolKillsTheChildWithSigbus() throws SyscallException {
    machine.sysctl("vm.nr_hugepages", "1");
    long priv = map(2 * MIB, false, HugetlbPools.SIZE_2M);
    touch(p, priv, 1, 1, AccessType.WRITE);
    Process child = machine.fork(p);
    assertFalse(machine.access(child, priv, AccessType.WRITE));
    assertEquals(Machine.SIGBUS, child.termSignal());
  }

  @Test
  void theOwnersCowWithAnEmptyPoolTakesThePageFromTheChild() throws SyscallException {
    machine.sysctl("vm.nr_hugepages", "1");
    long priv = map(2 * MIB, false, HugetlbPools.SIZE_2M);
    touch(p, priv, 1, 1, AccessType.WRITE);
    Process child = machine.fork(p);
    touch(child, priv, 1, 1, AccessType.READ);
    long minor = p.minFlt();
    assertTrue(machine.access(p, priv, AccessType.WRITE), "the owner keeps its page");
    assertEquals(minor + 1, p.minFlt());
    assertEquals(2 * MIB >> 12, p.mm().hugetlbPages());
    assertEquals(0, child.mm().hugetlbPages(), "unmapped from the child");
    assertFalse(machine.access(child, priv, AccessType.READ));
    assertEquals(Machine.SIGBUS, child.termSignal());
    assertTrue(
        machine
            .log()
            .dmesg()
            .contains("PID " + child.pid() + " killed due to inadequate hugepage pool"),
        machine.log().dmesg());
  }

  @Test
  void hugetlbPagesAreNotChargedToAMemoryCgroup() throws SyscallException {
    machine.sysctl("vm.nr_hugepages", "8");
    machine.cgroup("small");
    machine.setMemoryMax("small", 256);
    machine.joinCgroup(p, "small");
    long at = map(16 * MIB, false, HugetlbPools.SIZE_2M);
    touch(p, at, 16 * MIB, 2 * MIB, AccessType.WRITE);
    assertTrue(p.alive(), "16 MiB of hugetlb pages in a 1 MiB group");
    assertEquals(0, meminfo("HugePages_Free"));
  }

  @Test
  void exitReturnsPagesAndReservations() throws SyscallException {
    machine.sysctl("vm.nr_hugepages", "10");
    long at = map(16 * MIB, true, HugetlbPools.SIZE_2M);
    touch(p, at, 8 * MIB, 2 * MIB, AccessType.READ);
    map(4 * MIB, false, HugetlbPools.SIZE_2M);
    assertEquals(6, meminfo("HugePages_Free"));
    assertEquals(6, meminfo("HugePages_Rsvd"));
    machine.exit(p, 0);
    assertEquals(10, meminfo("HugePages_Free"));
    assertEquals(0, meminfo("HugePages_Rsvd"));
  }
}
