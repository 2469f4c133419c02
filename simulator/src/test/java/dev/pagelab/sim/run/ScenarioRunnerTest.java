package dev.pagelab.sim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.scenario.BundledScenarios;
import dev.pagelab.sim.scenario.ScenarioException;
import dev.pagelab.sim.scenario.ScenarioParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bundled scenario runs, keeps its expectations and prints what the course notes show. */
class ScenarioRunnerTest {

  static Stream<String> bundled() {
    return BundledScenarios.list().stream().map(BundledScenarios.Entry::name);
  }

  private static String run(String name, List<String> failures) throws ScenarioException {
    StringWriter text = new StringWriter();
    ScenarioRunner.Result result =
        ScenarioRunner.run(BundledScenarios.load(name), new PrintWriter(text, true));
    failures.addAll(result.failedExpectations());
    return text.toString();
  }

  private static String runText(String source) throws ScenarioException {
    StringWriter text = new StringWriter();
    ScenarioRunner.run(ScenarioParser.parse("t.scn", source), new PrintWriter(text, true));
    return text.toString();
  }

  @ParameterizedTest
  @MethodSource("bundled")
  void bundledScenarioRunsAndEveryExpectationHolds(String name) throws ScenarioException {
    List<String> failures = new ArrayList<>();
    run(name, failures);
    assertEquals(List.of(), failures);
  }

  @Test
  void oomKillsTheHogFirstAndTheAdjustedBatchJobSecond() throws ScenarioException {
    List<String> failures = new ArrayList<>();
    String out = run("oom", failures);
    assertEquals(List.of(), failures);
    assertTrue(out.contains("Killed\n"), out);
    assertTrue(out.contains("hog invoked oom-killer: gfp_mask=0x140dca("), out);
    assertTrue(out.contains("] Out of memory: Killed process 1001 (hog) total-vm:"), out);
    assertTrue(out.contains("] oom_reaper: reaped process 1001 (hog), now anon-rss:0kB"), out);
    assertTrue(out.contains("   1003 hog "), "the second hog runs on: " + out);
    assertFalse(out.contains("1002 batch"), "the batch job is gone: " + out);
  }

  @Test
  void aWriteInACgroupChargesItsFoliosThereAndTheRootsStayUncharged() throws ScenarioException {
    String out =
        runText(
            "cgroup a\n"
                + "cgroup b\n"
                + "write /data/f size=4MiB cgroup=a\n"
                + "write /data/f size=2MiB offset=4MiB cgroup=b\n"
                + "write /data/g size=1MiB\n"
                + "read /data/f cgroup=b\n"
                + "cat /sys/fs/cgroup/a/memory.current\n"
                + "cat /sys/fs/cgroup/b/memory.current\n"
                + "expect cgroup.a.memory.stat.file == 4MiB\n"
                + "expect cgroup.b.memory.stat.file_dirty == 2MiB\n");
    assertTrue(out.contains("    # in cgroup /a\n"), out);
    assertTrue(out.contains("/memory.current\n" + (4L << 20) + "\n"), out);
    assertTrue(out.contains("/memory.current\n" + (2L << 20) + "\n"), out);
    assertFalse(out.contains("expectation failed"), out);
  }

  @Test
  void memcgLimitsShowsHighLowSwapMaxAndOomGroup() throws ScenarioException {
    List<String> failures = new ArrayList<>();
    String out = run("memcg-limits", failures);
    assertEquals(List.of(), failures);
    assertTrue(out.contains("$ echo 104857600 > /sys/fs/cgroup/web/memory.high\n"), out);
    assertTrue(out.contains("$ cat /sys/fs/cgroup/batch/memory.swap.max\n0\n"), out);
    assertTrue(
        out.contains("] Tasks in /job are going to be killed due to memory.oom.group set\n"), out);
    assertTrue(out.contains("\noom 1\noom_kill 3\noom_group_kill 1\n"), out);
    Matcher file = Pattern.compile("\nfile (\\d+)\n").matcher(out);
    assertTrue(file.find(), out);
    assertEquals(150L << 20, Long.parseLong(file.group(1)), "db's page cache, charged per folio");
  }

