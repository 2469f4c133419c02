package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Cpus;
import dev.pagelab.sim.vm.Madvice;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.RssStat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The page counters of an address space are per-CPU counters ({@link RssStat}): status is exact,
 * while {@code /proc/PID/stat}'s rss and {@code oom_badness} leave out what each CPU still holds.
 */
class PerCpuCountersTest {
  private final Machine m = new Machine(MachineConfig.DEFAULT);

  @AfterEach
  void invariantsHold() {
    m.checkInvariants();
  }

  /** How far stat's rss is behind status's VmRSS, in pages. */
  private static long behind(Machine m, Process p) {
    String[] stat = ProcFs.stat(m, p).split(" ");
    return p.mm().rss() - Long.parseLong(stat[23]);
  }

  @Test
  void statLagsStatusByTheDeltaOfTheCpuAndCatchesUpEvery32Faults() throws Exception {
    Process p = m.spawn("step", "/usr/bin/step");
    long at = m.mmap(p, 0, 256 * 4096, Prot.RW, false, false, null, 0);
    m.madvise(p, at, 256 * 4096, Madvice.NOHUGEPAGE);
    long before = behind(m, p);
    int folds = 0;
    for (int i = 0; i < 256; i++) {
      m.access(p, at + i * 4096L, AccessType.WRITE);
      long now = behind(m, p);
      assertTrue(
          now == before + 1 || now == before - 31, "page " + i + ": " + before + " -> " + now);
      folds += now < before ? 1 : 0;
      before = now;
    }
    assertEquals(256 / 32, folds, "one fold into the global count per 32 pages");
    assertEquals(32, m.cpus().batch(), "percpu_counter_batch = max(32, 2 * 2 CPUs)");
  }

  @Test
  void aTaskMovedToAnotherCpuLeavesItsDeltaBehind() throws Exception {
    Process p = m.spawn("mover", "/usr/bin/mover");
    long at = m.mmap(p, 0, 64 * 4096, Prot.RW, false, false, null, 0);
    m.madvise(p, at, 64 * 4096, Madvice.NOHUGEPAGE);
    m.setCpu(p, 1);
    long start = behind(m, p);
    for (int i = 0; i < 20; i++) {
      m.access(p, at + i * 4096L, AccessType.WRITE);
    }
    assertEquals(start + 20, behind(m, p), "20 pages wait in CPU 1's delta");
    m.setCpu(p, 0);
    long onZero = behind(m, p);
    for (int i = 20; i < 40; i++) {
      m.access(p, at + i * 4096L, AccessType.WRITE);
    }
    long after = behind(m, p);
    assertTrue(after >= 20, "CPU 1's 20 pages stay out of the global count: " + after);
    assertEquals(onZero, start + 20);
  }

  @Test
  void aHugePageFaultFoldsAtOnce() throws Exception {
    Process p = m.spawn("thp", "/usr/bin/thp");
    long len = 4L << 20;
    long at = m.mmap(p, 0, len, Prot.RW, false, false, null, 0);
    m.madvise(p, at, len, Madvice.HUGEPAGE);
    long delta = pendingAnon(p);
    assertTrue(delta > 0, "start-up left pages in CPU 0's anon delta: " + delta);
    long before = behind(m, p);
    long anon = p.mm().rssAnon();
    m.access(p, at + (2L << 20), AccessType.WRITE);
    assertEquals(512, p.mm().rssAnon() - anon, "one PMD maps 512 pages");
    assertEquals(0, pendingAnon(p), "512 pages are more than a batch: the delta is folded");
    assertEquals(before - delta, behind(m, p), "stat's rss caught up with CPU 0's anon pages");
  }

  @Test
  void theOomScoreReadsTheGlobalCount() throws Exception {
    Process p = m.spawn("score", "/usr/bin/score");
    long at = m.mmap(p, 0, 40 * 4096, Prot.RW, false, false, null, 0);
    for (int i = 0; i < 40; i++) {
      m.access(p, at + i * 4096L, AccessType.WRITE);
    }
    assertEquals(p.mm().mmRss(), ProcFs.oomTask(p).rss());
    assertTrue(p.mm().mmRss() < p.mm().rss(), "some pages still wait in a per-CPU delta");
  }

  @Test
  void aForkedChildRunsWhereItsParentWasPinned() throws Exception {
    Process p = m.spawn("parent", "/usr/bin/parent");
    m.setCpu(p, 1);
    assertEquals(1, m.fork(p).cpu(), "fork copies the affinity mask");
  }

  @Test
  void badCpusAreRefusedByName() throws Exception {
    Process p = m.spawn("p", "/usr/bin/p");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.setCpu(p, 2));
    assertTrue(e.getMessage().startsWith("Machine.setCpu: CPU 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Cpus(0));
    assertThrows(IllegalArgumentException.class, () -> MachineConfig.DEFAULT.withCpus(257));
    assertEquals(128, new Cpus(64).batch(), "max(32, 2 * 64)");
  }

  private static long pendingAnon(Process p) {
    return p.mm().rssAnon() - p.mm().mmCounter(RssStat.MM_ANONPAGES);
  }
}
