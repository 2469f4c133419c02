package dev.pagelab.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.AccessType;
import dev.pagelab.sim.vm.Prot;
import dev.pagelab.sim.vm.SyscallException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A memory cgroup limit inside a running machine, against the two memcg OOM kills recorded on Linux
 * 6.18 ({@code truth/oomkill/}): a 200 MiB group where {@code holdmem 400 anon} is killed (case A),
 * and where a 40 MiB holder survives while the 400 MiB allocator is killed (case C). The lines
 * whose content does not depend on the real machine's numbers are compared with the recording.
 */
class MemcgOomTest {
  private static final long MIB = 1L << 20;
  private static final String GROUP = "measure/oomtest";
  private static final Pattern STAMP = Pattern.compile("^\\[\\s*\\d+\\.\\d+\\] ");
  private static final Pattern PID = Pattern.compile("pid=(\\d+)");
  private static final Pattern COUNTER =
      Pattern.compile("^(\\S+): usage (\\d+)kB, limit (\\d+)kB, failcnt (\\d+)$");

  private Machine m;

  @BeforeEach
  void boot() {
    m = new Machine(PressureConfig.of(2048 * MIB, 0));
  }

  @AfterEach
  void invariantsHold() {
    m.checkInvariants();
  }

  private static List<String> truth(String name) throws IOException {
    try (InputStream in = MemcgOomTest.class.getResourceAsStream("/truth/oomkill/" + name)) {
      List<String> out = new ArrayList<>();
      for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        out.add(STAMP.matcher(l).replaceFirst(""));
      }
      return out;
    }
  }

  private static String startingWith(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
  }

  private static long limitPages(List<String> dmesg) {
    Matcher c = COUNTER.matcher(startingWith(dmesg, "memory: usage "));
    assertTrue(c.matches());
    return Long.parseLong(c.group(3)) / 4;
  }

  /** Starts {@code holdmem} in the group and touches {@code bytes} of anonymous memory. */
  private Process holdmem(long bytes) throws SyscallException {
    Process p = m.spawn("holdmem", "/usr/local/bin/holdmem");
    m.joinCgroup(p, GROUP);
    long addr = m.mmap(p, 0, bytes, Prot.RW, false, false, null, 0);
    for (long off = 0; off < bytes && p.alive(); off += 4096) {
      m.access(p, addr + off, AccessType.WRITE);
    }
    return p;
  }

  private List<String> dmesg() {
    return m.log().lines().stream().map(KernelLog.Line::text).toList();
  }

  /** The recorded line with the recorded victim's pid replaced by ours. */
  private static String withPid(String line, int pid) {
    return PID.matcher(line).replaceAll("pid=" + pid);
  }

  private void assertReportLikeTruth(List<String> truth, Process victim, int tableRows) {
    List<String> log = dmesg();
    assertEquals(
        startingWith(truth, "holdmem invoked oom-killer:"),
        startingWith(log, "holdmem invoked oom-killer:"),
        "an anonymous fault charges with GFP_KERNEL");
    Matcher recorded = COUNTER.matcher(startingWith(truth, "memory: usage "));
    Matcher ours = COUNTER.matcher(startingWith(log, "memory: usage "));
    assertTrue(recorded.matches() && ours.matches());
    assertEquals(
        recorded.group(2), ours.group(2), "usage is at the limit when the OOM killer runs");
    assertEquals(recorded.group(3), ours.group(3), "limit");
    Matcher swap = COUNTER.matcher(startingWith(log, "swap: usage "));
    Matcher memsw = COUNTER.matcher(startingWith(truth, "memory+swap: usage "));
    assertTrue(swap.matches() && memsw.matches());
    assertEquals(memsw.group(3), swap.group(3), "an unlimited counter prints PAGE_COUNTER_MAX");
    assertEquals(
        startingWith(truth, "Memory cgroup stats for "),
        startingWith(log, "Memory cgroup stats for "));
    int title = log.indexOf("Tasks state (memory values in pages):");
    assertEquals(
        truth.get(truth.indexOf("Tasks state (memory values in pages):") + 1), log.get(title + 1));
    long rows = log.stream().filter(l -> l.matches("^\\[\\s*\\d+\\] .*")).count();
    assertEquals(tableRows, rows, "only the group's tasks are listed");
    assertEquals(
        withPid(startingWith(truth, "oom-kill:"), victim.pid()), startingWith(log, "oom-kill:"));
    String killed = startingWith(log, "Memory cgroup out of memory: Killed process ");
    assertTrue(
        killed.startsWith(
            "Memory cgroup out of memory: Killed process " + victim.pid() + " (holdmem) "),
        killed);
    assertTrue(killed.endsWith("kB oom_score_adj:0"), killed);
    assertTrue(
        startingWith(log, "oom_reaper: reaped process " + victim.pid() + " (holdmem)").length()
            > 0);
  }

  @Test
  void caseA_theAllocatorAloneIsKilledAtTheLimit() throws Exception {
    List<String> truth = truth("A.dmesg.txt");
    m.setMemoryMax(GROUP, limitPages(truth));
    Process p = holdmem(400 * MIB);
    assertFalse(p.alive());
    assertTrue(truth("A.exit.txt").get(0).contains("exit status: " + p.shellStatus()));
    assertReportLikeTruth(truth, p, 1);
    MemCgroup c = m.existingCgroup(GROUP);
    assertEquals(1, c.oomKills());
    String events = c.memoryEvents();
    assertTrue(events.contains("\noom 1\noom_kill 1\n"), events);
    assertTrue(c.usagePages(m.pageCache(), 4) == 0, "the killed process's charge is gone");
    assertEquals(1, m.counters().oomKill(), "a memcg kill counts in /proc/vmstat oom_kill");
    long freeBefore = m.memory().freePages();
    assertTrue(freeBefore > m.memory().managedPages() / 2, "the machine never ran short");
  }

  @Test
  void caseC_theSmallHolderSurvivesAndTheBigAllocatorIsKilled() throws Exception {
    List<String> truth = truth("C.dmesg.txt");
    m.setMemoryMax(GROUP, limitPages(truth));
    Process holder = holdmem(40 * MIB);
    Process allocator = holdmem(400 * MIB);
    assertTrue(holder.alive(), "the 40 MiB holder survives");
    assertFalse(allocator.alive());
    List<String> exits = truth("C.exit.txt");
    assertTrue(exits.get(0).contains("still alive"));
    assertTrue(exits.get(1).endsWith("exit status: " + allocator.shellStatus()));
    int victim =
        Integer.parseInt(
            PID.matcher(startingWith(truth, "oom-kill:"))
                .results()
                .findFirst()
                .orElseThrow()
                .group(1));
    int holderPid = Integer.parseInt(exits.get(0).replaceAll(".* pid (\\d+) .*", "$1"));
    assertTrue(victim != holderPid, "the recorded victim is the allocator, not the holder");
    assertReportLikeTruth(truth, allocator, 2);
    assertEquals(1, m.existingCgroup(GROUP).oomKills());
  }

  @Test
  void withoutALimitNothingHappens() throws Exception {
    m.cgroup(GROUP);
    Process p = holdmem(100 * MIB);
    assertTrue(p.alive());
    MemCgroup c = m.cgroupOf(p);
    assertTrue(c.usagePages(m.pageCache(), 4) >= 100 * MIB / 4096);
    assertEquals("max\n", c.memoryMax());
    assertTrue(c.memoryEvents().startsWith("low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n"));
  }

  @Test
  void theGroupsCleanPageCacheIsReclaimedBeforeAnyKill() throws Exception {
    m.setMemoryMax(GROUP, 50 * MIB / 4096);
    Process p = m.spawn("reader", "/usr/bin/reader");
    m.joinCgroup(p, GROUP);
    long addr = m.mmap(p, 0, 20 * MIB, Prot.R, false, false, "/data/input", 0);
    for (long off = 0; off < 20 * MIB; off += 4096) {
      m.access(p, addr + off, AccessType.READ);
    }
    m.munmap(p, addr, 20 * MIB);
    MemCgroup c = m.cgroupOf(p);
    long cached = c.filePages(m.pageCache());
    assertTrue(cached >= 20 * MIB / 4096, "the file the group read is charged to it: " + cached);
    long a = m.mmap(p, 0, 40 * MIB, Prot.RW, false, false, null, 0);
    for (long off = 0; off < 40 * MIB; off += 4096) {
      assertTrue(m.access(p, a + off, AccessType.WRITE));
    }
    assertTrue(p.alive());
    assertTrue(c.filePages(m.pageCache()) < cached, "memcg reclaim took the group's page cache");
    assertTrue(c.usagePages(m.pageCache(), 4) <= c.maxPages());
    assertTrue(c.memoryEvents().contains("\nmax "), c.memoryEvents());
    assertFalse(c.memoryEvents().contains("\nmax 0\n"), c.memoryEvents());
    assertTrue(c.memoryEvents().contains("\noom 0\n"), c.memoryEvents());
  }

  @Test
  void withSwapTheGroupSwapsInsteadOfBeingKilled() throws Exception {
    m = new Machine(PressureConfig.of(1024 * MIB, 256 * MIB));
    m.setMemoryMax(GROUP, 50 * MIB / 4096);
    Process p = holdmem(80 * MIB);
    assertTrue(p.alive());
    assertTrue(p.mm().swapents() >= 30 * MIB / 4096, "swapped: " + p.mm().swapents());
    assertTrue(m.cgroupOf(p).usagePages(m.pageCache(), 4) <= 50 * MIB / 4096);
    assertEquals(0, m.counters().oomKill());
  }

  @Test
  void aForkedChildStaysInItsParentsGroupAndLeavesItWhenItExits() throws Exception {
    Process p = m.spawn("parent", "/usr/bin/parent");
    m.joinCgroup(p, GROUP);
    Process child = m.fork(p);
    MemCgroup c = m.existingCgroup(GROUP);
    assertEquals(c, m.cgroupOf(child));
    assertEquals(List.of(p, child), c.members());
    m.exit(child, 0);
    assertEquals(List.of(p), c.members());
  }
}
