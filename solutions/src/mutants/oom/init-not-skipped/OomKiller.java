// mutant: global init is not treated as unkillable (only kernel threads are)
package dev.pagelab.exercises.oom;

import dev.pagelab.sim.spi.OomChoice;
import dev.pagelab.sim.spi.OomControl;
import dev.pagelab.sim.spi.OomMemcg;
import dev.pagelab.sim.spi.OomPolicy;
import dev.pagelab.sim.spi.OomTask;
import java.util.List;

/**
 * Exercise "oom", the model answer: {@code oom_badness}, {@code proc_oom_score} and the victim
 * choice of {@code out_of_memory} as Linux 6.18 computes them ({@code mm/oom_kill.c}, {@code
 * fs/proc/base.c}).
 */
public final class OomKiller implements OomPolicy {

  /** Creates the OOM killer; it holds no state. */
  public OomKiller() {}

  /** {@code oom_badness}: RSS + swap + page tables in pages + adj in pages, or LONG_MIN. */
  @Override
  public long badness(OomTask task, long totalpages) {
    if (neverKilled(task)) {
      return Long.MIN_VALUE;
    }
    long points = task.rssAnon() + task.rssFile() + task.rssShmem();
    points += task.swapents() + task.pgtablesBytes() / PAGE_SIZE;
    long adj = task.oomScoreAdj();
    adj *= totalpages / 1000;
    return points + adj;
  }

  /** {@code oom_unkillable_task}, no mm, and the checks at the top of {@code oom_badness}. */
  private static boolean neverKilled(OomTask task) {
    return unkillable(task)
        || !task.hasMm()
        || task.oomScoreAdj() == OomTask.OOM_SCORE_ADJ_MIN
        || task.oomSkip()
        || task.inVfork();
  }

  /** {@code oom_unkillable_task}: global init and kernel threads. */
  private static boolean unkillable(OomTask task) {
    return task.kthread();
  }

  /** {@code proc_oom_score}: the badness against RAM + swap, scaled into 0..2000. */
  @Override
  public long oomScore(OomTask task, long totalramPages, long totalSwapPages) {
    long totalpages = totalramPages + totalSwapPages;
    long badness = badness(task, totalpages);
    if (badness == Long.MIN_VALUE) {
      return 0;
    }
    return (1000 + badness * 1000 / totalpages) * 2 / 3;
  }

  /** {@code out_of_memory} from {@code constrained_alloc} to the end of the scan. */
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
    long totalpages =
        oc.memcg().isPresent()
            ? Math.max(oc.memcg().get().maxPages(), 1)
            : oc.totalramPages() + oc.totalSwapPages();
    OomTask chosen = null;
    long chosenPoints = Long.MIN_VALUE;
    for (OomTask task : tasks) {
      if (oc.memcg().isPresent() && !inMemcg(task, oc.memcg().get())) {
        continue;
      }
      if (unkillable(task)) {
        continue;
      }
      if (oc.order() != -1 && task.oomVictim()) {
        if (task.oomSkip()) {
          continue;
        }
        return new OomChoice.Aborted();
      }
      long points = badness(task, totalpages);
      if (points == Long.MIN_VALUE || points < chosenPoints) {
        continue;
      }
      chosen = task;
      chosenPoints = points;
    }
    if (chosen == null) {
      return new OomChoice.NothingKillable();
    }
    return new OomChoice.Chosen(chosen, chosenPoints);
  }

  /** {@code mem_cgroup_scan_tasks}: the cgroup and every cgroup below it. */
  private static boolean inMemcg(OomTask task, OomMemcg memcg) {
    String path = memcg.path();
    return path.equals("/") || task.memcg().equals(path) || task.memcg().startsWith(path + "/");
  }
}