  @Test
  void oomCgroupKillsInsideTheGroupAndPrintsItsFiles() throws ScenarioException {
    List<String> failures = new ArrayList<>();
    String out = run("oom-cgroup", failures);
    assertEquals(List.of(), failures);
    assertTrue(out.contains("$ cat /sys/fs/cgroup/oomtest/memory.max\n209715200\n"), out);
    assertTrue(out.contains("] memory: usage 204800kB, limit 204800kB, failcnt 0\n"), out);
    assertTrue(
        out.contains("] Memory cgroup out of memory: Killed process 1000 (holdmem) total-vm:"),
        out);
    assertTrue(out.contains("\noom 2\noom_kill 2\noom_group_kill 0\n"), out);
    Matcher current =
        Pattern.compile("cat /sys/fs/cgroup/oomtest/memory.current\n(\\d+)\n").matcher(out);
    assertTrue(current.find(), out);
    assertTrue(Long.parseLong(current.group(1)) >= 40L << 20, "the holder's charge stays");
  }

  @Test
  void leakShowsOneRssClimbingEverySecondAndTheOtherFlat() throws ScenarioException {
    List<String> failures = new ArrayList<>();
    String out = run("leak", failures);
    assertEquals(List.of(), failures);
    List<Long> worker = new ArrayList<>();
    List<Long> web = new ArrayList<>();
    Matcher row = Pattern.compile("(?m)^ +(\\d+) (web|worker) +(\\d+) +(\\d+)$").matcher(out);
    while (row.find()) {
      (row.group(2).equals("web") ? web : worker).add(Long.parseLong(row.group(3)));
    }
    assertEquals(10, worker.size(), out);
    for (int i = 1; i < worker.size(); i++) {
      assertEquals(2048, worker.get(i) - worker.get(i - 1), "2 MiB a second: " + worker);
      assertEquals(web.get(0), web.get(i), "the web server stays flat: " + web);
    }
  }

  @Test
  void sarRPrintsFiveSamplesAndTheirAverage() throws ScenarioException {
    List<String> failures = new ArrayList<>();
    String out = run("sar-r", failures);
    assertEquals(List.of(), failures);
    Matcher m = Pattern.compile("(?m)^00:00:0([1-5]) +(\\d+) +\\d+ +(\\d+)").matcher(out);
    List<Long> used = new ArrayList<>();
    while (m.find()) {
      used.add(Long.parseLong(m.group(3)));
    }
    assertEquals(5, used.size(), out);
    for (int i = 1; i < used.size(); i++) {
      assertTrue(used.get(i) > used.get(i - 1), "kbmemused climbs: " + used);
    }
    Matcher avg = Pattern.compile("(?m)^Average: +\\d+ +\\d+ +(\\d+)").matcher(out);
    assertTrue(avg.find(), out);
    long sum = used.stream().mapToLong(Long::longValue).sum();
    assertEquals(sum / 5, Long.parseLong(avg.group(1)), "the average of the five samples");
  }

  @Test
  void aKernelPanicStopsTheRunWithThePanicLine() throws ScenarioException {
    String out =
        runText(
            "machine ram=512MiB swap=0\nsysctl vm.overcommit_memory=1\n"
                + "sysctl vm.panic_on_oom=1\nspawn hog as h\nh mmap 1GiB rw as b\n"
                + "h touch b write\necho after\n");
    assertTrue(out.contains("# the kernel panicked; the machine stops here:"), out);
    assertTrue(out.contains("] hog invoked oom-killer: "), out);
    assertTrue(
        out.strip()
            .endsWith(
                "] Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is"
                    + " enabled"),
        out);
    assertFalse(out.contains("after"), "nothing runs after a panic");
  }

