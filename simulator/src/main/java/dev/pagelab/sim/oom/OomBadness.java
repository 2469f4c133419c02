package dev.pagelab.sim.oom;

import java.util.Optional;

/**
 * The OOM killer's score of a task. Follows {@code mm/oom_kill.c oom_unkillable_task} and {@code
 * oom_badness}, and {@code fs/proc/base.c proc_oom_score}, of Linux 6.x (5.9 and later).
 *
 * <p>The kernel reads the RSS counters with the per-CPU approximation ({@code get_mm_counter}), so
 * on a real machine {@code oom_score} can lag the exact RSS by up to 32 pages per CPU; this class
 * uses the exact counters it is given.
 */
public final class OomBadness {
  /** {@code LONG_MIN}: the score of a task that must not be chosen. */
  public static final long UNKILLABLE = Long.MIN_VALUE;

  private static final long PAGE_SIZE = 4096;

  private OomBadness() {}

  /**
   * {@code oom_unkillable_task}: global init and kernel threads are never candidates (they are also
   * left out of the task dump).
   *
   * @param t the task
   * @return true if the OOM killer must skip it
   */
  public static boolean unkillable(Task t) {
    return t.globalInit() || t.kthread();
  }

  /**
   * Why {@link #badness} is {@code LONG_MIN} for this task, if it is.
   *
   * @param t the task
   * @return the first reason the kernel checks, or empty for a candidate
   */
  public static Optional<Ineligible> ineligible(Task t) {
    if (t.globalInit()) {
      return Optional.of(Ineligible.GLOBAL_INIT);
    }
    if (t.kthread()) {
      return Optional.of(Ineligible.KERNEL_THREAD);
    }
    if (!t.hasMm()) {
      return Optional.of(Ineligible.NO_MM);
    }
    if (t.oomScoreAdj() == Task.OOM_SCORE_ADJ_MIN) {
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
   *
   * @param t the task
   * @param totalpages RAM + swap pages, or the memory cgroup's limit for a memcg OOM
   * @return the badness in pages, or {@link #UNKILLABLE}
   */
  public static long badness(Task t, long totalpages) {
    if (totalpages <= 0) {
      throw new IllegalArgumentException("OomBadness.badness: totalpages " + totalpages + " <= 0");
    }
    if (ineligible(t).isPresent()) {
      return UNKILLABLE;
    }
    long points = t.rss() + t.swapents() + t.pgtablesBytes() / PAGE_SIZE;
    long adj = (long) t.oomScoreAdj() * (totalpages / 1000);
    return points + adj;
  }

  /**
   * {@code proc_oom_score}: 0 for {@code LONG_MIN}, else {@code (1000 + badness * 1000 /
   * totalpages) * 2 / 3} in C integer arithmetic (truncation toward zero), printed as unsigned.
   *
   * @param t the task
   * @param totalpages {@code totalram_pages() + total_swap_pages}
   * @return the value {@code /proc/<pid>/oom_score} shows, 0..2000
   */
  public static long oomScore(Task t, long totalpages) {
    long badness = badness(t, totalpages);
    if (badness == UNKILLABLE) {
      return 0;
    }
    long points = (1000 + badness * 1000 / totalpages) * 2 / 3;
    if (points < 0) {
      throw new IllegalStateException(
          "OomBadness.oomScore: negative score " + points + " for pid " + t.pid());
    }
    return points;
  }
}
