package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.spi.PagingMode;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code memory.high}, {@code memory.low}, {@code memory.min}, {@code memory.swap.max} and {@code
 * memory.oom.group} in a running machine.
 */
class MemcgLimitsTest {
  private static final long MIB = 1L << 20;
  private static final long PAGES_PER_MIB = MIB / 4096;

  private static Machine machine(long ramMib, long swapMib) {
    return new Machine(
        new MachineConfig(
            ramMib * MIB, swapMib * MIB, PagingMode.FOUR_LEVEL, 64, -1, 10, 1, 50, "never", 42, 2));
  }

  private static Process touch(Machine m, String group, long bytes) throws SyscallException {
    Process p = m.spawn("hog", "/usr/bin/hog");
    if (group != null) {
      m.joinCgroup(p, group);
    }
    long addr = m.mmap(p, 0, bytes, Prot.RW, false, false, null, 0);
    for (long off = 0; off < bytes && p.alive(); off += 4096) {
      m.access(p, addr + off, AccessType.WRITE);
    }
    return p;
  }

  private static long usage(Machine m, String group) {
    return m.existingCgroup(group).usagePages(m.pageCache(), Machine.STACK_PAGES);
  }

  private static List<String> dmesg(Machine m) {
    return m.log().lines().stream().map(KernelLog.Line::text).toList();
  }

  // ---------------------------------------------------------------- memory.high

  @Test
  void theHighDelayIsQuadraticInTheOverageAndProportionalToTheCharge() {
    long overage = Machine.calculateOverage(120, 100);
    assertEquals((20L << 20) / 100, overage, "overage is a 2^-20 fraction of high");
    assertEquals(0, Machine.calculateOverage(100, 100));
    long one = Machine.calculateHighDelay(64, overage);
    long twice = Machine.calculateHighDelay(64, 2 * overage);
    assertTrue(Math.abs(twice - 4 * one) <= 4, one + " then " + twice);
    long quarter = Machine.calculateHighDelay(16, overage);
    assertTrue(Math.abs(4 * quarter - one) <= 4, "a quarter batch, a quarter delay");
    assertEquals(0, Machine.calculateHighDelay(64, 0));
  }

  @Test
  void withoutSwapAGroupOverHighIsThrottledButNeverKilled() throws Exception {
    Machine m = machine(1024, 0);
    m.setMemoryHigh("h", 50 * PAGES_PER_MIB);
    Process p = touch(m, "h", 80 * MIB);
    MemCgroup c = m.existingCgroup("h");
    assertTrue(p.alive());
    assertEquals(0, c.event("oom") + c.event("max") + m.counters().oomKill());
    assertTrue(c.event("high") > 0, c.memoryEvents());
    assertTrue(c.throttledNanos() >= 1_000_000_000L, "throttled " + c.throttledNanos());
    assertTrue(usage(m, "h") > c.highPages(), "anonymous memory without swap stays");
    m.checkInvariants();
  }

  @Test
  void withSwapReclaimHoldsTheGroupNearHighWithoutThrottling() throws Exception {
    Machine m = machine(1024, 256);
    m.setMemoryHigh("h", 50 * PAGES_PER_MIB);
    Process p = touch(m, "h", 100 * MIB);
    MemCgroup c = m.existingCgroup("h");
    assertTrue(p.alive());
    assertTrue(c.event("high") > 0);
    assertTrue(p.mm().swapents() >= 40 * PAGES_PER_MIB, "swapped " + p.mm().swapents());
    assertTrue(usage(m, "h") <= c.highPages() + Machine.MEMCG_CHARGE_BATCH + 64);
    assertEquals(0, m.counters().oomKill());
    m.checkInvariants();
  }

  // ---------------------------------------------------------------- memory.low and memory.min

  /** Caches 60 MiB of clean file pages in {@code group}, then a root hog takes {@code hogMib}. */
  private static Process squeeze(Machine m, String group, long hogMib) throws Exception {
    m.writeInCgroup(group, "/data/protected", 0, 60 * MIB);
    m.sync();
    m.write("/data/bulk", 0, 100 * MIB);
    m.sync();
    return touch(m, null, hogMib * MIB);
  }

  @Test
  void withoutProtectionGlobalReclaimTakesTheGroupsCache() throws Exception {
    Machine m = machine(512, 0);
    m.cgroup("g");
    squeeze(m, "g", 380);
    assertTrue(m.existingCgroup("g").filePages(m.pageCache()) < 60 * PAGES_PER_MIB);
    m.checkInvariants();
  }

  @Test
  void memoryLowProtectsTheGroupsCacheWhileOtherCacheCanGo() throws Exception {
    Machine m = machine(512, 0);
    m.setMemoryLow("g", 100 * PAGES_PER_MIB);
    Process hog = squeeze(m, "g", 300);
    MemCgroup c = m.existingCgroup("g");
    assertTrue(hog.alive());
    assertEquals(60 * PAGES_PER_MIB, c.filePages(m.pageCache()), "the protected cache stayed");
    assertEquals(0, c.event("low"), "protection was never broken");
    m.checkInvariants();
  }

  @Test
  void memoryLowGivesWayBeforeAnOomKillAndCountsLowEvents() throws Exception {
    Machine m = machine(512, 0);
    m.setMemoryLow("g", 100 * PAGES_PER_MIB);
    Process hog = squeeze(m, "g", 390);
    MemCgroup c = m.existingCgroup("g");
    assertTrue(hog.alive(), "reclaiming the protected cache avoided the OOM kill ");
    assertTrue(c.event("low") > 0, c.memoryEvents());
    assertTrue(c.filePages(m.pageCache()) < 60 * PAGES_PER_MIB);
    m.checkInvariants();
  }