  @Test
  void demandPagingShowsVszJumpAndRssClimbingTenMibASecond() throws ScenarioException {
    String out = run("demand-paging", new ArrayList<>());
    Pattern sample =
        Pattern.compile(
            "^\\[\\s*(\\d+)\\.000\\]\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$", Pattern.MULTILINE);
    Matcher m = sample.matcher(out);
    List<long[]> rows = new ArrayList<>();
    while (m.find()) {
      rows.add(
          new long[] {
            Long.parseLong(m.group(2)),
            Long.parseLong(m.group(3)),
            Long.parseLong(m.group(4)),
            Long.parseLong(m.group(5))
          });
    }
    assertTrue(rows.size() >= 15, out);
    long vsz0 = rows.get(0)[0];
    assertEquals(vsz0 + 102400, rows.get(rows.size() - 1)[0], "vsz jumps by 100 MiB at the mmap");
    int climbing = 0;
    for (int i = 1; i < rows.size(); i++) {
      long drss = rows.get(i)[1] - rows.get(i - 1)[1];
      long dflt = rows.get(i)[3] - rows.get(i - 1)[3];
      if (drss == 10240) {
        climbing++;
        assertEquals(2560, dflt, "one minor fault per 4 KiB page");
      }
      assertEquals(0, rows.get(i)[2], "no major faults");
    }
    assertTrue(climbing >= 9, "rss climbs by 10 MiB a second for ten seconds:\n" + out);
  }

  @Test
  void segvPrintsWhatTheShellAndDmesgPrint() throws ScenarioException {
    String out = run("segv", new ArrayList<>());
    assertTrue(out.contains("\nSegmentation fault\n"), out);
    assertTrue(
        out.matches(
            "(?s).*segv\\[\\d+\\]: segfault at 0 ip [0-9a-f]{16} sp [0-9a-f]{16}"
                + " error 6 in segv\\[[0-9a-f]+,[0-9a-f]+\\+[0-9a-f]+\\] likely on CPU 0.*"),
        out);
  }

  @Test
  void memuseRaisesUsedByAbout80MbAndGivesItBack() throws ScenarioException {
    String out = run("memuse", new ArrayList<>());
    Pattern used = Pattern.compile("^Mem:\\s+\\d+\\s+(\\d+)", Pattern.MULTILINE);
    Matcher m = used.matcher(out);
    List<Long> values = new ArrayList<>();
    while (m.find()) {
      values.add(Long.parseLong(m.group(1)));
    }
    assertEquals(3, values.size(), out);
    long grew = values.get(1) - values.get(0);
    assertTrue(grew >= 78_125 && grew <= 78_125 + 400, "used grew by " + grew + " kB");
    assertTrue(
        Math.abs(values.get(2) - values.get(0)) <= 256,
        "used returns (less the exited process itself): " + values);
  }

  @Test
  void mmapShowsTheNewGibibyteInMaps() throws ScenarioException {
    String out = run("mmap", new ArrayList<>());
    Pattern line =
        Pattern.compile("^([0-9a-f]+)-([0-9a-f]+) rw-p 00000000 00:00 0 *$", Pattern.MULTILINE);
    Matcher m = line.matcher(out);
    boolean found = false;
    while (m.find()) {
      found |=
          Long.parseUnsignedLong(m.group(2), 16) - Long.parseUnsignedLong(m.group(1), 16)
              >= 1L << 30;
    }
    assertTrue(found, out);
  }

  @Test
  void samplersPrintOnTheSimulatedClock() throws ScenarioException {
    String out = runText("spawn a as a\nevery 1s: echo tick\nsleep 3500ms\nstop every\nsleep 2s\n");
    assertEquals(3, out.split("tick", -1).length - 1, out);
    assertTrue(out.contains("[    3.000] tick"), out);
  }

