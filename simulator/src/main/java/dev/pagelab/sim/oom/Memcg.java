package dev.pagelab.sim.oom;

import java.util.List;

/**
 * A memory cgroup that hit its limit, with what {@code mm/memcontrol.c
 * mem_cgroup_print_oom_meminfo} prints about it.
 *
 * @param path its path, e.g. {@code /measure/oomtest}
 * @param memoryMaxPages {@code memory.max} (v2) or {@code memory.limit_in_bytes} (v1), in pages
 * @param swapMaxPages the swap it may use beyond that ({@code memory.swap.max}, or the v1 {@code
 *     memsw} limit minus the memory limit), in pages
 * @param swappiness its {@code vm.swappiness}; 0 means its swap does not count
 * @param counters the page-counter lines in print order: v2 {@code memory}, {@code swap}; v1 {@code
 *     memory}, {@code memory+swap}, {@code kmem}
 * @param stats the lines of {@code memory.stat} printed after {@code Memory cgroup stats for PATH:}
 *     (name and value)
 */
public record Memcg(
    String path,
    long memoryMaxPages,
    long swapMaxPages,
    int swappiness,
    List<PageCounter> counters,
    List<Stat> stats) {

  /** Copies the lists and checks the path. */
  public Memcg {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("Memcg: path must start with '/', got " + path);
    }
    if (memoryMaxPages < 0 || swapMaxPages < 0) {
      throw new IllegalArgumentException("Memcg: negative limit for " + path);
    }
    counters = List.copyOf(counters);
    stats = List.copyOf(stats);
  }

  /**
   * A cgroup with a memory limit and no further detail to print.
   *
   * @param path its path
   * @param limitPages its memory limit in pages
   * @return the cgroup
   */
  public static Memcg limited(String path, long limitPages) {
    return new Memcg(path, limitPages, 0, 60, List.of(), List.of());
  }

  /**
   * One {@code "%s: usage %llukB, limit %llukB, failcnt %lu"} line.
   *
   * @param name {@code memory}, {@code swap}, {@code memory+swap} or {@code kmem}
   * @param usageKb usage in KiB
   * @param limitKb limit in KiB
   * @param failcnt times the limit was hit
   */
  public record PageCounter(String name, long usageKb, long limitKb, long failcnt) {}

  /**
   * One {@code memory.stat} line.
   *
   * @param name the key, e.g. {@code rss} or {@code anon}
   * @param value its value
   */
  public record Stat(String name, long value) {}

  /**
   * {@code mem_cgroup_get_max}: the limit plus the swap it may use, capped by the swap that exists.
   * The OOM killer's {@code totalpages} in a memcg OOM is this, or 1 if this is 0 ({@code
   * constrained_alloc}).
   *
   * @param totalSwapPages {@code total_swap_pages}
   * @return pages
   */
  public long maxPages(long totalSwapPages) {
    long max = memoryMaxPages;
    if (swappiness != 0) {
      max += Math.min(swapMaxPages, totalSwapPages);
    }
    return max;
  }

  /**
   * The cgroup as an {@link dev.pagelab.sim.spi.OomPolicy} sees it: its path and {@link #maxPages}.
   *
   * @param totalSwapPages {@code total_swap_pages}
   * @return the cgroup's path and limit
   */
  public dev.pagelab.sim.spi.OomMemcg oomMemcg(long totalSwapPages) {
    return new dev.pagelab.sim.spi.OomMemcg(path, maxPages(totalSwapPages));
  }

  /**
   * Whether a task in the cgroup at {@code taskPath} is charged to this one (the same cgroup or a
   * descendant, as {@code mem_cgroup_scan_tasks} walks them).
   *
   * @param taskPath the task's cgroup path
   * @return true if it is inside
   */
  public boolean contains(String taskPath) {
    return taskPath.equals(path)
        || path.equals("/")
        || taskPath.startsWith(path.endsWith("/") ? path : path + "/");
  }
}
