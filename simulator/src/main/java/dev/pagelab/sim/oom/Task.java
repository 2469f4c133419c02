package dev.pagelab.sim.oom;

import dev.pagelab.sim.spi.OomTask;

/**
 * What the OOM killer reads of one process (one thread-group leader): the fields of {@code
 * task_struct}, {@code signal_struct} and {@code mm_struct} that {@code mm/oom_kill.c} uses. Memory
 * counters are in pages of 4 KiB, except {@code pgtablesBytes} ({@code mm_pgtables_bytes}).
 *
 * @param pid the task's pid
 * @param tgid its thread group id
 * @param comm its command name ({@code comm}, at most 15 bytes)
 * @param uid its real uid ({@code task_uid})
 * @param kthread {@code PF_KTHREAD}: a kernel thread
 * @param globalInit {@code is_global_init}: the init process of the root pid namespace
 * @param hasMm some thread of it still has an mm ({@code find_lock_task_mm} finds one)
 * @param rssAnon {@code MM_ANONPAGES}
 * @param rssFile {@code MM_FILEPAGES}
 * @param rssShmem {@code MM_SHMEMPAGES}
 * @param swapents {@code MM_SWAPENTS}
 * @param pgtablesBytes {@code mm_pgtables_bytes}
 * @param totalVm {@code mm->total_vm}, in pages
 * @param oomScoreAdj {@code signal->oom_score_adj}, -1000..1000
 * @param oomSkip {@code MMF_OOM_SKIP} is set on its mm (already reaped, or exiting)
 * @param inVfork it is a vfork child that still shares its parent's mm
 * @param oomVictim {@code tsk_is_oom_victim}: an earlier OOM kill chose it and it has not exited
 * @param memcg the path of its memory cgroup, e.g. {@code "/"} or {@code "/measure/oomtest"}
 */
public record Task(
    int pid,
    int tgid,
    String comm,
    int uid,
    boolean kthread,
    boolean globalInit,
    boolean hasMm,
    long rssAnon,
    long rssFile,
    long rssShmem,
    long swapents,
    long pgtablesBytes,
    long totalVm,
    int oomScoreAdj,
    boolean oomSkip,
    boolean inVfork,
    boolean oomVictim,
    String memcg) {

  /** {@code OOM_SCORE_ADJ_MIN}: the task is never killed. */
  public static final int OOM_SCORE_ADJ_MIN = -1000;

  /** {@code OOM_SCORE_ADJ_MAX}. */
  public static final int OOM_SCORE_ADJ_MAX = 1000;

  /** Checks ranges: counters are not negative and the adj is within -1000..1000. */
  public Task {
    if (comm == null || memcg == null || !memcg.startsWith("/")) {
      throw new IllegalArgumentException(
          "Task: comm and an absolute memcg path are required, got " + comm + ", " + memcg);
    }
    if (oomScoreAdj < OOM_SCORE_ADJ_MIN || oomScoreAdj > OOM_SCORE_ADJ_MAX) {
      throw new IllegalArgumentException(
          "Task: oom_score_adj " + oomScoreAdj + " of pid " + pid + " is not in -1000..1000");
    }
    if (rssAnon < 0 || rssFile < 0 || rssShmem < 0 || swapents < 0 || pgtablesBytes < 0) {
      throw new IllegalArgumentException("Task: negative memory counter for pid " + pid);
    }
    if (totalVm < 0) {
      throw new IllegalArgumentException("Task: negative total_vm for pid " + pid);
    }
  }

  /**
   * A single-threaded user process in the root memory cgroup.
   *
   * @param pid pid and tgid
   * @param comm command name
   * @param rssAnon anonymous pages
   * @param rssFile file pages
   * @param rssShmem shared-memory pages
   * @param swapents swapped-out pages
   * @param pgtablesBytes page-table bytes
   * @param totalVm virtual size in pages
   * @param oomScoreAdj the adj
   * @return the task
   */
  public static Task user(
      int pid,
      String comm,
      long rssAnon,
      long rssFile,
      long rssShmem,
      long swapents,
      long pgtablesBytes,
      long totalVm,
      int oomScoreAdj) {
    return new Task(
        pid,
        pid,
        comm,
        0,
        false,
        pid == 1,
        true,
        rssAnon,
        rssFile,
        rssShmem,
        swapents,
        pgtablesBytes,
        totalVm,
        oomScoreAdj,
        false,
        false,
        false,
        "/");
  }

  /**
   * A kernel thread: no mm, never a candidate.
   *
   * @param pid its pid
   * @param comm its name
   * @return the task
   */
  public static Task kernelThread(int pid, String comm) {
    return new Task(
        pid, pid, comm, 0, true, false, false, 0, 0, 0, 0, 0, 0, 0, false, false, false, "/");
  }

  /**
   * {@code get_mm_rss}: anonymous + file + shared-memory pages.
   *
   * @return the resident pages
   */
  public long rss() {
    return rssAnon + rssFile + rssShmem;
  }

  /**
   * What an {@link dev.pagelab.sim.spi.OomPolicy} sees of this task: everything but the fields only
   * the report prints (tgid, uid, total_vm).
   *
   * @return the task as the OOM policy reads it
   */
  public OomTask oomTask() {
    return new OomTask(
        pid,
        comm,
        rssAnon,
        rssFile,
        rssShmem,
        swapents,
        pgtablesBytes,
        oomScoreAdj,
        kthread,
        globalInit,
        hasMm,
        oomSkip,
        inVfork,
        oomVictim,
        memcg);
  }

  /**
   * The same task with another oom_score_adj.
   *
   * @param adj the new adj, -1000..1000
   * @return the copy
   */
  public Task withOomScoreAdj(int adj) {
    return withOomFields(adj, oomSkip, inVfork, oomVictim, memcg);
  }

  /**
   * The same task in another memory cgroup.
   *
   * @param path the cgroup path
   * @return the copy
   */
  public Task withMemcg(String path) {
    return withOomFields(oomScoreAdj, oomSkip, inVfork, oomVictim, path);
  }

  /**
   * The same task with the OOM-victim state changed.
   *
   * @param victim whether an OOM kill chose it and it has not exited yet
   * @param skip whether its mm has {@code MMF_OOM_SKIP}
   * @return the copy
   */
  public Task withOomState(boolean victim, boolean skip) {
    return withOomFields(oomScoreAdj, skip, inVfork, victim, memcg);
  }

  /**
   * The same task with the vfork state changed.
   *
   * @param vfork whether it is a vfork child sharing its parent's mm
   * @return the copy
   */
  public Task withInVfork(boolean vfork) {
    return withOomFields(oomScoreAdj, oomSkip, vfork, oomVictim, memcg);
  }

  /** The same process and memory, with the OOM-related fields given. */
  private Task withOomFields(
      int adj, boolean skip, boolean vfork, boolean victim, String memcgPath) {
    return new Task(
        pid,
        tgid,
        comm,
        uid,
        kthread,
        globalInit,
        hasMm,
        rssAnon,
        rssFile,
        rssShmem,
        swapents,
        pgtablesBytes,
        totalVm,
        adj,
        skip,
        vfork,
        victim,
        memcgPath);
  }
}
