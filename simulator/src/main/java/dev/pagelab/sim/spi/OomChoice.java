package dev.pagelab.sim.spi;

import java.util.Objects;

/**
 * What the OOM killer chose ({@code oc->chosen} and {@code oc->chosen_points} after {@code
 * out_of_memory} has looked for a victim): a task to kill, or why there is none.
 */
public sealed interface OomChoice
    permits OomChoice.Chosen,
        OomChoice.AllocatingTask,
        OomChoice.Aborted,
        OomChoice.NothingKillable {

  /**
   * {@code select_bad_process} chose a victim.
   *
   * @param victim the task with the highest badness (one of the tasks scanned)
   * @param points its badness ({@code oc->chosen_points})
   */
  record Chosen(OomTask victim, long points) implements OomChoice {
    /** Checks that the victim is given. */
    public Chosen {
      Objects.requireNonNull(victim, "victim");
    }
  }

  /**
   * {@code vm.oom_kill_allocating_task} chose the allocating task itself, without a scan ({@code
   * "Out of memory (oom_kill_allocating_task)"}).
   *
   * @param victim {@code current}
   */
  record AllocatingTask(OomTask victim) implements OomChoice {
    /** Checks that the victim is given. */
    public AllocatingTask {
      Objects.requireNonNull(victim, "victim");
    }
  }

  /**
   * The scan stopped at an earlier victim that has not exited yet and whose mm the OOM reaper has
   * not finished ({@code oc->chosen == (void *)-1UL}): nothing new is killed this time.
   */
  record Aborted() implements OomChoice {}

  /** The scan found no task it may kill ({@code oc->chosen == NULL}). */
  record NothingKillable() implements OomChoice {}
}
