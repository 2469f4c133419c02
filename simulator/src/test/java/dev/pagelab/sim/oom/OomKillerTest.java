package dev.pagelab.sim.oom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pagelab.sim.spi.OomChoice;
import dev.pagelab.sim.spi.OomControl;
import dev.pagelab.sim.spi.OomMemcg;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hand-checked cases of the badness, the tie-break, the unkillable tasks and the sysctls. */
class OomKillerTest {
  private static final long TRUTH_TOTAL = 6171023; // MemTotal 24684092 kB / 4, no swap

  private static Task hog(int pid, long rss, int adj) {
    return Task.user(pid, "hog" + pid, rss, 0, 0, 0, 4096, rss + 100, adj);
  }

  private static long badness(Task t, long totalpages) {
    return ReferenceOomPolicy.INSTANCE.badness(t.oomTask(), totalpages);
  }

  /** The oom_score on a machine with {@code totalpages} of RAM and no swap. */
  private static long oomScore(Task t, long totalpages) {
    return ReferenceOomPolicy.INSTANCE.oomScore(t.oomTask(), totalpages, 0);
  }

  /** {@code select_bad_process} with {@code totalpages} of RAM and no swap, or in the memcg. */
  private static OomChoice select(
      List<Task> tasks, Optional<Memcg> memcg, long totalpages, boolean sysrq) {
    OomControl oc =
        new OomControl(
            tasks.get(0).oomTask(),
            memcg.map(m -> new OomMemcg(m.path(), totalpages)),
            totalpages,
            0,
            sysrq ? -1 : 0,
            false);
    return ReferenceOomPolicy.INSTANCE.selectBadProcess(
        oc, tasks.stream().map(Task::oomTask).toList());
  }

  private static int chosenPid(OomChoice choice) {
    return assertInstanceOf(OomChoice.Chosen.class, choice).victim().pid();
  }

  private static OomRequest global(Task current, OomSysctls sysctls) {
    return new OomRequest(
        current,
        GfpMask.GFP_HIGHUSER_MOVABLE,
        0,
        Optional.empty(),
        1000000,
        0,
        new MemInfoSummary(8810, 0, 0, 0, 2097022, 0, 67366, 0, 0),
        "/",
        "0",
        sysctls);
  }

  @Test
  void badnessAndOomScoreOfRecordedProcesses() {
    // truth/oomkill/check_oomkill.out: rss 51390 + 454656/4096 = 51501 with the memcg limit
    Task a = Task.user(29960, "holdmem", 51072, 318, 0, 0, 454656, 103019, 0);
    assertEquals(51501, badness(a, 51200));
    // truth/oom snapshot1 pid 25974: RSS 2098784 kB, VmPTE 4148 kB, adj 1000 -> oom_score 1390
    Task b = Task.user(25974, "holdmem", 2098784 / 4, 0, 0, 0, 4148 * 1024, 0, 1000);
    assertEquals(524696 + 1037 + 1000L * 6171, badness(b, TRUTH_TOTAL));
    assertEquals((1000 + 6696733L * 1000 / TRUTH_TOTAL) * 2 / 3, 1390);
    assertEquals(1390, oomScore(b, TRUTH_TOTAL));
  }

  @Test
  void unkillableTasksScoreLongMinAndOomScoreZero() {
    Task base = hog(500, 1000, 0);
    List<Task> never =
        List.of(
            Task.user(1, "init", 5000, 0, 0, 0, 0, 0, 0),
            Task.kernelThread(2, "kthreadd"),
            base.withOomScoreAdj(-1000),
            base.withOomState(false, true),
            base.withInVfork(true),
            new Task(
                9, 9, "gone", 0, false, false, false, 0, 0, 0, 0, 0, 0, 0, false, false, false,
                "/"));
    for (Task t : never) {
      assertEquals(ReferenceOomPolicy.UNKILLABLE, badness(t, TRUTH_TOTAL), t.toString());
      assertEquals(0, oomScore(t, TRUTH_TOTAL));
      assertTrue(ReferenceOomPolicy.ineligible(t.oomTask()).isPresent());
    }
    OomChoice s = select(never, Optional.empty(), 1000, false);
    assertInstanceOf(OomChoice.NothingKillable.class, s);
  }

  @Test
  void negativeAdjCanMakeBadnessNegativeButTheTaskStaysEligible() {
    Task t = hog(10, 100, -999);
    assertEquals(100 + 1 - 999L * 1000, badness(t, 1000000));
    OomChoice s = select(List.of(t), Optional.empty(), 1000000, false);
    assertEquals(10, chosenPid(s));
  }

  @Test
  void equalBadnessChoosesTheLastInProcessOrder() {
    List<Task> tasks = List.of(hog(10, 500, 0), hog(11, 900, 0), hog(12, 900, 0), hog(13, 10, 0));
    OomChoice s = select(tasks, Optional.empty(), 100000, false);
    assertEquals(12, chosenPid(s));
    assertEquals(901, ((OomChoice.Chosen) s).points());
  }

  @Test
  void pendingVictimAbortsUnlessReapedOrSysrq() {
    Task victim = hog(10, 10, 0).withOomState(true, false);
    List<Task> tasks = List.of(victim, hog(11, 900, 0));
    assertInstanceOf(OomChoice.Aborted.class, select(tasks, Optional.empty(), 1000, false));
    assertEquals(11, chosenPid(select(tasks, Optional.empty(), 1000, true)));
    List<Task> reaped = List.of(hog(10, 10, 0).withOomState(true, true), hog(11, 900, 0));
    assertEquals(11, chosenPid(select(reaped, Optional.empty(), 1000, false)));
    OomOutcome o = OomKiller.outOfMemory(global(tasks.get(1), OomSysctls.DEFAULT), tasks);
    assertInstanceOf(OomOutcome.VictimPending.class, o);
  }

