package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Swap in the running machine: anonymous pages go to the swap area under pressure after the clean
 * page cache, a swap-in is a major fault, RSS drops while VmSwap grows, the meminfo, vmstat and
 * {@code /proc/swaps} figures follow, fork shares slots, and a full swap area ends in an OOM kill.
 */
class SwapTest {
  private static final long MIB = 1L << 20;

  private Machine m;

  private void boot(long swapBytes) {
    m = new Machine(PressureConfig.of(1L << 30, swapBytes));
  }

  @AfterEach
  void invariantsHold() {
    m.checkInvariants();
  }

  private long vm(String field) {
    return ProcFs.vmstatFields(m).get(field);
  }

  private long kb(String field) {
    return ProcFs.meminfoFields(m).get(field);
  }

  private long map(Process p, long bytes) throws SyscallException {
    return m.mmap(p, 0, bytes, Prot.RW, false, false, null, 0);
  }

  private long touch(Process p, long addr, long bytes, AccessType type) {
    long n = 0;
    for (long off = 0; off < bytes && p.alive(); off += 4096) {
      n += m.access(p, addr + off, type) ? 1 : 0;
    }
    return n;
  }

  @Test
  void anonymousPagesGoToSwapAndComeBackAsMajorFaults() throws SyscallException {
    boot(1L << 30);
    Process p = m.spawn("hog", "/usr/bin/hog");
    long addr = map(p, 1200 * MIB);
    assertEquals(1200 * MIB / 4096, touch(p, addr, 1200 * MIB, AccessType.WRITE));
    assertTrue(p.alive());
    assertEquals(0, vm("oom_kill"));
    long out = vm("pswpout");
    assertTrue(out > 0, "pages went to swap");
    assertEquals(out, vm("pgsteal_anon"));
    assertEquals(
        out - vm("pswpin"),
        p.mm().swapents() + m.init().mm().swapents(),
        "swapped out and not back in");
    long used = m.swap().usedPages();
    assertEquals(p.mm().swapents() + m.init().mm().swapents(), used);
    assertEquals(kb("SwapTotal") - used * 4, kb("SwapFree"));
    assertTrue(ProcFs.swaps(m).contains("\t" + used * 4 + "\t"), ProcFs.swaps(m));
    assertTrue(
        ProcFs.status(m, p).contains("VmSwap:\t" + String.format("%8d", p.mm().swapents() * 4)),
        ProcFs.status(m, p));
    assertTrue(p.mm().rssAnon() < 1200 * MIB / 4096, "RSS is less than what was touched");
    long maj = p.majFlt();
    long in = vm("pswpin");
    assertEquals(1, touch(p, addr, 4096, AccessType.READ));
    assertEquals(maj + 1, p.majFlt(), "the first page was swapped out: a major fault");
    long read = vm("pswpin") - in;
    assertTrue(read >= 1 && read <= 1 << m.pageCluster(), "one page and its readahead: " + read);
    assertTrue(m.swap().cachedPages() >= read - 1, "the readahead pages wait in the swap cache");
    assertTrue(vm("pgmajfault") > 0);
  }

  @Test
  void cleanPageCacheGoesBeforeAnonymousMemory() throws SyscallException {
    boot(1L << 30);
    m.write("/data/log", 0, 300 * MIB);
    m.sync();
    Process p = m.spawn("hog", "/usr/bin/hog");
    long len = 900 * MIB;
    long addr = map(p, len);
    long cachedAtFirstSwap = -1;
    for (long off = 0; off < len; off += 4096) {
      assertTrue(m.access(p, addr + off, AccessType.WRITE));
      if (cachedAtFirstSwap < 0 && m.vmscan().pgstealAnon() > 0) {
        cachedAtFirstSwap = m.pageCache().filePages();
      }
    }
    assertTrue(cachedAtFirstSwap >= 0, "it came to swapping");
    assertTrue(
        cachedAtFirstSwap < 300 * MIB / 4096 / 50,
        "the file cache was nearly gone before the first swap-out: " + cachedAtFirstSwap);
    assertTrue(vm("pgsteal_file") >= 290 * MIB / 4096);
  }

  @Test
  void forkSharesSwapSlotsAndEachProcessReadsItsOwnCopyBack() throws SyscallException {
    boot(1L << 30);
    Process parent = m.spawn("parent", "/usr/bin/parent");
    long addr = map(parent, 64 * MIB);
    touch(parent, addr, 64 * MIB, AccessType.WRITE);
    Process hog = m.spawn("hog", "/usr/bin/hog");
    long h = map(hog, 1000 * MIB);
    touch(hog, h, 1000 * MIB, AccessType.WRITE);
    long parentSwapped = parent.mm().swapents();
    assertTrue(parentSwapped > 0, "the idle parent's pages were swapped out");
    Process child = m.fork(parent);
    assertEquals(parentSwapped, child.mm().swapents(), "the child holds the same slots");
    m.checkInvariants();
    m.exit(hog, 0);
    long in0 = vm("pswpin");
    touch(child, addr, 64 * MIB, AccessType.READ);
    long swappedIn = vm("pswpin") - in0;
    assertTrue(swappedIn > 0, "the child read its pages back from swap");
    assertEquals(parentSwapped - swappedIn, child.mm().swapents());
    assertEquals(parentSwapped, parent.mm().swapents(), "the parent's entries stay");
    m.exit(parent, 0);
    m.exit(child, 0);
    assertEquals(m.init().mm().swapents(), m.swap().usedPages(), "only init's slots are left");
  }

  @Test
  void whenSwapIsFullTheOomKillerRunsAndCountsSwapEntries() throws SyscallException {
    boot(128 * MIB);
    Process p = m.spawn("hog", "/usr/bin/hog");
    long addr = map(p, 2L << 30);
    touch(p, addr, 2L << 30, AccessType.WRITE);
    assertFalse(p.alive(), "the hog is killed");
    assertEquals(1, vm("oom_kill"));
    List<String> log = m.log().lines().stream().map(KernelLog.Line::text).toList();
    assertTrue(log.contains("Free swap  = 0kB"), "swap was full at the kill: " + log);
    assertTrue(log.contains("Total swap = " + m.swapPages() * 4 + "kB"));
    String row =
        log.stream().filter(l -> l.startsWith("[   " + p.pid() + "]")).findFirst().orElseThrow();
    String[] cols = row.substring(row.indexOf(']') + 1).trim().split(" +");
    long swapents = m.swapPages() - m.init().mm().swapents(); // init holds the rest
    long shown = Long.parseLong(cols[8]);
    assertTrue(
        shown <= swapents && swapents - shown < m.cpus().online() * m.cpus().batch(),
        "dump_task shows get_mm_counter(MM_SWAPENTS), at most one batch per CPU behind the "
            + swapents
            + " entries: "
            + row);
    assertEquals(m.init().mm().swapents(), m.swap().usedPages(), "the victim's slots were freed");
  }
}