  @Test
  void aFailedSystemCallIsPrintedAsStraceDoes() throws ScenarioException {
    String out = runText("spawn a as a\na mmap 200TiB rw as big\n");
    assertTrue(out.contains("= -1 ENOMEM (Cannot allocate memory)"), out);
  }

  @Test
  void aStatementOnADeadProcessIsAPositionedError() {
    ScenarioException e =
        assertThrows(
            ScenarioException.class,
            () -> runText("spawn a as a\na write 0x0\na mmap 4KiB rw as x\n"));
    assertTrue(e.getMessage().startsWith("t.scn:3:1: process \"a\""), e.getMessage());
  }

  @Test
  void thpAlwaysMapsOneHugePagePerTwoMebibytes() throws ScenarioException {
    String out =
        runText(
            "machine thp=always\nspawn a as a\na mmap 100MiB rw as x\na touch x\n"
                + "expect a.last_min_flt == 50\nexpect a.anon_huge == 100MiB\n"
                + "expect meminfo.AnonHugePages == 100MiB\nexpect vmstat.thp_fault_alloc == 50\n"
                + "cat /proc/a/smaps_rollup\n");
    assertTrue(out.contains("AnonHugePages:    102400 kB"), out);
    assertFalse(out.contains("expectation failed"), out);
  }

  @Test
  void prctlThpDisableKeepsAProcessAndItsChildrenOffHugePages() throws ScenarioException {
    String out =
        runText(
            "machine thp=always\nspawn a as a\na prctl thp_disable=1\na fork as b\n"
                + "b mmap 4MiB rw as x\nb touch x\nexpect b.last_min_flt == 1024\n"
                + "cat /proc/b/status\n");
    assertTrue(out.contains("prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0) = 0"), out);
    assertTrue(out.contains("THP_enabled:\t0"), out);
    assertFalse(out.contains("expectation failed"), out);
    ScenarioException e =
        assertThrows(ScenarioException.class, () -> runText("spawn a as a\na prctl\n"));
    assertTrue(e.getMessage().contains("thp_disable"), e.getMessage());
  }

  @Test
  void tasksetMovesAProcessToAnotherCpuOfTheMachine() throws ScenarioException {
    String out = runText("machine cpus=4\nspawn a as a\na taskset cpu=3\n");
    assertTrue(out.contains("sched_setaffinity(0, 8, [3]) = 0"), out);
    ScenarioException e =
        assertThrows(
            ScenarioException.class,
            () -> runText("machine cpus=2\nspawn a as a\na taskset cpu=2\n"));
    assertEquals(
        "CPU 2 is not online: the machine has 2 CPUs\n"
            + "hint: pick cpu=0 to cpu=1, or raise the machine's cpus=",
        e.getMessage().substring(e.getMessage().indexOf("CPU 2")));
  }

  @Test
  void khugepagedKnobsAreCheckedAndMadvCollapseReportsItsErrno() throws ScenarioException {
    ScenarioException e =
        assertThrows(
            ScenarioException.class,
            () ->
                runText(
                    "sysctl sys.kernel.mm.transparent_hugepage.khugepaged.max_ptes_none=600\n"));
    assertTrue(e.getMessage().startsWith("t.scn:1:"), e.getMessage());
    assertTrue(
        e.getMessage()
            .contains(
                "khugepaged.max_ptes_none=600: '600' is out of range, expected 0..511 (EINVAL)"),
        e.getMessage());
    String out =
        runText(
            "spawn a as a\na mmap 4MiB as x\na madvise x collapse\n"
                + "a touch x write\na madvise x collapse\nexpect a.anon_huge == 4MiB\n"
                + "expect khugepaged.pages_collapsed == 0\nexpect vmstat.thp_collapse_alloc == 2\n");
    assertTrue(out.contains("MADV_COLLAPSE) = -1 EINVAL (Invalid argument)"), out);
    assertTrue(out.contains("MADV_COLLAPSE) = 0"), out);
    assertFalse(out.contains("expectation failed"), out);
  }

