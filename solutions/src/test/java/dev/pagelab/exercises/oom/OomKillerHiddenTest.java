package dev.pagelab.exercises.oom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pagelab.grader.api.Feedback;
import dev.pagelab.grader.api.Graded;
import dev.pagelab.grader.api.Visibility;
import dev.pagelab.sim.oom.ReferenceOomPolicy;
import dev.pagelab.sim.spi.OomChoice;
import dev.pagelab.sim.spi.OomControl;
import dev.pagelab.sim.spi.OomMemcg;
import dev.pagelab.sim.spi.OomTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Hidden tests of the oom exercise: the student's OomKiller against the simulator's {@link
 * ReferenceOomPolicy} on seeded random tasks and process tables, the corner cases of {@code
 * mm/oom_kill.c} one by one, and the two memcg OOM kills recorded on Linux 6.18. Every failure
 * message starts with the seed or the case that fails.
 */
class OomKillerHiddenTest {
  private static final String EXERCISE = "oom";
  private static final ReferenceOomPolicy REFERENCE = ReferenceOomPolicy.INSTANCE;
  private static final int SEEDS = 300;

  private final OomKiller killer = new OomKiller();

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 3,
      task = 2,
      title = "badness equals the kernel's on 15000 random tasks and machine sizes",
      titleKo = "무작위 태스크와 머신 크기 15000 가지에서 badness 가 커널과 같음",
      visibility = Visibility.HIDDEN)
  void badnessMatchesTheReferenceOnRandomTasks() {
    int compared = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      RandomTasks r = new RandomTasks(seed);
      for (int i = 0; i < 50; i++) {
        long totalpages = r.machinePages();
        OomTask t = r.task(100 + i, totalpages, "/");
        long expected = REFERENCE.badness(t, totalpages);
        long got = killer.badness(t, totalpages);
        if (got != expected) {
          fail(
              Feedback.of(
                  "seed "
                      + seed
                      + ", task "
                      + i
                      + ": badness("
                      + Describe.task(t)
                      + "; totalpages "
                      + totalpages
                      + "): the kernel's is "
                      + Describe.badness(expected)
                      + ", yours "
                      + Describe.badness(got),
                  "seed "
                      + seed
                      + ", 태스크 "
                      + i
                      + ": badness("
                      + Describe.taskKo(t)
                      + "; totalpages "
                      + totalpages
                      + "): 커널 값 "
                      + Describe.badness(expected)
                      + ", 여러분 값 "
                      + Describe.badness(got)));
        }
        compared++;
      }
    }
    assertEquals(SEEDS * 50, compared);
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 3,
      task = 3,
      title = "oomScore equals the kernel's on random machines with swap and negative adj",
      titleKo = "스왑이 있고 adj 가 음수인 무작위 머신에서 oomScore 가 커널과 같음",
      visibility = Visibility.HIDDEN)
  void oomScoreMatchesTheReferenceWithSwapAndNegativeAdj() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      RandomTasks r = new RandomTasks(10_000 + seed);
      long ram = r.machinePages();
      long swap = r.swapPages(ram);
      for (int i = 0; i < 50; i++) {
        OomTask t = r.task(100 + i, ram, "/");
        long expected = REFERENCE.oomScore(t, ram, swap);
        long got = killer.oomScore(t, ram, swap);
        if (got != expected) {
          fail(
              Feedback.of(
                  "seed "
                      + (10_000 + seed)
                      + ", task "
                      + i
                      + ": oomScore("
                      + Describe.task(t)
                      + "; totalram "
                      + ram
                      + " pages, swap "
                      + swap
                      + " pages): the kernel's is "
                      + expected
                      + ", yours "
                      + got
                      + " (proc_oom_score's totalpages is RAM + swap; C division truncates toward"
                      + " zero)",
                  "seed "
                      + (10_000 + seed)
                      + ", 태스크 "
                      + i
                      + ": oomScore("
                      + Describe.taskKo(t)
                      + "; totalram "
                      + ram
                      + " 페이지, 스왑 "
                      + swap
                      + " 페이지): 커널 값 "
                      + expected
                      + ", 여러분 값 "
                      + got
                      + " (proc_oom_score 의 totalpages 는 RAM + 스왑, C 의 나눗셈은 0 쪽으로 버림)"));
        }
      }
    }
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 3,
      task = 4,
      title = "The same victim as the kernel in 600 random global OOMs",
      titleKo = "무작위 전역 OOM 600 번에서 커널과 같은 희생자",
      visibility = Visibility.HIDDEN)
  void globalVictimMatchesTheReference() {
    for (long seed = 1; seed <= 2 * SEEDS; seed++) {
      RandomTasks r = new RandomTasks(20_000 + seed);
      long ram = r.machinePages();
      long swap = r.swapPages(ram);
      List<OomTask> tasks = r.table(1 + r.random().nextInt(30), ram, List.of("/"));
      OomTask current = tasks.get(r.random().nextInt(tasks.size()));
      int order = r.random().nextInt(8) == 0 ? -1 : r.random().nextInt(4);
      boolean allocating = r.random().nextInt(4) == 0;
      OomControl oc = new OomControl(current, Optional.empty(), ram, swap, order, allocating);
      compare(20_000 + seed, oc, tasks);
    }
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 3,
      task = 5,
      title = "The same victim as the kernel in 600 random memcg OOMs",
      titleKo = "무작위 memcg OOM 600 번에서 커널과 같은 희생자",
      visibility = Visibility.HIDDEN)
  void memcgVictimMatchesTheReference() {
    List<String> ooms = List.of("/job", "/job/a", "/jo", "/jobs");
    for (long seed = 1; seed <= 2 * SEEDS; seed++) {
      RandomTasks r = new RandomTasks(30_000 + seed);
      long ram = r.machinePages();
      long swap = r.swapPages(ram);
      long max = r.random().nextInt(5) == 0 ? r.random().nextInt(3) : 1 + r.nextLong(ram);
      OomMemcg memcg = new OomMemcg(ooms.get(r.random().nextInt(ooms.size())), max);
      long scale = r.random().nextBoolean() ? Math.max(1, max) : ram;
      List<OomTask> tasks = r.table(1 + r.random().nextInt(30), scale, RandomTasks.MEMCGS);
      OomTask current = tasks.get(r.random().nextInt(tasks.size()));
      boolean allocating = r.random().nextBoolean();
      OomControl oc = new OomControl(current, Optional.of(memcg), ram, swap, 0, allocating);
      compare(30_000 + seed, oc, tasks);
    }
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 2,
      task = 5,
      title = "Corner cases of mm/oom_kill.c, one by one",
      titleKo = "mm/oom_kill.c 의 경계 사례들, 하나씩",
      visibility = Visibility.HIDDEN)
  void cornerCasesOfTheKernel() {
    OomTask big = TaskBuilder.process(10, "big").anon(900_000).build();
    OomTask vforked = TaskBuilder.process(20, "vforked").anon(10).inVfork().build();
    OomTask skipped = TaskBuilder.process(21, "reaped").anon(10).oomSkip().build();
    for (OomTask current : List.of(vforked, skipped)) {
      check(
          "oom_kill_allocating_task with current " + Describe.name(current),
          new OomControl(current, Optional.empty(), 1_000_000, 0, 0, true),
          List.of(big, current),
          "out_of_memory checks only current->mm, oom_unkillable_task and adj -1000 before it"
              + " kills current: not MMF_OOM_SKIP, not vfork",
          "out_of_memory 는 current 를 죽이기 전에 mm, oom_unkillable_task, adj -1000 만 봅니다."
              + " MMF_OOM_SKIP 이나 vfork 는 보지 않습니다");
    }
    OomTask noMm = TaskBuilder.process(22, "exiting").noMm().build();
    check(
        "oom_kill_allocating_task with current without an mm",
        new OomControl(noMm, Optional.empty(), 1_000_000, 0, 0, true),
        List.of(big, noMm),
        "current->mm is NULL, so the kernel scans",
        "current->mm 이 NULL 이므로 커널은 탐색합니다");
    OomTask protectedVictim =
        TaskBuilder.process(30, "dying").anon(10).adj(-1000).oomVictim().build();
    check(
        "an earlier victim with adj -1000",
        new OomControl(big, Optional.empty(), 1_000_000, 0, 0, false),
        List.of(protectedVictim, big),
        "oom_evaluate_task looks at tsk_is_oom_victim before it calls oom_badness, so the scan"
            + " aborts whatever the victim's adj",
        "oom_evaluate_task 는 oom_badness 를 부르기 전에 tsk_is_oom_victim 을 보므로, adj 와 상관없이"
            + " 탐색을 중단합니다");
    OomTask sibling = TaskBuilder.process(40, "sibling").anon(800_000).memcg("/jobs").build();
    OomTask member = TaskBuilder.process(41, "member").anon(100).memcg("/job").build();
    check(
        "a memcg OOM of /job next to /jobs",
        new OomControl(member, Optional.of(new OomMemcg("/job", 51_200)), 1_000_000, 0, 0, false),
        List.of(sibling, member),
        "/jobs is a sibling of /job, not below it: only paths equal to /job or starting with"
            + " /job/ belong to it",
        "/jobs 는 /job 의 형제이지 자식이 아닙니다: /job 과 같거나 /job/ 으로 시작하는 경로만" + " 그 그룹입니다");
    OomTask adjusted = TaskBuilder.process(50, "adjusted").anon(100).adj(1000).memcg("/z").build();
    OomTask plain = TaskBuilder.process(51, "plain").anon(150).memcg("/z").build();
    check(
        "a memcg OOM of a group whose limit is 0",
        new OomControl(plain, Optional.of(new OomMemcg("/z", 0)), 1_000_000, 0, 0, false),
        List.of(adjusted, plain),
        "constrained_alloc makes totalpages 1 (mem_cgroup_get_max ?: 1), so an adj point is"
            + " 1 / 1000 = 0 pages and the bigger task wins",
        "constrained_alloc 이 totalpages 를 1 로 만들므로(mem_cgroup_get_max ?: 1) adj 1 점은"
            + " 1 / 1000 = 0 페이지이고, 더 큰 태스크가 이깁니다");
    OomTask lateVictim = TaskBuilder.process(60, "dying").anon(10).oomVictim().build();
    check(
        "an earlier victim after the best candidate",
        new OomControl(big, Optional.empty(), 1_000_000, 0, 0, false),
        List.of(big, lateVictim),
        "the abort throws away the candidate found so far (oc->chosen = -1)",
        "중단하면 지금까지 찾은 후보도 버립니다 (oc->chosen = -1)");
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 2,
      task = 5,
      title = "The victims of the two memcg OOM kills recorded on Linux 6.18",
      titleKo = "리눅스 6.18 에서 기록한 memcg OOM kill 두 번의 희생자",
      visibility = Visibility.AFTER_DUE_DATE)
  void recordedMemcgOomKillsOfLinux() {
    for (String file : List.of("A.dmesg.txt", "C.dmesg.txt")) {
      RecordedOomKill kill = RecordedOomKill.load("oomkill/" + file);
      OomChoice got = killer.chooseVictim(kill.control(), kill.tasks());
      if (!(got instanceof OomChoice.Chosen c) || c.victim().pid() != kill.killedPid()) {
        fail(
            Feedback.of(
                "truth/oomkill/"
                    + file
                    + ": Linux 6.18 killed pid "
                    + kill.killedPid()
                    + " in a memcg OOM of "
                    + kill.control().memcg().orElseThrow().path()
                    + " (limit 51200 pages), tasks:"
                    + Describe.tasks(kill.tasks(), false)
                    + "\n  but your chooseVictim returned "
                    + Describe.choice(got),
                "truth/oomkill/"
                    + file
                    + ": 리눅스 6.18 은 "
                    + kill.control().memcg().orElseThrow().path()
                    + " 의 memcg OOM (한도 51200 페이지)에서 pid "
                    + kill.killedPid()
                    + " 를 죽였습니다. 태스크:"
                    + Describe.tasks(kill.tasks(), true)
                    + "\n  여러분의 chooseVictim 은 "
                    + Describe.choice(got)
                    + " 을(를) 돌려주었습니다"));
      }
    }
  }

  /** Fails, with the case and the reason, unless the student's choice is the reference's. */
  private void check(String what, OomControl oc, List<OomTask> tasks, String whyEn, String whyKo) {
    OomChoice expected = REFERENCE.chooseVictim(oc, tasks);
    OomCheck.choice(killer, oc, tasks, expected, what + ": " + whyEn, what + ": " + whyKo);
  }

  /** Fails, with the seed first, unless the student's choice is the reference's. */
  private void compare(long seed, OomControl oc, List<OomTask> tasks) {
    OomChoice expected = REFERENCE.chooseVictim(oc, new ArrayList<>(tasks));
    OomChoice got = killer.chooseVictim(oc, new ArrayList<>(tasks));
    if (!OomCheck.same(expected, got)) {
      fail(
          Feedback.of(
              "seed "
                  + seed
                  + ": chooseVictim("
                  + Describe.oom(oc)
                  + "), tasks in process order:"
                  + Describe.tasks(tasks, false)
                  + "\n  the kernel chooses "
                  + Describe.choice(expected)
                  + "\n  yours "
                  + Describe.choice(got),
              "seed "
                  + seed
                  + ": chooseVictim("
                  + Describe.oomKo(oc)
                  + "), 프로세스 순서대로 본 태스크:"
                  + Describe.tasks(tasks, true)
                  + "\n  커널의 선택 "
                  + Describe.choice(expected)
                  + "\n  여러분의 선택 "
                  + Describe.choice(got)));
    }
  }
}
