package dev.pagelab.exercises.oom;

import dev.pagelab.sim.spi.OomChoice;
import dev.pagelab.sim.spi.OomControl;
import dev.pagelab.sim.spi.OomPolicy;
import dev.pagelab.sim.spi.OomTask;
import java.util.List;

/**
 * Exercise "oom": the arithmetic and the choice of the Linux OOM killer. The assignment is {@code
 * exercises/oom/README.md} ({@code README.ko.md} in Korean); the full contract is the Javadoc of
 * {@link OomPolicy}.
 *
 * <pre>
 *   badness  = RSS (anon + file + shmem pages) + swap entries + page-table bytes / 4096
 *            + oom_score_adj * (totalpages / 1000)         or LONG_MIN if never to be killed
 *   oom_score = (1000 + badness * 1000 / totalpages) * 2 / 3   with totalpages = RAM + swap
 *   victim   = the task with the highest badness, the last one among equals
 * </pre>
 *
 * <p>Do the tasks in this order: {@link #badness} (tasks 1 and 2), {@link #oomScore} (task 3),
 * {@link #chooseVictim} (tasks 4 and 5). Every number is a {@code long} and every division is
 * Java's (and C's) integer division. Use only what {@code exercises/oom/grader-policy.txt} allows:
 * the basics of {@code java.lang}, the collections, {@code Optional}, sequential streams and
 * lambdas, and the OOM types in {@code dev.pagelab.sim.spi}. Keep no state between calls.
 */
public final class OomKiller implements OomPolicy {

  /** Creates the OOM killer; it must hold no state. */
  public OomKiller() {}

  /**
   * {@code oom_badness}: the pages a kill would free, moved by {@code oom_score_adj}; {@code
   * Long.MIN_VALUE} for a task that must never be killed.
   *
   * @param task the task, its memory counters in pages and its page tables in bytes
   * @param totalpages the memory the OOM is about, in pages (RAM + swap, or a cgroup's limit)
   * @return the badness, or {@code Long.MIN_VALUE}
   */
  @Override
  public long badness(OomTask task, long totalpages) {
    // TODO(oom): tasks 1 and 2 of README.md.
    throw new UnsupportedOperationException("TODO(oom): badness (tasks 1 and 2 of README.md)");
  }

  /**
   * {@code /proc/PID/oom_score}: the badness scaled to 0..2000 against the whole machine.
   *
   * @param task the task
   * @param totalramPages the machine's RAM, in pages
   * @param totalSwapPages the machine's swap, in pages
   * @return the score the kernel shows
   */
  @Override
  public long oomScore(OomTask task, long totalramPages, long totalSwapPages) {
    // TODO(oom): task 3 of README.md.
    throw new UnsupportedOperationException("TODO(oom): oomScore (task 3 of README.md)");
  }

  /**
   * The victim of {@code out_of_memory}: the allocating task under {@code
   * vm.oom_kill_allocating_task}, else {@code select_bad_process}'s choice.
   *
   * @param oc the OOM: the allocating task, the memcg if any, the machine's sizes, the sysctl
   * @param tasks every process in the order they were forked in
   * @return the choice, never null
   */
  @Override
  public OomChoice chooseVictim(OomControl oc, List<OomTask> tasks) {
    // TODO(oom): tasks 4 and 5 of README.md.
    throw new UnsupportedOperationException("TODO(oom): chooseVictim (tasks 4 and 5 of README.md)");
  }
}
