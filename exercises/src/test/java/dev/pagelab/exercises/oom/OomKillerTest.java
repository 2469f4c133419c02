package dev.pagelab.exercises.oom;

import static dev.pagelab.exercises.oom.TaskBuilder.init;
import static dev.pagelab.exercises.oom.TaskBuilder.kernelThread;
import static dev.pagelab.exercises.oom.TaskBuilder.process;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pagelab.grader.api.Feedback;
import dev.pagelab.grader.api.Graded;
import dev.pagelab.sim.spi.OomChoice;
import dev.pagelab.sim.spi.OomControl;
import dev.pagelab.sim.spi.OomMemcg;
import dev.pagelab.sim.spi.OomTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Public tests of the oom exercise, in the order of the assignment's tasks: the badness (tasks 1
 * and 2), the oom_score (task 3, including every process of a real Linux 6.18 machine), the victim
 * of a global OOM (task 4), and memory cgroups and {@code oom_kill_allocating_task} (task 5).
 */
class OomKillerTest {
  private static final String EXERCISE = "oom";

  /** The truth machine: MemTotal 24684092 kB, no swap. */
  private static final long COURSE_RAM = 6_171_023;

  private final OomKiller killer = new OomKiller();

  /** A global OOM on a machine with {@code ram} pages and no swap, asked for by {@code current}. */
  private static OomControl global(OomTask current, long ram) {
    return new OomControl(current, Optional.empty(), ram, 0, 0, false);
  }

