package dev.pagelab.sim.oom;

import dev.pagelab.sim.spi.OomChoice;
import dev.pagelab.sim.spi.OomControl;
import dev.pagelab.sim.spi.OomMemcg;
import dev.pagelab.sim.spi.OomPolicy;
import dev.pagelab.sim.spi.OomTask;
import java.util.List;
import java.util.Optional;

/**
 * The simulator's own {@link OomPolicy}: {@code oom_unkillable_task}, {@code oom_badness}, {@code
 * constrained_alloc}'s {@code totalpages}, the {@code oom_kill_allocating_task} test of {@code
 * out_of_memory}, {@code select_bad_process} and {@code oom_evaluate_task} ({@code mm/oom_kill.c})
 * and {@code proc_oom_score} ({@code fs/proc/base.c}), as in Linux 6.18.
 *
 * <p>The kernel reads the RSS counters with the per-CPU approximation ({@code get_mm_counter}); the
 * counters a task carries are already what it reads (the simulator's {@code vm.RssStat}). Not
 * modelled: {@code oom_task_origin} (swapoff, KSM unmerge choose themselves with {@code LONG_MAX})
 * and the cpuset and mempolicy filters ({@code oom_cpuset_eligible}: one node).
 */
public final class ReferenceOomPolicy implements OomPolicy {
  /** {@code LONG_MIN}: the badness of a task that must not be chosen. */
  public static final long UNKILLABLE = Long.MIN_VALUE;

  /** The policy; it holds no state, so one instance serves every machine. */
  public static final ReferenceOomPolicy INSTANCE = new ReferenceOomPolicy();

  /** Creates the policy (or use {@link #INSTANCE}). */
  public ReferenceOomPolicy() {}

  /**
   * {@code oom_unkillable_task}: global init and kernel threads are never candidates (they are also
   * left out of the task dump).
   *
   * @param t the task
   * @return true if the OOM killer must skip it
   */
  public static boolean unkillable(OomTask t) {
    return t.globalInit() || t.kthread();
  }

  /**
   * Why {@link #badness} is {@code LONG_MIN} for this task, if it is.
   *
   * @param t the task
   * @return the first reason the kernel checks, or empty for a candidate
   */
  public static Optional<Ineligible> ineligible(OomTask t) {
    if (t.globalInit()) {
      return Optional.of(Ineligible.GLOBAL_INIT);
    }
    if (t.kthread()) {
      return Optional.of(Ineligible.KERNEL_THREAD);
    }
    if (!t.hasMm()) {
      return Optional.of(Ineligible.NO_MM);
    }
    if (t.oomScoreAdj() == OomTask.OOM_SCORE_ADJ_MIN) {
      return Optional.of(Ineligible.OOM_SCORE_ADJ_MIN);
    }
    if (t.oomSkip()) {
      return Optional.of(Ineligible.OOM_SKIP);
    }
    if (t.inVfork()) {
      return Optional.of(Ineligible.IN_VFORK);
    }
    return Optional.empty();
  }

  /**
   * {@code oom_badness}: {@code rss + swapents + pgtables_bytes / PAGE_SIZE + adj * (totalpages /
   * 1000)}, or {@code LONG_MIN} for a task that must not be chosen. The result can be negative.
   */
  @Override
  public long badness(OomTask t, long totalpages) {
    if (totalpages <= 0) {
      throw new IllegalArgumentException(
          "ReferenceOomPolicy.badness: totalpages " + totalpages + " <= 0");
    }
    if (ineligible(t).isPresent()) {
      return UNKILLABLE;
    }
    long points = t.rssAnon() + t.rssFile() + t.rssShmem() + t.swapents();
    points += t.pgtablesBytes() / PAGE_SIZE;
    long adj = (long) t.oomScoreAdj() * (totalpages / 1000);
    return points + adj;
  }

  /**
   * {@code proc_oom_score}: 0 for {@code LONG_MIN}, else {@code (1000 + badness * 1000 /
   * totalpages) * 2 / 3} with {@code totalpages} RAM + swap, in C integer arithmetic.
   */
  @Override
  public long oomScore(OomTask t, long totalramPages, long totalSwapPages) {
    long totalpages = totalramPages + totalSwapPages;
    long badness = badness(t, totalpages);
    if (badness == UNKILLABLE) {
      return 0;
    }
    long points = (1000 + badness * 1000 / totalpages) * 2 / 3;
    if (points < 0) {
      throw new IllegalStateException(
          "ReferenceOomPolicy.oomScore: negative score " + points + " for pid " + t.pid());
    }
    return points;
  }

  /**
   * {@code constrained_alloc} on one node: {@code oc->totalpages}, the memcg's {@code
   * mem_cgroup_get_max} or 1, else RAM + swap.
   *
   * @param oc the OOM
   * @return pages, at least 1
   */
  public static long totalpages(OomControl oc) {
    return oc.memcg()
        .map(m -> Math.max(m.maxPages(), 1))
        .orElse(oc.totalramPages() + oc.totalSwapPages());
  }

  /**
   * Whether the task is charged to the cgroup ({@code mem_cgroup_scan_tasks} walks the cgroup and
   * its descendants).
   *
   * @param t the task
   * @param m the cgroup
   * @return true for a task of {@code m} or of a cgroup below it
   */
  public static boolean inMemcg(OomTask t, OomMemcg m) {
    return m.path().equals("/")
        || t.memcg().equals(m.path())
        || t.memcg().startsWith(m.path() + "/");
  }

  @Override
  public OomChoice chooseVictim(OomControl oc, List<OomTask> tasks) {
    OomTask current = oc.current();
    if (oc.memcg().isEmpty()
        && oc.oomKillAllocatingTask()
        && current.hasMm()
        && !unkillable(current)
        && current.oomScoreAdj() != OomTask.OOM_SCORE_ADJ_MIN) {
      return new OomChoice.AllocatingTask(current);
    }
    return selectBadProcess(oc, tasks);
  }

  /**
   * {@code select_bad_process}: {@code oom_evaluate_task} for every task; equal badness replaces
   * the choice, so the last of equals in process order wins.
   *
   * @param oc the OOM
   * @param tasks every task in {@code for_each_process} order
   * @return the choice
   */
  public OomChoice selectBadProcess(OomControl oc, List<OomTask> tasks) {
    long totalpages = totalpages(oc);
    boolean sysrq = oc.order() == -1;
    OomTask chosen = null;
    long chosenPoints = Long.MIN_VALUE;
    for (OomTask t : tasks) {
      if (oc.memcg().isPresent() && !inMemcg(t, oc.memcg().get())) {
        continue;
      }
      if (unkillable(t)) {
        continue;
      }
      if (!sysrq && t.oomVictim()) {
        if (t.oomSkip()) {
          continue;
        }
        return new OomChoice.Aborted();
      }
      long points = badness(t, totalpages);
      if (points == UNKILLABLE || points < chosenPoints) {
        continue;
      }
      chosen = t;
      chosenPoints = points;
    }
    return chosen == null
        ? new OomChoice.NothingKillable()
        : new OomChoice.Chosen(chosen, chosenPoints);
  }
}