  @Test
  void memcgOomScansOnlyTheCgroupAndUsesItsLimit() {
    Task inside = hog(10, 100, 0).withMemcg("/a/b");
    Task outside = hog(11, 9000, 0).withMemcg("/c");
    Memcg a = Memcg.limited("/a", 2000);
    OomChoice s = select(List.of(inside, outside), Optional.of(a), 2000, false);
    assertEquals(10, chosenPid(s));
    assertEquals(2000 + 500, new Memcg("/a", 2000, 500, 60, List.of(), List.of()).maxPages(4096));
    assertEquals(2000, new Memcg("/a", 2000, 500, 0, List.of(), List.of()).maxPages(4096));
  }

  @Test
  void globalKillReport() {
    Task big = hog(116, 1995157, 1000);
    Task small = hog(111, 32, 0);
    OomOutcome o = OomKiller.outOfMemory(global(small, OomSysctls.DEFAULT), List.of(small, big));
    OomOutcome.Killed k = assertInstanceOf(OomOutcome.Killed.class, o);
    assertEquals(116, k.victim().pid());
    assertEquals(
        List.of(
            "hog111 invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0,"
                + " oom_score_adj=0",
            "Mem-Info:",
            "8810 total pagecache pages",
            "0 pages in swap cache",
            "Free swap  = 0kB",
            "Total swap = 0kB",
            "2097022 pages RAM",
            "0 pages HighMem/MovableOnly",
            "67366 pages reserved",
            "0 pages cma reserved",
            "0 pages hwpoisoned",
            OomReport.TASKS_TITLE,
            OomReport.TASKS_HEADER,
            "[    111]     0   111      132       32       32        0         0     4096        0"
                + "             0 hog111",
            "[    116]     0   116  1995257  1995157  1995157        0         0     4096        0"
                + "          1000 hog116",
            "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,"
                + "global_oom,task_memcg=/,task=hog116,pid=116,uid=0",
            "Out of memory: Killed process 116 (hog116) total-vm:7981028kB, anon-rss:7980628kB,"
                + " file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:1000"),
        k.log());
    assertEquals(
        "oom_reaper: reaped process 116 (hog116), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB",
        OomReport.reaperLine(big, 0, 0, 0));
  }

  @Test
  void panicOnOomAndAllocatingTaskAndNoVictim() {
    Task cur = hog(20, 10, 0);
    List<Task> tasks = List.of(hog(10, 900, 0), cur);
    OomOutcome p1 = OomKiller.outOfMemory(global(cur, new OomSysctls(1, false, false)), tasks);
    List<String> log = assertInstanceOf(OomOutcome.Panic.class, p1).log();
    assertEquals(
        "Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled",
        log.get(log.size() - 1));
    OomRequest memcg1 =
        new OomRequest(
            cur,
            GfpMask.GFP_KERNEL,
            0,
            Optional.of(Memcg.limited("/", 1000)),
            1000000,
            0,
            null,
            "/",
            "0",
            new OomSysctls(1, false, false));
    assertInstanceOf(OomOutcome.Killed.class, OomKiller.outOfMemory(memcg1, tasks));
    OomRequest memcg2 =
        new OomRequest(
            cur,
            GfpMask.GFP_KERNEL,
            0,
            Optional.of(Memcg.limited("/", 1000)),
            1000000,
            0,
            null,
            "/",
            "0",
            new OomSysctls(2, false, false));
    List<String> l2 = OomKiller.outOfMemory(memcg2, tasks).log();
    assertTrue(l2.get(l2.size() - 1).endsWith("compulsory panic_on_oom is enabled"));

    OomOutcome alloc = OomKiller.outOfMemory(global(cur, new OomSysctls(0, true, false)), tasks);
    OomOutcome.Killed k = assertInstanceOf(OomOutcome.Killed.class, alloc);
    assertEquals(20, k.victim().pid());
    assertTrue(
        k.log()
            .get(k.log().size() - 1)
            .startsWith("Out of memory (oom_kill_allocating_task): Killed process 20 (hog20)"));

    List<Task> none = List.of(Task.kernelThread(2, "kthreadd"), hog(30, 5, -1000));
    List<String> dead = OomKiller.outOfMemory(global(none.get(1), OomSysctls.DEFAULT), none).log();
    assertEquals("Out of memory and no killable processes...", dead.get(dead.size() - 2));
    assertEquals(
        "Kernel panic - not syncing: System is deadlocked on memory", dead.get(dead.size() - 1));
    OomRequest noFs =
        new OomRequest(
            cur,
            new GfpMask(0xc40),
            0,
            Optional.empty(),
            1000000,
            0,
            null,
            "/",
            "0",
            OomSysctls.DEFAULT);
    assertInstanceOf(OomOutcome.Declined.class, OomKiller.outOfMemory(noFs, tasks));
  }

  @Test
  void gfpMasksPrintAsTheKernelPrintsThem() {
    assertEquals("0xcc0(GFP_KERNEL)", GfpMask.GFP_KERNEL.format());
    assertEquals("0x100cca(GFP_HIGHUSER_MOVABLE)", GfpMask.GFP_HIGHUSER_MOVABLE.format());
    assertEquals(
        "0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP)",
        new GfpMask(GfpMask.GFP_HIGHUSER_MOVABLE.value() | GfpMask.GFP_COMP_BIT).format());
    assertEquals("0xc40(GFP_NOFS)", new GfpMask(0xc40).format());
    assertEquals("0x400cc0(GFP_KERNEL_ACCOUNT)", new GfpMask(0x400cc0).format());
    assertEquals("0x80000000(0x80000000)", new GfpMask(0x80000000).format());
  }
}