  // ------------------------------------------------------------------ task 1: what a kill frees

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 2,
      task = 1,
      title = "badness: resident pages + swap entries + page tables in pages",
      titleKo = "badness: 상주 페이지 + 스왑 엔트리 + 페이지 테이블(페이지 단위)")
  void badnessCountsResidentSwapAndPageTablePages() {
    long total = 1_000_000;
    OomCheck.badness(
        killer,
        process(100, "anon").anon(1000).build(),
        total,
        1000,
        "every resident anonymous page counts once",
        "상주하는 익명 페이지는 한 페이지에 1 점입니다");
    OomCheck.badness(
        killer,
        process(101, "mixed").anon(1000).file(200).shmem(50).build(),
        total,
        1250,
        "RSS is anon + file + shmem pages (get_mm_rss)",
        "RSS 는 anon + file + shmem 페이지의 합입니다 (get_mm_rss)");
    OomCheck.badness(
        killer,
        process(102, "swapped").anon(1000).swap(300).build(),
        total,
        1300,
        "a page swapped out (MM_SWAPENTS) is freed by a kill just like a resident one",
        "스왑으로 나간 페이지(MM_SWAPENTS)도 프로세스를 죽이면 풀리므로 상주 페이지처럼 셉니다");
    OomCheck.badness(
        killer,
        process(103, "tables").anon(1000).pgtablesBytes(8192).build(),
        total,
        1002,
        "page tables count in pages: pgtablesBytes / 4096 = 8192 / 4096 = 2",
        "페이지 테이블은 페이지 수로 셉니다: pgtablesBytes / 4096 = 8192 / 4096 = 2");
    OomCheck.badness(
        killer,
        process(25970, "holdmem").anon(524_313).file(355).pgtablesBytes(4148 * 1024).build(),
        total,
        524_313 + 355 + 1037,
        "2 GiB written by holdmem on the truth machine: 524313 anon + 355 file pages and VmPTE"
            + " 4148 kB = 1037 pages of page tables",
        "진실 머신에서 holdmem 이 2 GiB 를 쓴 상태: anon 524313 + file 355 페이지, VmPTE 4148 kB ="
            + " 페이지 테이블 1037 페이지");
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 2,
      task = 1,
      title = "badness: one oom_score_adj point is worth totalpages / 1000 pages",
      titleKo = "badness: oom_score_adj 1 점은 totalpages / 1000 페이지")
  void adjIsWorthTotalpagesOver1000PagesPerPoint() {
    OomTask small = process(200, "batch").anon(1000).build();
    OomCheck.badness(
        killer,
        TaskBuilder.from(small).adj(500).build(),
        COURSE_RAM,
        1000 + 500 * 6171,
        "one adj point is totalpages / 1000 = 6171023 / 1000 = 6171 pages (integer division"
            + " first), so 500 points add 3085500 pages",
        "adj 1 점은 totalpages / 1000 = 6171023 / 1000 = 6171 페이지입니다 (정수 나눗셈을 먼저)."
            + " 500 점이면 3085500 페이지가 더해집니다");
    OomCheck.badness(
        killer,
        TaskBuilder.from(small).adj(1000).build(),
        COURSE_RAM,
        1000 + 1000 * 6171,
        "adj 1000 adds 1000 * 6171 pages: about all of memory",
        "adj 1000 은 1000 * 6171 페이지, 즉 메모리 전체만큼을 더합니다");
    OomCheck.badness(
        killer,
        TaskBuilder.from(small).adj(-500).build(),
        COURSE_RAM,
        1000 - 500 * 6171,
        "a negative adj subtracts, and the badness may become negative",
        "음수 adj 는 빼기가 되고, badness 가 음수가 될 수도 있습니다");
    OomCheck.badness(
        killer,
        process(25979, "holdmem").anon(281).file(375).pgtablesBytes(45_056).adj(1000).build(),
        51_200,
        281 + 375 + 11 + 1000 * 51,
        "in a 200 MiB memory cgroup totalpages is 51200, so one adj point is 51 pages",
        "200 MiB 메모리 cgroup 에서는 totalpages 가 51200 이라 adj 1 점이 51 페이지입니다");
    OomCheck.badness(
        killer,
        TaskBuilder.from(small).adj(1000).build(),
        999,
        1000,
        "with totalpages 999, totalpages / 1000 is 0: adj moves nothing",
        "totalpages 가 999 이면 totalpages / 1000 = 0 이라 adj 가 아무것도 바꾸지 않습니다");
  }

  // ------------------------------------------------------------------ task 2: never killed

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 2,
      task = 2,
      title = "badness: LONG_MIN for init, kernel threads, no mm, adj -1000, MMF_OOM_SKIP, vfork",
      titleKo = "badness: init, 커널 스레드, mm 없음, adj -1000, MMF_OOM_SKIP, vfork 는 LONG_MIN")
  void unkillableTasksScoreLongMin() {
    long total = 1_000_000;
    OomTask big = process(300, "big").anon(100_000).build();
    long min = Long.MIN_VALUE;
    OomCheck.badness(
        killer,
        init(100_000).build(),
        total,
        min,
        "global init (pid 1) is never killed (oom_unkillable_task)",
        "global init(pid 1)은 절대 죽이지 않습니다 (oom_unkillable_task)");
    OomCheck.badness(
        killer,
        kernelThread(2, "kthreadd"),
        total,
        min,
        "a kernel thread (PF_KTHREAD) is never killed",
        "커널 스레드(PF_KTHREAD)는 죽이지 않습니다");
    OomCheck.badness(
        killer,
        TaskBuilder.from(big).noMm().build(),
        total,
        min,
        "no thread has an mm any more: killing it frees nothing (find_lock_task_mm finds none)",
        "mm 을 가진 스레드가 없어 죽여도 풀릴 메모리가 없습니다 (find_lock_task_mm 이 NULL)");
    OomCheck.badness(
        killer,
        TaskBuilder.from(big).adj(-1000).build(),
        total,
        min,
        "oom_score_adj -1000 (OOM_SCORE_ADJ_MIN) means never kill",
        "oom_score_adj -1000 (OOM_SCORE_ADJ_MIN)은 '절대 죽이지 마라'는 뜻입니다");
    OomCheck.badness(
        killer,
        TaskBuilder.from(big).oomSkip().build(),
        total,
        min,
        "MMF_OOM_SKIP: the OOM reaper is already done with its mm",
        "MMF_OOM_SKIP: OOM reaper 가 이미 이 mm 을 정리했습니다");
    OomCheck.badness(
        killer,
        TaskBuilder.from(big).inVfork().build(),
        total,
        min,
        "a vfork child shares its parent's mm: killing it frees nothing",
        "vfork 자식은 부모의 mm 을 같이 쓰므로 죽여도 풀리는 것이 없습니다");
    OomCheck.badness(
        killer,
        TaskBuilder.from(big).adj(-999).build(),
        total,
        100_000 - 999 * 1000,
        "only -1000 means never: -999 is a (very low) number, 100000 - 999 * 1000",
        "'절대 안 됨'은 -1000 뿐입니다. -999 는 (아주 낮은) 점수일 뿐: 100000 - 999 * 1000");
  }

  // ------------------------------------------------------------------ task 3: /proc/PID/oom_score

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 2,
      task = 3,
      title = "oomScore: (1000 + badness * 1000 / totalpages) * 2 / 3, 0 for LONG_MIN",
      titleKo = "oomScore: (1000 + badness * 1000 / totalpages) * 2 / 3, LONG_MIN 이면 0")
  void oomScoreScalesTheBadnessTo0To2000() {
    OomCheck.oomScore(
        killer,
        process(25974, "holdmem")
            .anon(524_314)
            .file(382)
            .pgtablesBytes(4148 * 1024)
            .adj(1000)
            .build(),
        COURSE_RAM,
        0,
        1390,
        "badness = 525733 + 1000 * 6171 = 6696733; 6696733 * 1000 / 6171023 = 1085;"
            + " (1000 + 1085) * 2 / 3 = 1390, what Linux showed for this process",
        "badness = 525733 + 1000 * 6171 = 6696733; 6696733 * 1000 / 6171023 = 1085;"
            + " (1000 + 1085) * 2 / 3 = 1390. 리눅스가 이 프로세스에 보여 준 값입니다");
    OomCheck.oomScore(
        killer,
        process(400, "half").anon(500_000).build(),
        1_000_000,
        0,
        1000,
        "a process using half of memory: (1000 + 500) * 2 / 3 = 1000",
        "메모리의 절반을 쓰는 프로세스: (1000 + 500) * 2 / 3 = 1000");
    OomCheck.oomScore(
        killer,
        process(401, "idle").anon(100).build(),
        COURSE_RAM,
        0,
        666,
        "a small process scores 666, not 0: 100 * 1000 / 6171023 = 0, and (1000 + 0) * 2 / 3 ="
            + " 666",
        "작은 프로세스는 0 이 아니라 666 입니다: 100 * 1000 / 6171023 = 0, (1000 + 0) * 2 / 3 = 666");
    OomCheck.oomScore(
        killer,
        init(2623).build(),
        COURSE_RAM,
        0,
        0,
        "init's badness is LONG_MIN, which /proc/PID/oom_score shows as 0",
        "init 의 badness 는 LONG_MIN 이고, /proc/PID/oom_score 는 이를 0 으로 보여 줍니다");
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 3,
      task = 3,
      title = "oomScore of all 82 processes of a real Linux 6.18 machine",
      titleKo = "실제 리눅스 6.18 머신의 프로세스 82 개 모두의 oomScore")
  void oomScoreOfEverySnapshotProcess() {
    Snapshot s = Snapshot.load();
    assertEquals(82, s.processes().size(), "snapshot1/procs.tsv must hold 82 processes");
    List<String> en = new ArrayList<>();
    List<String> ko = new ArrayList<>();
    for (Snapshot.Process p : s.processes()) {
      long yours = killer.oomScore(p.task(), s.ramPages(), s.swapPages());
      if (yours != p.oomScore()) {
        String who = Describe.name(p.task()) + " (" + p.status() + ", oom_score_adj ";
        en.add(who + p.task().oomScoreAdj() + "): Linux " + p.oomScore() + ", yours " + yours);
        ko.add(who + p.task().oomScoreAdj() + "): 리눅스 " + p.oomScore() + ", 여러분 " + yours);
      }
    }
    if (!en.isEmpty()) {
      int shown = Math.min(8, en.size());
      fail(
          Feedback.of(
              en.size()
                  + " of 82 processes of a Linux 6.18 machine (MemTotal 24684092 kB = "
                  + s.ramPages()
                  + " pages, no swap) get another oom_score than Linux showed in"
                  + " /proc/PID/oom_score:\n    "
                  + String.join("\n    ", en.subList(0, shown))
                  + (en.size() > shown ? "\n    ..." : ""),
              "리눅스 6.18 머신(MemTotal 24684092 kB = "
                  + s.ramPages()
                  + " 페이지, 스왑 없음)의 프로세스 82 개 중 "
                  + ko.size()
                  + " 개의 oom_score 가 리눅스가 /proc/PID/oom_score 에 보여 준 값과 다릅니다:\n    "
                  + String.join("\n    ", ko.subList(0, shown))
                  + (ko.size() > shown ? "\n    ..." : "")));
    }
  }

  // ------------------------------------------------------------------ task 4: the victim

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 2,
      task = 4,
      title = "chooseVictim: the task with the highest badness, with its points",
      titleKo = "chooseVictim: badness 가 가장 높은 태스크와 그 점수")
  void theHighestBadnessIsTheVictim() {
    OomTask hog = process(101, "hog").anon(300_000).swap(20_000).pgtablesBytes(700 * 4096).build();
    List<OomTask> tasks =
        new ArrayList<>(
            List.of(
                init(2000).build(),
                kernelThread(2, "kthreadd"),
                process(100, "db").anon(50_000).file(30_000).build(),
                hog,
                process(102, "web").anon(80_000).file(200_000).build()));
    OomCheck.choice(
        killer,
        global(hog, 1_000_000),
        tasks,
        new OomChoice.Chosen(hog, 320_700),
        "hog has the highest badness: 300000 + 20000 swap + 700 pages of page tables = 320700"
            + " (web has 280000, db 80000)",
        "hog 의 badness 가 가장 높습니다: 300000 + 스왑 20000 + 페이지 테이블 700 = 320700"
            + " (web 은 280000, db 는 80000)");
    OomTask batch = process(103, "batch").anon(10_000).adj(500).build();
    tasks.add(batch);
    OomCheck.choice(
        killer,
        global(hog, 1_000_000),
        tasks,
        new OomChoice.Chosen(batch, 10_000 + 500 * 1000),
        "batch is small but has oom_score_adj 500: 10000 + 500 * (1000000 / 1000) = 510000",
        "batch 는 작지만 oom_score_adj 가 500 입니다: 10000 + 500 * (1000000 / 1000) = 510000");
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 1,
      task = 4,
      title = "chooseVictim: among equal badness, the last task in process order",
      titleKo = "chooseVictim: badness 가 같으면 프로세스 순서상 마지막 태스크")
  void tiesGoToTheLastInProcessOrder() {
    OomTask third = process(12, "third").anon(900).build();
    List<OomTask> tasks =
        List.of(
            process(10, "first").anon(500).build(),
            process(11, "second").anon(900).build(),
            third,
            process(13, "fourth").anon(10).build());
    OomCheck.choice(
        killer,
        global(tasks.get(0), 100_000),
        tasks,
        new OomChoice.Chosen(third, 900),
        "second and third both score 900; oom_evaluate_task skips a task only if its points are"
            + " below the best so far, so an equal one replaces it and the later one wins",
        "second 와 third 가 둘 다 900 입니다. oom_evaluate_task 는 지금까지의 최고보다 '작을' 때만"
            + " 건너뛰므로 같은 점수는 선택을 바꾸고, 나중에 온 쪽이 이깁니다");
    OomTask swapped = process(21, "swapped").anon(400).swap(500).build();
    OomCheck.choice(
        killer,
        global(swapped, 100_000),
        List.of(process(20, "resident").anon(900).build(), swapped),
        new OomChoice.Chosen(swapped, 900),
        "900 resident pages and 400 resident + 500 swapped pages are the same badness; the later"
            + " task wins",
        "상주 900 페이지와 상주 400 + 스왑 500 페이지는 badness 가 같고, 나중 태스크가 이깁니다");
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 1,
      task = 4,
      title = "chooseVictim: never an unkillable task; NothingKillable if none is left",
      titleKo = "chooseVictim: 죽일 수 없는 태스크는 고르지 않음, 남는 것이 없으면 NothingKillable")
  void unkillableTasksAreNeverChosen() {
    OomTask small = process(500, "small").anon(100).build();
    List<OomTask> never =
        List.of(
            init(900_000).build(),
            kernelThread(2, "kthreadd"),
            process(400, "sshd").anon(900_000).adj(-1000).build(),
            process(401, "reaped").anon(900_000).oomSkip().build(),
            process(402, "vforked").anon(900_000).inVfork().build());
    List<OomTask> tasks = new ArrayList<>(never);
    tasks.add(small);
    OomCheck.choice(
        killer,
        global(small, 1_000_000),
        tasks,
        new OomChoice.Chosen(small, 100),
        "every bigger task is unkillable (init, a kernel thread, adj -1000, MMF_OOM_SKIP, vfork),"
            + " so the small one is the victim",
        "더 큰 태스크는 모두 죽일 수 없으므로(init, 커널 스레드, adj -1000, MMF_OOM_SKIP, vfork)" + " 작은 태스크가 희생자입니다");
    OomCheck.choice(
        killer,
        global(never.get(2), 1_000_000),
        never,
        new OomChoice.NothingKillable(),
        "no task may be killed: select_bad_process leaves oc->chosen NULL",
        "죽일 수 있는 태스크가 없습니다: select_bad_process 가 oc->chosen 을 NULL 로 둡니다");
    OomTask low = process(600, "low").anon(100).adj(-999).build();
    OomCheck.choice(
        killer,
        global(low, 1_000_000),
        List.of(never.get(2), low),
        new OomChoice.Chosen(low, 100 - 999 * 1000),
        "a negative badness still beats LONG_MIN: the scan starts below every real score",
        "음수 badness 도 LONG_MIN 보다는 큽니다: 탐색은 모든 실제 점수보다 낮은 값에서 시작합니다");
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 1,
      task = 4,
      title = "chooseVictim: an earlier victim still exiting aborts the scan (not with SysRq-f)",
      titleKo = "chooseVictim: 아직 종료 중인 이전 희생자가 있으면 탐색 중단 (SysRq-f 는 예외)")
  void anEarlierVictimStillExitingAbortsTheScan() {
    OomTask big = process(12, "big").anon(90_000).build();
    OomTask victim = process(11, "dying").anon(5000).oomVictim().build();
    List<OomTask> tasks = List.of(process(10, "a").anon(1000).build(), victim, big);
    OomCheck.choice(
        killer,
        global(big, 1_000_000),
        tasks,
        new OomChoice.Aborted(),
        "dying was chosen by an earlier OOM kill and is still exiting: oom_evaluate_task aborts"
            + " so that no second task dies before its memory is back",
        "dying 은 이전 OOM kill 의 희생자이고 아직 종료 중입니다: 그 메모리가 돌아오기 전에 다른"
            + " 태스크를 또 죽이지 않도록 oom_evaluate_task 가 탐색을 중단합니다");
    List<OomTask> reaped = List.of(tasks.get(0), TaskBuilder.from(victim).oomSkip().build(), big);
    OomCheck.choice(
        killer,
        global(big, 1_000_000),
        reaped,
        new OomChoice.Chosen(big, 90_000),
        "the earlier victim's mm has MMF_OOM_SKIP (the reaper is done with it), so it is skipped"
            + " and the scan goes on",
        "이전 희생자의 mm 에 MMF_OOM_SKIP 이 있으므로(reaper 가 정리를 끝냄) 건너뛰고 계속합니다");
    OomControl sysrq = new OomControl(big, Optional.empty(), 1_000_000, 0, -1, false);
    OomCheck.choice(
        killer,
        sysrq,
        tasks,
        new OomChoice.Chosen(big, 90_000),
        "order -1 is SysRq-f: the administrator asked for a kill, earlier victims do not stop it",
        "order -1 은 SysRq-f 입니다: 관리자가 직접 요청한 kill 이라 이전 희생자가 막지 않습니다");
  }

  // ------------------------------------------------------------------ task 5: memcg, allocating

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 2,
      task = 5,
      title = "chooseVictim in a memcg OOM: the group's tasks only, totalpages = its limit",
      titleKo = "memcg OOM 의 chooseVictim: 그룹의 태스크만, totalpages = 그룹의 한도")
  void memcgOomScansTheGroupWithItsLimit() {
    OomTask outside = process(100, "outside").anon(300_000).build();
    OomTask holder = process(200, "holder").anon(10_000).adj(500).memcg("/job").build();
    OomTask alloc = process(201, "alloc").anon(40_000).memcg("/job/worker").build();
    List<OomTask> tasks = List.of(init(3000).build(), outside, holder, alloc);
    OomControl oc =
        new OomControl(alloc, Optional.of(new OomMemcg("/job", 51_200)), 524_288, 0, 0, false);
    OomCheck.choice(
        killer,
        oc,
        tasks,
        new OomChoice.Chosen(alloc, 40_000),
        "only /job and the groups below it (/job/worker) are scanned, so outside is not a"
            + " candidate; totalpages is the group's limit 51200, so holder's adj 500 is worth"
            + " 500 * 51 = 25500 pages: 35500 < alloc's 40000 (with the machine's 524288 pages it"
            + " would be 500 * 524)",
        "/job 과 그 아래 그룹(/job/worker)만 보므로 outside 는 후보가 아닙니다. totalpages 는 그룹"
            + " 한도 51200 이라 holder 의 adj 500 은 500 * 51 = 25500 페이지: 35500 < alloc 의 40000"
            + " (머신 전체 524288 페이지로 계산하면 500 * 524 가 됩니다)");
  }

  @Test
  @Graded(
      exercise = EXERCISE,
      points = 1,
      task = 5,
      title = "chooseVictim with vm.oom_kill_allocating_task: the allocating task itself",
      titleKo = "vm.oom_kill_allocating_task 가 켜진 chooseVictim: 할당하던 태스크 자신")
  void oomKillAllocatingTaskKillsCurrent() {
    OomTask big = process(10, "big").anon(900_000).build();
    OomTask current = process(20, "alloc").anon(100).build();
    List<OomTask> tasks = List.of(big, current);
    OomCheck.choice(
        killer,
        new OomControl(current, Optional.empty(), 1_000_000, 0, 0, true),
        tasks,
        new OomChoice.AllocatingTask(current),
        "vm.oom_kill_allocating_task = 1 kills the task whose allocation failed, without a scan",
        "vm.oom_kill_allocating_task = 1 이면 탐색 없이 할당에 실패한 태스크를 죽입니다");
    OomTask protectedCurrent = TaskBuilder.from(current).adj(-1000).build();
    OomCheck.choice(
        killer,
        new OomControl(protectedCurrent, Optional.empty(), 1_000_000, 0, 0, true),
        List.of(big, protectedCurrent),
        new OomChoice.Chosen(big, 900_000),
        "current has oom_score_adj -1000, so the kernel scans as usual",
        "current 의 oom_score_adj 가 -1000 이므로 평소처럼 탐색합니다");
    OomCheck.choice(
        killer,
        new OomControl(current, Optional.of(new OomMemcg("/", 1_000_000)), 1_000_000, 0, 0, true),
        tasks,
        new OomChoice.Chosen(big, 900_000),
        "the sysctl applies to a global OOM only; a memcg OOM always scans its group",
        "이 sysctl 은 전역 OOM 에만 적용됩니다. memcg OOM 은 언제나 그룹을 탐색합니다");
  }
}
