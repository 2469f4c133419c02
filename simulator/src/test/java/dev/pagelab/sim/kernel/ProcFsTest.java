package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.phys.ZoneLayout;
import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Prot;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The /proc files of a running machine follow from its state as the kernel's do. */
class ProcFsTest {
  private Machine machine;
  private Process p;

  @BeforeEach
  void boot() throws Exception {
    machine = new Machine(MachineConfig.DEFAULT);
    p = machine.spawn("demo", "/usr/bin/demo");
  }

  @AfterEach
  void invariantsHold() {
    machine.checkInvariants();
  }

  @Test
  void memTotalIsTheManagedMemoryOfTheZones() {
    long managed = ZoneLayout.x86_64(16L << 30).totalManagedPages();
    assertEquals(managed * 4, ProcFs.meminfoFields(machine).get("MemTotal"));
  }

  @Test
  void touchingMemoryMovesMemFreeIntoAnonPagesAndPageTables() throws Exception {
    Map<String, Long> before = ProcFs.meminfoFields(machine);
    long addr = machine.mmap(p, 0, 100L << 20, Prot.RW, false, false, null, 0);
    assertEquals(before.get("MemFree"), ProcFs.meminfoFields(machine).get("MemFree"), "mmap alone");
    for (long off = 0; off < 100L << 20; off += 4096) {
      machine.access(p, addr + off, AccessType.WRITE);
    }
    Map<String, Long> after = ProcFs.meminfoFields(machine);
    long anon = after.get("AnonPages") - before.get("AnonPages");
    long tables = after.get("PageTables") - before.get("PageTables");
    assertEquals(102400, anon);
    assertEquals(200, tables, "50 PTE tables for 100 MiB (the PMD table already exists)");
    assertEquals(before.get("MemFree") - anon - tables, after.get("MemFree"));
    assertEquals(after.get("AnonPages") + after.get("Shmem"), after.get("Inactive(anon)"));
    assertTrue(after.get("MemAvailable") < before.get("MemAvailable"));
    assertEquals(
        before.get("Committed_AS") + 102400, after.get("Committed_AS"), "private writable memory");
  }

  @Test
  void statusMatchesTheAddressSpace() throws Exception {
    long addr = machine.mmap(p, 0, 1L << 20, Prot.RW, false, false, null, 0);
    for (long off = 0; off < 1L << 20; off += 4096) {
      machine.access(p, addr + off, AccessType.WRITE);
    }
    String status = ProcFs.status(machine, p);
    assertTrue(status.contains("\nVmRSS:\t" + pad(p.mm().rss() * 4) + " kB\n"), status);
    assertTrue(status.contains("\nRssAnon:\t" + pad(p.mm().rssAnon() * 4) + " kB\n"), status);
    assertTrue(
        status.contains("\nVmPTE:\t" + pad(p.mm().tables().pgtablesBytes() / 1024) + " kB\n"),
        status);
    String[] stat = ProcFs.stat(machine, p).split(" ");
    assertEquals(Long.toString(p.minFlt()), stat[9], "field 10 is minflt");
    assertEquals(Long.toString(p.mm().totalVm() * 4096), stat[22], "field 23 is vsize in bytes");
    assertEquals(
        Long.toString(p.mm().mmRss()),
        stat[23],
        "field 24 is rss in pages as get_mm_rss reads it, without the per-CPU deltas");
    long behind = p.mm().rss() - p.mm().mmRss();
    assertTrue(
        behind > 0 && behind < 3 * (machine.cpus().batch() - 1) * machine.cpus().online(),
        "after page-by-page faults stat's rss is a little behind status's VmRSS: " + behind);
  }

  @Test
  void mapsShowsTheProgramLibrariesHeapStackAndVsyscall() {
    machine.brk(p, p.mm().brk() + (132 << 10));
    String maps = ProcFs.maps(p);
    assertTrue(maps.startsWith("555555554000-555555555000 r--p 00000000 08:01 "), maps);
    assertTrue(maps.contains("/usr/lib/x86_64-linux-gnu/libc.so.6\n"), maps);
    assertTrue(maps.contains(" [heap]\n"), maps);
    assertTrue(maps.contains("7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0"), maps);
    assertTrue(
        maps.endsWith(
            "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0"
                + "                  [vsyscall]\n"),
        maps);
  }

  @Test
  void oomScoreFollowsBadness() {
    long before = ProcFs.oomScore(machine, p);
    p.setOomScoreAdj(1000);
    long after = ProcFs.oomScore(machine, p);
    assertTrue(
        after - before >= 665 && after - before <= 667, "adj 1000 adds 1000 * 2/3: " + after);
    assertEquals(0, ProcFs.oomScore(machine, machine.init()), "init is never chosen");
  }

  private static String pad(long kb) {
    return String.format("%8d", kb);
  }
}
