package dev.pagelab.sim.spi;

import java.util.Objects;

/**
 * One process (a thread group) as the OOM killer of Linux 6.18 reads it: the fields of {@code
 * task_struct}, {@code signal_struct} and {@code mm_struct} that {@code mm/oom_kill.c} uses to
 * score a task and to choose a victim.
 *
 * <p>Units: the four memory counters are in <b>pages</b> of 4 KiB ({@link OomPolicy#PAGE_SIZE});
 * {@code pgtablesBytes} alone is in <b>bytes</b>. A task without an mm (a kernel thread, or a
 * process whose threads have all released theirs) has every counter 0.
 *
 * @param pid the process id ({@code task->pid} of the thread-group leader)
 * @param comm the command name ({@code task->comm}, at most 15 bytes), for messages
 * @param rssAnon resident anonymous pages: {@code get_mm_counter(mm, MM_ANONPAGES)}
 * @param rssFile resident file-backed pages: {@code get_mm_counter(mm, MM_FILEPAGES)}
 * @param rssShmem resident shared-memory pages: {@code get_mm_counter(mm, MM_SHMEMPAGES)}
 * @param swapents pages swapped out: {@code get_mm_counter(mm, MM_SWAPENTS)}
 * @param pgtablesBytes bytes of page tables the mm holds: {@code mm_pgtables_bytes(mm)} (a multiple
 *     of 4096 on x86-64)
 * @param oomScoreAdj {@code signal->oom_score_adj}, from {@link #OOM_SCORE_ADJ_MIN} (-1000, never
 *     kill) to {@link #OOM_SCORE_ADJ_MAX} (1000)
 * @param kthread {@code PF_KTHREAD} is set: a kernel thread
 * @param globalInit {@code is_global_init}: pid 1 of the root pid namespace
 * @param hasMm some thread of the process still has an mm ({@code find_lock_task_mm} finds one)
 * @param oomSkip {@code MMF_OOM_SKIP} is set on its mm: the OOM reaper is done with it, or it is
 *     exiting
 * @param inVfork {@code in_vfork}: a {@code vfork} child still sharing its parent's mm
 * @param oomVictim {@code tsk_is_oom_victim}: an earlier OOM kill chose it and it has not exited
 *     yet
 * @param memcg the path of its memory cgroup, {@code "/"} for the root, else like {@code
 *     "/measure/oomtest"} (no trailing slash)
 */
public record OomTask(
    int pid,
    String comm,
    long rssAnon,
    long rssFile,
    long rssShmem,
    long swapents,
    long pgtablesBytes,
    int oomScoreAdj,
    boolean kthread,
    boolean globalInit,
    boolean hasMm,
    boolean oomSkip,
    boolean inVfork,
    boolean oomVictim,
    String memcg) {

  /** {@code OOM_SCORE_ADJ_MIN}: a task with this {@code oom_score_adj} is never killed. */
  public static final int OOM_SCORE_ADJ_MIN = -1000;

  /** {@code OOM_SCORE_ADJ_MAX}. */
  public static final int OOM_SCORE_ADJ_MAX = 1000;

  /** Checks that the names are given, the counters are not negative and the adj is in range. */
  public OomTask {
    Objects.requireNonNull(comm, "comm");
    Objects.requireNonNull(memcg, "memcg");
    if (!memcg.startsWith("/") || (memcg.length() > 1 && memcg.endsWith("/"))) {
      throw new IllegalArgumentException(
          "OomTask: memcg of pid " + pid + " must be \"/\" or \"/a/b\", not \"" + memcg + "\"");
    }
    if (oomScoreAdj < OOM_SCORE_ADJ_MIN || oomScoreAdj > OOM_SCORE_ADJ_MAX) {
      throw new IllegalArgumentException(
          "OomTask: oom_score_adj " + oomScoreAdj + " of pid " + pid + " is not in -1000..1000");
    }
    if (rssAnon < 0 || rssFile < 0 || rssShmem < 0 || swapents < 0 || pgtablesBytes < 0) {
      throw new IllegalArgumentException("OomTask: a memory counter of pid " + pid + " is < 0");
    }
  }
}
