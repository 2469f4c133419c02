package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OOM killer inside a running machine: reclaim first, then {@code out_of_memory} with the
 * kernel's report, SIGKILL for the victim, the faulting access retried, and the sysctls.
 */
class OomKillTest {
  private static final long MIB = 1L << 20;
  private static final long RAM = 512 * MIB;

  private Machine m;

  @BeforeEach
  void boot() {
    m = new Machine(PressureConfig.of(RAM, 0));
  }

  @AfterEach
  void invariantsHold() {
    m.checkInvariants();
  }

  /** Touches {@code bytes} of fresh anonymous memory; returns how many pages succeeded. */
  private long hog(Process p, long bytes) throws SyscallException {
    long addr = m.mmap(p, 0, bytes, Prot.RW, false, false, null, 0);
    long n = 0;
    for (long off = 0; off < bytes; off += 4096) {
      if (!p.alive() || !m.access(p, addr + off, AccessType.WRITE)) {
        return n;
      }
      n++;
    }
    return n;
  }

  private List<String> dmesg() {
    return m.log().lines().stream().map(KernelLog.Line::text).toList();
  }

  private long vm(String field) {
    return ProcFs.vmstatFields(m).get(field);
  }

  @Test
  void aHogThatExhaustsMemoryIsKilledWithTheKernelsReport() throws SyscallException {
    Process small = m.spawn("small", "/usr/bin/small");
    hog(small, 40 * MIB);
    Process big = m.spawn("hog", "/usr/bin/hog");
    long touched = hog(big, RAM);
    assertFalse(big.alive(), "the hog is killed");
    assertEquals(Machine.SIGKILL, big.termSignal());
    assertEquals(137, big.shellStatus());
    assertTrue(small.alive(), "the smaller process survives");
    assertTrue(touched > 100 * MIB / 4096, "the hog used most of memory first: " + touched);
    assertEquals(1, vm("oom_kill"));
    List<String> log = dmesg();
    int invoked = indexOf(log, "hog invoked oom-killer: gfp_mask=0x140dca(");
    assertTrue(log.get(invoked).endsWith(", order=0, oom_score_adj=0"), log.get(invoked));
    assertEquals("Mem-Info:", log.get(invoked + 1));
    assertTrue(indexOf(log, "Tasks state (memory values in pages):") > invoked);
    String constraint = log.get(indexOf(log, "oom-kill:constraint=CONSTRAINT_NONE"));
    assertTrue(constraint.endsWith(",task=hog,pid=" + big.pid() + ",uid=0"), constraint);
    int killed = indexOf(log, "Out of memory: Killed process " + big.pid() + " (hog) ");
    assertEquals(
        "oom_reaper: reaped process "
            + big.pid()
            + " (hog), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB",
        log.get(killed + 1));
    assertTrue(hog(small, 40 * MIB) > 0, "memory is free again after the kill");
  }

  @Test
  void anotherVictimIsKilledAndTheFaultingAccessIsRetried() throws SyscallException {
    Process victim = m.spawn("victim", "/usr/bin/victim");
    victim.setOomScoreAdj(1000);
    hog(victim, 40 * MIB);
    Process big = m.spawn("hog", "/usr/bin/hog");
    long want = m.memory().freePages() * 4096; // more than is free, less than free + the victim
    assertEquals(want / 4096, hog(big, want), "every page of the hog succeeds");
    assertTrue(big.alive());
    assertFalse(victim.alive(), "oom_score_adj=1000 makes the small process the victim");
    assertEquals(1, vm("oom_kill"));
    assertTrue(indexOf(dmesg(), "Out of memory: Killed process " + victim.pid()) >= 0);
  }

  @Test
  void cleanPageCacheIsReclaimedBeforeAnyKill() throws SyscallException {
    m.write("/tmp/cache", 0, 200 * MIB);
    m.sync();
    long cached = m.pageCache().filePages();
    Process big = m.spawn("hog", "/usr/bin/hog");
    long want = 300 * MIB;
    assertEquals(want / 4096, hog(big, want));
    assertEquals(0, vm("oom_kill"), "the cache made room; nobody was killed");
    assertTrue(m.pageCache().filePages() < cached, "the cache shrank");
  }

  @Test
  void panicOnOomStopsTheMachineWithThePanicLine() throws SyscallException {
    m.sysctl("vm.panic_on_oom", "1");
    Process big = m.spawn("hog", "/usr/bin/hog");
    KernelPanic e = assertThrows(KernelPanic.class, () -> hog(big, RAM));
    assertEquals(
        "Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled",
        e.getMessage());
    List<String> log = dmesg();
    assertEquals(e.getMessage(), log.get(log.size() - 1));
    assertEquals(0, vm("oom_kill"));
  }

  @Test
  void oomKillAllocatingTaskKillsTheFaultingProcess() throws SyscallException {
    m.sysctl("vm.oom_kill_allocating_task", "1");
    m.sysctl("vm.oom_dump_tasks", "0");
    Process bigger = m.spawn("bigger", "/usr/bin/bigger");
    hog(bigger, 250 * MIB);
    Process small = m.spawn("small", "/usr/bin/small");
    hog(small, RAM);
    assertTrue(bigger.alive(), "the larger process is not scanned");
    assertFalse(small.alive(), "the allocating task is killed");
    List<String> log = dmesg();
    assertTrue(indexOf(log, "Out of memory (oom_kill_allocating_task): Killed process") >= 0);
    assertEquals(-1, indexOf(log, "Tasks state"), "oom_dump_tasks=0 leaves out the table");
  }

  @Test
  void theSysctlsCheckTheirValues() {
    assertThrows(IllegalArgumentException.class, () -> m.sysctl("vm.panic_on_oom", "3"));
    m.sysctl("vm.panic_on_oom", "2");
    assertEquals(2, m.oomSysctls().panicOnOom());
    assertTrue(Machine.SYSCTLS.contains("vm.oom_dump_tasks"));
  }

  @Test
  void anUnkillableHogLeavesNothingToKillAndThePanicSaysSo() throws SyscallException {
    Process big = m.spawn("hog", "/usr/bin/hog");
    big.setOomScoreAdj(-1000);
    assertEquals(0, ProcFs.oomScore(m, big), "an oom_score_adj of -1000 scores 0");
    KernelPanic e = assertThrows(KernelPanic.class, () -> hog(big, RAM));
    assertEquals("Kernel panic - not syncing: System is deadlocked on memory", e.getMessage());
  }

  private static int indexOf(List<String> log, String prefix) {
    for (int i = 0; i < log.size(); i++) {
      if (log.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
