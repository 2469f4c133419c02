package dev.pagelab.sim.oom;

/**
 * Why {@code oom_badness} returns {@code LONG_MIN} for a task, in the order {@code mm/oom_kill.c}
 * tests it.
 */
public enum Ineligible {
  /** {@code is_global_init}: pid 1 of the root pid namespace. */
  GLOBAL_INIT("global init"),
  /** {@code PF_KTHREAD}. */
  KERNEL_THREAD("kernel thread"),
  /** No thread has an mm any more ({@code find_lock_task_mm} returns NULL). */
  NO_MM("no mm"),
  /** {@code oom_score_adj == OOM_SCORE_ADJ_MIN}. */
  OOM_SCORE_ADJ_MIN("oom_score_adj -1000"),
  /** {@code MMF_OOM_SKIP}: already reaped or exiting. */
  OOM_SKIP("MMF_OOM_SKIP"),
  /** {@code in_vfork}. */
  IN_VFORK("in vfork");

  private final String text;

  Ineligible(String text) {
    this.text = text;
  }

  /**
   * A short reason for tables, e.g. {@code "kernel thread"}.
   *
   * @return the reason
   */
  public String text() {
    return text;
  }
}
