package dev.pagelab.sim.oom;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OOM killer's decision, following {@code mm/oom_kill.c} of Linux 6.x: {@code out_of_memory},
 * {@code constrained_alloc}, {@code check_panic_on_oom}, {@code select_bad_process}, {@code
 * oom_evaluate_task} and {@code oom_kill_process}.
 *
 * <p>The task list is in {@code for_each_process} order: the order the processes were forked in
 * (for a memcg OOM, the order {@code mem_cgroup_scan_tasks} meets them). A task scoring the same as
 * the one chosen so far replaces it, so among equals the last one in that order is chosen.
 *
 * <p>Not modelled: the OOM notifier chain, {@code task_will_free_mem} (a task already exiting is
 * given reserves instead of a kill), {@code oom_task_origin} (swapoff, KSM unmerge), cpuset and
 * mempolicy constraints (one node), the ratelimit on reports and {@code memory.oom.group}.
 */
public final class OomKiller {
  private OomKiller() {}

  /**
   * The result of a scan.
   *
   * @param chosen the task chosen, or empty if none was eligible or the scan was aborted
   * @param points the chosen task's badness ({@code LONG_MIN} if none)
   * @param aborted an earlier victim is still exiting, so nothing new is chosen
   */
  public record Selection(Optional<Task> chosen, long points, boolean aborted) {}

  /**
   * {@code constrained_alloc} on one node: a memcg OOM or none.
   *
   * @param r the request
   * @return the constraint
   */
  public static Constraint constraint(OomRequest r) {
    return r.memcg().isPresent() ? Constraint.CONSTRAINT_MEMCG : Constraint.CONSTRAINT_NONE;
  }

  /**
   * {@code oc->totalpages}: the memcg's {@code mem_cgroup_get_max} (at least 1), or RAM + swap.
   *
   * @param r the request
   * @return pages
   */
  public static long totalpages(OomRequest r) {
    return r.memcg()
        .map(m -> m.maxPages(r.totalSwapPages()))
        .orElse(r.totalramPages() + r.totalSwapPages());
  }

  /**
   * {@code select_bad_process}: evaluates every task with {@code oom_evaluate_task}.
   *
   * @param tasks every task in {@code for_each_process} order
   * @param memcg the cgroup of a memcg OOM (only its tasks are scanned), or empty
   * @param totalpages {@code oc->totalpages}
   * @param sysrq whether the kill was asked for with SysRq-f (earlier victims do not abort it)
   * @return the choice
   */
  public static Selection selectBadProcess(
      List<Task> tasks, Optional<Memcg> memcg, long totalpages, boolean sysrq) {
    Task chosen = null;
    long chosenPoints = Long.MIN_VALUE;
    for (Task t : tasks) {
      if (OomBadness.unkillable(t)) {
        continue;
      }
      if (memcg.isPresent() && !memcg.get().contains(t.memcg())) {
        continue;
      }
      if (!sysrq && t.oomVictim()) {
        if (t.oomSkip()) {
          continue;
        }
        return new Selection(Optional.empty(), Long.MIN_VALUE, true);
      }
      long points = OomBadness.badness(t, totalpages);
      if (points == OomBadness.UNKILLABLE || points < chosenPoints) {
        continue;
      }
      chosen = t;
      chosenPoints = points;
    }
    return new Selection(Optional.ofNullable(chosen), chosenPoints, false);
  }

  /**
   * {@code out_of_memory}: decides what to do about a failed allocation and prints the report.
   *
   * @param r the failed allocation and the settings
   * @param tasks every task in {@code for_each_process} order
   * @return what happened, with the kernel log lines
   */
  public static OomOutcome outOfMemory(OomRequest r, List<Task> tasks) {
    if (r.memcg().isEmpty() && !r.gfpMask().mayUseFs()) {
      return new OomOutcome.Declined();
    }
    Constraint constraint = constraint(r);
    long totalpages = totalpages(r);
    if (panics(r, constraint)) {
      List<String> log = dumpHeader(r, tasks);
      String kind = r.sysctls().panicOnOom() == 2 ? "compulsory" : "system-wide";
      log.add("Kernel panic - not syncing: Out of memory: " + kind + " panic_on_oom is enabled");
      return new OomOutcome.Panic(log);
    }
    Task current = r.current();
    if (r.memcg().isEmpty()
        && r.sysctls().oomKillAllocatingTask()
        && current.hasMm()
        && !OomBadness.unkillable(current)
        && current.oomScoreAdj() != Task.OOM_SCORE_ADJ_MIN) {
      return kill(r, tasks, constraint, current, 0, "Out of memory (oom_kill_allocating_task)");
    }
    Selection s = selectBadProcess(tasks, r.memcg(), totalpages, r.sysrq());
    if (s.aborted()) {
      return new OomOutcome.VictimPending();
    }
    if (s.chosen().isEmpty()) {
      List<String> log = dumpHeader(r, tasks);
      log.add("Out of memory and no killable processes...");
      if (!r.sysrq() && r.memcg().isEmpty()) {
        log.add("Kernel panic - not syncing: System is deadlocked on memory");
        return new OomOutcome.Panic(log);
      }
      return new OomOutcome.NothingKillable(log);
    }
    String message = r.memcg().isPresent() ? "Memory cgroup out of memory" : "Out of memory";
    return kill(r, tasks, constraint, s.chosen().get(), s.points(), message);
  }

  /** {@code check_panic_on_oom}: 2 always; 1 only for an unconstrained OOM; never for SysRq. */
  private static boolean panics(OomRequest r, Constraint constraint) {
    int panic = r.sysctls().panicOnOom();
    if (panic == 0 || r.sysrq()) {
      return false;
    }
    return panic == 2 || constraint == Constraint.CONSTRAINT_NONE;
  }

  /** {@code oom_kill_process}: the report, then {@code __oom_kill_process}. */
  private static OomOutcome kill(
      OomRequest r,
      List<Task> tasks,
      Constraint constraint,
      Task victim,
      long points,
      String message) {
    List<String> log = dumpHeader(r, tasks);
    log.add(OomReport.oomKillLine(constraint, r.cpuset(), r.memsAllowed(), r.memcg(), victim));
    log.add(OomReport.killedLine(message, victim));
    return new OomOutcome.Killed(victim, points, log);
  }

  /** {@code dump_header}: the invoked line, the memory state and, if enabled, the task table. */
  private static List<String> dumpHeader(OomRequest r, List<Task> tasks) {
    List<String> log = new ArrayList<>();
    log.add(OomReport.invokedLine(r.current(), r.gfpMask(), r.order()));
    if (r.memcg().isPresent()) {
      log.addAll(OomReport.memcgLines(r.memcg().get()));
    } else {
      log.addAll(OomReport.memInfoLines(r.memInfo()));
    }
    if (r.sysctls().oomDumpTasks()) {
      log.addAll(OomReport.taskTable(tasks, r.memcg()));
    }
    return log;
  }
}
