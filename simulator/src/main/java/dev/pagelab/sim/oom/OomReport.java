package dev.pagelab.sim.oom;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kernel log lines of an OOM kill, as Linux 6.x prints them (without the {@code [ seconds]}
 * timestamp prefix).
 *
 * <p>Lines modelled: the {@code invoked oom-killer} line ({@code mm/oom_kill.c dump_header}); for a
 * memcg OOM the page-counter lines and the {@code memory.stat} lines of {@code mm/memcontrol.c
 * mem_cgroup_print_oom_meminfo}; for a global OOM {@code Mem-Info:} and the summary lines of {@code
 * mm/show_mem.c __show_mem} ({@code total pagecache pages} .. {@code pages hwpoisoned}); the task
 * table of {@code dump_tasks}/{@code dump_task}; {@code oom-kill:constraint=...} ({@code
 * dump_oom_victim}); {@code Killed process ...} ({@code __oom_kill_process}); {@code oom_reaper:
 * reaped process ...} ({@code oom_reap_task_mm}).
 *
 * <p>Lines left out, because the simulator has no such state: everything {@code dump_stack} prints
 * (the {@code CPU: ... Comm:} line, {@code Hardware name:}, {@code Call Trace:} and the registers),
 * the per-node and per-zone lines of {@code show_free_areas} (the counters line after {@code
 * Mem-Info:}, {@code Node 0 ...}, {@code lowmem_reserve[]:}, the buddy lists, the hugepages lines)
 * and {@code dump_unreclaimable_slab}.
 */
public final class OomReport {
  private OomReport() {}

  /**
   * {@code "%s invoked oom-killer: gfp_mask=%#x(%pGg), order=%d, oom_score_adj=%d"}.
   *
   * @param current the allocating task
   * @param gfp the allocation's flags
   * @param order the allocation's order
   * @return the line
   */
  public static String invokedLine(Task current, GfpMask gfp, int order) {
    return current.comm()
        + " invoked oom-killer: gfp_mask="
        + gfp.format()
        + ", order="
        + order
        + ", oom_score_adj="
        + current.oomScoreAdj();
  }

  /**
   * {@code mem_cgroup_print_oom_meminfo}: the page-counter lines, then {@code Memory cgroup stats
   * for PATH:} and one {@code "name value"} line per stat.
   *
   * @param memcg the cgroup
   * @return the lines
   */
  public static List<String> memcgLines(Memcg memcg) {
    List<String> out = new ArrayList<>();
    for (Memcg.PageCounter c : memcg.counters()) {
      out.add(
          c.name()
              + ": usage "
              + Long.toUnsignedString(c.usageKb())
              + "kB, limit "
              + Long.toUnsignedString(c.limitKb())
              + "kB, failcnt "
              + Long.toUnsignedString(c.failcnt()));
    }
    out.add("Memory cgroup stats for " + memcg.path() + ":");
    for (Memcg.Stat s : memcg.stats()) {
      out.add(s.name() + " " + Long.toUnsignedString(s.value()));
    }
    return out;
  }

  /**
   * {@code Mem-Info:} and the summary lines of {@code __show_mem} and {@code show_swap_cache_info}.
   *
   * @param m the values
   * @return the lines
   */
  public static List<String> memInfoLines(MemInfoSummary m) {
    return List.of(
        "Mem-Info:",
        m.pagecachePages() + " total pagecache pages",
        m.swapCachePages() + " pages in swap cache",
        "Free swap  = " + m.freeSwapPages() * 4 + "kB",
        "Total swap = " + m.totalSwapPages() * 4 + "kB",
        m.ramPages() + " pages RAM",
        m.highmemPages() + " pages HighMem/MovableOnly",
        m.reservedPages() + " pages reserved",
        m.cmaReservedPages() + " pages cma reserved",
        m.hwpoisonedPages() + " pages hwpoisoned");
  }

  /** The first line of {@code dump_tasks}. */
  public static final String TASKS_TITLE = "Tasks state (memory values in pages):";

  /** The column header of {@code dump_tasks}. */
  public static final String TASKS_HEADER =
      "[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes"
          + " swapents oom_score_adj name";

