package dev.pagelab.sim.oom;

/**
 * The {@code vm.*} settings the OOM killer reads.
 *
 * @param panicOnOom {@code vm.panic_on_oom}: 0 kill, 1 panic unless the OOM is constrained (memcg,
 *     cpuset, mempolicy), 2 always panic
 * @param oomKillAllocatingTask {@code vm.oom_kill_allocating_task}: kill the task that allocates
 *     instead of scanning (global OOM only)
 * @param oomDumpTasks {@code vm.oom_dump_tasks}: print the task table
 */
public record OomSysctls(int panicOnOom, boolean oomKillAllocatingTask, boolean oomDumpTasks) {
  /** The kernel's defaults: 0, 0, 1. */
  public static final OomSysctls DEFAULT = new OomSysctls(0, false, true);

  /** Checks {@code panic_on_oom} is 0, 1 or 2 (the sysctl's range). */
  public OomSysctls {
    if (panicOnOom < 0 || panicOnOom > 2) {
      throw new IllegalArgumentException("OomSysctls: panic_on_oom " + panicOnOom + " not 0..2");
    }
  }
}
