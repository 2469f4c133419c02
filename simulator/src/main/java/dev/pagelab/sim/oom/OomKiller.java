package dev.pagelab.sim.oom;

import dev.pagelab.sim.spi.OomChoice;
import dev.pagelab.sim.spi.OomControl;
import dev.pagelab.sim.spi.OomPolicy;
import dev.pagelab.sim.spi.OomTask;
import java.util.ArrayList;
import java.util.List;

/**
 * The OOM killer's decision, following {@code mm/oom_kill.c} of Linux 6.x: {@code out_of_memory},
 * {@code constrained_alloc}, {@code check_panic_on_oom} and {@code oom_kill_process}. The choice of
 * the victim ({@code oom_kill_allocating_task}, {@code select_bad_process}) is an {@link
 * OomPolicy}'s: the simulator's {@link ReferenceOomPolicy}, or a student's.
 *
 * <p>The task list is in {@code for_each_process} order: the order the processes were forked in
 * (for a memcg OOM, the order {@code mem_cgroup_scan_tasks} meets them).
 *
 * <p>Not modelled: the OOM notifier chain, {@code task_will_free_mem} (a task already exiting is
 * given reserves instead of a kill), {@code oom_task_origin} (swapoff, KSM unmerge), cpuset and
 * mempolicy constraints (one node) and the ratelimit on reports.
 */
public final class OomKiller {
  private OomKiller() {}

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
    return ReferenceOomPolicy.totalpages(control(r));
  }

  /**
   * The {@code struct oom_control} an {@link OomPolicy} gets for this request.
   *
   * @param r the request
   * @return the allocating task, the memcg and its limit, the machine's sizes, the sysctl
   */
  public static OomControl control(OomRequest r) {
    return new OomControl(
        r.current().oomTask(),
        r.memcg().map(m -> m.oomMemcg(r.totalSwapPages())),
        r.totalramPages(),
        r.totalSwapPages(),
        r.order(),
        r.sysctls().oomKillAllocatingTask());
  }

  /**
   * {@code out_of_memory} with the simulator's own policy.
   *
   * @param r the failed allocation and the settings
   * @param tasks every task in {@code for_each_process} order
   * @return what happened, with the kernel log lines
   */
  public static OomOutcome outOfMemory(OomRequest r, List<Task> tasks) {
    return outOfMemory(ReferenceOomPolicy.INSTANCE, r, tasks);
  }

  /**
   * {@code out_of_memory}: decides what to do about a failed allocation and prints the report; the
   * policy chooses the victim.
   *
   * @param policy what chooses the victim
   * @param r the failed allocation and the settings
   * @param tasks every task in {@code for_each_process} order
   * @return what happened, with the kernel log lines
   */
  public static OomOutcome outOfMemory(OomPolicy policy, OomRequest r, List<Task> tasks) {
    if (r.memcg().isEmpty() && !r.gfpMask().mayUseFs()) {
      return new OomOutcome.Declined();
    }
    Constraint constraint = constraint(r);
    if (panics(r, constraint)) {
      List<String> log = dumpHeader(r, tasks);
      String kind = r.sysctls().panicOnOom() == 2 ? "compulsory" : "system-wide";
      log.add("Kernel panic - not syncing: Out of memory: " + kind + " panic_on_oom is enabled");
      return new OomOutcome.Panic(log);
    }
    List<OomTask> views = new ArrayList<>(tasks.size());
    tasks.forEach(t -> views.add(t.oomTask()));
    OomChoice choice = policy.chooseVictim(control(r), views);
    if (choice instanceof OomChoice.AllocatingTask a) {
      Task current = taskOf(a.victim(), List.of(r.current()));
      return kill(r, tasks, constraint, current, 0, "Out of memory (oom_kill_allocating_task)");
    }
    if (choice instanceof OomChoice.Aborted) {
      return new OomOutcome.VictimPending();
    }
    if (choice instanceof OomChoice.Chosen c) {
      String message = r.memcg().isPresent() ? "Memory cgroup out of memory" : "Out of memory";
      return kill(r, tasks, constraint, taskOf(c.victim(), tasks), c.points(), message);
    }
    if (!(choice instanceof OomChoice.NothingKillable)) {
      throw new IllegalStateException("OomKiller.outOfMemory: the policy returned " + choice);
    }
    List<String> log = dumpHeader(r, tasks);
    log.add("Out of memory and no killable processes...");
    if (!r.sysrq() && r.memcg().isEmpty()) {
      log.add("Kernel panic - not syncing: System is deadlocked on memory");
      return new OomOutcome.Panic(log);
    }
    return new OomOutcome.NothingKillable(log);
  }

  /** The task of {@code tasks} the policy's choice stands for (same pid). */
  private static Task taskOf(OomTask chosen, List<Task> tasks) {
    for (Task t : tasks) {
      if (t.pid() == chosen.pid()) {
        return t;
      }
    }
    throw new IllegalStateException(
        "OomKiller.outOfMemory: the policy chose pid " + chosen.pid() + ", which it was not given");
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