  /**
   * {@code dump_tasks}: the title, the header and one row per task that {@code dump_task} shows
   * (not global init, not a kernel thread, with an mm; in a memcg OOM only the cgroup's tasks).
   *
   * @param tasks every task in {@code for_each_process} order
   * @param memcg the cgroup of a memcg OOM, or empty
   * @return the lines
   */
  public static List<String> taskTable(List<Task> tasks, Optional<Memcg> memcg) {
    List<String> out = new ArrayList<>();
    out.add(TASKS_TITLE);
    out.add(TASKS_HEADER);
    for (Task t : tasks) {
      if (ReferenceOomPolicy.unkillable(t.oomTask()) || !t.hasMm()) {
        continue;
      }
      if (memcg.isPresent() && !memcg.get().contains(t.memcg())) {
        continue;
      }
      out.add(taskRow(t));
    }
    return out;
  }

  /**
   * One row of {@code dump_task}: {@code "[%7d] %5d %5d %8lu %8lu %8lu %8lu %9lu %8ld %8lu %5hd
   * %s"}.
   *
   * @param t the task
   * @return the row
   */
  public static String taskRow(Task t) {
    return String.format(
        "[%7d] %5d %5d %8d %8d %8d %8d %9d %8d %8d         %5d %s",
        t.pid(),
        t.uid(),
        t.tgid(),
        t.totalVm(),
        t.rss(),
        t.rssAnon(),
        t.rssFile(),
        t.rssShmem(),
        t.pgtablesBytes(),
        t.swapents(),
        t.oomScoreAdj(),
        t.comm());
  }

  /**
   * {@code dump_oom_victim}: {@code oom-kill:constraint=...,nodemask=(null),cpuset=...,
   * mems_allowed=...}, then {@code ,oom_memcg=PATH} or {@code ,global_oom}, then {@code
   * ,task_memcg=...,task=...,pid=...,uid=...}.
   *
   * @param constraint the constraint
   * @param cpuset the allocating task's cpuset path
   * @param memsAllowed its allowed nodes
   * @param memcg the cgroup of a memcg OOM, or empty
   * @param victim the chosen task
   * @return the line
   */
  public static String oomKillLine(
      Constraint constraint,
      String cpuset,
      String memsAllowed,
      Optional<Memcg> memcg,
      Task victim) {
    return "oom-kill:constraint="
        + constraint.name()
        + ",nodemask=(null),cpuset="
        + cpuset
        + ",mems_allowed="
        + memsAllowed
        + memcg.map(m -> ",oom_memcg=" + m.path()).orElse(",global_oom")
        + ",task_memcg="
        + victim.memcg()
        + ",task="
        + victim.comm()
        + ",pid="
        + victim.pid()
        + ",uid="
        + victim.uid();
  }

  /**
   * {@code __oom_kill_process}: {@code "%s: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB,
   * file-rss:%lukB, shmem-rss:%lukB, UID:%u pgtables:%lukB oom_score_adj:%d"}.
   *
   * @param message {@code Out of memory}, {@code Memory cgroup out of memory} or {@code Out of
   *     memory (oom_kill_allocating_task)}
   * @param victim the task killed
   * @return the line
   */
  public static String killedLine(String message, Task victim) {
    return message
        + ": Killed process "
        + victim.pid()
        + " ("
        + victim.comm()
        + ") total-vm:"
        + victim.totalVm() * 4
        + "kB, anon-rss:"
        + victim.rssAnon() * 4
        + "kB, file-rss:"
        + victim.rssFile() * 4
        + "kB, shmem-rss:"
        + victim.rssShmem() * 4
        + "kB, UID:"
        + victim.uid()
        + " pgtables:"
        + (victim.pgtablesBytes() >> 10)
        + "kB oom_score_adj:"
        + victim.oomScoreAdj();
  }

  /**
   * {@code oom_reap_task_mm}: the line the OOM reaper prints once it has unmapped the victim's
   * private memory, if the victim had not exited by itself within {@code OOM_REAPER_DELAY}.
   *
   * @param victim the task killed
   * @param anonPages its {@code MM_ANONPAGES} after reaping
   * @param filePages its {@code MM_FILEPAGES} after reaping
   * @param shmemPages its {@code MM_SHMEMPAGES} after reaping
   * @return the line
   */
  public static String reaperLine(Task victim, long anonPages, long filePages, long shmemPages) {
    return "oom_reaper: reaped process "
        + victim.pid()
        + " ("
        + victim.comm()
        + "), now anon-rss:"
        + anonPages * 4
        + "kB, file-rss:"
        + filePages * 4
        + "kB, shmem-rss:"
        + shmemPages * 4
        + "kB";
  }
}
