package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pagelab.sim.vm.Errno;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code vm.overcommit_memory} 0, 1 and 2 as {@code __vm_enough_memory} applies them. */
class OvercommitTest {
  private static final long GIB = 1L << 30;

  private Machine machine;
  private Process p;

  @BeforeEach
  void boot() throws SyscallException {
    machine = new Machine(MachineConfig.DEFAULT);
    p = machine.spawn("oc", "/usr/bin/oc");
  }

  @AfterEach
  void invariantsHold() {
    machine.checkInvariants();
  }

  private long mmap(long bytes, Prot prot) throws SyscallException {
    return machine.mmap(p, 0, bytes, prot, false, false, null, 0);
  }

  @Test
  void commitLimitIsRatioPercentOfRamPlusSwap() {
    long ram = machine.memory().managedPages();
    long swap = (4 * GIB >>> 12) - 1;
    assertEquals(ram / 2 + swap, machine.commitLimitPages());
    machine.sysctl("vm.overcommit_kbytes", "1048576");
    assertEquals((1 << 18) + swap, machine.commitLimitPages(), "overcommit_kbytes wins");
    assertEquals(0, machine.overcommitRatio(), "and resets the ratio, as the kernel does");
  }

  @Test
  void heuristicModeRefusesOnlyOneRequestLargerThanRamPlusSwap() throws SyscallException {
    SyscallException e = assertThrows(SyscallException.class, () -> mmap(24 * GIB, Prot.RW));
    assertEquals(Errno.ENOMEM, e.errno());
    mmap(12 * GIB, Prot.RW);
    mmap(12 * GIB, Prot.RW);
  }

  @Test
  void alwaysModeNeverRefuses() throws SyscallException {
    machine.sysctl("vm.overcommit_memory", "1");
    mmap(100 * GIB, Prot.RW);
  }

  @Test
  void neverModeKeepsCommittedBelowTheLimit() throws SyscallException {
    machine.sysctl("vm.overcommit_memory", "2");
    long committed = machine.committedPages();
    long room = machine.commitLimitPages() - committed - p.mm().totalVm() / 32;
    mmap((room - 1) << 12, Prot.RW);
    assertThrows(SyscallException.class, () -> mmap(2L << 20, Prot.RW));
    mmap(GIB, Prot.R);
    assertEquals(
        committed + room - 1, machine.committedPages(), "read-only memory is not committed");
  }

  @Test
  void badSysctlsNameTheKeyAndValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> machine.sysctl("vm.overcommit_memory", "3"));
    assertEquals("vm.overcommit_memory=3: expected 0, 1 or 2", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> machine.sysctl("vm.bogus", "1"));
  }
}