  @Test
  void memoryMinIsNeverReclaimedEvenAtTheCostOfAnOomKill() throws Exception {
    Machine m = machine(512, 0);
    m.setMemoryMin("g", 100 * PAGES_PER_MIB);
    Process hog = squeeze(m, "g", 390);
    MemCgroup c = m.existingCgroup("g");
    assertFalse(hog.alive(), "the hog was killed rather than the protected cache reclaimed");
    assertEquals(60 * PAGES_PER_MIB, c.filePages(m.pageCache()));
    assertEquals(0, c.event("low"));
    m.checkInvariants();
  }

  // ---------------------------------------------------------------- memory.swap.max

  @Test
  void aGroupAtSwapMaxSwapsNoMoreAndMeetsItsOomKiller() throws Exception {
    Machine m = machine(1024, 256);
    m.setMemoryMax("s", 50 * PAGES_PER_MIB);
    m.setMemorySwapMax("s", 10 * PAGES_PER_MIB);
    Process p = touch(m, "s", 100 * MIB);
    MemCgroup c = m.existingCgroup("s");
    assertFalse(p.alive(), "with 10 MiB of swap, 100 MiB does not fit in 50 MiB");
    assertTrue(c.swapEvent("max") > 0, c.swapEvents());
    assertEquals(1, c.event("oom_kill"));
    m.checkInvariants();
  }

  @Test
  void swapCurrentStaysAtSwapMax() throws Exception {
    Machine m = machine(1024, 256);
    m.setMemoryMax("s", 50 * PAGES_PER_MIB);
    m.setMemorySwapMax("s", 10 * PAGES_PER_MIB);
    Process p = touch(m, "s", 55 * MIB);
    MemCgroup c = m.existingCgroup("s");
    assertTrue(p.alive());
    assertTrue(c.swapPages() > 0 && c.swapPages() <= 10 * PAGES_PER_MIB, "swap " + c.swapPages());
    assertEquals("10485760\n", c.memorySwapMax());
    m.checkInvariants();
  }

  @Test
  void globalReclaimDoesNotSwapAGroupAtSwapMax() throws Exception {
    Machine m = machine(512, 512);
    m.setMemorySwapMax("s", 0);
    Process inGroup = touch(m, "s", 100 * MIB);
    Process outside = touch(m, null, 500 * MIB);
    assertTrue(outside.mm().swapents() > 0, "global reclaim did swap, but only outside the group");
    assertEquals(0, inGroup.mm().swapents(), "memory.swap.max=0: nothing of the group swapped");
    m.checkInvariants();
  }

  // ---------------------------------------------------------------- memory.oom.group

  @Test
  void oomGroupKillsTheWholeGroupExceptOomScoreAdjMin() throws Exception {
    Machine m = machine(1024, 0);
    m.setMemoryMax("g", 100 * PAGES_PER_MIB);
    m.setMemoryOomGroup("g", true);
    Process holder = touch(m, "g", 30 * MIB);
    Process immune = touch(m, "g", 4 * MIB);
    immune.setOomScoreAdj(-1000);
    Process alloc = touch(m, "g", 200 * MIB);
    MemCgroup c = m.existingCgroup("g");
    assertFalse(alloc.alive());
    assertFalse(holder.alive(), "the holder went with the group");
    assertTrue(immune.alive(), "oom_score_adj -1000 is spared");
    assertEquals(1, c.event("oom_group_kill"));
    List<String> log = dmesg(m);
    int tasksLine = log.indexOf("Tasks in /g are going to be killed due to memory.oom.group set");
    assertTrue(tasksLine > 0, String.join("\n", log));
    String first = "Memory cgroup out of memory: Killed process " + alloc.pid() + " (hog)";
    assertTrue(log.get(tasksLine - 1).startsWith(first), "the victim is killed first");
    long killedLines =
        log.stream().filter(l -> l.startsWith("Memory cgroup out of memory: Killed")).count();
    assertEquals(3, killedLines, "the victim, then each member again, the victim included");
    assertEquals(killedLines, c.event("oom_kill"));
    assertEquals(killedLines, m.counters().oomKill());
    m.checkInvariants();
  }

  @Test
  void aGlobalOomVictimInAnOomGroupTakesItsGroupAlong() throws Exception {
    Machine m = machine(512, 0);
    m.setMemoryOomGroup("g", true);
    Process big = touch(m, "g", 250 * MIB);
    Process small = touch(m, "g", 10 * MIB);
    Process hog = touch(m, null, 300 * MIB);
    assertFalse(big.alive(), "the biggest process is the global victim");
    assertFalse(small.alive(), "its group went with it");
    assertTrue(hog.alive());
    MemCgroup c = m.existingCgroup("g");
    assertEquals(1, c.event("oom_group_kill"));
    List<String> log = dmesg(m);
    int tasksLine = log.indexOf("Tasks in /g are going to be killed due to memory.oom.group set");
    assertTrue(log.get(tasksLine - 1).startsWith("Out of memory: Killed process " + big.pid()));
    assertTrue(log.get(tasksLine + 1).startsWith("Out of memory: Killed process " + big.pid()));
    assertTrue(log.get(tasksLine + 2).startsWith("Out of memory: Killed process " + small.pid()));
    m.checkInvariants();
  }

  @Test
  void withoutOomGroupOnlyTheVictimDies() throws Exception {
    Machine m = machine(1024, 0);
    m.setMemoryMax("g", 100 * PAGES_PER_MIB);
    Process holder = touch(m, "g", 30 * MIB);
    Process alloc = touch(m, "g", 200 * MIB);
    assertFalse(alloc.alive());
    assertTrue(holder.alive());
    assertEquals(0, m.existingCgroup("g").event("oom_group_kill"));
  }
}