  @Test
  void thpSysfsFilesAreWritableAndCheckTheirValue() throws ScenarioException {
    String out =
        runText(
            "sysctl sys.kernel.mm.transparent_hugepage.enabled=always\nspawn a as a\n"
                + "a mmap 4MiB rw as x\na madvise x nohugepage\na touch x\n"
                + "expect a.last_min_flt == 1024\n");
    assertFalse(out.contains("expectation failed"), out);
    ScenarioException e =
        assertThrows(
            ScenarioException.class,
            () -> runText("sysctl sys.kernel.mm.transparent_hugepage.defrag=sometimes\n"));
    assertTrue(e.getMessage().contains("defer+madvise"), e.getMessage());
  }

  @Test
  void sarSamplesOnTheSimulatedClockAndEndsWithAnAverage() throws ScenarioException {
    String out =
        runText(
            "spawn a as a\nevery 1s: sar -r\nsleep 1s\na mmap 100MiB rw as x\na touch x\n"
                + "sleep 2s\nstop every\n");
    assertTrue(out.contains("\n00:00:00    kbmemfree   kbavail kbmemused"), out);
    Matcher m =
        Pattern.compile("^00:00:0(\\d)\\s+(\\d+)\\s+(\\d+)", Pattern.MULTILINE).matcher(out);
    List<Long> free = new ArrayList<>();
    while (m.find()) {
      free.add(Long.parseLong(m.group(2)));
    }
    assertEquals(3, free.size(), out);
    assertTrue(free.get(0) - free.get(1) >= 102400, "kbmemfree drops by 100 MiB: " + free);
    assertTrue(out.contains("\nAverage: "), out);
  }

  @Test
  void buffCacheShowsTheFileInBuffCacheUntilItIsDeleted() throws ScenarioException {
    String out = run("buff-cache", new ArrayList<>());
    List<Long> buffCache = new ArrayList<>();
    for (String line : out.lines().toList()) {
      if (line.startsWith("Mem:")) {
        buffCache.add(Long.parseLong(line.trim().split("\\s+")[5]));
      }
    }
    assertEquals(3, buffCache.size(), out);
    long grew = buffCache.get(1) - buffCache.get(0);
    assertTrue(grew >= 1L << 20 && grew < (1L << 20) + 40_000, "buff/cache grew by " + grew);
    assertTrue(Math.abs(buffCache.get(2) - buffCache.get(0)) < 64, "and fell back: " + buffCache);
    assertTrue(out.contains("$ dd if=/dev/zero of=/tmp/testfile bs=1M count=1024\n"), out);
    assertTrue(out.contains("$ sync\n") && out.contains("$ rm /tmp/testfile\n"), out);
  }

  @Test
  void fileCommandsThatFailAtRunTimePrintTheError() throws ScenarioException {
    String out =
        runText(
            "write /tmp/a size=8KiB\nspawn m as p\np mmap 8KiB r file=/tmp/a shared as f\n"
                + "p touch f read\ntruncate /tmp/a size=0\n");
    assertTrue(out.contains("truncate: /tmp/a: Device or resource busy\n"), out);
  }

  @Test
  void madvisePageoutAndColdRunInAScenario() throws ScenarioException {
    StringWriter text = new StringWriter();
    ScenarioRunner.Result result =
        ScenarioRunner.run(
            ScenarioParser.parse(
                "t.scn",
                """
                machine ram=1GiB swap=256MiB
                spawn t as t
                t mmap 16MiB rw anon private as buf
                t touch buf write
                t madvise buf cold
                t madvise buf pageout length=8MiB
                expect meminfo.SwapCached == 8MiB
                expect t.vm_swap == 8MiB
                expect vmstat.pswpout == 2048
                t touch buf read length=8MiB
                expect t.vm_swap == 0
                expect vmstat.pswpin == 0
                """),
            new PrintWriter(text, true));
    assertEquals(List.of(), result.failedExpectations(), text.toString());
  }
}
