package dev.pagelab.sim.spi;

import java.util.List;

/**
 * The OOM killer's arithmetic and its choice, as Linux 6.18 does them: {@code oom_badness} and the
 * victim choice of {@code out_of_memory} ({@code mm/oom_kill.c}), and the {@code
 * /proc/PID/oom_score} value ({@code proc_oom_score} in {@code fs/proc/base.c}).
 *
 * <p>The simulator calls an implementation whenever a global or memory-cgroup OOM has to choose a
 * task, and whenever {@code /proc/PID/oom_score} is read; {@code pagelab oom --proc DIR} scores a
 * real machine's processes with it. Implementations hold no state between calls. All arithmetic is
 * C's on 64-bit {@code long}: integer division truncates toward zero, as Java's {@code /} does.
 */
public interface OomPolicy {
  /** {@code PAGE_SIZE}: the bytes of one page. */
  long PAGE_SIZE = 4096;

  /**
   * {@code oom_badness(p, totalpages)}: how much memory killing the task would give back, in pages,
   * moved up or down by its {@code oom_score_adj}.
   *
   * <p>{@link Long#MIN_VALUE} ({@code LONG_MIN}) when the task must never be chosen: it is global
   * init, a kernel thread, it has no mm, its {@code oomScoreAdj} is {@link
   * OomTask#OOM_SCORE_ADJ_MIN}, its mm has {@code MMF_OOM_SKIP}, or it is in {@code vfork}.
   * Otherwise the sum of its resident pages ({@code get_mm_rss}: anonymous, file and shared-memory
   * pages), its swap entries, its page tables in whole pages ({@code pgtablesBytes / PAGE_SIZE})
   * and its {@code oom_score_adj} in pages: one adj point is worth {@code totalpages / 1000} pages
   * (an integer division, done first). The result may be negative or zero.
   *
   * @param task the task
   * @param totalpages {@code oc->totalpages}: RAM + swap pages for a global OOM, the cgroup's limit
   *     for a memcg OOM; at least 1
   * @return the badness in pages, or {@link Long#MIN_VALUE}
   */
  long badness(OomTask task, long totalpages);

  /**
   * {@code proc_oom_score}: the number {@code /proc/PID/oom_score} shows, 0..2000. The kernel takes
   * {@code totalpages = totalram_pages() + total_swap_pages} (the whole machine, whatever cgroup
   * the task is in), computes the task's {@link #badness} with it, and shows 0 for {@code
   * LONG_MIN}, else {@code (1000 + badness * 1000 / totalpages) * 2 / 3} in C's integer arithmetic,
   * evaluated left to right.
   *
   * @param task the task
   * @param totalramPages {@code totalram_pages()}, in pages; at least 1
   * @param totalSwapPages {@code total_swap_pages}, in pages; 0 without swap
   * @return the score
   */
  long oomScore(OomTask task, long totalramPages, long totalSwapPages);

  /**
   * The victim {@code out_of_memory} chooses, after {@code check_panic_on_oom} (the caller's
   * business).
   *
   * <ol>
   *   <li>{@code oc->totalpages} ({@code constrained_alloc}): for a memcg OOM the cgroup's {@link
   *       OomMemcg#maxPages()}, or 1 if that is 0; else {@code totalramPages + totalSwapPages}.
   *   <li>{@code vm.oom_kill_allocating_task}: in a global OOM only, if the sysctl is set and
   *       {@code current} has an mm, is neither global init nor a kernel thread, and its {@code
   *       oom_score_adj} is not -1000, the answer is {@link OomChoice.AllocatingTask} with {@code
   *       current}, without a scan (nothing else about {@code current} is checked).
   *   <li>{@code select_bad_process}: {@code oom_evaluate_task} for each task in the list's order,
   *       which is {@code for_each_process} order (the order processes were forked in). In a memcg
   *       OOM only the cgroup's tasks are looked at (its own and its descendants'). Global init and
   *       kernel threads are skipped. Unless the kill was asked for with SysRq-f ({@code order ==
   *       -1}), an earlier victim ({@code oomVictim}) is skipped if its mm has {@code
   *       MMF_OOM_SKIP}, and otherwise stops the scan: {@link OomChoice.Aborted}. Every other task
   *       gets its {@link #badness} with {@code oc->totalpages}; {@code LONG_MIN} is skipped, and a
   *       task whose badness is not below the best so far becomes the new choice, so among equal
   *       scores the one met <em>last</em> wins.
   *   <li>The task chosen and its badness: {@link OomChoice.Chosen}; none: {@link
   *       OomChoice.NothingKillable}.
   * </ol>
   *
   * @param oc the OOM: the allocating task, the memcg if any, the machine's sizes, the sysctl
   * @param tasks every process of the machine in {@code for_each_process} order (in a memcg OOM,
   *     members and non-members alike); not modified
   * @return the choice; never null. A chosen task is one of {@code tasks} (or {@code oc.current()})
   */
  OomChoice chooseVictim(OomControl oc, List<OomTask> tasks);
}
